"""The owner's "Get paid" page and settlements ledger, the billing page's commission, the console's
commission per tenant and stuck transfers — through the Django test client on DynamoDB Local."""

import csv
import io
import logging

import pytest
import responses
from django.urls import reverse

from tests import route_payloads as rt
from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, make_superadmin, sign_in
from webdpro import clock
from webdpro.db import Order, Tenant, Transfer
from webdpro.db.tenants import PayoutStatus
from webdpro.orders.actions import deliver_order, dispatch_order
from webdpro.payments import payout_jobs, payouts
from webdpro.payments.gateway import get_gateway
from webdpro.payments.sandbox import sandbox_pay
from webdpro.payments.services import start_order_checkout


@pytest.fixture(autouse=True)
def sandbox(settings):
    """Every page here runs on the sandbox, and any HTTP request (to Razorpay or anywhere) fails the test."""
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield
    assert len(mock.calls) == 0


@pytest.fixture
def owner_client(client):
    owner, tenant = make_owner()
    sign_in(client, owner)
    return client, owner, tenant


def test_get_paid_page_shows_not_started_and_the_form(owner_client):
    client, _, _ = owner_client
    page = client.get(reverse("owner:get_paid"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="payout-status">Not started' in html
    assert "Online payments are held by WebDPro until you finish payout setup." in html
    assert "SANDBOX — no real money" in html and 'name="account_number"' in html


@pytest.mark.parametrize(
    "field,value",
    [("pan", "ABCDE12345"), ("gstin", "27AAPFU0939F1ZW"), ("ifsc", "HDFC1000317"), ("account_number", "1234")],
)
def test_bad_details_are_refused_with_the_field_named_and_nothing_sent(owner_client, field, value):
    client, _, tenant = owner_client
    page = client.post(reverse("owner:get_paid"), {**rt.FORM, field: value})  # no request (the fixture checks)
    assert page.status_code == 400
    assert f'data-field="{field}"' in page.content.decode()
    fresh = Tenant.get(tenant.tenant_id)
    assert fresh.payout_account_id is None and fresh.payout_status == PayoutStatus.NOT_STARTED


def test_submit_then_under_review_then_activated_bank_masked_and_never_logged(owner_client, caplog):
    client, _, tenant = owner_client
    caplog.set_level(logging.DEBUG)
    response = client.post(reverse("owner:get_paid"), rt.FORM)
    assert response.status_code == 302
    assert Tenant.get(tenant.tenant_id).payout_status == PayoutStatus.UNDER_REVIEW
    page = client.get(reverse("owner:get_paid")).content.decode()  # the sandbox's review is due (0 s in tests)
    assert 'data-testid="payout-status">Activated' in page
    with assert_max_calls(6):  # user, tenant (+ fresh), the sandbox's due list, nav stores
        assert client.get(reverse("owner:get_paid")).status_code == 200
    assert "ending 3456" in page
    assert "1234567890123456" not in page and "AAACL1234C" not in page
    assert "1234567890123456" not in caplog.text and "AAACL1234C" not in caplog.text


def test_a_bad_submission_never_writes_the_account_number_back(owner_client):
    client, _, _ = owner_client
    page = client.post(reverse("owner:get_paid"), {**rt.FORM, "ifsc": "bad"}).content.decode()
    assert "1234567890123456" not in page and "AAACL1234C" not in page
    assert "Gaurav Kumar" in page  # the other fields are kept


def test_status_partial_polls_while_under_review(owner_client, settings):
    settings.ROUTE_SANDBOX_ACTIVATION_SECONDS = 3600
    client, _, _ = owner_client
    client.post(reverse("owner:get_paid"), rt.FORM)
    page = client.get(reverse("owner:get_paid"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="payout-status")
    html = page.content.decode()
    assert 'id="payout-status"' in html and 'hx-trigger="every 3s"' in html and "<form" not in html
    assert "Under review" in html


def _paid_delivered(tenant, store, product):
    order = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI")
    gateway = get_gateway()
    sandbox_pay(start_order_checkout(order, gateway), "UPI", gateway)
    order = Order.get(order.order_id)
    dispatch_order(order, "owner")
    deliver_order(Order.get(order.order_id), "owner")
    return order


def test_ledger_shows_settled_orders_totals_and_streams_csv(owner_client):
    client, _, tenant = owner_client
    payouts.submit_onboarding(tenant, rt.FORM)
    payout_jobs.run_pending()
    store = make_store(Tenant.get(tenant.tenant_id))
    product = make_product(store, price="450.00", stock=20)
    orders = [_paid_delivered(tenant, store, product) for _ in range(3)]
    client.get(reverse("owner:settlements"))  # the sandbox settles what is due (0 s in tests)
    with assert_max_calls(8):  # user, tenant (+ fresh), the sandbox's due list, the ledger Query, nav stores
        page = client.get(reverse("owner:settlements"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-testid="transfer-status">Settled') == 3
    row = Transfer.get(tenant.tenant_id, orders[0].order_id)
    assert row.settlement_id in html
    payout = sum((Transfer.get(tenant.tenant_id, o.order_id).payout for o in orders), start=row.payout * 0)
    from webdpro.money import format_inr

    assert f'data-testid="total-today">{format_inr(payout)}' in html
    assert f'data-testid="total-range">{format_inr(payout)}' in html
    response = client.get(reverse("owner:settlements_csv"))
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    lines = list(csv.reader(io.StringIO(body)))
    assert lines[0][:3] == ["order_id", "order_date", "online_amount"] and len(lines) == 4
    assert {line[5] for line in lines[1:]} == {"Settled"}


def test_ledger_refuses_a_bad_range_with_the_field(owner_client):
    client, _, _ = owner_client
    page = client.get(reverse("owner:settlements") + "?from=2026-13-01")
    assert page.status_code == 400 and 'data-field="from"' in page.content.decode()
    assert client.get(reverse("owner:settlements_csv") + "?to=nope").status_code == 400


def test_without_payout_setup_the_owner_sees_the_amount_held(owner_client):
    client, _, tenant = owner_client
    store = make_store(tenant)
    product = make_product(store, price="450.00")
    order = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI")
    gateway = get_gateway()
    sandbox_pay(start_order_checkout(order, gateway), "UPI", gateway)
    for name in ("owner:payments", "owner:settlements"):
        html = client.get(reverse(name)).content.decode()
        assert "Online payments are held by WebDPro until you finish payout setup." in html
        assert "Held now: ₹480.00." in html


def test_billing_shows_commission_per_plan(owner_client):
    client, _, _ = owner_client
    html = client.get(reverse("owner:billing")).content.decode()
    assert 'data-testid="commission-FREE">2% commission' in html
    assert 'data-testid="commission-PRO">1% commission' in html
    assert 'data-testid="commission-ENTERPRISE">0.5% commission' in html


def test_console_shows_commission_per_tenant_and_stuck_transfers(client):
    owner, tenant = make_owner(business_name="Stuck Traders")
    tenant.update(actions=[Tenant.commission_total.set(__import__("decimal").Decimal("12.34"))])
    Transfer(
        tenant.tenant_id,
        "01JDX0000000000000000STUCK",
        amount=480,
        commission=10,
        payout=470,
        status="HELD",
        pending_action="RELEASE",
        last_error="Razorpay is having trouble right now.",
        attention="RETRY",
        attention_since=clock.ago_iso(hours=30),
        created_at=clock.ago_iso(hours=31),
    ).save()
    Transfer(
        tenant.tenant_id,
        "01JDX0000000000000000FRESH",
        amount=480,
        commission=10,
        payout=470,
        status="HELD",
        pending_action="RELEASE",
        attention="RETRY",
        attention_since=clock.ago_iso(hours=2),
        created_at=clock.ago_iso(hours=2),
    ).save()
    sign_in(client, make_superadmin())
    home = client.get(reverse("console:home")).content.decode()
    assert "Transfers stuck for more than a day" in home
    assert "#000STUCK" in home and "00FRESH" not in home and "Razorpay is having trouble" in home
    tenants = client.get(reverse("console:tenants") + "?q=Stuck").content.decode()
    assert "₹12.34" in tenants
    detail = client.get(reverse("console:tenant", kwargs={"tenant_id": tenant.tenant_id})).content.decode()
    assert "Commission earned" in detail and "₹12.34" in detail and "Payouts: Not started" in detail


def test_an_activated_owner_can_change_bank_details_and_is_reviewed_again(owner_client):
    client, _, tenant = owner_client
    client.post(reverse("owner:get_paid"), rt.FORM)
    client.get(reverse("owner:get_paid"))
    assert Tenant.get(tenant.tenant_id).payout_status == PayoutStatus.ACTIVATED
    assert 'name="account_number"' in client.get(reverse("owner:get_paid") + "?edit=1").content.decode()
    response = client.post(reverse("owner:get_paid"), {**rt.FORM, "account_number": "99887766554433"})
    assert response.status_code == 302
    fresh = Tenant.get(tenant.tenant_id)
    assert fresh.payout_details.account_last4 == "4433"
    assert "ending 4433" in client.get(reverse("owner:get_paid")).content.decode()


def test_the_ledger_lists_at_most_the_newest_rows_and_totals_all(owner_client, monkeypatch):
    from webdpro.payments import ledger

    client, _, tenant = owner_client
    monkeypatch.setattr(ledger, "SHOWN", 2)
    from webdpro.ids import new_id

    for _ in range(3):
        Transfer(
            tenant.tenant_id, new_id(), amount=100, commission=2, payout=98, status="HELD", created_at=clock.now_iso()
        ).save()
    html = client.get(reverse("owner:settlements")).content.decode()
    assert html.count('data-testid="transfer-status"') == 2
    assert "Showing the newest 2 of 3 orders" in html and 'data-testid="total-range">₹294.00' in html


def test_needs_clarification_shows_razorpays_reason_in_words_and_the_form_again(owner_client):
    client, _, tenant = owner_client
    client.post(reverse("owner:get_paid"), {**rt.FORM, "account_number": "5555550000"})
    html = client.get(reverse("owner:get_paid")).content.decode()
    assert 'data-testid="payout-status">Needs clarification' in html
    assert "Bank account number: the bank could not verify this account" in html
    assert 'data-flagged="account_number"' in html and 'data-flagged="ifsc"' not in html
    assert 'name="account_number"' in html and "Send again" in html
    assert "5555550000" not in html and "ending 0000" in html


def test_needs_clarification_without_requirements_still_explains(owner_client):
    from webdpro.payments.ledger import reason_lines

    assert reason_lines(None) == ["Razorpay needs more information about this account."]
    assert reason_lines("kyc.pan: kyc failed; unknown.field: odd") == [
        "PAN: could not be verified",
        "unknown.field: odd",
    ]
