"""Razorpay Route through the sandbox on DynamoDB Local (pay → deliver → released → settled; cancel →
refund reverses; replayed webhooks; a release that fails once), and Razorpay's own webhooks and
onboarding calls at the HTTP boundary (``responses``)."""

import json
import logging
import random
from decimal import Decimal

import pytest
import responses

from tests import razorpay_payloads as rp
from tests import route_payloads as rt
from tests.helpers import make_order, make_owner, make_product, make_store
from webdpro.accounts.plans import PLANS, commission_paise
from webdpro.db import Order, Tenant, Transfer, transact_write
from webdpro.db.tenants import PayoutStatus
from webdpro.db.transfers import TransferStatus
from webdpro.errors import ValidationFailed
from webdpro.ids import new_id
from webdpro.money import from_paise, to_paise
from webdpro.orders.actions import cancel_order, deliver_order, dispatch_order
from webdpro.payments import payout_jobs, payouts
from webdpro.payments.gateway import GatewayError, RazorpayGateway, SandboxGateway, get_gateway
from webdpro.payments.sandbox import sandbox_pay
from webdpro.payments.services import start_order_checkout
from webdpro.payments.webhooks import process_webhook

BASE = "https://api.razorpay.com"

_uniq = new_id()  # event ids unique to this module: the webhook dedupe table is shared by the session


@pytest.fixture(autouse=True)
def sandbox(settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox


@pytest.fixture
def no_razorpay():
    """Any request to Razorpay (or anywhere) fails the test: the sandbox must not make one."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
    assert len(mock.calls) == 0


def activated_shop(plan="FREE", account_number="1234567890123456"):
    owner, tenant = make_owner(plan=plan)
    tenant = payouts.submit_onboarding(tenant, {**rt.FORM, "account_number": account_number})
    assert tenant.payout_status == PayoutStatus.UNDER_REVIEW
    payout_jobs.run_pending()
    tenant.refresh(consistent_read=True)
    store = make_store(tenant)
    return owner, tenant, store, make_product(store, price="450.00", stock=50)


def paid_order(tenant, store, product):
    order = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI")
    gateway = get_gateway()
    payment = start_order_checkout(order, gateway)
    sandbox_pay(payment, "UPI", gateway)
    return Order.get(order.order_id), payment


def row(order):
    return Transfer.get(order.tenant_id, order.order_id, consistent_read=True)


def test_onboarding_in_the_sandbox_reaches_activated(no_razorpay):
    _, tenant, _, _ = activated_shop()
    assert tenant.payout_status == PayoutStatus.ACTIVATED
    assert tenant.payout_account_id.startswith("acc_SBX")
    assert tenant.payout_details.account_last4 == "3456"
    raw = json.dumps(Tenant.get(tenant.tenant_id).serialize())
    assert "1234567890123456" not in raw and "AAACL1234C" not in raw


def test_account_ending_0000_needs_clarification_then_resubmits(no_razorpay):
    owner, tenant = make_owner()
    payouts.submit_onboarding(tenant, {**rt.FORM, "account_number": "1234567890000"})
    payout_jobs.run_pending()
    tenant.refresh(consistent_read=True)
    assert tenant.payout_status == PayoutStatus.NEEDS_CLARIFICATION
    assert "settlements.account_number" in tenant.payout_reason
    account_id = tenant.payout_account_id
    payouts.submit_onboarding(tenant, rt.FORM)
    assert tenant.payout_status == PayoutStatus.UNDER_REVIEW
    payout_jobs.run_pending()
    tenant.refresh(consistent_read=True)
    assert tenant.payout_status == PayoutStatus.ACTIVATED and tenant.payout_account_id == account_id
    assert tenant.payout_reason is None


@pytest.mark.parametrize(
    "field,value",
    [("pan", "AAACL1234"), ("gstin", "18AABCU9603R1ZN"), ("ifsc", "HDFC1000317"), ("account_number", "12345678")],
)
def test_bad_details_are_refused_with_the_field_and_nothing_is_sent(field, value, no_razorpay, settings):
    for key, val in rp.RAZORPAY_SETTINGS.items():
        setattr(settings, key, val)
    owner, tenant = make_owner()
    with pytest.raises(ValidationFailed) as info:
        payouts.submit_onboarding(tenant, {**rt.FORM, field: value})
    assert info.value.field == field
    assert Tenant.get(tenant.tenant_id).payout_account_id is None


def test_pay_deliver_release_settle(no_razorpay):
    _, tenant, store, product = activated_shop()
    order, payment = paid_order(tenant, store, product)
    assert payment.route_account_id == tenant.payout_account_id
    ledger = row(order)
    total = to_paise(order.total_amount)
    assert ledger.status == TransferStatus.HELD and ledger.transfer_id.startswith("trf_SBX")
    assert ledger.commission == from_paise(commission_paise(total, PLANS["FREE"]))
    assert ledger.payout == order.total_amount - ledger.commission
    dispatch_order(order, "owner")
    deliver_order(Order.get(order.order_id), "owner")
    assert row(order).status == TransferStatus.RELEASED
    payout_jobs.run_pending()
    settled = row(order)
    assert settled.status == TransferStatus.SETTLED and settled.settlement_id.startswith("setl_SBX")
    assert settled.settled_at


def test_pay_cancel_refund_reverses(no_razorpay):
    _, tenant, store, product = activated_shop()
    order, _ = paid_order(tenant, store, product)
    commission_before = Tenant.get(tenant.tenant_id).commission_total
    cancel_order(order, "owner", "Out of stock", by_owner=True)
    reversed_row = row(order)
    assert reversed_row.status == TransferStatus.REVERSED
    assert Tenant.get(tenant.tenant_id).commission_total == commission_before - reversed_row.commission
    gateway = get_gateway()
    transfer = gateway.route.payment_transfers(reversed_row.razorpay_payment_id)[0]
    assert transfer["amount_reversed"] == transfer["amount"]
    assert Order.get(order.order_id).payment_status == "REFUNDED"


def test_without_an_activated_account_the_platform_holds_the_money(no_razorpay):
    owner, tenant = make_owner()
    store = make_store(tenant)
    product = make_product(store, price="450.00")
    order, payment = paid_order(tenant, store, product)
    assert payment.route_account_id is None
    assert row(order).status == TransferStatus.PLATFORM
    assert Tenant.get(tenant.tenant_id).platform_held_total == order.total_amount
    dispatch_order(order, "owner")
    deliver_order(Order.get(order.order_id), "owner")
    assert row(order).status == TransferStatus.PLATFORM


def test_a_webhook_replayed_five_times_applies_once(no_razorpay):
    _, tenant, store, product = activated_shop()
    order, _ = paid_order(tenant, store, product)
    gateway = get_gateway()
    ledger = row(order)
    entity = gateway.route.payment_transfers(ledger.razorpay_payment_id)[0]
    gateway.queue("transfer.failed", {"transfer": {"entity": entity}})
    event = gateway._events.pop()
    outcomes = [process_webhook(event.body, event.signature, event.event_id, gateway).outcome for _ in range(5)]
    assert outcomes[0] == "transfer failed"
    assert outcomes[1:] == ["duplicate: already applied"] * 4
    failed = row(order)
    assert failed.status == TransferStatus.FAILED and failed.attention == "RETRY"


def test_a_release_that_fails_once_is_retried_and_succeeds(no_razorpay, monkeypatch):
    from webdpro.payments.route import SandboxRoute

    _, tenant, store, product = activated_shop()
    order, _ = paid_order(tenant, store, product)
    real = SandboxRoute.release_transfer
    attempts = []

    def flaky(self, transfer_id):
        attempts.append(transfer_id)
        if len(attempts) == 1:
            raise GatewayError("Razorpay is having trouble right now.")
        return real(self, transfer_id)

    monkeypatch.setattr(SandboxRoute, "release_transfer", flaky)
    dispatch_order(order, "owner")
    deliver_order(Order.get(order.order_id), "owner")  # the delivery stands
    pending = row(order)
    assert Order.get(order.order_id).status == "DELIVERED"
    assert pending.status == TransferStatus.HELD and pending.pending_action == "RELEASE" and pending.attempts == 1
    assert payout_jobs.run_pending()["released"] >= 1
    done = row(order)
    assert done.status in (TransferStatus.RELEASED, TransferStatus.SETTLED)
    assert done.pending_action is None and done.attention is None
    payout_jobs.run_pending()
    assert row(order).status == TransferStatus.SETTLED and len(attempts) == 2


def test_commission_totals_match_the_sum_of_orders_over_1000_random_orders():
    from webdpro.db import Payment

    owner, tenant = make_owner(plan="PRO")
    rng = random.Random(1717)
    expected = Decimal("0.00")
    for _ in range(1000):
        total = rng.randint(100, 5_000_000)
        amount = from_paise(total)
        commission = from_paise(commission_paise(total, PLANS["PRO"]))
        expected += commission
        order_id = __import__("webdpro.ids", fromlist=["new_id"]).new_id()
        payment = Payment(
            tenant.tenant_id,
            f"order_T{order_id}",
            order_id=order_id,
            amount=amount,
            commission=commission,
            route_account_id="acc_X",
            created_at="x",
            kind="ORDER",
        )
        with transact_write() as tx:
            payouts.add_capture(tx, payment, "pay_T" + order_id, "2026-12-01T10:00:00.000000Z")
    from webdpro.payments import ledger

    rows = list(Transfer.query(tenant.tenant_id))
    assert len(rows) == 1000
    assert sum((r.commission for r in rows), Decimal("0.00")) == expected
    assert Tenant.get(tenant.tenant_id).commission_total == expected
    assert ledger.totals(rows).commission == expected


def _razorpay(settings):
    for key, val in rp.RAZORPAY_SETTINGS.items():
        setattr(settings, key, val)
    gateway = get_gateway()
    assert isinstance(gateway, RazorpayGateway)
    return gateway


@responses.activate
def test_onboarding_against_razorpay_and_nothing_logged(settings, caplog):
    gateway = _razorpay(settings)
    responses.post(f"{BASE}/v2/accounts", json=rt.account_response())
    responses.post(f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/stakeholders", json=rt.stakeholder_response())
    responses.post(f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products", json=rt.product_response())
    responses.patch(
        f"{BASE}/v2/accounts/{rt.ACCOUNT_ID}/products/{rt.PRODUCT_ID}", json=rt.product_response("under_review")
    )
    owner, tenant = make_owner()
    caplog.set_level(logging.DEBUG)
    tenant = payouts.submit_onboarding(tenant, rt.FORM, gateway=gateway)
    assert tenant.payout_status == PayoutStatus.UNDER_REVIEW and tenant.payout_account_id == rt.ACCOUNT_ID
    account = json.loads(responses.calls[0].request.body)
    assert account["type"] == "route" and account["legal_info"] == {"pan": "AAACL1234C", "gst": "18AABCU9603R1ZM"}
    assert account["reference_id"] and account["profile"]["addresses"]["registered"]["postal_code"] == "560034"
    settlements = json.loads(responses.calls[3].request.body)["settlements"]
    assert settlements == {
        "account_number": "1234567890123456",
        "ifsc_code": "HDFC0000317",
        "beneficiary_name": "Gaurav Kumar",
    }
    assert "1234567890123456" not in caplog.text and "AAACL1234C" not in caplog.text
    # Razorpay's product webhooks move the status (under review → needs clarification → activated).
    body, sig = rt.product_event(
        "needs_clarification",
        requirements=[
            {"field_reference": "settlements.ifsc_code", "reason_code": "invalid_value", "status": "required"}
        ],
        created_at=1649674595,
    )
    assert process_webhook(body, sig, f"evt_1_{_uniq}", gateway).outcome == "payout account needs_clarification"
    assert "settlements.ifsc_code: invalid value" in Tenant.get(tenant.tenant_id).payout_reason
    body, sig = rt.product_event("activated", created_at=1649674600)
    process_webhook(body, sig, f"evt_2_{_uniq}", gateway)
    body, sig = rt.product_event("under_review", created_at=1649674590)  # late and older: ignored
    assert "ignored" in process_webhook(body, sig, f"evt_3_{_uniq}", gateway).outcome
    assert Tenant.get(tenant.tenant_id).payout_status == PayoutStatus.ACTIVATED


@responses.activate
def test_transfer_and_settlement_webhooks_from_razorpay(settings):
    gateway = _razorpay(settings)
    owner, tenant = make_owner()
    tenant.update(actions=[Tenant.payout_account_id.set(rt.ACCOUNT_ID), Tenant.payout_status.set("ACTIVATED")])
    store = make_store(tenant)
    order = make_order(store, [make_product(store, price="450.00")], status="PENDING_PAYMENT", payment_method="UPI")
    responses.post(f"{BASE}/v1/orders", json=rp.order_response("order_E9uTczH8uWPCyQ", 48000, order.order_id, {}))
    payment = start_order_checkout(order, gateway)
    sent = json.loads(responses.calls[0].request.body)
    commission = commission_paise(48000, PLANS["FREE"])
    assert sent["transfers"] == [
        {
            "account": rt.ACCOUNT_ID,
            "amount": 48000 - commission,
            "currency": "INR",
            "notes": {"tenant_id": tenant.tenant_id, "order_id": order.order_id},
            "linked_account_notes": ["order_id"],
            "on_hold": True,
        }
    ]
    from webdpro.payments.services import capture_payment

    capture_payment(payment, "pay_E8JR8E0XyjUSZd", method="UPI", amount_paise=48000, by="razorpay")
    notes = {"tenant_id": tenant.tenant_id, "order_id": order.order_id}
    body, sig = rt.event("transfer.processed", {"transfer": {"entity": rt.transfer_entity(notes=notes)}})
    assert process_webhook(body, sig, f"evt_t1_{_uniq}", gateway).outcome == "transfer recorded"
    assert row(order).transfer_id == rt.TRANSFER_ID
    responses.patch(f"{BASE}/v1/transfers/{rt.TRANSFER_ID}", json=rt.transfer_entity(on_hold=False, notes=notes))
    fresh = Order.get(order.order_id)
    dispatch_order(fresh, "owner")
    deliver_order(Order.get(order.order_id), "owner")
    assert row(order).status == TransferStatus.RELEASED
    responses.get(
        f"{BASE}/v1/transfers",
        json={
            "entity": "collection",
            "count": 1,
            "items": [rt.transfer_entity(notes=notes, on_hold=False, recipient_settlement_id=rt.SETTLEMENT_ID)],
        },
    )
    body, sig = rt.event(
        "settlement.processed", {"settlement": {"entity": rt.settlement_entity()}}, account_id=rt.ACCOUNT_ID
    )
    assert process_webhook(body, sig, f"evt_s1_{_uniq}", gateway).outcome == "settled 1 transfer(s)"
    settled = row(order)
    assert settled.status == TransferStatus.SETTLED and settled.settlement_id == rt.SETTLEMENT_ID
    assert settled.settled_at.startswith("2019-09-13")
    body, sig = rt.event("transfer.failed", {"transfer": {"entity": rt.transfer_entity(notes=notes)}})
    process_webhook(body, sig, f"evt_t2_{_uniq}", gateway)
    assert row(order).status == TransferStatus.SETTLED  # a settled transfer is never marked failed
    assert process_webhook(body, "bad", f"evt_t3_{_uniq}", gateway).status == 400


def test_no_razorpay_call_anywhere_in_the_sandbox_journey(no_razorpay):
    _, tenant, store, product = activated_shop()
    order, _ = paid_order(tenant, store, product)
    dispatch_order(order, "owner")
    deliver_order(Order.get(order.order_id), "owner")
    payout_jobs.run_pending()
    order2, _ = paid_order(tenant, store, product)
    cancel_order(order2, "owner", "x", by_owner=True)
    assert isinstance(get_gateway(), SandboxGateway)


def test_payouts_sync_command_retries_a_pending_release(no_razorpay, monkeypatch, capsys):
    from django.core.management import call_command

    from webdpro.payments.route import SandboxRoute

    _, tenant, store, product = activated_shop()
    order, _ = paid_order(tenant, store, product)
    real = SandboxRoute.release_transfer
    monkeypatch.setattr(SandboxRoute, "release_transfer", lambda self, trf: (_ for _ in ()).throw(GatewayError("down")))
    dispatch_order(order, "owner")
    deliver_order(Order.get(order.order_id), "owner")
    assert row(order).pending_action == "RELEASE" and row(order).last_error == "down"
    call_command("payouts_sync")
    assert "release pending: " in capsys.readouterr().out and row(order).attempts == 2
    monkeypatch.setattr(SandboxRoute, "release_transfer", real)
    call_command("payouts_sync")
    assert "released: " in capsys.readouterr().out and row(order).status == TransferStatus.RELEASED
    call_command("payouts_sync")  # the sandbox settles it
    assert row(order).status == TransferStatus.SETTLED


def test_thirty_concurrent_captures_record_one_ledger_row_and_one_commission(no_razorpay, patient_dynamodb):
    import threading

    from webdpro.db import Payment
    from webdpro.payments.services import capture_payment

    _, tenant, store, product = activated_shop()
    order = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI")
    payment = start_order_checkout(order, get_gateway())
    before = Tenant.get(tenant.tenant_id).commission_total or Decimal("0.00")
    copies = [Payment.get(tenant.tenant_id, payment.payment_id) for _ in range(30)]
    outcomes = []

    def capture(copy):
        try:
            outcomes.append(capture_payment(copy, "pay_SBXconcurrent01", method="UPI", by="razorpay"))
        except Exception as exc:  # noqa: BLE001  (a Conflict asks the caller to retry: never a double count)
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=capture, args=(copy,)) for copy in copies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("captured, order confirmed") == 1, outcomes
    rows = list(Transfer.query(tenant.tenant_id, Transfer.order_id == order.order_id))
    assert len(rows) == 1 and rows[0].status == TransferStatus.HELD
    assert Tenant.get(tenant.tenant_id).commission_total == before + rows[0].commission


def test_money_held_before_setup_is_paid_out_once_the_account_is_activated(no_razorpay):
    owner, tenant = make_owner()
    store = make_store(tenant)
    product = make_product(store, price="450.00", stock=10)
    delivered, _ = paid_order(tenant, store, product)
    dispatch_order(delivered, "owner")
    deliver_order(Order.get(delivered.order_id), "owner")
    waiting, _ = paid_order(tenant, store, product)  # paid, not delivered yet
    assert Tenant.get(tenant.tenant_id).platform_held_total == Decimal("960.00")
    payouts.submit_onboarding(tenant, rt.FORM)
    payout_jobs.run_pending()  # the sandbox activates the account: product.route.activated pays out
    paid = row(delivered)
    assert paid.status == TransferStatus.RELEASED and paid.transfer_id.startswith("trf_SBX")
    assert paid.account_id == Tenant.get(tenant.tenant_id).payout_account_id
    assert row(waiting).status == TransferStatus.PLATFORM
    assert Tenant.get(tenant.tenant_id).platform_held_total == Decimal("480.00")
    payout_jobs.run_pending()
    assert row(delivered).status == TransferStatus.SETTLED
    dispatch_order(waiting, "owner")
    deliver_order(Order.get(waiting.order_id), "owner")  # delivered after activation: paid out at once
    assert row(waiting).status == TransferStatus.RELEASED
    assert Tenant.get(tenant.tenant_id).platform_held_total == Decimal("0.00")
    payout_jobs.run_pending()
    assert row(waiting).status == TransferStatus.SETTLED
