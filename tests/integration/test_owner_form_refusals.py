"""Owner actions parsed by Django forms: a bad value (unknown choice, too-long text) answers 4xx with the
field named on the page and writes nothing to DynamoDB."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import make_agent, make_order, make_owner, make_store, refused, sign_in
from webdpro.db import Order, Payment, Tenant, User
from webdpro.payments.gateway import get_gateway


@pytest.fixture(autouse=True)
def sandbox(settings, dynamodb):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox


@pytest.fixture
def shop(client):
    owner, tenant = make_owner(plan="FREE")
    store = make_store(tenant, name="Main Bazaar")
    sign_in(client, owner)
    return {"client": client, "owner": owner, "tenant": tenant, "store": store}


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"action": "upgrade", "plan": "GOLD"}, "Choose the plan from the list."),
        ({"action": "steal"}, "Choose the billing action from the list."),
        ({}, "Choose the billing action from the list."),
        ({"action": "callback", "razorpay_signature": "x" * 201}, "The Razorpay signature is too long"),
    ],
)
def test_billing_refuses_a_bad_field(shop, data, names):
    refused(shop["client"], "post", reverse("owner:billing"), data, names=names)
    tenant = Tenant.get(shop["tenant"].tenant_id)
    assert tenant.plan == "FREE" and not tenant.razorpay_subscription_id
    assert "billing_plan" not in shop["client"].session


def test_publish_fee_refuses_a_bad_method_or_action(shop, monkeypatch):
    from webdpro.accounts import plans

    monkeypatch.setitem(plans.PLANS, "FREE", replace(plans.FREE, publish_fee=Decimal("199.00")))
    store = make_store(shop["tenant"], status="DRAFT")
    url = reverse("owner:publish_fee", kwargs={"store_id": store.store_id})
    shop["client"].get(url)
    refused(
        shop["client"],
        "post",
        url,
        {"action": "pay", "method": "COD"},
        names="Choose the payment method from the list.",
    )
    refused(shop["client"], "post", url, {"action": "steal"}, names="Choose the sandbox action from the list.")
    shop["client"].post(url, {"action": "pay", "method": "CARD"})
    assert shop["client"].get(reverse("owner:billing")).content.decode().count('data-testid="platform-payment"') == 1


def test_order_action_refuses_a_bad_field_and_leaves_the_order(shop):
    order = make_order(shop["store"], status="CONFIRMED")
    url = reverse("owner:order_action", kwargs={"order_id": order.order_id})
    client = shop["client"]
    refused(client, "post", url, {"action": "teleport"}, names="Choose the order action from the list.")
    refused(
        client,
        "post",
        url,
        {"action": "teleport"},
        names="Choose the order action from the list.",
        HTTP_HX_REQUEST="true",
    )
    refused(client, "post", url, {"action": "cancel", "reason": "x" * 301}, names="The reason is too long")
    refused(client, "post", url, {"action": "prepare", "from": "elsewhere"}, names="Choose the page from the list.")
    assert Order.get(order.order_id).status == "CONFIRMED"
    assert client.post(url, {"action": "prepare", "from": "detail"}).status_code == 302
    assert Order.get(order.order_id).status == "PREPARING"


def test_bulk_action_refuses_an_unknown_action(shop):
    order = make_order(shop["store"], status="CONFIRMED")
    data = {"action": "teleport", "order_ids": [order.order_id]}
    names = "Choose the action for the selected orders from the list."
    refused(shop["client"], "post", reverse("owner:orders_bulk"), data, names=names)
    refused(shop["client"], "post", reverse("owner:orders_bulk"), data, names=names, HTTP_HX_REQUEST="true")
    assert Order.get(order.order_id).status == "CONFIRMED"


def test_desk_filters_name_the_bad_field(shop):
    response = shop["client"].get(reverse("owner:orders"), {"status": "NOPE"})
    assert response.status_code == 400 and "Choose the order status from the list." in response.content.decode()
    response = shop["client"].get(reverse("owner:orders"), {"method": "GOLD"})
    assert response.status_code == 400 and "Choose the payment method from the list." in response.content.decode()


def test_refund_refuses_a_too_long_reason(shop):
    from tests.integration.test_owner_list_forms import captured_payment

    payment = captured_payment(shop)
    url = reverse("owner:payment_refund", kwargs={"payment_id": payment.payment_id})
    refused(shop["client"], "post", url, {"reason": "x" * 301}, names="The refund reason is too long")
    assert Payment.get(payment.tenant_id, payment.payment_id).status == "CAPTURED"


def test_coupon_pause_and_agent_switch_refuse_other_values(shop):
    from webdpro.coupons import selectors as coupon_selectors
    from webdpro.coupons import services as coupons

    coupons.create_coupon(shop["store"], {"code": "DIWALI10", "kind": "PERCENT", "value": "10"})
    url = reverse("owner:coupon_pause", kwargs={"store_id": shop["store"].store_id, "code": "DIWALI10"})
    refused(shop["client"], "post", url, {"paused": "yes"}, names="Choose the pause switch from the list.")
    assert not coupon_selectors.get_coupon(shop["store"].store_id, "DIWALI10").is_paused
    agent = make_agent(shop["tenant"])
    url = reverse("owner:agent_active", args=[agent.user_id])
    refused(shop["client"], "post", url, {"active": "no"}, names="Choose the active switch from the list.")
    refused(shop["client"], "post", url, {}, names="Choose the active switch from the list.")
    assert User.get(agent.phone).is_active
