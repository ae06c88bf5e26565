"""Unpaid orders expire everywhere: the order desk, an order's page, the dashboard home and "My orders" show an
order past its payment window as cancelled, with its stock back, without anyone opening its tracking page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import assert_max_calls, make_customer, make_owner, make_product, make_store, sign_in
from webdpro import clock
from webdpro.db import Order, Product
from webdpro.orders import expiry
from webdpro.orders.placement import Line, place_order


@pytest.fixture
def shop(dynamodb):
    owner, tenant = make_owner()
    store = make_store(tenant)
    client = Client()
    sign_in(client, owner)
    return client, owner, tenant, store


def unpaid(store, product, phone, quantity=2, minutes_ago=12 * 60):
    placed = place_order(
        store=store,
        lines=[Line(product.product_id, quantity, Decimal(product.price))],
        customer_name="Asha",
        customer_phone=phone,
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="UPI",
    )
    created = clock.iso(clock.now() - timedelta(minutes=minutes_ago))
    Order(placed.order.order_id).update(actions=[Order.created_at.set(created)])
    return placed.order.order_id


def stock(product):
    return Product.get(product.store_id, product.product_id, consistent_read=True).stock_quantity


def test_order_desk_shows_it_cancelled_and_returns_the_stock(shop):
    client, _, _, store = shop
    rice = make_product(store, name="Rice", price="100.00", stock=10)
    order_id = unpaid(store, rice, make_customer().phone)
    assert stock(rice) == 8
    with assert_max_calls(12):
        body = client.get(reverse("owner:orders")).content.decode()
    assert order_id[-8:] in body
    assert 'data-status="CANCELLED"' in body and 'data-status="PENDING_PAYMENT"' not in body
    assert Order.get(order_id).status == "CANCELLED" and stock(rice) == 10


def test_the_desk_reads_its_due_orders_whole_in_one_batch_and_nothing_when_none_is_due(shop):
    from tests.helpers import count_calls

    client, _, _, store = shop
    rice = make_product(store, name="Rice", price="100.00", stock=20)
    client.get(reverse("owner:orders"))  # warm the session's reads
    with count_calls() as calm:
        client.get(reverse("owner:orders"))
    due = [unpaid(store, rice, make_customer().phone, quantity=1) for _ in range(3)]
    with count_calls() as sweeping:
        body = client.get(reverse("owner:orders")).content.decode()
    assert all(Order.get(order_id).status == "CANCELLED" for order_id in due) and stock(rice) == 20
    assert 'data-status="PENDING_PAYMENT"' not in body
    # The three projected rows are read whole with one BatchGetItem, not a GetItem each.
    assert sweeping["BatchGetItem"] - calm["BatchGetItem"] == 1, sweeping.describe()
    assert sweeping["GetItem"] - calm["GetItem"] <= 1, sweeping.describe()  # the store, for the customers' SMS
    with count_calls() as after:
        client.get(reverse("owner:orders"))
    assert after.total == calm.total, after.describe()  # nothing due any more: no read beyond the page's own


def test_order_page_shows_it_cancelled(shop):
    client, _, _, store = shop
    rice = make_product(store, name="Rice", price="100.00", stock=10)
    order_id = unpaid(store, rice, make_customer().phone)
    body = client.get(reverse("owner:order_detail", kwargs={"order_id": order_id})).content.decode()
    assert 'data-status="CANCELLED"' in body and 'data-status="PENDING_PAYMENT"' not in body
    assert stock(rice) == 10


def test_dashboard_home_counts_it_cancelled_and_returns_the_stock(shop):
    client, _, _, store = shop
    rice = make_product(store, name="Rice", price="100.00", stock=10)
    today = unpaid(store, rice, make_customer().phone, minutes_ago=45)
    yesterday = unpaid(store, rice, make_customer().phone, minutes_ago=26 * 60)
    with assert_max_calls(6):  # the expiry writes are not this request's: they run in the background
        body = client.get(reverse("owner:home")).content.decode()
    assert 'data-status-count="PENDING_PAYMENT">0<' in body and 'data-status-count="CANCELLED">2<' in body
    expiry.wait_for_background()
    assert Order.get(today).status == "CANCELLED" and Order.get(yesterday).status == "CANCELLED"
    assert stock(rice) == 10


def test_my_orders_shows_it_cancelled_and_returns_the_stock(shop):
    _, _, _, store = shop
    rice = make_product(store, name="Rice", price="100.00", stock=10)
    customer = make_customer()
    order_id = unpaid(store, rice, customer.phone)
    client = Client()
    sign_in(client, customer)
    body = client.get(reverse("customer:orders")).content.decode()
    assert "Cancelled" in body and "Pending payment" not in body
    assert Order.get(order_id).status == "CANCELLED" and stock(rice) == 10


def test_work_per_read_is_bounded_and_the_rest_only_shown_cancelled(shop):
    _, _, _, store = shop
    rice = make_product(store, name="Rice", price="100.00", stock=50)
    ids = [unpaid(store, rice, make_customer().phone, quantity=1) for _ in range(expiry.SWEEP_LIMIT + 2)]
    shown = expiry.sweep([Order.get(i) for i in ids])
    assert [o.status for o in shown] == ["CANCELLED"] * len(ids)
    written = [Order.get(i).status for i in ids]
    assert written.count("CANCELLED") == expiry.SWEEP_LIMIT and written.count("PENDING_PAYMENT") == 2
    assert stock(rice) == 50 - 2
