"""The stock movement log records sales and the stock that cancellations and expiry give back, written in
the same transaction as the stock change (the product's history adds up to its stock)."""

from datetime import timedelta

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro import clock
from webdpro.db import Order, Product
from webdpro.orders import actions, expiry
from webdpro.orders.placement import CartChanged, Line, place_order
from webdpro.products import selectors


@pytest.fixture
def shop(dynamodb):
    _, tenant = make_owner()
    return make_store(tenant)


def place(store, product, quantity, method="COD"):
    return place_order(
        store=store,
        lines=[Line(product.product_id, quantity, product.price)],
        customer_name="Asha",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method=method,
    ).order


def log(store, product):
    return [(m.kind, m.delta) for m in selectors.movements(store.store_id, product.product_id)]


def stock(product):
    return Product.get(product.store_id, product.product_id).stock_quantity


def test_a_sale_is_in_the_product_log(shop):
    dal = make_product(shop, stock=5)
    order = place(shop, dal, 3)
    assert stock(dal) == 2
    entries = selectors.movements(shop.store_id, dal.product_id)
    assert [(m.kind, m.delta) for m in entries] == [("SALE", -3)]
    assert order.order_id[-8:] in entries[0].reason


def test_a_refused_order_writes_no_movement(shop):
    dal = make_product(shop, stock=1)
    with pytest.raises(CartChanged):
        place(shop, dal, 2)
    assert stock(dal) == 1 and log(shop, dal) == []


def test_a_cancelled_order_logs_the_stock_it_gives_back(shop):
    dal, rice = make_product(shop, stock=5), make_product(shop, stock=4)
    order = place_order(
        store=shop,
        lines=[Line(dal.product_id, 2, dal.price), Line(rice.product_id, 1, rice.price)],
        customer_name="Asha",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="COD",
    ).order
    actions.cancel_order(Order.get(order.order_id), by="owner-1", reason="Customer called", by_owner=True)
    assert (stock(dal), stock(rice)) == (5, 4)
    assert sorted(log(shop, dal)) == [("RETURN", 2), ("SALE", -2)]
    assert sorted(log(shop, rice)) == [("RETURN", 1), ("SALE", -1)]


def test_a_cancellation_of_a_deleted_product_still_logs_the_others(shop):
    dal, gone = make_product(shop, stock=5), make_product(shop, stock=5)
    order = place_order(
        store=shop,
        lines=[Line(dal.product_id, 1, dal.price), Line(gone.product_id, 1, gone.price)],
        customer_name="Asha",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="COD",
    ).order
    Product(shop.store_id, gone.product_id).delete()
    actions.cancel_order(Order.get(order.order_id), by="owner-1", by_owner=True)
    assert stock(dal) == 5
    assert sorted(log(shop, dal)) == [("RETURN", 1), ("SALE", -1)]
    assert log(shop, gone) == [("SALE", -1)]


def test_an_expired_order_logs_the_stock_it_gives_back(shop):
    dal = make_product(shop, stock=5)
    order = place(shop, dal, 2, method="UPI")
    created = clock.iso(clock.now() - timedelta(minutes=45))
    Order(order.order_id).update(actions=[Order.created_at.set(created)])
    assert expiry.expire(Order.get(order.order_id)) is True
    assert stock(dal) == 5
    assert sorted(log(shop, dal)) == [("RETURN", 2), ("SALE", -2)]
