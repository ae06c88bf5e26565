"""Checkout and webhooks in Razorpay mode: Razorpay's documented payloads, HMAC-SHA256 signatures
computed here, Razorpay's API answered by ``responses``; DynamoDB Local underneath."""

import json
from decimal import Decimal

import pytest
import responses
from django.urls import reverse

from tests import razorpay_payloads as rp
from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store
from webdpro.db import Order, Payment, Tenant, WebhookEvent
from webdpro.ids import new_id
from webdpro.payments import access, services

API = "https://api.razorpay.com/v1"
URL = "/webhooks/razorpay/"


@pytest.fixture
def razorpay(settings):
    for name, value in rp.RAZORPAY_SETTINGS.items():
        setattr(settings, name, value)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


_counter = [0]


def new_rzp_id(prefix):
    _counter[0] += 1

    return f"{prefix}_{new_id()[-14:]}"


@pytest.fixture
def pending(razorpay):
    """A PENDING_PAYMENT UPI order whose Razorpay order was created (₹130.00 = 13000 paise)."""
    _, tenant = make_owner()
    store = make_store(tenant)
    order = make_order(store, [make_product(store, price="100.00")], status="PENDING_PAYMENT", payment_method="UPI")
    rzp_order = new_rzp_id("order")
    razorpay.post(f"{API}/orders", json=rp.order_response(rzp_order, 13000, order.order_id, {}))
    payment = services.start_order_checkout(order)
    assert payment.payment_id == rzp_order and payment.status == "CREATED" and payment.amount == Decimal("130.00")
    sent = json.loads(razorpay.calls[-1].request.body)
    assert (
        sent["amount"] == 13000 and sent["receipt"] == order.order_id and sent["notes"]["tenant_id"] == tenant.tenant_id
    )
    return {"tenant": tenant, "store": store, "order": Order.get(order.order_id), "payment": payment, "rzp": rzp_order}


def post(client, body, event_id=None, signature=None):
    headers = {"HTTP_X_RAZORPAY_SIGNATURE": signature if signature is not None else rp.sign(body)}
    if event_id:
        headers["HTTP_X_RAZORPAY_EVENT_ID"] = event_id
    return client.post(URL, data=body, content_type="application/json", **headers)


def state(p):
    order = Order.get(p["order"].order_id, consistent_read=True)
    payment = Payment.get(p["tenant"].tenant_id, p["rzp"], consistent_read=True)
    return order, payment


def test_order_row_and_payment_row_are_linked(pending, razorpay):
    order, payment = state(pending)
    assert order.razorpay_order_id == pending["rzp"] and payment.order_id == order.order_id
    assert payment.kind == "ORDER" and payment.razorpay_order_id == pending["rzp"]
    # Opening Checkout again reuses the Razorpay order (no second API call).
    before = len(razorpay.calls)
    again = services.start_order_checkout(order)
    assert again.payment_id == pending["rzp"] and len(razorpay.calls) == before


def test_valid_signature_is_accepted_and_confirms_the_order(pending, client):
    body = rp.payment_captured("pay_DESlfW9H8K9uqM", pending["rzp"], 13000)
    with assert_max_calls(12):
        response = post(client, body, "evt_1")
    assert response.status_code == 200, response.content
    order, payment = state(pending)
    assert payment.status == "CAPTURED" and payment.razorpay_payment_id == "pay_DESlfW9H8K9uqM"
    assert payment.payment_method == "UPI"
    assert (
        order.status == "CONFIRMED"
        and order.payment_status == "PAID"
        and order.razorpay_payment_id == "pay_DESlfW9H8K9uqM"
    )
    assert order.history[-1].status == "CONFIRMED"
    assert WebhookEvent.get("razorpay#evt_1").event == "payment.captured"


def test_tampered_body_is_rejected_with_400_and_changes_nothing(pending, client):
    body = rp.payment_captured("pay_DESlfW9H8K9uqM", pending["rzp"], 13000)
    signature = rp.sign(body)
    tampered = body.replace('"amount": 13000', '"amount": 100')
    assert tampered != body
    assert post(client, tampered, "evt_2", signature=signature).status_code == 400
    assert post(client, body, "evt_2b", signature="0" * 64).status_code == 400
    assert post(client, body, "evt_2c", signature="").status_code == 400
    assert post(client, body, "evt_2d", signature=rp.sign(body, "wrong-secret")).status_code == 400
    order, payment = state(pending)
    assert payment.status == "CREATED" and order.status == "PENDING_PAYMENT" and order.payment_status == "PENDING"


def test_replayed_event_changes_nothing(pending, client):
    body = rp.payment_captured("pay_DESlfW9H8K9uqM", pending["rzp"], 13000)
    assert post(client, body, "evt_3").status_code == 200
    before_order, before_payment = state(pending)
    response = post(client, body, "evt_3")
    assert response.status_code == 200 and "duplicate" in response.json()["status"]
    # Redelivered under a new event id (at-least-once): still applied only once.
    assert post(client, body, "evt_3_again").status_code == 200
    assert (
        post(
            client, rp.order_paid("pay_DESlfW9H8K9uqM", pending["rzp"], 13000, pending["order"].order_id), "evt_3_op"
        ).status_code
        == 200
    )
    order, payment = state(pending)
    assert order.updated_at == before_order.updated_at and len(order.history) == len(before_order.history)
    assert payment.updated_at == before_payment.updated_at and order.status == "CONFIRMED"


def test_failure_then_capture_and_a_late_failure_never_move_back(pending, client):
    assert post(client, rp.payment_failed("pay_FAILED0000001", pending["rzp"], 13000), "evt_f1").status_code == 200
    order, payment = state(pending)
    assert payment.status == "FAILED" and "UPI PIN" in payment.error
    assert order.status == "PENDING_PAYMENT" and order.payment_status == "FAILED"
    assert post(client, rp.payment_captured("pay_OK000000000001", pending["rzp"], 13000), "evt_c1").status_code == 200
    # An older failure delivered late (out of order) must not undo the capture.
    assert post(client, rp.payment_failed("pay_FAILED0000002", pending["rzp"], 13000), "evt_f2").status_code == 200
    order, payment = state(pending)
    assert payment.status == "CAPTURED" and order.status == "CONFIRMED" and order.payment_status == "PAID"


def test_order_paid_alone_confirms_the_order(pending, client):
    body = rp.order_paid("pay_ORDERPAID00001", pending["rzp"], 13000, pending["order"].order_id)
    assert post(client, body, "evt_op").status_code == 200
    order, payment = state(pending)
    assert order.status == "CONFIRMED" and payment.status == "CAPTURED"


def test_amount_mismatch_is_captured_but_not_applied(pending, client):
    assert post(client, rp.payment_captured("pay_SHORT00000001", pending["rzp"], 100), "evt_m").status_code == 200
    order, payment = state(pending)
    assert payment.status == "CAPTURED" and "₹1.00" in payment.note and "₹130.00" in payment.note
    assert order.status == "PENDING_PAYMENT" and order.payment_status != "PAID"


def test_unknown_event_is_acknowledged(client, razorpay):
    body = rp.event("invoice.paid", {"invoice": {"entity": {"id": "inv_1"}}})
    response = post(client, body, "evt_u")
    assert response.status_code == 200 and "not handled" in response.json()["status"]


def test_payment_not_found_yet_asks_for_a_retry(client, razorpay):
    notes = {"app": "webdpro", "tenant_id": "01NOSUCHTENANT", "kind": "ORDER"}
    body = rp.payment_captured("pay_X0000000000001", "order_NOTWRITTENYET", 13000, notes=notes)
    assert post(client, body, "evt_nf").status_code == 503
    with pytest.raises(WebhookEvent.DoesNotExist):
        WebhookEvent.get("razorpay#evt_nf")
    # A subscription's recurring charge (its own Razorpay order, subscription notes): not retried.
    sub_notes = {"app": "webdpro", "kind": "SUBSCRIPTION", "tenant_id": "01NOSUCHTENANT", "plan": "PRO"}
    charge = rp.payment_captured("pay_X0000000000003", "order_SUBINVOICE01", 49900, notes=sub_notes)
    assert post(client, charge, "evt_sub_charge").status_code == 200
    # Someone else's payment on the same Razorpay account: acknowledged, ignored.
    other = rp.payment_captured("pay_X0000000000002", "order_NOTOURS", 13000)
    assert post(client, other, "evt_other").status_code == 200


def test_webhook_endpoint_is_csrf_exempt_and_post_only(pending):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    body = rp.payment_captured("pay_CSRF0000000001", pending["rzp"], 13000)
    assert post(client, body, "evt_csrf").status_code == 200
    assert client.get(URL).status_code == 405


# --- Checkout callback ---------------------------------------------------------------------------


def test_pay_page_is_404_without_the_session_or_a_signed_link(pending, client):
    order = pending["order"]
    url = reverse("payments:pay", kwargs={"order_id": order.order_id})
    assert client.get(url).status_code == 404
    assert client.get(url + "?t=forged").status_code == 404
    assert (
        client.get(
            reverse("payments:pay", kwargs={"order_id": "01JAAAAAAAAAAAAAAAAAAAAAAA"})
            + "?t="
            + access.make_token(order.order_id)
        ).status_code
        == 404
    )
    response = client.get(access.signed_pay_url(order.order_id))
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "https://checkout.razorpay.com/v1/checkout.js" in html and "SANDBOX" not in html
    options = json.loads(html.split('id="rzp-options" type="application/json">')[1].split("</script>")[0])
    assert options["order_id"] == pending["rzp"] and options["amount"] == 13000 and options["key"] == rp.KEY_ID
    assert rp.KEY_SECRET not in html


def test_callback_verifies_the_signature_then_confirms(pending, client, razorpay):
    order = pending["order"]
    client.get(access.signed_pay_url(order.order_id))
    callback = reverse("payments:callback", kwargs={"order_id": order.order_id})
    razorpay.get(
        f"{API}/payments/pay_CB000000000001",
        json=rp.payment_entity("pay_CB000000000001", pending["rzp"], 13000, method="card"),
    )
    bad = client.post(
        callback,
        {
            "razorpay_order_id": pending["rzp"],
            "razorpay_payment_id": "pay_CB000000000001",
            "razorpay_signature": rp.checkout_signature(pending["rzp"], "pay_OTHER"),
        },
    )
    assert bad.status_code == 400 and "could not verify" in bad.content.decode()
    assert state(pending)[0].status == "PENDING_PAYMENT"
    good = client.post(
        callback,
        {
            "razorpay_order_id": pending["rzp"],
            "razorpay_payment_id": "pay_CB000000000001",
            "razorpay_signature": rp.checkout_signature(pending["rzp"], "pay_CB000000000001"),
        },
    )
    assert good.status_code == 302
    order, payment = state(pending)
    assert order.status == "CONFIRMED" and order.payment_status == "PAID" and payment.payment_method == "CARD"
    assert "Payment received" in client.get(good["Location"]).content.decode()
    # The webhook that follows finds the work done.
    assert (
        post(client, rp.payment_captured("pay_CB000000000001", pending["rzp"], 13000), "evt_after").status_code == 200
    )
    assert len(Order.get(order.order_id).history) == len(order.history)


# --- Refunds -------------------------------------------------------------------------------------


def test_refund_through_razorpay_then_refund_processed(pending, client, razorpay):
    from webdpro.payments.refunds import RefundError, request_refund

    with pytest.raises(RefundError):
        request_refund(pending["order"], "cancelled", by="owner")  # not captured yet
    post(client, rp.payment_captured("pay_29QQoUBi66xm2f", pending["rzp"], 13000), "evt_r0")
    razorpay.post(
        f"{API}/payments/pay_29QQoUBi66xm2f/refund",
        json=rp.refund_entity("rfnd_FP8QHiV938haTz", "pay_29QQoUBi66xm2f", 13000, status="pending"),
    )
    order = Order.get(pending["order"].order_id)
    payment = request_refund(order, "Out of stock", by="owner-user")
    call = razorpay.calls[-1]
    assert call.request.headers["X-Refund-Idempotency"] == f"wdp-refund-{pending['rzp']}"
    assert json.loads(call.request.body)["amount"] == 13000
    assert (
        payment.refund_id == "rfnd_FP8QHiV938haTz"
        and payment.refund_status == "PENDING"
        and payment.status == "CAPTURED"
    )
    # A second request does not refund twice.
    n = len(razorpay.calls)
    request_refund(order, "again", by="owner-user")
    assert len(razorpay.calls) == n
    body = rp.refund_processed("rfnd_FP8QHiV938haTz", "pay_29QQoUBi66xm2f", pending["rzp"], 13000)
    assert post(client, body, "evt_rp").status_code == 200
    order, payment = state(pending)
    assert payment.status == "REFUNDED" and payment.refund_status == "PROCESSED"
    assert order.payment_status == "REFUNDED"
    # A late payment.captured does not undo the refund.
    assert post(client, rp.payment_captured("pay_29QQoUBi66xm2f", pending["rzp"], 13000), "evt_late").status_code == 200
    assert state(pending)[1].status == "REFUNDED"


# --- Subscriptions -------------------------------------------------------------------------------


def test_subscription_lifecycle_follows_the_webhooks(client, razorpay):
    from webdpro.payments import billing

    owner, tenant = make_owner()
    razorpay.post(
        f"{API}/customers",
        json={
            "id": "cust_SUB000000001",
            "entity": "customer",
            "name": "x",
            "contact": owner.phone,
            "email": None,
            "notes": {},
            "created_at": 1,
        },
    )
    razorpay.post(
        f"{API}/subscriptions",
        json=rp.subscription_entity(
            "sub_SUB000000001", "plan_00000000000001", "cust_SUB000000001", "created", {"tenant_id": tenant.tenant_id}
        ),
    )
    billing.start_subscription(tenant, "PRO", owner)
    tenant = Tenant.get(tenant.tenant_id)
    assert tenant.razorpay_customer_id == "cust_SUB000000001" and tenant.razorpay_subscription_id == "sub_SUB000000001"
    assert tenant.subscription_status == "PENDING" and tenant.plan == "FREE"
    sent = json.loads(razorpay.calls[-1].request.body)
    assert sent["plan_id"] == "plan_00000000000001" and sent["customer_id"] == "cust_SUB000000001"
    notes = {"app": "webdpro", "tenant_id": tenant.tenant_id, "plan": "PRO"}
    active = rp.subscription_entity("sub_SUB000000001", "plan_00000000000001", "cust_SUB000000001", "active", notes)
    charge = rp.payment_entity("pay_SUBCHARGE00001", None, 49900, notes=notes)
    assert post(client, rp.subscription_event("subscription.activated", active), "evt_s1").status_code == 200
    tenant = Tenant.get(tenant.tenant_id)
    assert (tenant.plan, tenant.max_stores, tenant.subscription_status) == ("PRO", 5, "ACTIVE")
    assert post(client, rp.subscription_event("subscription.charged", active, charge), "evt_s2").status_code == 200
    assert (
        post(client, rp.subscription_event("subscription.charged", active, charge), "evt_s2-redelivered").status_code
        == 200
    )
    charges = billing.platform_payments(tenant.tenant_id)
    assert [c.amount for c in charges] == [Decimal("499.00")]
    cancelled = dict(active, status="cancelled")
    assert post(client, rp.subscription_event("subscription.cancelled", cancelled), "evt_s3").status_code == 200
    tenant = Tenant.get(tenant.tenant_id)
    assert (tenant.plan, tenant.max_stores, tenant.subscription_status) == ("FREE", 1, "CANCELLED")
    # A charged event delivered late must not re-activate a cancelled subscription.
    assert post(client, rp.subscription_event("subscription.charged", active, charge), "evt_s4").status_code == 200
    assert Tenant.get(tenant.tenant_id).subscription_status == "CANCELLED"
    halted = dict(active, status="halted")
    assert post(client, rp.subscription_event("subscription.halted", halted), "evt_s5").status_code == 200
    assert Tenant.get(tenant.tenant_id).subscription_status == "EXPIRED"
    # A second upgrade reuses the customer: no second customer call.
    customers_before = sum(1 for c in razorpay.calls if c.request.url.endswith("/customers"))
    razorpay.post(
        f"{API}/subscriptions",
        json=rp.subscription_entity("sub_SUB000000002", "plan_00000000000002", "cust_SUB000000001", "created", {}),
    )
    billing.start_subscription(Tenant.get(tenant.tenant_id), "ENTERPRISE", owner)
    assert sum(1 for c in razorpay.calls if c.request.url.endswith("/customers")) == customers_before
    # Events of the old subscription are ignored now.
    assert post(client, rp.subscription_event("subscription.activated", active), "evt_s6").status_code == 200
    assert Tenant.get(tenant.tenant_id).subscription_status == "PENDING"
