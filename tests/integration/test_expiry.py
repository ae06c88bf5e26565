"""Unpaid orders expire: cancelled through the workflow with their stock back, idempotently, found by Query."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tests.helpers import assert_max_calls, make_owner, make_product, make_store, random_phone
from webdpro import clock
from webdpro.db import Order, Product
from webdpro.orders import expiry
from webdpro.orders.placement import Line, place_order


@pytest.fixture
def shop(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant)
    return tenant, store


def unpaid_order(store, product, quantity=2, minutes_ago=45, phone=None):
    placed = place_order(
        store=store,
        lines=[Line(product.product_id, quantity, product.price)],
        customer_name="Asha",
        customer_phone=phone or random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="UPI",
    )
    created = clock.iso(clock.now() - timedelta(minutes=minutes_ago))
    Order(placed.order.order_id).update(actions=[Order.created_at.set(created)])
    return Order.get(placed.order.order_id)


def stock(product):
    return Product.get(product.store_id, product.product_id, consistent_read=True).stock_quantity


def test_expire_cancels_returns_stock_and_is_idempotent(shop):
    _, store = shop
    item = make_product(store, stock=5)
    order = unpaid_order(store, item)
    assert stock(item) == 3
    assert expiry.expire(order) is True
    fresh = Order.get(order.order_id)
    assert fresh.status == "CANCELLED" and fresh.payment_status == "FAILED"
    assert fresh.history[-1].status == "CANCELLED" and fresh.history[-1].by == "system"
    assert "30 minutes" in fresh.cancel_reason
    assert stock(item) == 5
    # Again, from the stale copy or a fresh one: nothing happens, stock is not returned twice.
    assert expiry.expire(order) is False
    assert expiry.expire(fresh) is False
    assert stock(item) == 5


def test_recent_and_paid_orders_are_left_alone(shop):
    _, store = shop
    item = make_product(store, stock=5)
    recent = unpaid_order(store, item, quantity=1, minutes_ago=5)
    assert expiry.expire(recent) is False
    old = unpaid_order(store, item, quantity=1)
    Order(old.order_id).update(actions=[Order.status.set("CONFIRMED")])  # paid a moment before the sweep
    assert expiry.expire(old) is False  # the stale PENDING_PAYMENT copy loses the condition
    assert Order.get(old.order_id).status == "CONFIRMED"
    assert stock(item) == 3


def test_setting_controls_the_timeout(shop, settings):
    _, store = shop
    item = make_product(store, stock=5)
    order = unpaid_order(store, item, minutes_ago=45)
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 60
    assert not expiry.is_due(order)
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 40
    assert expiry.is_due(order)


def test_deleted_product_does_not_block_expiry(shop):
    _, store = shop
    kept, gone = make_product(store, stock=5), make_product(store, stock=5)
    placed = place_order(
        store=store,
        lines=[Line(kept.product_id, 1, kept.price), Line(gone.product_id, 1, gone.price)],
        customer_name="Asha",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="CARD",
    )
    Order(placed.order.order_id).update(actions=[Order.created_at.set(clock.ago_iso(hours=2))])
    Product(store.store_id, gone.product_id).delete()
    assert expiry.expire(Order.get(placed.order.order_id)) is True
    assert stock(kept) == 5
    with pytest.raises(Product.DoesNotExist):
        Product.get(store.store_id, gone.product_id)  # not resurrected as a stub


def test_command_finds_due_orders_with_queries_not_scans(shop):
    tenant, store = shop
    item = make_product(store, stock=20)
    due = [unpaid_order(store, item, quantity=1) for _ in range(3)]
    fresh = unpaid_order(store, item, quantity=1, minutes_ago=1)
    assert stock(item) == 16
    with assert_max_calls(30) as calls:
        out = StringIO()
        call_command("expire_orders", "--tenant", tenant.tenant_id, stdout=out)
    assert "3 cancelled" in out.getvalue()
    assert calls["Query"] >= 1 and calls["Scan"] == 0
    assert all(Order.get(o.order_id).status == "CANCELLED" for o in due)
    assert Order.get(fresh.order_id).status == "PENDING_PAYMENT"
    assert stock(item) == 19
    out = StringIO()
    call_command("expire_orders", "--store", store.store_id, stdout=out)
    assert "0 cancelled" in out.getvalue()


def test_command_over_all_tenants(shop):
    _, store = shop
    item = make_product(store, stock=3)
    order = unpaid_order(store, item, quantity=1)
    out = StringIO()
    call_command("expire_orders", stdout=out)
    assert Order.get(order.order_id).status == "CANCELLED"


def test_tracking_page_sweeps_an_expired_order(shop):
    _, store = shop
    item = make_product(store, price="50.00", stock=4)
    client = Client()
    client.post(f"/s/{store.slug}/cart/add/", {"product_id": item.product_id, "quantity": 2})
    html = client.get(f"/s/{store.slug}/checkout/").content.decode()
    import re

    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    phone = random_phone()
    response = client.post(
        f"/s/{store.slug}/checkout/",
        {
            "customer_name": "Asha",
            "customer_phone": phone,
            "delivery_address": "5 Park Street, Kolkata",
            "pincode": "700016",
            "payment_method": "UPI",
            "token": token,
        },
    )
    order_id = list(Order.customer_index.query(phone))[0].order_id
    assert stock(item) == 2
    Order(order_id).update(actions=[Order.created_at.set(clock.ago_iso(minutes=31))])
    html = client.get(f"/s/{store.slug}/track/{order_id}/").content.decode()
    assert "This order was cancelled" in html
    assert Order.get(order_id).status == "CANCELLED" and stock(item) == 4
    assert response.status_code == 302
    # sweep() over a list, as the order desk calls it
    assert [o.status for o in expiry.sweep([Order.get(order_id)])] == ["CANCELLED"]
    assert Decimal(Order.get(order_id).total_amount) == Decimal("130.00")


def test_expiring_and_cancelling_share_one_path_with_the_same_after_effects(shop, monkeypatch):
    """Both go through orders.cancellation: the customer is told, the home figures are told of the change
    and the forecast is refreshed, whichever way the order was cancelled."""
    from webdpro import sms
    from webdpro.orders import actions, cancellation

    tenant, store = shop
    item = make_product(store, stock=6)
    expired = unpaid_order(store, item, phone=random_phone())
    cancelled = unpaid_order(store, item, phone=random_phone(), minutes_ago=1)
    dropped, refreshed = [], []
    monkeypatch.setattr("webdpro.orders.home_cache.order_changed", lambda o: dropped.append(o.tenant_id))
    monkeypatch.setattr("webdpro.products.prediction.refresh_after_order", lambda o: refreshed.append(o.order_id))
    shared = []
    real = cancellation.cancel_and_restock
    monkeypatch.setattr(cancellation, "cancel_and_restock", lambda *a, **k: shared.append(1) or real(*a, **k))
    monkeypatch.setattr(expiry, "cancel_and_restock", cancellation.cancel_and_restock)
    monkeypatch.setattr(actions, "cancel_and_restock", cancellation.cancel_and_restock)

    before = len(sms.outbox)
    assert expiry.expire(expired) is True
    actions.cancel_order(cancelled, by="owner", reason="Customer asked")
    assert shared == [1, 1]
    assert dropped == [tenant.tenant_id, tenant.tenant_id]
    assert refreshed == [expired.order_id, cancelled.order_id]
    texts = [m for m in list(sms.outbox)[before:] if "cancelled" in m["body"]]
    assert {m["to"] for m in texts} == {expired.customer_phone, cancelled.customer_phone}
    assert expired.stock_returned == {item.product_id: 2} == cancelled.stock_returned
    assert stock(item) == 6


def test_a_due_order_on_a_projected_list_is_read_whole_then_expired_once(shop):
    from webdpro.orders import selectors

    tenant, store = shop
    item = make_product(store, stock=5)
    order = unpaid_order(store, item, quantity=3)
    assert stock(item) == 2
    page = selectors.desk_page(tenant.tenant_id, selectors.DeskFilters())
    (shown,) = [o for o in page.orders if o.order_id == order.order_id]
    assert shown.status == "CANCELLED"
    assert stock(item) == 5
    assert Order.get(order.order_id).history[-1].by == "system"
    selectors.desk_page(tenant.tenant_id, selectors.DeskFilters())
    assert stock(item) == 5
