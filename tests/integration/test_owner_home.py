"""The dashboard home: today (IST), orders by status, 30-day revenue chart data, low stock."""

import json
import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, sign_in
from webdpro import clock
from webdpro.db import Order


def at(store, moment, **kw):
    order = make_order(store, **kw)
    order.update(actions=[Order.created_at.set(clock.iso(moment))])
    return order


@pytest.fixture
def home(client):
    owner, tenant = make_owner(name="Meera", plan="PRO")
    a = make_store(tenant, name="Main Bazaar")
    b = make_store(tenant, name="Branch Road")
    sign_in(client, owner)
    return client, owner, tenant, a, b


def test_today_revenue_status_and_chart(home):
    client, owner, tenant, a, b = home
    rice = make_product(a, price="200.00")
    today_ist = clock.local_today()
    just_after_midnight = datetime.combine(today_ist, time(0, 5), tzinfo=clock.IST)  # yesterday in UTC
    at(a, just_after_midnight, products=[rice])  # 230 today (IST)
    at(b, clock.now() - timedelta(minutes=1), products=[rice], status="PREPARING")  # 230 today
    at(a, clock.now() - timedelta(minutes=2), products=[rice], status="CANCELLED")  # not revenue
    at(
        a, datetime.combine(today_ist, time(0, 0), tzinfo=clock.IST) - timedelta(minutes=1), products=[rice]
    )  # yesterday
    at(a, clock.now() - timedelta(days=40), products=[rice])  # outside the window
    with assert_max_calls(6) as counter:
        response = client.get(reverse("owner:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="kpi-today-orders">3<', body)  # cancelled still counts as an order placed today
    assert re.search(r'id="kpi-today-revenue">₹460.00<', body)
    assert 'data-status-count="CANCELLED">1<' in body and 'data-status-count="CONFIRMED">2<' in body
    chart = json.loads(
        re.search(r'<script id="revenue-data" type="application/json">(.*?)</script>', body, re.S).group(1)
    )
    assert len(chart["labels"]) == 30 and chart["revenue"][-1] == "460.00" and chart["revenue"][-2] == "230.00"
    assert chart["orders"][-1] == 3 and sum(Decimal(v) for v in chart["revenue"]) == Decimal("690.00")
    assert "chart.umd.min.js" in body
    # The table under the chart, newest day first; each status links to the desk filtered by it.
    from dashboard.templatetags.labels import owner_date

    today = f'<tr><td>{owner_date(clock.local_today())}</td><td class="num">3</td><td class="num">₹460.00</td></tr>'
    assert body.index(today) < body.index(f"<td>{owner_date(clock.local_today() - timedelta(days=1))}</td>")
    assert f'href="{reverse("owner:orders")}?status=CANCELLED"' in body
    queries = order_queries(counter)
    assert len(queries) == 2 and {q["IndexName"] for q in queries} == {"tenant-index"}  # closed days + today
    assert all("created_at" in q["ExpressionAttributeNames"].values() for q in queries)
    assert counter["Scan"] == 0
    with assert_max_calls(5) as counter:  # the closed days come from the cache now: only today is read
        again = client.get(reverse("owner:home")).content.decode()
    assert len(order_queries(counter)) == 1 and 'id="kpi-today-revenue">₹460.00<' in again


def order_queries(counter):
    queries = [json.loads(p["body"]) for op, p in counter.calls if op == "Query"]
    return [q for q in queries if q["TableName"].endswith("orders")]


def test_a_status_change_refreshes_the_cached_days(home):
    client, owner, tenant, a, b = home
    from webdpro.orders import actions

    yesterday = at(a, clock.now() - timedelta(days=2), products=[make_product(a, price="100.00")])
    body = client.get(reverse("owner:home")).content.decode()
    assert 'data-status-count="CONFIRMED">1<' in body
    actions.cancel_order(Order.get(yesterday.order_id), by=owner.user_id)
    body = client.get(reverse("owner:home")).content.decode()
    assert 'data-status-count="CONFIRMED">0<' in body and 'data-status-count="CANCELLED">1<' in body


def test_low_stock_block_and_switcher(home):
    client, owner, tenant, a, b = home
    make_product(a, name="Sugar", stock=2, threshold=5)
    make_product(a, name="Salt", stock=50, threshold=5)
    make_product(b, name="Ghee", stock=0, threshold=3)
    body = client.get(reverse("owner:home")).content.decode()
    assert "Sugar" in body and "Salt" not in body and "Ghee" not in body
    response = client.get(reverse("owner:home"), {"store": b.store_id})
    assert response.status_code == 302 and response["Location"] == reverse("owner:home")
    body = client.get(reverse("owner:home")).content.decode()
    assert "Ghee" in body and "Out of stock" in body and "Sugar" not in body
    _, other = make_owner()
    assert client.get(reverse("owner:home"), {"store": make_store(other).store_id}).status_code == 404


def test_empty_tenant(client):
    owner, _ = make_owner()
    sign_in(client, owner)
    body = client.get(reverse("owner:home")).content.decode()
    assert "Create a store" in body and re.search(r'id="kpi-today-revenue">₹0.00<', body)


def test_expiring_overdue_orders_keeps_the_cached_days(home):
    """Unpaid orders past their window are counted as cancelled and expired off the request path: the
    expiry writes what the cached days already say, so the next read is today's Query alone."""
    from webdpro.orders import expiry

    client, owner, tenant, a, b = home
    rice = make_product(a, price="100.00", stock=10)
    due = [
        at(a, clock.now() - timedelta(days=d), products=[rice], status="PENDING_PAYMENT", payment_method="UPI")
        for d in (2, 3, 4, 5, 6, 7, 8)
    ]
    at(a, clock.now() - timedelta(days=3), products=[rice])
    body = client.get(reverse("owner:home")).content.decode()
    assert 'data-status-count="CANCELLED">7<' in body and 'data-status-count="PENDING_PAYMENT">0<' in body
    expiry.wait_for_background()
    assert {Order.get(o.order_id).status for o in due} == {"CANCELLED"}  # all seven, not five per request
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:home")).content.decode()
    assert len(order_queries(counter)) == 1, counter.describe()
    assert counter["TransactWriteItems"] == 0 and counter["BatchGetItem"] == 1  # the user and tenant
    assert 'data-status-count="CANCELLED">7<' in body and 'data-status-count="CONFIRMED">1<' in body


def test_a_change_to_todays_order_keeps_the_cached_days(home):
    from webdpro.orders import actions

    client, owner, tenant, a, b = home
    rice = make_product(a, price="100.00")
    at(a, clock.now() - timedelta(days=2), products=[rice])
    today = make_order(a, products=[rice])
    client.get(reverse("owner:home"))
    actions.cancel_order(Order.get(today.order_id), by=owner.user_id)
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:home")).content.decode()
    assert len(order_queries(counter)) == 1  # today only: the closed days were not dropped
    assert 'data-status-count="CANCELLED">1<' in body and 'data-status-count="CONFIRMED">1<' in body


def test_a_late_payment_of_an_order_counted_cancelled_drops_the_cached_days():
    """An order the closed days counted as cancelled (overdue) that ends up anything but cancelled
    (paid a moment before the expiry) makes the next read re-read them."""
    from django.core.cache import cache

    from webdpro.orders import home_cache

    order = Order("01JTESTHOMECACHE0000000001", tenant_id="t-home-cache", status="CONFIRMED")
    order.created_at = clock.iso(clock.now() - timedelta(days=2))
    gen = home_cache.generation(order.tenant_id)
    home_cache.remember_counted_cancelled(order.tenant_id, gen, [order.order_id])
    home_cache.order_changed(order)
    assert home_cache.generation(order.tenant_id) != gen
    gen = home_cache.generation(order.tenant_id)
    home_cache.remember_counted_cancelled(order.tenant_id, gen, [order.order_id])
    order.status = "CANCELLED"
    home_cache.order_changed(order)
    assert home_cache.generation(order.tenant_id) == gen
    cache.clear()


def today_query_start(counter):
    (query,) = [q for q in order_queries(counter)]
    values = query["ExpressionAttributeValues"]
    return min(v["S"] for v in values.values() if "S" in v and v["S"][:2] == "20")


def test_today_is_topped_up_with_the_orders_created_since_and_read_whole_after_a_change(home):
    from webdpro.orders import actions

    client, owner, tenant, a, b = home
    rice = make_product(a, price="100.00")
    first = make_order(a, products=[rice])
    client.get(reverse("owner:home"))
    second = make_order(a, products=[rice])
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:home")).content.decode()
    assert re.search(r'id="kpi-today-orders">2<', body) and re.search(r'id="kpi-today-revenue">₹260.00<', body)
    assert today_query_start(counter) > first.created_at  # only what came after the newest counted
    actions.cancel_order(Order.get(second.order_id), by=owner.user_id)
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:home")).content.decode()
    assert today_query_start(counter) == clock.day_start_iso(clock.local_today())  # today read whole
    assert re.search(r'id="kpi-today-revenue">₹130.00<', body) and 'data-status-count="CANCELLED">1<' in body


def test_an_awaiting_order_that_falls_due_makes_today_read_whole(home, monkeypatch):
    from webdpro.orders import expiry

    client, owner, tenant, a, b = home
    rice = make_product(a, price="100.00")
    unpaid = make_order(a, products=[rice], status="PENDING_PAYMENT", payment_method="UPI")
    body = client.get(reverse("owner:home")).content.decode()
    assert 'data-status-count="PENDING_PAYMENT">1<' in body
    monkeypatch.setattr(expiry, "timeout_minutes", lambda: 0)  # its window is over now
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:home")).content.decode()
    assert today_query_start(counter) == clock.day_start_iso(clock.local_today())
    assert 'data-status-count="PENDING_PAYMENT">0<' in body and 'data-status-count="CANCELLED">1<' in body
    expiry.wait_for_background()
    assert Order.get(unpaid.order_id).status == "CANCELLED"


def test_today_is_read_whole_again_once_its_cache_is_older_than_the_limit(home, monkeypatch):
    from webdpro.orders import selectors

    client, owner, tenant, a, b = home
    make_order(a, products=[make_product(a)])
    client.get(reverse("owner:home"))
    monkeypatch.setattr(selectors, "TODAY_CACHE_SECONDS", 0)  # changes made by other processes show up
    with assert_max_calls(4) as counter:
        client.get(reverse("owner:home"))
    assert today_query_start(counter) == clock.day_start_iso(clock.local_today())


def test_an_expiry_finishing_while_the_days_are_read_keeps_them(home):
    """An order already overdue when the closed days started to be read is counted cancelled by that read,
    whether the expiry wrote it before or after the Query met it: no re-read."""
    from webdpro.orders import actions, expiry, home_cache

    client, owner, tenant, a, b = home
    rice = make_product(a, price="100.00")
    due = at(a, clock.now() - timedelta(days=3), products=[rice], status="PENDING_PAYMENT", payment_method="UPI")
    gen = home_cache.generation(tenant.tenant_id)
    started = (clock.now_iso(), expiry.cutoff_iso())
    home_cache.mark_read_started(tenant.tenant_id, gen, *started)  # a read began; its ids are not remembered yet
    assert expiry.expire(Order.get(due.order_id)) is True
    assert home_cache.generation(tenant.tenant_id) == gen
    confirmed = at(a, clock.now() - timedelta(days=3), products=[rice])
    actions.cancel_order(Order.get(confirmed.order_id), by=owner.user_id)  # not overdue: the figures change
    assert home_cache.generation(tenant.tenant_id) != gen


def test_the_low_stock_widget_reads_the_newest_products_in_one_query(home):
    from webdpro.db import Product

    client, owner, tenant, a, b = home
    sugar = make_product(a, name="Sugar", stock=1, threshold=5)  # the oldest: 150 newer products follow
    with Product.batch_write() as batch:
        for i in range(150):
            batch.save(
                Product(
                    a.store_id,
                    f"01K{i:023d}",
                    name=f"Item {i}",
                    price=Decimal("10.00"),
                    stock_quantity=50,
                    low_stock_threshold=5,
                    is_active=True,
                    created_at=clock.now_iso(),
                    tenant_id=tenant.tenant_id,
                )
            )
    client.get(reverse("owner:home"))
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:home")).content.decode()
    products = [p for op, p in counter.calls if op == "Query" and b"-products" in p["body"]]
    assert len(products) == 1 and "Sugar" in body and sugar.product_id in body
