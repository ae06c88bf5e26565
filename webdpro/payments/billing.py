"""Platform billing: a tenant's paid plan is a Razorpay subscription.

* The tenant's Razorpay customer is created once and kept in ``Tenant.razorpay_customer_id``
  (conditional write; Razorpay's ``fail_existing=0`` returns the same customer for the same contact).
* Upgrading creates a subscription (``Tenant.razorpay_subscription_id``) and sets
  ``subscription_status`` PENDING until the customer authorises it in Checkout.
* Webhooks move the subscription: activated/charged/resumed → ACTIVE with the plan and its
  ``max_stores``; cancelled → CANCELLED and completed/halted → EXPIRED, both back on the FREE plan
  (existing stores stay; new ones need a paid plan again). Only events of the tenant's current
  subscription apply, and a subscription never goes back from CANCELLED/EXPIRED to ACTIVE, so replays
  and out-of-order deliveries end in the same state. Each subscription charge is recorded as a
  SUBSCRIPTION payment row (keyed by the Razorpay payment id: once).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext as _
from pynamodb.exceptions import PutError, UpdateError

from webdpro import clock
from webdpro.accounts.plans import FREE, PLANS, Plan, get_plan
from webdpro.db import Payment, Tenant, get_or_none, is_condition_failure
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.db.tenants import SubscriptionStatus
from webdpro.errors import Conflict
from webdpro.money import from_paise
from webdpro.payments.gateway import get_gateway
from webdpro.payments.notes import razorpay_notes

log = logging.getLogger("webdpro.payments.billing")

RANK = {
    SubscriptionStatus.PENDING: 0,
    SubscriptionStatus.ACTIVE: 1,
    SubscriptionStatus.CANCELLED: 2,
    SubscriptionStatus.EXPIRED: 3,
}
EVENT_STATUS = {
    "subscription.activated": SubscriptionStatus.ACTIVE,
    "subscription.charged": SubscriptionStatus.ACTIVE,
    "subscription.resumed": SubscriptionStatus.ACTIVE,
    "subscription.cancelled": SubscriptionStatus.CANCELLED,
    "subscription.completed": SubscriptionStatus.EXPIRED,
    "subscription.halted": SubscriptionStatus.EXPIRED,
}


class BillingError(Conflict):
    """The subscription change is not possible in the tenant's billing state."""


def razorpay_plan_id(plan) -> str:
    """The Razorpay plan id for one of our plans (settings), or a sandbox id when running the sandbox."""
    value = getattr(settings, plan.razorpay_plan_id_setting, "") if plan.razorpay_plan_id_setting else ""
    if value:
        return value
    if get_gateway().is_sandbox:
        return f"plan_SBX{plan.code}"
    raise BillingError(
        _("The %(name)s plan is not available yet (%(razorpay_plan_id_setting)s is not set).")
        % {"name": plan.name, "razorpay_plan_id_setting": plan.razorpay_plan_id_setting}
    )


def plan_for(razorpay_plan: str | None, notes: dict):
    if notes.get("plan") in PLANS:
        return PLANS[notes["plan"]]
    for plan in PLANS.values():
        if plan.razorpay_plan_id_setting and getattr(settings, plan.razorpay_plan_id_setting, "") == razorpay_plan:
            return plan
    return None


def ensure_customer(tenant: Tenant, user, gateway=None) -> str:
    if tenant.razorpay_customer_id:
        return tenant.razorpay_customer_id
    gateway = gateway or get_gateway()
    customer = gateway.create_customer(
        tenant.business_name,
        user.phone,
        notes=razorpay_notes(None, tenant.tenant_id),
        email=getattr(user, "email", None),
    )
    try:
        tenant.update(
            actions=[Tenant.razorpay_customer_id.set(customer["id"]), Tenant.updated_at.set(clock.now_iso())],
            condition=Tenant.razorpay_customer_id.does_not_exist(),
        )
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        tenant.refresh(consistent_read=True)
    return tenant.razorpay_customer_id


def start_subscription(tenant: Tenant, plan_code: str, user, gateway=None) -> dict:
    """Create the subscription for an upgrade; the caller opens Checkout with its id."""
    try:
        plan = get_plan(plan_code)
    except ValueError as exc:
        raise BillingError(_("Choose a plan.")) from exc
    if plan.code == FREE.code:
        raise BillingError(_("The Free plan needs no subscription."))
    if (
        tenant.subscription_status == SubscriptionStatus.ACTIVE
        and tenant.plan != FREE.code
        and tenant.razorpay_subscription_id
    ):
        if tenant.plan == plan.code:
            raise BillingError(_("You are already on the %(name)s plan.") % {"name": plan.name})
        raise BillingError(_("Cancel your current subscription first, then choose the new plan."))
    gateway = gateway or get_gateway()
    plan_id = razorpay_plan_id(plan)
    customer_id = ensure_customer(tenant, user, gateway)
    subscription = gateway.create_subscription(
        plan_id,
        customer_id,
        notes=razorpay_notes(PaymentKind.SUBSCRIPTION, tenant.tenant_id, plan=plan.code),
    )
    tenant.update(
        actions=[
            Tenant.razorpay_subscription_id.set(subscription["id"]),
            Tenant.subscription_status.set(SubscriptionStatus.PENDING),
            Tenant.pending_plan.set(plan.code),
            Tenant.updated_at.set(clock.now_iso()),
        ]
    )
    log.info("subscription created", extra={"tenant_id": tenant.tenant_id, "subscription_id": subscription["id"]})
    return subscription


def cancel_subscription(tenant: Tenant, gateway=None) -> None:
    if not tenant.razorpay_subscription_id or tenant.subscription_status not in (
        SubscriptionStatus.ACTIVE,
        SubscriptionStatus.PENDING,
    ):
        raise BillingError(_("There is no subscription to cancel."))
    gateway = gateway or get_gateway()
    gateway.cancel_subscription(
        tenant.razorpay_subscription_id,
        notes=razorpay_notes(PaymentKind.SUBSCRIPTION, tenant.tenant_id, plan=tenant.plan),
    )
    gateway.deliver_pending()


def apply_subscription_event(event: str, subscription: dict, payment: dict) -> str:
    notes = subscription.get("notes") if isinstance(subscription.get("notes"), dict) else {}
    tenant_id = notes.get("tenant_id")
    if not tenant_id:
        return "ignored: not a WebDPro subscription"
    tenant = get_or_none(Tenant, tenant_id, consistent_read=True)
    if tenant is None:
        return "ignored: tenant not found"
    outcome = []
    if event == "subscription.charged" and payment.get("id"):
        outcome.append(_record_charge(tenant, subscription, payment, notes))
    target = EVENT_STATUS.get(event)
    if target is None:
        return "; ".join(outcome + [f"noted {event}"])
    if tenant.razorpay_subscription_id != subscription.get("id"):
        return "; ".join(outcome + ["ignored: not the tenant's current subscription"])
    plan = plan_for(subscription.get("plan_id"), notes) if target == SubscriptionStatus.ACTIVE else FREE
    if plan is None:
        return "; ".join(outcome + ["ignored: unknown plan"])
    allowed = [status for status, rank in RANK.items() if rank <= RANK[target]]
    try:
        tenant.update(
            actions=[
                Tenant.subscription_status.set(target),
                Tenant.plan.set(plan.code),
                Tenant.max_stores.set(plan.max_stores),
                Tenant.updated_at.set(clock.now_iso()),
                Tenant.pending_plan.remove(),
            ],
            condition=(Tenant.razorpay_subscription_id == subscription["id"])
            & Tenant.subscription_status.is_in(*allowed),
        )
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        return "; ".join(outcome + [f"ignored: subscription already {tenant.subscription_status.lower()}"])
    outcome.append(f"subscription {target.lower()}, plan {plan.code}")
    return "; ".join(outcome)


def _record_charge(tenant, subscription, payment, notes) -> str:
    amount = payment.get("amount")
    if amount is None:
        return "charge without amount"
    now = clock.now_iso()
    plan = notes.get("plan") or subscription.get("plan_id")
    plan_name = PLANS[plan].name if plan in PLANS else plan
    row = Payment(
        tenant.tenant_id,
        payment["id"],
        billing_tenant_id=tenant.tenant_id,
        kind=PaymentKind.SUBSCRIPTION,
        amount=from_paise(amount),
        currency="INR",
        payment_method=(payment.get("method") or "").upper() or None,
        status=PaymentStatus.CAPTURED,
        razorpay_payment_id=payment["id"],
        razorpay_order_id=payment.get("order_id") or None,
        created_at=now,
        updated_at=now,
        note=f"{plan_name} plan, monthly subscription",
    )
    try:
        row.save(condition=Payment.payment_id.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        return "charge already recorded"
    return "charge recorded"


def platform_payments(tenant_id: str, limit: int = 24) -> list[Payment]:
    """Payments to WebDPro — publish fees and subscription charges that were paid (or refunded) — newest
    first: one Query of the sparse ``billing-index``."""
    rows = Payment.billing_index.query(
        tenant_id,
        scan_index_forward=False,
        limit=limit,
        filter_condition=Payment.status.is_in(PaymentStatus.CAPTURED, PaymentStatus.REFUNDED),
    )
    return list(rows)


def pending_upgrade(tenant: Tenant) -> Plan | None:
    """The plan of an upgrade created but not yet paid (Checkout closed, page left): it can still be paid."""
    if tenant.subscription_status != SubscriptionStatus.PENDING or not tenant.razorpay_subscription_id:
        return None
    return PLANS.get(getattr(tenant, "pending_plan", None) or "")


def sandbox_authorise(tenant: Tenant, plan_code: str, gateway) -> None:
    """The sandbox's subscription Checkout: the customer authorises, Razorpay activates and charges."""
    import time

    plan = get_plan(plan_code)
    sub = {
        "id": tenant.razorpay_subscription_id,
        "entity": "subscription",
        "plan_id": razorpay_plan_id(plan),
        "customer_id": tenant.razorpay_customer_id,
        "status": "active",
        "quantity": 1,
        "total_count": 120,
        "paid_count": 1,
        "notes": razorpay_notes(PaymentKind.SUBSCRIPTION, tenant.tenant_id, plan=plan.code),
        "current_start": int(time.time()),
        "current_end": int(time.time()) + 30 * 86400,
    }
    pay_id = gateway.new_payment_id()
    gateway.verify_subscription_signature(pay_id, sub["id"], gateway.sign_subscription(pay_id, sub["id"]))
    payment = {
        "id": pay_id,
        "entity": "payment",
        "amount": int(plan.monthly_price * 100),
        "currency": "INR",
        "status": "captured",
        "order_id": None,
        "method": "upi",
        "captured": True,
        "notes": sub["notes"],
        "created_at": int(time.time()),
    }
    gateway.queue("subscription.activated", {"subscription": {"entity": sub}})
    gateway.queue("subscription.charged", {"subscription": {"entity": sub}, "payment": {"entity": payment}})
    gateway.deliver_pending()


def checkout_options(gateway, subscription: dict, plan, tenant: Tenant, user) -> dict:
    """Razorpay Checkout's options for authorising a new subscription (the key id is public by design)."""
    from webdpro.money import format_inr

    return {
        "key": gateway.key_id,
        "subscription_id": subscription["id"],
        "name": "WebDPro",
        "description": f"{plan.name} plan — {format_inr(plan.monthly_price)}/month",
        "prefill": {"name": getattr(user, "name", None) or "", "contact": user.phone},
        "notes": {"tenant_id": tenant.tenant_id, "plan": plan.code},
        "theme": {"color": "#0f766e"},
    }


def verify_authorisation(tenant: Tenant, data, gateway=None) -> None:
    """Checkout's success callback for a subscription (``data``: the posted ``razorpay_payment_id``,
    ``razorpay_subscription_id`` and ``razorpay_signature``). SignatureError unless Razorpay signed it for
    the tenant's current subscription; the plan itself changes when the webhook confirms it."""
    from webdpro.payments.gateway import SignatureError

    gateway = gateway or get_gateway()
    subscription_id = data.get("razorpay_subscription_id", "")
    gateway.verify_subscription_signature(
        data.get("razorpay_payment_id", ""), subscription_id, data.get("razorpay_signature", "")
    )
    if subscription_id != tenant.razorpay_subscription_id:
        raise SignatureError(_("This payment is for another subscription."))


def sandbox_checkout(tenant: Tenant, pay: bool, plan_code: str, gateway) -> None:
    """The sandbox's subscription Checkout buttons: authorise (``pay``) or a failed attempt (nothing happens)."""
    if not gateway.is_sandbox:
        raise BillingError(_("The sandbox is off."))
    if not tenant.razorpay_subscription_id or tenant.subscription_status != SubscriptionStatus.PENDING:
        raise BillingError(_("There is no subscription waiting for payment."))
    if pay:
        sandbox_authorise(tenant, plan_code, gateway)
