"""Razorpay Route at its HTTP boundary (``responses`` on api.razorpay.com), with Razorpay's documented
request and response bodies: linked account, stakeholder, product configuration, order with transfers,
transfer release, refund with reversal, transfer look-ups."""

import json

import pytest
import responses

from tests import razorpay_payloads as rp
from tests import route_payloads as rt
from webdpro.payments.gateway import GatewayError, RazorpayGateway

BASE = "https://api.razorpay.com"


@pytest.fixture
def gw():
    return RazorpayGateway(rp.KEY_ID, rp.KEY_SECRET, rp.WEBHOOK_SECRET, timeout=4.5)


def _sent(index=0):
    call = responses.calls[index]
    assert call.request.req_kwargs["timeout"] == 4.5
    assert call.request.headers["Authorization"].startswith("Basic ")
    return call.request.method, call.request.url, json.loads(call.request.body or "null")


@responses.activate
def test_create_linked_account_posts_v2_accounts_type_route(gw):
    responses.post(f"{BASE}/v2/accounts", json=rt.account_response())
    data = {"email": "a@example.com", "type": "route", "legal_business_name": "Acme Corp"}
    assert gw.route.create_account(data)["id"] == rt.ACCOUNT_ID
    method, url, body = _sent()
    assert (method, url, body) == ("POST", f"{BASE}/v2/accounts", data)


@responses.activate
def test_update_linked_account_patches_it(gw):
    responses.patch(f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}", json=rt.account_response())
    gw.route.update_account(rt.ACCOUNT_ID, {"contact_name": "G K"})
    assert _sent()[:3] == ("PATCH", f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}", {"contact_name": "G K"})


@responses.activate
def test_stakeholder_create_and_edit(gw):
    responses.post(f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/stakeholders", json=rt.stakeholder_response())
    responses.patch(
        f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/stakeholders/{rt.STAKEHOLDER_ID}", json=rt.stakeholder_response()
    )
    data = {"name": "Gaurav Kumar", "email": "g@example.com", "kyc": {"pan": "AVOPB1111K"}}
    assert gw.route.create_stakeholder(rt.ACCOUNT_ID, data)["id"] == rt.STAKEHOLDER_ID
    gw.route.update_stakeholder(rt.ACCOUNT_ID, rt.STAKEHOLDER_ID, data)
    assert _sent(0) == ("POST", f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/stakeholders", data)
    assert _sent(1) == ("PATCH", f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/stakeholders/{rt.STAKEHOLDER_ID}", data)


@responses.activate
def test_product_configuration_requested_then_settlements_patched(gw):
    responses.post(f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products", json=rt.product_response())
    responses.patch(
        f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products/{rt.PRODUCT_ID}", json=rt.product_response("under_review")
    )
    assert gw.route.request_product(rt.ACCOUNT_ID)["id"] == rt.PRODUCT_ID
    settlements = {"account_number": "1234567890", "ifsc_code": "HDFC0000317", "beneficiary_name": "Gaurav Kumar"}
    assert gw.route.update_product(rt.ACCOUNT_ID, rt.PRODUCT_ID, settlements)["activation_status"] == "under_review"
    assert _sent(0) == (
        "POST",
        f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products",
        {"product_name": "route", "tnc_accepted": True},
    )
    assert _sent(1) == (
        "PATCH",
        f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products/{rt.PRODUCT_ID}",
        {"settlements": settlements, "tnc_accepted": True},
    )


@responses.activate
def test_order_with_a_transfer_on_hold(gw):
    response = rp.order_response("order_E9uTczH8uWPCyQ", 48000, "01JDX", {})
    response["transfers"] = [
        {"recipient": rt.ACCOUNT_ID, "amount": 47040, "currency": "INR", "on_hold": True, "on_hold_until": None}
    ]
    responses.post(f"{BASE}/v1/orders", json=response)
    transfers = [{"account": rt.ACCOUNT_ID, "amount": 47040, "currency": "INR", "on_hold": True}]
    gw.create_order(48000, receipt="01JDX", notes={}, transfers=transfers)
    _, _, body = _sent()
    assert body["transfers"] == transfers and body["amount"] == 48000


@responses.activate
def test_release_patches_the_transfer_on_hold_false(gw):
    responses.patch(f"{BASE}/v1/transfers/{rt.TRANSFER_ID}", json=rt.transfer_entity(on_hold=False))
    assert gw.route.release_transfer(rt.TRANSFER_ID)["on_hold"] is False
    assert _sent() == ("PATCH", f"{BASE}/v1/transfers/{rt.TRANSFER_ID}", {"on_hold": False})


@responses.activate
def test_refund_with_reverse_all(gw):
    responses.post(
        f"{BASE}/v1/payments/pay_EAdwQDe4JrhOFX/refund",
        json={
            "id": "rfnd_EAzovSwG8jBnGf",
            "entity": "refund",
            "amount": 48000,
            "currency": "INR",
            "payment_id": "pay_EAdwQDe4JrhOFX",
            "notes": [],
            "receipt": None,
            "created_at": 1580454723,
        },
    )
    gw.refund("pay_EAdwQDe4JrhOFX", 48000, "wdp-refund-x", notes={}, reverse_all=True)
    _, _, body = _sent()
    assert body["reverse_all"] == 1 and body["amount"] == 48000
    assert responses.calls[0].request.headers["X-Refund-Idempotency"] == "wdp-refund-x"


@responses.activate
def test_refund_without_a_transfer_does_not_reverse(gw):
    responses.post(f"{BASE}/v1/payments/pay_X/refund", json={"id": "rfnd_X", "entity": "refund", "amount": 100})
    gw.refund("pay_X", 100, "k", notes={})
    assert "reverse_all" not in _sent()[2]


@responses.activate
def test_payment_and_settlement_transfers(gw):
    responses.get(
        f"{BASE}/v1/payments/pay_E8JR8E0XyjUSZd/transfers",
        json={"entity": "collection", "count": 1, "items": [rt.transfer_entity()]},
    )
    responses.get(
        f"{BASE}/v1/transfers",
        json={
            "entity": "collection",
            "count": 1,
            "items": [rt.transfer_entity(recipient_settlement_id=rt.SETTLEMENT_ID)],
        },
    )
    assert gw.route.payment_transfers("pay_E8JR8E0XyjUSZd")[0]["id"] == rt.TRANSFER_ID
    assert gw.route.settlement_transfers(rt.SETTLEMENT_ID)[0]["recipient_settlement_id"] == rt.SETTLEMENT_ID
    assert responses.calls[1].request.url == f"{BASE}/v1/transfers?recipient_settlement_id={rt.SETTLEMENT_ID}"


@responses.activate
def test_refusals_become_gateway_errors_without_account_numbers(gw, caplog):
    responses.post(
        f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products",
        status=400,
        json={"error": {"code": "BAD_REQUEST_ERROR", "description": "Invalid account 1234567890123456 for AAACL1234C"}},
    )
    with pytest.raises(GatewayError) as info:
        gw.route.request_product(rt.ACCOUNT_ID)
    assert "1234567890123456" not in str(info.value) and "AAACL1234C" not in str(info.value)
    assert "1234567890123456" not in caplog.text and "AAACL1234C" not in caplog.text


@responses.activate
def test_direct_transfer_posts_v1_transfers(gw):
    response = rt.transfer_entity(source="acc_CJoeHMNpi0nC7k", on_hold=False)
    responses.post(f"{BASE}/v1/transfers", json=response)
    notes = {"tenant_id": "t1", "order_id": "o1"}
    assert gw.route.direct_transfer(rt.ACCOUNT_ID, 47040, notes)["id"] == rt.TRANSFER_ID
    assert _sent() == (
        "POST",
        f"{BASE}/v1/transfers",
        {"account": rt.ACCOUNT_ID, "amount": 47040, "currency": "INR", "notes": notes},
    )
