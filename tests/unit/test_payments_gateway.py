"""The Razorpay gateway at its HTTP boundary (``responses`` on api.razorpay.com) with Razorpay's
documented bodies, and signatures computed here with hmac/hashlib."""

import json

import pytest
import requests
import responses

from tests import razorpay_payloads as rp
from webdpro.payments.gateway import GatewayError, RazorpayGateway, SandboxGateway, SignatureError, get_gateway

API = "https://api.razorpay.com/v1"


@pytest.fixture
def gw():
    return RazorpayGateway(rp.KEY_ID, rp.KEY_SECRET, rp.WEBHOOK_SECRET, timeout=4.5)


@responses.activate
def test_create_order_sends_integer_paise_receipt_notes_and_a_timeout(gw):
    responses.post(f"{API}/orders", json=rp.order_response("order_EKwxwAgItmmXdp", 12345, "01JDX", {"kind": "ORDER"}))
    created = gw.create_order(
        12345,
        receipt="01JDXQ4Z5T5YV0C5J4N9K8W7R6-and-much-too-long-for-razorpay",
        notes={"tenant_id": "t1", "order_id": "o1", "empty": None},
    )
    assert created["id"] == "order_EKwxwAgItmmXdp"
    call = responses.calls[0]
    body = json.loads(call.request.body)
    assert body == {
        "amount": 12345,
        "currency": "INR",
        "receipt": "01JDXQ4Z5T5YV0C5J4N9K8W7R6-and-much-too-",
        "notes": {"tenant_id": "t1", "order_id": "o1"},
    }
    assert len(body["receipt"]) == 40 and isinstance(body["amount"], int)
    assert call.request.req_kwargs["timeout"] == 4.5
    assert call.request.headers["Authorization"].startswith("Basic ")


def test_amounts_must_be_integer_paise(gw):
    with pytest.raises(TypeError):
        gw.create_order(123.45, receipt="r", notes={})
    from decimal import Decimal

    with pytest.raises(TypeError):
        gw.create_order(Decimal("123.45"), receipt="r", notes={})


def test_checkout_signature_is_hmac_of_order_and_payment_with_the_key_secret(gw):
    good = rp.checkout_signature("order_DBJOWzybf0sJbb", "pay_DBJOYu7FsWbkCo")
    gw.verify_payment_signature("order_DBJOWzybf0sJbb", "pay_DBJOYu7FsWbkCo", good)
    with pytest.raises(SignatureError):
        gw.verify_payment_signature("order_DBJOWzybf0sJbb", "pay_OTHER", good)
    with pytest.raises(SignatureError):
        gw.verify_payment_signature("order_DBJOWzybf0sJbb", "pay_DBJOYu7FsWbkCo", "")


def test_webhook_signature_is_hmac_of_the_raw_body(gw):
    body = rp.payment_captured("pay_DESlfW9H8K9uqM", "order_DESlLckIVRkHWj", 100)
    gw.verify_webhook_signature(body, rp.sign(body))
    reserialised = json.dumps(json.loads(body), indent=1)
    with pytest.raises(SignatureError):
        gw.verify_webhook_signature(reserialised, rp.sign(body))
    with pytest.raises(SignatureError):
        gw.verify_webhook_signature(body, None)
    no_secret = RazorpayGateway(rp.KEY_ID, rp.KEY_SECRET, "", timeout=1)
    with pytest.raises(SignatureError):
        no_secret.verify_webhook_signature(body, rp.sign(body, ""))


@responses.activate
def test_refund_sends_the_idempotency_header(gw):
    responses.post(
        f"{API}/payments/pay_29QQoUBi66xm2f/refund",
        json=rp.refund_entity("rfnd_FP8QHiV938haTz", "pay_29QQoUBi66xm2f", 50000, status="pending"),
    )
    refund = gw.refund("pay_29QQoUBi66xm2f", 50000, "wdp-refund-order_x", notes={"reason": "cancelled"})
    assert refund["id"] == "rfnd_FP8QHiV938haTz"
    call = responses.calls[0]
    assert call.request.headers["X-Refund-Idempotency"] == "wdp-refund-order_x"
    assert json.loads(call.request.body)["amount"] == 50000
    assert call.request.req_kwargs["timeout"] == 4.5


@responses.activate
def test_fetch_payment_customer_and_subscription_calls(gw):
    responses.get(
        f"{API}/payments/pay_DESlfW9H8K9uqM", json=rp.payment_entity("pay_DESlfW9H8K9uqM", "order_DESlLckIVRkHWj", 100)
    )
    responses.post(
        f"{API}/customers",
        json={
            "id": "cust_1Aa00000000001",
            "entity": "customer",
            "name": "Shop",
            "email": None,
            "contact": "+919876543210",
            "gstin": None,
            "notes": {},
            "created_at": 1582033731,
        },
    )
    responses.post(
        f"{API}/subscriptions",
        json=rp.subscription_entity("sub_00000000000001", "plan_00000000000001", "cust_1Aa00000000001", "created", {}),
    )
    responses.post(
        f"{API}/subscriptions/sub_00000000000001/cancel",
        json=rp.subscription_entity(
            "sub_00000000000001", "plan_00000000000001", "cust_1Aa00000000001", "cancelled", {}
        ),
    )
    assert gw.fetch_payment("pay_DESlfW9H8K9uqM")["status"] == "captured"
    assert gw.create_customer("Shop", "+919876543210", notes={"tenant_id": "t"})["id"] == "cust_1Aa00000000001"
    assert json.loads(responses.calls[1].request.body)["fail_existing"] == "0"
    sub = gw.create_subscription("plan_00000000000001", "cust_1Aa00000000001", notes={"tenant_id": "t"})
    assert sub["id"] == "sub_00000000000001"
    assert json.loads(responses.calls[2].request.body)["customer_id"] == "cust_1Aa00000000001"
    assert gw.cancel_subscription("sub_00000000000001")["status"] == "cancelled"
    assert all(call.request.req_kwargs["timeout"] == 4.5 for call in responses.calls)


@responses.activate
def test_razorpay_errors_become_gateway_errors(gw):
    responses.post(
        f"{API}/orders",
        status=400,
        json={"error": {"code": "BAD_REQUEST_ERROR", "description": "The amount must be atleast INR 1.00"}},
    )
    with pytest.raises(GatewayError, match="atleast INR 1.00"):
        gw.create_order(100, receipt="r", notes={})
    responses.post(f"{API}/orders", body=requests.ConnectionError("down"))
    with pytest.raises(GatewayError, match="Could not reach Razorpay"):
        gw.create_order(100, receipt="r", notes={})


def test_sandbox_is_used_without_keys_and_signs_like_razorpay(settings):
    settings.RAZORPAY_KEY_ID = ""
    gw = get_gateway()
    assert isinstance(gw, SandboxGateway) and gw.is_sandbox
    order = gw.create_order(5000, "receipt", {"a": "b"})
    assert order["id"].startswith("order_SBX") and order["amount"] == 5000
    pay_id = gw.new_payment_id()
    gw.verify_payment_signature(order["id"], pay_id, gw.sign_checkout(order["id"], pay_id))
    with pytest.raises(SignatureError):
        gw.verify_payment_signature(order["id"], pay_id, rp.checkout_signature(order["id"], pay_id))
    settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET = rp.KEY_ID, rp.KEY_SECRET
    assert isinstance(get_gateway(), RazorpayGateway)


def test_production_without_keys_refuses_payments_instead_of_simulating(settings):
    from webdpro.payments.gateway import DisabledGateway

    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""
    settings.PAYMENTS_SANDBOX = False
    gw = get_gateway()
    assert isinstance(gw, DisabledGateway) and not gw.is_sandbox
    with pytest.raises(GatewayError, match="not set up"):
        gw.create_order(1000, "r", {})
    with pytest.raises(SignatureError):
        gw.verify_webhook_signature("{}", rp.sign("{}", ""))
    with pytest.raises(SignatureError):
        gw.verify_payment_signature("order_1", "pay_1", "x")
