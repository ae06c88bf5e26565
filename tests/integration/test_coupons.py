"""Coupons on DynamoDB Local: the discount on the order, the last use taken once, per-phone limits,
the owner's pages and the cart."""

import threading
from decimal import Decimal

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone, sign_in
from webdpro.coupons import selectors, services
from webdpro.coupons.rules import CouponRefused
from webdpro.db import Coupon, Order, Product
from webdpro.errors import Conflict, ValidationFailed
from webdpro.orders.placement import Line, place_order


@pytest.fixture(scope="module")
def owner_shop(dynamodb):
    user, tenant = make_owner()
    return user, make_store(tenant, name="Coupon Shop")


@pytest.fixture(scope="module")
def shop(owner_shop):
    return owner_shop[1]


def new_coupon(shop, code, **kw):
    data = {"code": code, "kind": "PERCENT", "value": "10", **kw}
    return services.create_coupon(shop, data)


def order(shop, product, qty=1, phone=None, code=None, **extra):
    return place_order(
        store=shop,
        lines=[Line(product.product_id, qty, product.price)],
        customer_name="Asha",
        customer_phone=phone or random_phone(),
        delivery_address="12 MG Road, Bengaluru",
        pincode="560001",
        payment_method="COD",
        coupon_code=code,
        **extra,
    )


def test_percent_coupon_discount_on_order_and_counters(shop):
    new_coupon(shop, "TENOFF", max_discount="40")
    item = make_product(shop, name="Basmati", price="229.99", stock=10)
    placed = order(shop, item, qty=2, code="tenoff")  # any case
    saved = Order.get(placed.order.order_id)
    # 10 % of 459.98 = 45.998 → 46.00, capped at 40.00; delivery 0 (free above 499? no: 459.98 < 499 → 30)
    assert saved.coupon_code == "TENOFF" and saved.discount == Decimal("40.00")
    assert saved.subtotal == Decimal("459.98") and saved.delivery_fee == Decimal("30.00")
    assert saved.total_amount == Decimal("449.98")
    coupon = selectors.get_coupon(shop.store_id, "TENOFF", consistent=True)
    assert coupon.uses == 1 and coupon.discount_given == Decimal("40.00")
    uses = selectors.coupon_uses(shop.store_id, "TENOFF")
    assert [u.order_ids for u in uses] == [[saved.order_id]] and uses[0].uses == 1


def test_unknown_paused_and_below_minimum_codes_write_nothing(shop):
    item = make_product(shop, name="Jaggery", price="80.00", stock=5)
    new_coupon(shop, "BIGSPEND", min_order="500")
    paused = new_coupon(shop, "SLEEPY")
    services.set_paused(shop, paused.code, True)
    cases = (("NOPE", "no code NOPE"), ("BIGSPEND", "Add ₹420.00 more"), ("SLEEPY", "paused"), ("a!", "not a valid"))
    for code, text in cases:
        with pytest.raises(CouponRefused) as err:
            order(shop, item, code=code)
        assert err.value.field == "coupon_code" and text in err.value.message
    assert Product.get(shop.store_id, item.product_id, consistent_read=True).stock_quantity == 5
    assert selectors.get_coupon(shop.store_id, "SLEEPY", consistent=True).uses == 0


def test_last_use_goes_to_exactly_one_of_five_concurrent_checkouts(shop, patient_dynamodb):
    new_coupon(shop, "LASTONE", kind="FLAT", value="25", max_uses="3")
    item = make_product(shop, name="Cashews", price="300.00", stock=50)
    order(shop, item, code="LASTONE")
    order(shop, item, code="LASTONE")  # 1 use left
    results, errors = [], []
    start = threading.Barrier(5)

    def checkout():
        start.wait()
        try:
            results.append(order(shop, item, code="LASTONE").order)
        except (CouponRefused, Conflict) as exc:
            errors.append(exc)

    threads = [threading.Thread(target=checkout) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 1, errors
    assert len(errors) == 4 and all(isinstance(e, CouponRefused) and "used up" in e.message for e in errors)
    assert Order.get(results[0].order_id).discount == Decimal("25.00")
    coupon = selectors.get_coupon(shop.store_id, "LASTONE", consistent=True)
    assert coupon.uses == 3 and coupon.discount_given == Decimal("75.00")
    assert Product.get(shop.store_id, item.product_id, consistent_read=True).stock_quantity == 47


def test_per_phone_limit(shop):
    new_coupon(shop, "ONCEEACH", per_phone_limit="1")
    item = make_product(shop, name="Tea", price="150.00", stock=10)
    phone = random_phone()
    order(shop, item, phone=phone, code="ONCEEACH")
    with pytest.raises(CouponRefused) as err:
        order(shop, item, phone=phone, code="ONCEEACH")
    assert "already used" in err.value.message
    order(shop, item, code="ONCEEACH")  # someone else may
    assert Product.get(shop.store_id, item.product_id, consistent_read=True).stock_quantity == 8


def test_duplicate_code_is_refused(shop):
    new_coupon(shop, "TWICE")
    with pytest.raises(Conflict) as err:
        new_coupon(shop, "twice")
    assert err.value.field == "code"


def test_owner_creates_pauses_and_sees_uses(client, owner_shop):
    user, shop = owner_shop
    sign_in(client, user)
    url = f"/dashboard/stores/{shop.store_id}/coupons/"
    bad = client.post(url, {"code": "X", "kind": "PERCENT", "value": "10"})
    assert bad.status_code == 422 and b"3 to 20 letters" in bad.content
    bad = client.post(url, {"code": "OKCODE", "kind": "PERCENT", "value": "150"})
    assert bad.status_code == 422 and b"percentage from 0.01 to 100" in bad.content
    with pytest.raises(Exception):  # noqa: B017 — nothing was written
        Coupon.get(shop.store_id, "COUPON#OKCODE")
    ok = client.post(url, {"code": "web50", "kind": "FLAT", "value": "50", "max_uses": "10"})
    assert ok.status_code == 302
    page = client.get(url)
    assert page.status_code == 200 and b"WEB50" in page.content and b"\xe2\x82\xb950.00 off" in page.content
    assert client.post(url + "WEB50/pause/", {"paused": "1"}).status_code == 302
    assert selectors.get_coupon(shop.store_id, "WEB50", consistent=True).is_paused
    assert client.get(url + "WEB50/").status_code == 200
    assert client.get(url + "NOSUCH/").status_code == 404
    assert client.get(url + "bad!code/").status_code == 404


def test_other_tenant_cannot_see_coupons(client, owner_shop):
    _, shop = owner_shop
    intruder, _tenant = make_owner()
    sign_in(client, intruder)
    assert client.get(f"/dashboard/stores/{shop.store_id}/coupons/").status_code == 404


def test_cart_applies_coupon_and_checkout_places_discounted_order(client, shop):
    new_coupon(shop, "CARTTEN")
    item = make_product(shop, name="Almonds", price="200.00", stock=5)
    base = f"/s/{shop.slug}/"
    client.post(base + "cart/add/", {"product_id": item.product_id, "quantity": "1"})
    bad = client.post(base + "cart/coupon/", {"coupon_code": "WRONG1", "from": "cart"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400 and "no code WRONG1" in bad.content.decode()
    ok = client.post(base + "cart/coupon/", {"coupon_code": "cartten", "from": "cart"}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200 and "-₹20.00" in ok.content.decode()
    page = client.get(base + "checkout/")
    assert "-₹20.00" in page.content.decode()
    token = page.context["form"]["token"].value()
    done = client.post(
        base + "checkout/",
        {
            "customer_name": "Ravi",
            "customer_phone": "9876543210",
            "delivery_address": "4 Park Street, Kolkata",
            "pincode": "700016",
            "payment_method": "COD",
            "token": token,
        },
    )
    assert done.status_code == 302
    placed = [o for o in Order.store_index.query(shop.store_id, scan_index_forward=False, limit=5)]
    mine = next(o for o in placed if o.items[0].product_id == item.product_id)
    assert mine.coupon_code == "CARTTEN" and mine.discount == Decimal("20.00")
    assert mine.total_amount == Decimal("210.00")


def test_invalid_coupon_spec_raises_validation(shop):
    with pytest.raises(ValidationFailed) as err:
        services.create_coupon(shop, {"code": "FINE", "kind": "FLAT", "value": "0"})
    assert err.value.field == "value"
