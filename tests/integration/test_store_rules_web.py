"""The shop's rules on the storefront pages: pickup-only checkout, the delivery area refusal in place, the
minimum order in the cart, the opening hours in the header, the pickup code on the confirmation."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.test import Client

from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro import clock
from webdpro.db import Order
from webdpro.demo import demo_config
from webdpro.stores.schema import validate_config


def shop_with(**sections):
    _, tenant = make_owner()
    config = demo_config("Rules Web Shop")
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = value
    validate_config(config)
    return make_store(tenant, name="Rules Web Shop", config=validate_config(config))


def with_cart(store, product, quantity=1):
    client = Client()
    client.post(f"/s/{store.slug}/cart/add/", {"product_id": product.product_id, "quantity": quantity})
    return client


def token_of(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_pickup_only_checkout_has_no_address_fields_and_places_a_pickup_order(dynamodb):
    store = shop_with(delivery={"enabled": False, "pickup": True})
    rice = make_product(store, price="120.00", stock=5)
    client = with_cart(store, rice, 2)
    html = client.get(f"/s/{store.slug}/checkout/").content.decode()
    assert 'name="delivery_address"' not in html and 'name="pincode"' not in html
    assert 'id="pickup-note"' in html
    phone = random_phone()
    response = client.post(
        f"/s/{store.slug}/checkout/",
        {"customer_name": "Ravi", "customer_phone": phone, "payment_method": "COD", "token": token_of(html)},
    )
    assert response.status_code == 302
    order = next(iter(Order.customer_index.query(phone)))
    assert order.fulfilment == "PICKUP" and order.total_amount == Decimal("240.00")
    page = client.get(response["Location"]).content.decode()
    assert f"<strong>{order.pickup_code}</strong>" in page and "Pickup at the shop" in page


def test_both_modes_offer_the_choice_and_pickup_needs_no_address(dynamodb):
    store = shop_with(delivery={"pickup": True})
    rice = make_product(store, price="120.00", stock=5)
    client = with_cart(store, rice)
    html = client.get(f"/s/{store.slug}/checkout/").content.decode()
    assert 'name="fulfilment" value="DELIVERY"' in html and 'name="fulfilment" value="PICKUP"' in html
    data = {"customer_name": "Ravi", "customer_phone": random_phone(), "payment_method": "COD", "token": token_of(html)}
    refused = client.post(f"/s/{store.slug}/checkout/", {**data, "fulfilment": "DELIVERY"})
    assert refused.status_code == 400 and "Enter your full delivery address" in refused.content.decode()
    assert client.post(f"/s/{store.slug}/checkout/", {**data, "fulfilment": "PICKUP"}).status_code == 302


def test_pin_outside_the_area_is_refused_on_the_pin_field(dynamodb):
    store = shop_with(delivery={"area": "pins", "pincodes": ["560001", "560034"], "pickup": True})
    rice = make_product(store, price="120.00", stock=5)
    client = with_cart(store, rice)
    html = client.get(f"/s/{store.slug}/checkout/").content.decode()
    assert "We deliver to 560001, 560034 only" in html  # told before typing
    response = client.post(
        f"/s/{store.slug}/checkout/",
        {
            "customer_name": "Ravi",
            "customer_phone": random_phone(),
            "delivery_address": "14 Hosur Road, Bengaluru",
            "pincode": "560095",
            "fulfilment": "DELIVERY",
            "payment_method": "COD",
            "token": token_of(html),
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert '<p class="field-error" role="alert">We deliver to 560001, 560034 only; choose pickup instead</p>' in body


def test_cart_shows_how_much_to_add_for_the_minimum(dynamodb):
    store = shop_with(orders={"min_order": "155.00"})
    rice = make_product(store, price="120.00", stock=5)
    client = with_cart(store, rice)
    html = client.get(f"/s/{store.slug}/cart/").content.decode()
    assert "Add ₹35.00 more to order" in html and 'aria-disabled="true"' in html


@pytest.mark.parametrize(
    "hour,label",
    [(9, "Open now · closes 10 pm"), (23, "Closed · opens 7 am tomorrow")],
)
def test_header_shows_the_opening_hours(dynamodb, monkeypatch, hour, label):
    week = {d: [["07:00", "22:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    store = shop_with(hours={"week": week, "outside": "refuse"})
    moment = datetime(2026, 12, 2, hour, 0, tzinfo=clock.IST)
    monkeypatch.setattr(clock, "now", lambda: moment)
    html = Client().get(f"/s/{store.slug}/").content.decode()
    assert f'id="sf-hours">{label}<' in html


def test_desk_accepts_and_rejects_and_alerts_count_awaiting(dynamodb):
    from django.urls import reverse

    from tests.helpers import assert_max_calls, sign_in
    from webdpro.orders.placement import Line, place_order

    owner, tenant = make_owner()
    config = demo_config("Manual Shop")
    config["orders"] = {"acceptance": "manual"}
    store = make_store(tenant, name="Manual Shop", config=validate_config(config))
    rice = make_product(store, price="120.00", stock=5)
    client = Client()
    sign_in(client, owner)
    since = clock.now_iso()

    def place():
        return place_order(
            store=store,
            lines=[Line(rice.product_id, 1, Decimal("120.00"))],
            customer_name="Ravi",
            customer_phone=random_phone(),
            delivery_address="12 MG Road, Bengaluru",
            pincode="560001",
            payment_method="COD",
        ).order

    first, second = place(), place()
    with assert_max_calls(4):  # the signed-in owner and tenant (GetItem ×2), count and new orders (Query ×2)
        data = client.get(reverse("owner:order_alerts"), {"since": since}).json()
    assert data["awaiting"] == 2 and len(data["orders"]) == 2
    assert "waiting for you to accept" in data["orders"][0]["text"]
    assert client.get(reverse("owner:order_alerts"), {"since": "yesterday"}).status_code == 400
    desk = client.get(reverse("owner:orders")).content.decode()
    assert desk.count('data-status="PLACED"') == 2 and 'hx-vals=\'{"action": "accept"}\'' in desk
    url = reverse("owner:order_action", kwargs={"order_id": first.order_id})
    assert client.post(url, {"action": "accept"}, HTTP_HX_REQUEST="true").status_code == 200
    url = reverse("owner:order_action", kwargs={"order_id": second.order_id})
    assert client.post(url, {"action": "reject"}, HTTP_HX_REQUEST="true").status_code == 409  # no reason
    response = client.post(url, {"action": "reject"}, HTTP_HX_REQUEST="true", HTTP_HX_PROMPT="Closing early")
    assert response.status_code == 200
    assert Order.get(first.order_id).status == "CONFIRMED"
    rejected = Order.get(second.order_id)
    assert rejected.status == "CANCELLED" and rejected.cancel_reason == "Closing early"
    assert client.get(reverse("owner:order_alerts"), {"since": since}).json()["awaiting"] == 0


def _editor(status="DRAFT"):
    from tests.helpers import sign_in

    owner, tenant = make_owner()
    store = make_store(tenant, status=status)
    client = Client()
    sign_in(client, owner)
    return client, store, tenant


def _edit(client, store, card, data):
    from django.urls import reverse

    return client.post(
        reverse(f"owner:store_edit_{card}", kwargs={"store_id": store.store_id}), data, HTTP_HX_REQUEST="true"
    )


FULFILMENT = {"enabled": "on", "fee": "30", "free_above": "499", "area": "anywhere", "radius_km": "0"}


def test_editor_fulfilment_card_saves_and_refuses_with_the_field_named(dynamodb):
    from webdpro.db import Store

    client, store, tenant = _editor()
    response = _edit(client, store, "fulfilment", {**FULFILMENT, "enabled": ""})
    assert response.status_code == 400 and "Offer delivery, pickup or both." in response.content.decode()
    response = _edit(client, store, "fulfilment", {**FULFILMENT, "area": "radius", "store_pincode": "999999"})
    assert response.status_code == 400 and "We can&#x27;t locate PIN code 999999" in response.content.decode()
    response = _edit(client, store, "fulfilment", {**FULFILMENT, "area": "pins", "pincodes": "560001, 5600"})
    assert response.status_code == 400 and "5600 is not a 6-digit PIN code." in response.content.decode()
    ok = _edit(client, store, "fulfilment", {**FULFILMENT, "pickup": "on", "area": "pins", "pincodes": "560001 560034"})
    assert ok.status_code == 200 and "Saved." in ok.content.decode()
    delivery = Store.get(tenant.tenant_id, store.store_id).config.as_dict()["delivery"]
    assert delivery["pickup"] is True and delivery["pincodes"] == ["560001", "560034"] and delivery["area"] == "pins"


def test_editor_orders_and_hours_cards(dynamodb):
    from webdpro.db import Store

    client, store, tenant = _editor()
    data = {"min_order": "150", "acceptance": "manual", "accept_minutes": "0", "alerts": "sms"}
    data["customer_channel"] = "sms"
    response = _edit(client, store, "orders", data)
    assert response.status_code == 400 and "Give between 1 and 1440 minutes" in response.content.decode()
    assert _edit(client, store, "orders", {**data, "accept_minutes": "10"}).status_code == 200
    hours = {"enabled": "on", "outside": "schedule", "mon_open1": "22:00", "mon_close1": "07:00"}
    response = _edit(client, store, "hours", hours)
    assert response.status_code == 400 and "Each range must close after it opens" in response.content.decode()
    hours.update(mon_open1="07:00", mon_close1="13:00", mon_open2="16:00", mon_close2="21:00", holidays="2026-12-25")
    assert _edit(client, store, "hours", hours).status_code == 200
    config = Store.get(tenant.tenant_id, store.store_id).config.as_dict()
    assert config["orders"] == {
        "min_order": "150.00",
        "acceptance": "manual",
        "accept_minutes": 10,
        "alerts": "sms",
        "customer_channel": "sms",
    }
    assert config["hours"]["week"]["mon"] == [["07:00", "13:00"], ["16:00", "21:00"]]
    assert config["hours"]["week"]["tue"] == [] and config["hours"]["holidays"] == ["2026-12-25"]
    assert _edit(client, store, "hours", {"outside": "refuse"}).status_code == 200  # schedule off
    assert "hours" not in Store.get(tenant.tenant_id, store.store_id).config.as_dict()


def test_checkout_of_a_closed_shop_says_what_happens(dynamodb, monkeypatch):
    week = {d: [["07:00", "22:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    store = shop_with(hours={"week": week, "outside": "schedule"})
    rice = make_product(store, price="120.00", stock=5)
    client = with_cart(store, rice)
    moment = datetime(2026, 12, 2, 23, 0, tzinfo=clock.IST)
    monkeypatch.setattr(clock, "now", lambda: moment)
    html = client.get(f"/s/{store.slug}/checkout/").content.decode()
    assert "Closed · opens 7 am tomorrow · Your order will be scheduled for when we open." in html
