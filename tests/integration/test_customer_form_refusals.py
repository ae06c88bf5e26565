"""What customers' pages read through Django forms (storefront, pay page, "My orders", sign-in and sign-out, the
``next`` parameter): a bad value answers 4xx with the field's message on the page (or in the HTMX partial) and
writes nothing to DynamoDB; the values the pages send still work."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import count_calls, make_customer, make_order, make_owner, make_product, make_store, refused, sign_in
from webdpro.db import Order, Payment
from webdpro.payments import access
from webdpro.payments.gateway import get_gateway
from webdpro.stores import preview

STALE = "This page is out of date. Please reload it and try again."
QUANTITY = "Choose a quantity."
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(scope="module")
def shop(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, name="Gupta Stores")
    dal = make_product(store, name="Moong Dal 1 kg", price="140.00", stock=9, category="Staples")
    return store, dal


def base(store):
    return f"/s/{store.slug}/"


def cart_html(client, store) -> str:
    return client.get(base(store) + "cart/").content.decode()


# --- Cart ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ({"quantity": "abc"}, QUANTITY),
        ({"quantity": "0"}, QUANTITY),
        ({"quantity": "-3"}, QUANTITY),
        ({"quantity": "1e308"}, QUANTITY),
        ({"quantity": "9" * 5000}, QUANTITY),
        ({"variant_id": "V" * 41}, "Choose one of the options shown."),
        ({"from": "elsewhere"}, STALE),
    ],
)
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_cart_add_refuses_a_bad_field_and_adds_nothing(shop, fields, names, headers):
    store, dal = shop
    client = Client()
    data = {"product_id": dal.product_id, "quantity": "1", **fields}
    refused(client, "post", base(store) + "cart/add/", data, status=400, names=names, **headers)
    assert "Moong Dal" not in cart_html(client, store)


@pytest.mark.parametrize("product_id", ["", "P" * 61, "01NOSUCHPRODUCT0000000000"])
def test_cart_add_of_a_missing_or_malformed_product_is_404(shop, product_id):
    store, _ = shop
    refused(Client(), "post", base(store) + "cart/add/", {"product_id": product_id}, status=404, names="", **HTMX)


def test_cart_add_without_a_quantity_adds_one_and_goes_back_to_a_page_of_this_store_only(shop):
    store, dal = shop
    client = Client()
    product_page = base(store) + f"p/{dal.product_id}/"
    added = client.post(base(store) + "cart/add/", {"product_id": dal.product_id, "next": product_page})
    assert added.status_code == 302 and added["Location"] == product_page
    assert re.search(r'name="quantity">.*?<option value="1" selected>', cart_html(client, store), re.S)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/", "/" + "a" * 2001):
        sent = client.post(base(store) + "cart/add/", {"product_id": dal.product_id, "next": target})
        assert sent.status_code == 302 and sent["Location"] == base(store) + "cart/"


@pytest.mark.parametrize(
    ("fields", "names"),
    [({"quantity": "two"}, QUANTITY), ({"quantity": "1e308"}, QUANTITY), ({"from": "home"}, STALE)],
)
def test_cart_update_refuses_a_bad_field_and_keeps_the_line(shop, fields, names):
    store, dal = shop
    client = Client()
    client.post(base(store) + "cart/add/", {"product_id": dal.product_id, "quantity": "2"})
    data = {"product_id": dal.product_id, "from": "cart", **fields}
    refused(client, "post", base(store) + "cart/update/", data, status=400, names=names, **HTMX)
    assert re.search(r'<option value="2" selected>', cart_html(client, store))
    missing = {"product_id": "P" * 61, "quantity": "1"}
    refused(client, "post", base(store) + "cart/update/", missing, status=404, names="", **HTMX)


def test_cart_remove_refuses_a_stale_page_and_a_malformed_line(shop):
    store, dal = shop
    client = Client()
    client.post(base(store) + "cart/add/", {"product_id": dal.product_id, "quantity": "1"})
    url = base(store) + "cart/remove/"
    refused(client, "post", url, {"product_id": dal.product_id, "from": "x"}, status=400, names=STALE, **HTMX)
    refused(client, "post", url, {"product_id": "P" * 61}, status=404, names="", **HTMX)
    assert "Moong Dal" in cart_html(client, store)
    assert client.post(url, {"product_id": dal.product_id, "from": "cart"}, **HTMX).status_code == 200
    assert "Moong Dal" not in cart_html(client, store)


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ({"coupon_code": "X" * 31}, "“" + "X" * 30 + "” is not a valid coupon code."),
        ({"remove": "yes"}, STALE),
        ({"coupon_code": "DIWALI10", "from": "checkout"}, STALE),
    ],
)
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_coupon_refuses_a_bad_field_before_looking_the_code_up(shop, fields, names, headers):
    store, dal = shop
    client = Client()
    client.post(base(store) + "cart/add/", {"product_id": dal.product_id, "quantity": "1"})
    data = {"from": "cart", **fields}
    with count_calls() as counter:
        refused(client, "post", base(store) + "cart/coupon/", data, status=400, names=names, **headers)
    assert counter["GetItem"] <= 2  # the domain claim and the store: no coupon read


# --- Catalogue ----------------------------------------------------------------------------------------


def test_listing_pages_start_again_for_a_bad_cursor_and_shorten_a_long_search(shop):
    store, _ = shop
    client = Client()
    for path in ("category/?c=Staples&cursor=" + "x" * 2001, "category/?c=Staples&cursor=forged"):
        page = refused(client, "get", base(store) + path, {}, status=200, names="Moong Dal")
        assert "Show more" not in page.content.decode()
    long_search = "dal " + "z" * 5000
    page = refused(client, "get", base(store) + "search/", {"q": long_search}, status=200, names="")
    assert page.context["q"] == ("dal " + "z" * 5000)[:60]
    page = refused(client, "get", base(store) + "category/", {"c": "Staples" + " " * 200}, status=200, names="")
    assert page.context["category"] == "Staples"


def test_a_draft_opens_only_with_its_preview_link(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, status="DRAFT")
    refused(Client(), "get", base(store), {"preview": "t" * 1001}, status=404, names="")
    token = preview.make_token(store.tenant_id, store.store_id)
    assert Client().get(base(store), {"preview": token}).status_code == 200


# --- Checkout -----------------------------------------------------------------------------------------


def test_an_over_long_checkout_token_places_nothing_and_gives_a_fresh_one(shop):
    store, dal = shop
    client = Client()
    client.post(base(store) + "cart/add/", {"product_id": dal.product_id, "quantity": "1"})
    details = {
        "customer_name": "Ravi",
        "customer_phone": "9845012399",
        "delivery_address": "12 MG Road, Pune",
        "pincode": "411001",
        "payment_method": "COD",
    }
    page = refused(
        client,
        "post",
        base(store) + "checkout/",
        {**details, "token": "t" * 1001},
        status=400,
        names="This checkout form has expired",
    )
    token = page.context["form"]["token"].value()
    assert len(token) < 1000
    placed = client.post(base(store) + "checkout/", {**details, "token": token})
    assert placed.status_code == 302 and "/order/" in placed["Location"]


# --- Pay page -----------------------------------------------------------------------------------------


@pytest.fixture
def pending(dynamodb, settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox
    _, tenant = make_owner()
    store = make_store(tenant)
    order = make_order(store, [make_product(store, price="99.00")], status="PENDING_PAYMENT", payment_method="UPI")
    client = Client()
    client.get(access.signed_pay_url(order.order_id))
    assert client.get(reverse("payments:pay", kwargs={"order_id": order.order_id})).status_code == 200
    return client, Order.get(order.order_id), tenant


def test_an_over_long_pay_link_is_not_valid(pending):
    _, order, _ = pending
    url = reverse("payments:pay", kwargs={"order_id": order.order_id})
    refused(Client(), "get", url, {"t": "t" * 201}, status=404, names="")


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ({"razorpay_signature": "s" * 201}, "The Razorpay signature is too long"),
        ({"razorpay_payment_id": "p" * 101}, "The Razorpay payment id is too long"),
        ({"razorpay_order_id": "o" * 101}, "The Razorpay order id is too long"),
    ],
)
def test_callback_refuses_an_over_long_field(pending, fields, names):
    client, order, tenant = pending
    data = {"razorpay_order_id": order.razorpay_order_id, "razorpay_payment_id": "pay_X", **fields}
    url = reverse("payments:callback", kwargs={"order_id": order.order_id})
    refused(client, "post", url, data, status=400, names=names)
    assert Order.get(order.order_id).status == "PENDING_PAYMENT"
    assert Payment.get(tenant.tenant_id, order.razorpay_order_id).status != "CAPTURED"


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"action": "steal"}, "Choose the sandbox action from the list."),
        ({}, "Choose the sandbox action from the list."),
        ({"action": "pay", "method": "COD"}, "Choose the payment method from the list."),
    ],
)
def test_sandbox_refuses_a_bad_button_or_method(pending, data, names):
    client, order, _ = pending
    url = reverse("payments:sandbox", kwargs={"order_id": order.order_id})
    refused(client, "post", url, data, status=400, names=names)
    assert Order.get(order.order_id).status == "PENDING_PAYMENT"
    assert client.post(url, {"action": "pay", "method": "CARD"}).status_code == 302
    assert Order.get(order.order_id).status == "CONFIRMED"


# --- My orders, sign-in and sign-out ------------------------------------------------------------------


def test_my_orders_refuse_an_over_long_cursor(dynamodb):
    web = sign_in(Client(), make_customer())
    refused(web, "get", "/my/orders/", {"after": "c" * 2001}, status=400, names="That page link is not valid")


def test_sign_in_fills_in_a_linked_phone_but_not_an_over_long_one(dynamodb):
    filled = refused(Client(), "get", "/accounts/signin/", {"phone": "+919845012345"}, status=200, names="")
    assert filled.context["form"]["phone"].value() == "+919845012345"
    long = refused(Client(), "get", "/accounts/signup/", {"phone": "9" * 33}, status=200, names="")
    assert not long.context["form"]["phone"].value()


@pytest.mark.parametrize("value", ["yes", "1e308", "2"])
def test_sign_out_refuses_a_bad_everywhere_and_keeps_the_session(dynamodb, value):
    owner, _ = make_owner()
    web = sign_in(Client(), owner)
    refused(web, "post", "/accounts/signout/", {"everywhere": value}, status=400, names="Choose the sign-out option")
    assert web.get("/dashboard/").status_code == 200
    assert web.post("/accounts/signout/", {"everywhere": "0"}).status_code == 302
    assert web.get("/dashboard/").status_code == 302


def test_next_is_followed_on_this_site_only(dynamodb):
    web = Client()
    page = web.get("/accounts/signin/", {"next": "/dashboard/orders/?status=CONFIRMED"})
    assert page.context["next"] == "/dashboard/orders/?status=CONFIRMED"
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "/" + "a" * 2001):
        assert web.get("/accounts/signin/", {"next": target}).context["next"] == ""
