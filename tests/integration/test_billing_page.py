"""Billing: "Payments to WebDPro" lists the publish fee and subscription charges; an upgrade left unpaid can
be paid later, from any session, for the plan that was chosen."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import assert_max_calls, make_owner, make_store, sign_in
from webdpro.db import Tenant
from webdpro.payments.gateway import get_gateway


@pytest.fixture(autouse=True)
def sandbox(settings, dynamodb):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox


def payments_section(html):
    start = html.index('id="charges-h"')
    return html[start : html.index("</section>", start)]


def test_the_publish_fee_is_listed_as_a_payment_to_webdpro(client, monkeypatch):
    from webdpro.accounts import plans

    monkeypatch.setitem(plans.PLANS, "FREE", replace(plans.FREE, publish_fee=Decimal("199.00")))
    owner, tenant = make_owner()
    store = make_store(tenant, status="DRAFT")
    sign_in(client, owner)
    assert "No payments yet." in payments_section(client.get(reverse("owner:billing")).content.decode())
    fee_url = reverse("owner:publish_fee", kwargs={"store_id": store.store_id})
    client.get(fee_url)
    client.post(fee_url, {"action": "fail"})  # a failed attempt is not a payment
    client.post(fee_url, {"action": "pay", "method": "UPI"})
    with assert_max_calls(8):
        html = client.get(reverse("owner:billing")).content.decode()
    section = payments_section(html)
    assert section.count('data-testid="platform-payment"') == 1
    assert "Publish fee" in section and "₹199.00" in section and "UPI" in section
    assert "No payments yet." not in section


def test_subscription_charges_are_listed_with_the_plan_name(client):
    owner, tenant = make_owner()
    sign_in(client, owner)
    client.post(reverse("owner:billing"), {"action": "upgrade", "plan": "PRO"})
    client.post(reverse("owner:billing"), {"action": "sandbox_pay"})
    section = payments_section(client.get(reverse("owner:billing")).content.decode())
    assert "Subscription" in section and "Pro plan, monthly subscription" in section and "₹499.00" in section
    assert "PRO" not in section


def test_a_pending_upgrade_can_be_paid_after_leaving_the_page(client):
    owner, tenant = make_owner()
    sign_in(client, owner)
    client.post(reverse("owner:billing"), {"action": "upgrade", "plan": "ENTERPRISE"})  # Checkout closed, page left
    later = sign_in(Client(), owner)  # another session: nothing remembered but the tenant
    html = later.get(reverse("owner:billing")).content.decode()
    assert 'data-testid="pending-upgrade"' in html and "Subscribe to Enterprise" in html
    assert "Pay ₹1,999.00 (sandbox)" in html
    later.post(reverse("owner:billing"), {"action": "sandbox_pay"})
    tenant = Tenant.get(tenant.tenant_id)
    assert (tenant.plan, tenant.subscription_status, tenant.pending_plan) == ("ENTERPRISE", "ACTIVE", None)
    assert 'data-testid="pending-upgrade"' not in later.get(reverse("owner:billing")).content.decode()
