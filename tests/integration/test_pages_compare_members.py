"""Pages that compare a role, a plan, a fulfilment or the audit log's platform partition do it with the members
the context processor hands in (Role, PlanCode, Fulfilment) or a yes/no from the view, and still show the right
thing to the right people (tests/unit/test_templates_hold_no_codes.py keeps the codes out of the templates)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.helpers import make_agent, make_customer, make_order, make_owner, make_store, make_superadmin, sign_in
from webdpro.db import Order, Tenant
from webdpro.payments.gateway import get_gateway
from webdpro.superadmin import services

EVERYWHERE = 'name="everywhere" value="1"'


@pytest.fixture(autouse=True)
def sandbox(settings, dynamodb):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox


def test_only_a_business_owner_is_offered_to_sign_out_everywhere(client):
    owner, tenant = make_owner()
    sign_in(client, owner)
    assert EVERYWHERE in client.get(reverse("owner:home")).content.decode()
    client.cookies.clear()
    sign_in(client, make_superadmin())
    assert EVERYWHERE not in client.get(reverse("console:home")).content.decode()
    client.cookies.clear()
    sign_in(client, make_agent(tenant))
    assert EVERYWHERE not in client.get(reverse("agent:home")).content.decode()


@pytest.mark.parametrize(("plan", "offered"), [("PRO", True), ("FREE", False)])
def test_a_running_paid_subscription_can_be_cancelled_and_the_free_plan_has_none(client, plan, offered):
    owner, tenant = make_owner(plan=plan)
    tenant.update(
        actions=[Tenant.razorpay_subscription_id.set("sub_test123"), Tenant.subscription_status.set("ACTIVE")]
    )
    sign_in(client, owner)
    body = client.get(reverse("owner:billing")).content.decode()
    assert ('value="cancel"' in body) is offered


@pytest.mark.parametrize(("fulfilment", "badge"), [("PICKUP", True), ("DELIVERY", False), (None, False)])
def test_a_pickup_order_carries_the_pickup_badge(client, fulfilment, badge):
    owner, tenant = make_owner()
    store = make_store(tenant)
    order = make_order(store)
    if fulfilment:
        Order.get(order.order_id).update(actions=[Order.fulfilment.set(fulfilment)])
    sign_in(client, owner)
    body = client.get(reverse("owner:order_detail", kwargs={"order_id": order.order_id})).content.decode()
    assert ('data-fulfilment="PICKUP"' in body) is badge


def test_the_audit_log_links_the_entries_about_a_business_only(client):
    admin = make_superadmin()
    _, tenant = make_owner()
    customer = make_customer(name="Unlinked Person")
    services.change_plan(tenant.tenant_id, "PRO", admin)
    services.set_user_active(customer.phone, False, admin)
    sign_in(client, admin)
    body = client.get(reverse("console:audit")).content.decode()
    assert f"?tenant={tenant.tenant_id}" in body
    assert 'data-label="Concerns">user · Unlinked Person</td>' in body  # about a person without a business
    assert "?tenant=PLATFORM" not in body
