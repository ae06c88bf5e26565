"""Cancelling an order (owner or expiry, one path) gives back the coupon use and lowers the customer's
orders and total spent, in the cancellation's transaction — exact under concurrent cancels and checkouts."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone, sign_in
from webdpro import clock
from webdpro.coupons import selectors as coupon_selectors
from webdpro.coupons import services as coupon_services
from webdpro.coupons.rules import CouponRefused
from webdpro.customers import selectors as customer_selectors
from webdpro.db import Order, StockMovement
from webdpro.db.customers import StoreCustomer
from webdpro.errors import Conflict
from webdpro.orders import actions, expiry
from webdpro.orders.placement import Line, place_order


@pytest.fixture(scope="module")
def owner_shop(dynamodb):
    user, tenant = make_owner()
    return user, make_store(tenant, name="Giveback Stores")


@pytest.fixture(scope="module")
def shop(owner_shop):
    return owner_shop[1]


def buy(shop, product, *, phone, code=None, qty=1, payment_method="COD"):
    return place_order(
        store=shop,
        lines=[Line(product.product_id, qty, product.price)],
        customer_name="Meena Iyer",
        customer_phone=phone,
        delivery_address="7 Lake Road, Chennai",
        pincode="600001",
        payment_method=payment_method,
        coupon_code=code,
    ).order


def coupon(shop, code):
    return coupon_selectors.get_coupon(shop.store_id, code, consistent=True)


def customer(shop, phone):
    return StoreCustomer.get(shop.store_id, phone, consistent_read=True)


def test_owner_cancel_returns_coupon_use_and_lowers_customer_totals(shop):
    coupon_services.create_coupon(shop, {"code": "ONCE50", "kind": "FLAT", "value": "50", "per_phone_limit": "1"})
    item = make_product(shop, name="Filter Coffee 500 g", price="300.00", stock=10)
    phone = random_phone()
    first = buy(shop, item, phone=phone, code="ONCE50")  # 300 - 50 + 30 delivery = 280
    second = buy(shop, item, phone=phone, qty=2)
    before = customer(shop, phone)
    assert before.orders_count == 2 and before.total_spent == first.total_amount + second.total_amount
    with pytest.raises(CouponRefused):  # used once by this phone
        buy(shop, item, phone=phone, code="ONCE50")

    actions.cancel_order(Order.get(first.order_id), "owner-1", "Customer asked")

    after = customer(shop, phone)
    assert after.orders_count == 1 and after.total_spent == second.total_amount
    assert after.last_order_id == second.order_id  # the last order is still the last one placed
    assert (coupon(shop, "ONCE50").uses, coupon(shop, "ONCE50").discount_given) == (0, Decimal("0.00"))
    use = coupon_selectors.coupon_uses(shop.store_id, "ONCE50")[0]
    assert use.uses == 0 and use.order_ids == [first.order_id] and use.cancelled_order_ids == [first.order_id]
    third = buy(shop, item, phone=phone, code="ONCE50")  # the phone may use the code again
    assert third.discount == Decimal("50.00") and coupon(shop, "ONCE50").uses == 1
    listed = customer_selectors.search(shop.store_id, phone).items[0]
    assert listed.orders_count == 2 and listed.total_spent == second.total_amount + third.total_amount


def test_coupon_page_marks_the_use_given_back(client, owner_shop):
    user, shop = owner_shop
    sign_in(client, user)
    page = client.get(f"/dashboard/stores/{shop.store_id}/coupons/ONCE50/").content.decode()
    assert page.count("cancelled, use given back") == 1 and "Used once" in page


def test_expiry_gives_back_the_same_way(shop):
    coupon_services.create_coupon(shop, {"code": "EXPIRE10", "kind": "PERCENT", "value": "10"})
    item = make_product(shop, name="Ghee 1 L", price="650.00", stock=5)
    phone = random_phone()
    unpaid = buy(shop, item, phone=phone, code="EXPIRE10", payment_method="UPI")
    assert coupon(shop, "EXPIRE10").uses == 1 and customer(shop, phone).orders_count == 1
    assert expiry.expire(Order.get(unpaid.order_id), now=clock.now() + timedelta(hours=2)) is True
    assert Order.get(unpaid.order_id).status == "CANCELLED"
    assert (coupon(shop, "EXPIRE10").uses, coupon(shop, "EXPIRE10").discount_given) == (0, Decimal("0.00"))
    gone = customer(shop, phone)
    assert gone.orders_count == 0 and gone.total_spent == Decimal("0.00")
    assert expiry.expire(Order.get(unpaid.order_id), now=clock.now() + timedelta(hours=2)) is False
    assert coupon(shop, "EXPIRE10").uses == 0 and customer(shop, phone).orders_count == 0  # given back once


def test_a_customer_without_an_item_does_not_block_the_cancellation(shop):
    item = make_product(shop, name="Rava 1 kg", price="60.00", stock=5)
    phone = random_phone()
    old = buy(shop, item, phone=phone)
    StoreCustomer(shop.store_id, phone).delete()  # e.g. an order written by the demo data
    actions.cancel_order(Order.get(old.order_id), "owner-1", "Out of stock")
    assert Order.get(old.order_id).status == "CANCELLED"
    with pytest.raises(StoreCustomer.DoesNotExist):  # no item with negative counts was created
        StoreCustomer.get(shop.store_id, phone, consistent_read=True)


def test_thirty_concurrent_cancellations_give_back_exactly(shop, patient_dynamodb):
    coupon_services.create_coupon(shop, {"code": "CROWD5", "kind": "FLAT", "value": "5", "max_uses": "30"})
    item = make_product(shop, name="Marie Biscuits", price="40.00", stock=100)
    phone = random_phone()
    orders = [buy(shop, item, phone=phone, code="CROWD5") for _ in range(30)]
    assert coupon(shop, "CROWD5").uses == 30 and customer(shop, phone).orders_count == 30
    start, retry = threading.Barrier(30), []

    def cancel(order_id):
        start.wait()
        try:
            actions.cancel_order(Order.get(order_id), "owner-1", "Duplicate")
        except Conflict:
            retry.append(order_id)  # the owner would press Cancel again

    threads = [threading.Thread(target=cancel, args=(o.order_id,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for order_id in retry:
        actions.cancel_order(Order.get(order_id), "owner-1", "Duplicate")
    assert all(Order.get(o.order_id).status == "CANCELLED" for o in orders)
    assert (coupon(shop, "CROWD5").uses, coupon(shop, "CROWD5").discount_given) == (0, Decimal("0.00"))
    use = coupon_selectors.coupon_uses(shop.store_id, "CROWD5")[0]
    assert use.uses == 0 and sorted(use.cancelled_order_ids) == sorted(o.order_id for o in orders)
    gone = customer(shop, phone)
    assert gone.orders_count == 0 and gone.total_spent == Decimal("0.00")
    movements = list(StockMovement.query(shop.store_id, StockMovement.movement_key.startswith(item.product_id)))
    assert sum(m.delta for m in movements if m.kind == "RETURN") == 30


def test_a_returned_last_use_goes_to_at_most_one_of_the_racing_checkouts(shop, patient_dynamodb):
    coupon_services.create_coupon(shop, {"code": "SOLO", "kind": "FLAT", "value": "20", "max_uses": "1"})
    item = make_product(shop, name="Paneer 200 g", price="90.00", stock=50)
    taken = buy(shop, item, phone=random_phone(), code="SOLO")
    start, placed = threading.Barrier(6), []

    def cancel():
        start.wait()
        actions.cancel_order(Order.get(taken.order_id), "owner-1", "Changed mind")

    def checkout():
        start.wait()
        try:
            placed.append(buy(shop, item, phone=random_phone(), code="SOLO"))
        except (CouponRefused, Conflict):
            pass

    threads = [threading.Thread(target=cancel)] + [threading.Thread(target=checkout) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Order.get(taken.order_id).status == "CANCELLED"
    assert len(placed) <= 1 and coupon(shop, "SOLO").uses == len(placed)  # never more than max_uses
    assert coupon(shop, "SOLO").discount_given == Decimal("20.00") * len(placed)
