"""Payouts to owners through Razorpay Route: onboarding, transfers held until delivery, release,
reversal with refunds, settlements, and the retry of whatever could not be done at once.

Onboarding (the owner's "Get paid" page): :func:`submit_onboarding` validates every field first
(``webdpro.payments.kyc``; nothing is sent when one is wrong), then creates or updates the linked
account, its stakeholder and the Route product configuration with the settlement bank account. The
tenant keeps the account id, the activation status (and Razorpay's reason when it needs
clarification) and the bank account's last 4 digits — never the number itself.

Money: an online order's Razorpay order carries one transfer of ``total − commission`` (integer
paise, ``on_hold: true``) to the tenant's activated linked account (:func:`order_split`). Capture
writes the ledger row (``webdpro-transfers``) in the same transaction as the payment
(:func:`add_capture`). Delivery releases the hold (:func:`release_for_order`); a refund reverses the
transfer (``reverse_all``, :func:`refund_reversed`). A release or reversal that fails is marked
pending on the row and retried by :func:`webdpro.payments.payout_jobs.run_pending` (``manage.py payouts_sync``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from pynamodb.exceptions import UpdateError

from webdpro import clock
from webdpro.accounts.plans import FREE, PLANS, commission_paise
from webdpro.db import Tenant, Transfer, get_or_none, is_condition_failure
from webdpro.db.orders import OrderStatus
from webdpro.db.tenants import PayoutDetails, PayoutStatus
from webdpro.db.transfers import RETRY, PendingAction, TransferStatus
from webdpro.errors import ValidationFailed
from webdpro.money import from_paise, to_paise
from webdpro.payments import kyc
from webdpro.payments.gateway import GatewayError, get_gateway
from webdpro.payments.route import ACTIVATED, NEEDS_CLARIFICATION

log = logging.getLogger("webdpro.payments.payouts")

BUSINESS_TYPES = (
    "proprietorship",
    "individual",
    "partnership",
    "private_limited",
    "public_limited",
    "llp",
    "trust",
    "society",
    "ngo",
    "not_yet_registered",
)
# The business category asked on the form → Razorpay's profile category and subcategory.
CATEGORIES = {
    "groceries": ("ecommerce", "groceries"),
    "restaurant": ("food", "restaurant"),
    "clinic": ("healthcare", "clinic"),
    "fashion": ("ecommerce", "fashion_and_lifestyle"),
    "other": ("ecommerce", "others"),
}


# --- Onboarding ------------------------------------------------------------------------------------


def _required(data: dict, field: str, label: str, limit: int = 120) -> str:
    value = " ".join(str(data.get(field) or "").split())
    if not value:
        raise ValidationFailed(_("Enter %(label)s.") % {"label": label}, field=field)
    if len(value) > limit:
        raise ValidationFailed(_("%(label)s is too long.") % {"label": label.capitalize()}, field=field)
    return value


def _choice(data: dict, field: str, choices) -> str:
    value = str(data.get(field) or "")
    if value not in choices:
        raise ValidationFailed(_("Choose one of the options."), field=field)
    return value


def _email(data: dict) -> str:
    value = _required(data, "email", _("an email address"), 100)
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
        raise ValidationFailed(_("Enter a valid email address."), field="email")
    return value


def _phone(data: dict) -> str:
    from webdpro.phones import normalize_phone

    try:
        return normalize_phone(str(data.get("phone") or ""))
    except Exception as exc:  # noqa: BLE001  (PhoneError and friends: all mean "not a phone")
        raise ValidationFailed(_("Enter a 10-digit Indian mobile number."), field="phone") from exc


def validate_details(data: dict) -> dict:
    """Every field checked and normalised; the first bad one raises ValidationFailed naming it."""
    postal = str(data.get("postal_code") or "").strip()
    if not re.match(r"^[1-9][0-9]{5}$", postal):
        raise ValidationFailed(_("Enter a 6-digit PIN code."), field="postal_code")
    return {
        "legal_business_name": _required(data, "legal_business_name", _("the legal business name")),
        "business_type": _choice(data, "business_type", BUSINESS_TYPES),
        "category": _choice(data, "category", CATEGORIES),
        "contact_name": _required(data, "contact_name", _("the contact person's name")),
        "email": _email(data),
        "phone": _phone(data),
        "pan": kyc.clean_pan(data.get("pan")),
        "gstin": kyc.clean_gstin(data.get("gstin")),
        "street": _required(data, "street", _("the street address"), 100),
        "city": _required(data, "city", _("the city"), 60),
        "state": _required(data, "state", _("the state"), 60),
        "postal_code": postal,
        "beneficiary_name": _required(data, "beneficiary_name", _("the account holder's name")),
        "ifsc": kyc.clean_ifsc(data.get("ifsc")),
        "account_number": kyc.clean_account_number(data.get("account_number")),
    }


def _account_payload(tenant: Tenant, d: dict) -> dict:
    category, subcategory = CATEGORIES[d["category"]]
    legal_info = {"pan": d["pan"]}
    if d["gstin"]:
        legal_info["gst"] = d["gstin"]
    return {
        "email": d["email"],
        "phone": d["phone"].removeprefix("+91"),
        "type": "route",
        "reference_id": tenant.tenant_id[-20:],
        "legal_business_name": d["legal_business_name"],
        "business_type": d["business_type"],
        "contact_name": d["contact_name"],
        "profile": {
            "category": category,
            "subcategory": subcategory,
            "addresses": {
                "registered": {
                    "street1": d["street"],
                    "street2": d["city"],
                    "city": d["city"],
                    "state": d["state"].upper(),
                    "postal_code": d["postal_code"],
                    "country": "IN",
                }
            },
        },
        "legal_info": legal_info,
    }


def _status_from(activation_status: str | None) -> str:
    if activation_status == ACTIVATED:
        return PayoutStatus.ACTIVATED
    if activation_status == NEEDS_CLARIFICATION:
        return PayoutStatus.NEEDS_CLARIFICATION
    return PayoutStatus.UNDER_REVIEW


def describe_requirements(requirements) -> str:
    """Razorpay's requirements (field_reference + reason_code) as one sentence for the owner."""
    parts = []
    for item in requirements or []:
        if isinstance(item, dict) and item.get("field_reference"):
            reason = str(item.get("reason_code") or "required").replace("_", " ")
            parts.append(f"{item['field_reference']}: {reason}")
    return "; ".join(parts)[:500]


def _save_tenant(tenant: Tenant, **values) -> None:
    actions = [getattr(Tenant, name).set(value) for name, value in values.items()]
    actions.append(Tenant.payout_updated_at.set(clock.now_iso()))
    tenant.update(actions=actions)


def _ensure_account(tenant: Tenant, route, payload: dict) -> str:
    if tenant.payout_account_id:
        update = {k: v for k, v in payload.items() if k not in ("email", "type", "business_type", "legal_info")}
        route.update_account(tenant.payout_account_id, update)
        return tenant.payout_account_id
    account = route.create_account(payload)
    _save_tenant(tenant, payout_account_id=account["id"])  # kept at once: a retry updates, never duplicates
    return account["id"]


def _ensure_stakeholder(tenant: Tenant, route, account_id: str, d: dict) -> None:
    data = {"name": d["contact_name"], "email": d["email"], "kyc": {"pan": d["pan"]}}
    if tenant.payout_stakeholder_id:
        route.update_stakeholder(account_id, tenant.payout_stakeholder_id, data)
        return
    stakeholder = route.create_stakeholder(account_id, data)
    _save_tenant(tenant, payout_stakeholder_id=stakeholder["id"])


def _configure_product(tenant: Tenant, route, account_id: str, d: dict) -> dict:
    product_id = tenant.payout_product_id
    if not product_id:
        product_id = route.request_product(account_id)["id"]
        _save_tenant(tenant, payout_product_id=product_id)
    settlements = {
        "account_number": d["account_number"],
        "ifsc_code": d["ifsc"],
        "beneficiary_name": d["beneficiary_name"],
    }
    return route.update_product(account_id, product_id, settlements)


def _details(d: dict) -> PayoutDetails:
    return PayoutDetails(
        legal_business_name=d["legal_business_name"],
        business_type=d["business_type"],
        category=d["category"],
        contact_name=d["contact_name"],
        email=d["email"],
        phone=d["phone"],
        pan_last4=kyc.last4(d["pan"]),
        gstin=d["gstin"],
        beneficiary_name=d["beneficiary_name"],
        ifsc=d["ifsc"],
        account_last4=kyc.last4(d["account_number"]),
        street=d["street"],
        city=d["city"],
        state=d["state"],
        postal_code=d["postal_code"],
    )


def submit_onboarding(tenant: Tenant, data: dict, gateway=None) -> Tenant:
    """Validate, then create (or update, on a resubmission) the linked account, stakeholder and Route
    product with the settlement bank account. Raises ValidationFailed (field named, nothing sent) or
    GatewayError (Razorpay refused or is unreachable; what was created is kept for the next try).
    New bank details on an activated account are reviewed again: until then orders are not split."""
    d = validate_details(data)
    route = (gateway or get_gateway()).route
    account_id = _ensure_account(tenant, route, _account_payload(tenant, d))
    _ensure_stakeholder(tenant, route, account_id, d)
    product = _configure_product(tenant, route, account_id, d)
    status = _status_from(product.get("activation_status"))
    reason = describe_requirements(product.get("requirements")) if status == PayoutStatus.NEEDS_CLARIFICATION else None
    _save_tenant(tenant, payout_status=status, payout_reason=reason, payout_details=_details(d))
    log.info("payout account submitted", extra={"tenant_id": tenant.tenant_id, "status": str(status)})
    (gateway or get_gateway()).deliver_pending()
    tenant.refresh(consistent_read=True)
    return tenant


def apply_product_event(
    account_id: str, event: str, merchant_product: dict, created_at: int | None, gateway=None
) -> str:
    """product.route.under_review / needs_clarification / activated → the tenant's payout status.
    Events arrive in any order: an older event never overwrites a newer one (``payout_event_at``).
    On activation the payments WebDPro held for the tenant's delivered orders are paid out."""
    tenant = tenant_for_account(account_id)
    if tenant is None:
        return "ignored: unknown linked account"
    entity = merchant_product.get("entity") or {}
    status = _status_from(entity.get("activation_status") or event.rsplit(".", 1)[-1])
    data = merchant_product.get("data")
    reason = describe_requirements(data.get("requirements") if isinstance(data, dict) else None)
    at = int(created_at or clock.now().timestamp())
    try:
        tenant.update(
            actions=[
                Tenant.payout_status.set(status),
                Tenant.payout_reason.set(reason if status == PayoutStatus.NEEDS_CLARIFICATION else None),
                Tenant.payout_event_at.set(at),
                Tenant.payout_updated_at.set(clock.now_iso()),
            ],
            condition=Tenant.payout_event_at.does_not_exist() | (Tenant.payout_event_at <= at),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return "ignored: a newer status is already recorded"
        raise
    if status == PayoutStatus.ACTIVATED:
        pay_out_delivered_held(tenant.tenant_id, gateway)
    return f"payout account {str(status).lower()}"


def tenant_for_account(account_id: str | None) -> Tenant | None:
    if not account_id:
        return None
    for tenant in Tenant.payout_account_index.query(account_id, limit=1):
        return tenant
    return None


# --- Transfers ---------------------------------------------------------------------------------------


@dataclass
class Split:
    account_id: str | None
    commission: Decimal
    transfers: list | None


def plan_of(tenant: Tenant):
    return PLANS.get(tenant.plan, FREE)


def order_split(order) -> Split:
    """The commission of an online order and, when the tenant's payout account is activated, the
    Razorpay order's ``transfers`` entry (total − commission, on hold until delivery)."""
    tenant = Tenant.get(order.tenant_id)
    total = to_paise(order.total_amount)
    commission = commission_paise(total, plan_of(tenant))
    payout = total - commission
    if tenant.payout_status != PayoutStatus.ACTIVATED or not tenant.payout_account_id or payout < 100:
        return Split(None, from_paise(commission), None)
    transfer = {
        "account": tenant.payout_account_id,
        "amount": payout,
        "currency": "INR",
        "notes": {"tenant_id": order.tenant_id, "order_id": order.order_id},
        "linked_account_notes": ["order_id"],
        "on_hold": True,
    }
    return Split(tenant.payout_account_id, from_paise(commission), [transfer])


def add_capture(tx, payment, razorpay_payment_id: str, now: str) -> None:
    """Add the ledger row of a captured order payment (and the tenant's running totals) to ``tx``."""
    amount = payment.amount
    commission = payment.commission if payment.commission is not None else Decimal("0.00")
    held = not payment.route_account_id
    row = Transfer(
        payment.tenant_id,
        payment.order_id,
        store_id=payment.store_id,
        payment_id=payment.payment_id,
        razorpay_payment_id=razorpay_payment_id,
        account_id=payment.route_account_id,
        amount=amount,
        commission=commission,
        payout=amount - commission,
        status=TransferStatus.PLATFORM if held else TransferStatus.HELD,
        created_at=now,
        updated_at=now,
    )
    tx.save(row, condition=Transfer.order_id.does_not_exist())
    actions = [Tenant.commission_total.add(commission)]
    if held:
        actions.append(Tenant.platform_held_total.add(amount))
    tx.update(Tenant(payment.tenant_id), actions=actions)


def get_transfer(tenant_id: str, order_id: str) -> Transfer | None:
    return get_or_none(Transfer, tenant_id, order_id, consistent_read=True)


def _mark(row: Transfer, condition, **values) -> bool:
    values.setdefault("updated_at", clock.now_iso())
    actions = []
    for name, value in values.items():
        attr = getattr(Transfer, name)
        actions.append(attr.remove() if value is None else attr.set(value))
    try:
        row.update(actions=actions, condition=condition)
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def _find_transfer_id(row: Transfer, route) -> str | None:
    if row.transfer_id:
        return row.transfer_id
    for transfer in route.payment_transfers(row.razorpay_payment_id):
        if transfer.get("recipient") == row.account_id:
            _mark(row, Transfer.transfer_id.does_not_exist(), transfer_id=transfer["id"])
            return transfer["id"]
    return None


def _pending(row: Transfer, action: str, error: str) -> None:
    now = clock.now_iso()
    row.update(
        actions=[
            Transfer.pending_action.set(action),
            Transfer.attempts.add(1),
            Transfer.last_error.set(error[:300]),
            Transfer.attention.set(RETRY),
            Transfer.attention_since.set(row.attention_since or now),
            Transfer.updated_at.set(now),
        ]
    )


def _released(row: Transfer, was: str, **values) -> bool:
    return _mark(
        row,
        Transfer.status == was,
        status=TransferStatus.RELEASED,
        released_at=clock.now_iso(),
        pending_action=None,
        attention=None,
        attention_since=None,
        last_error=None,
        **values,
    )


def release(row: Transfer, gateway=None) -> str:
    """Release one HELD transfer (``PATCH /v1/transfers/:id {"on_hold": false}``), or pay out a PLATFORM
    row once the tenant's account is activated (:func:`pay_out_held`). On failure the row is marked
    RELEASE-pending (retried by ``payout_jobs.run_pending``); never raises for gateway trouble."""
    if row.status == TransferStatus.PLATFORM:
        return pay_out_held(row, gateway)
    if row.status != TransferStatus.HELD:
        return f"nothing to release: {row.status.lower()}"
    gateway = gateway or get_gateway()
    try:
        transfer_id = _find_transfer_id(row, gateway.route)
        if not transfer_id:
            raise GatewayError(_("Razorpay has not created the transfer yet."))
        gateway.route.release_transfer(transfer_id)
    except GatewayError as exc:
        _pending(row, PendingAction.RELEASE, str(exc))
        log.warning("transfer release deferred", extra={"order_id": row.order_id, "error": str(exc)})
        return "release pending"
    _released(row, TransferStatus.HELD)
    gateway.deliver_pending()
    return "released"


def pay_out_held(row: Transfer, gateway=None) -> str:
    """A delivered order whose payment WebDPro held (no activated account when it was placed): once the
    tenant's account is activated, its payout goes by a direct transfer (``POST /v1/transfers``) and the
    tenant's held total drops. Before that it stays held (nothing pending, nothing lost)."""
    tenant = Tenant.get(row.tenant_id, consistent_read=True)
    if tenant.payout_status != PayoutStatus.ACTIVATED or not tenant.payout_account_id:
        return "held by WebDPro"
    gateway = gateway or get_gateway()
    notes = {"tenant_id": row.tenant_id, "order_id": row.order_id}
    try:
        transfer = gateway.route.direct_transfer(tenant.payout_account_id, to_paise(row.payout), notes)
    except GatewayError as exc:
        _pending(row, PendingAction.RELEASE, str(exc))
        return "release pending"
    from webdpro.db import transact_write

    now = clock.now_iso()
    with transact_write() as tx:
        tx.update(
            row,
            actions=[
                Transfer.status.set(TransferStatus.RELEASED),
                Transfer.account_id.set(tenant.payout_account_id),
                Transfer.transfer_id.set(transfer["id"]),
                Transfer.released_at.set(now),
                Transfer.updated_at.set(now),
                Transfer.pending_action.remove(),
                Transfer.attention.remove(),
                Transfer.attention_since.remove(),
                Transfer.last_error.remove(),
            ],
            condition=Transfer.status == TransferStatus.PLATFORM,
        )
        tx.update(Tenant(row.tenant_id), actions=[Tenant.platform_held_total.add(-row.amount)])
    gateway.deliver_pending()
    return "released"


def pay_out_delivered_held(tenant_id: str, gateway=None) -> int:
    """After activation: every held payment of a delivered (or picked-up) order is paid out. One Query of
    the tenant's ledger partition (filtered on status), one GetItem per held order."""
    from webdpro.db import Order

    paid = 0
    for row in Transfer.query(tenant_id, filter_condition=Transfer.status == TransferStatus.PLATFORM):
        order = get_or_none(Order, row.order_id)
        if order is None:
            continue
        if order.status in (OrderStatus.DELIVERED, OrderStatus.PICKED_UP) and pay_out_held(row, gateway) == "released":
            paid += 1
    return paid


def release_for_order(order, gateway=None) -> str:
    """The order was delivered: release its transfer, if it has one. Never raises."""
    try:
        row = get_transfer(order.tenant_id, order.order_id)
        if row is None:
            return "no online payment"
        return release(row, gateway)
    except Exception:  # noqa: BLE001  (delivery stands; the job finds HELD rows of delivered orders)
        log.exception("transfer release failed", extra={"order_id": order.order_id})
        return "release failed"


def refund_requested(payment, gateway_ok: bool, error: str = "") -> None:
    """After a refund of ``payment`` was asked for: the transfer is reversed with it (``reverse_all``) —
    or, when the gateway failed, the reversal is marked pending and retried with the refund."""
    row = get_transfer(payment.tenant_id, payment.order_id) if payment.order_id else None
    if row is None or row.status == TransferStatus.REVERSED:
        return
    if not gateway_ok:
        _pending(row, PendingAction.REVERSE, error or _("The refund could not be started."))
        return
    from webdpro.db import transact_write

    now = clock.now_iso()
    actions = [Tenant.commission_total.add(-row.commission)]
    if row.status == TransferStatus.PLATFORM:
        actions.append(Tenant.platform_held_total.add(-row.amount))
    with transact_write() as tx:
        tx.update(
            row,
            actions=[
                Transfer.status.set(TransferStatus.REVERSED),
                Transfer.reversed_at.set(now),
                Transfer.updated_at.set(now),
                Transfer.pending_action.remove(),
                Transfer.attention.remove(),
                Transfer.attention_since.remove(),
            ],
            condition=Transfer.status == row.status,
        )
        tx.update(Tenant(payment.tenant_id), actions=actions)


def apply_transfer_event(event: str, entity: dict) -> str:
    """transfer.processed → the transfer id is recorded; transfer.failed → FAILED (and flagged)."""
    notes = entity.get("notes") if isinstance(entity.get("notes"), dict) else {}
    row = get_transfer(notes.get("tenant_id", ""), notes.get("order_id", "")) if notes.get("tenant_id") else None
    if row is None:
        return "ignored: not a WebDPro transfer"
    if event == "transfer.failed":
        now = clock.now_iso()
        _mark(
            row,
            Transfer.status.is_in(TransferStatus.HELD, TransferStatus.RELEASED),
            status=TransferStatus.FAILED,
            transfer_id=entity.get("id") or row.transfer_id,
            last_error=str(entity.get("error", {}).get("description") or _("Razorpay reported the transfer failed."))
            if isinstance(entity.get("error"), dict)
            else _("Razorpay reported the transfer failed."),
            attention=RETRY,
            attention_since=row.attention_since or now,
        )
        return "transfer failed"
    if row.transfer_id == entity.get("id"):
        return "transfer already recorded"
    _mark(row, Transfer.transfer_id.does_not_exist(), transfer_id=entity.get("id"))
    return "transfer recorded"


def apply_settlement(account_id: str | None, settlement: dict, gateway=None) -> str:
    """settlement.processed: the transfers it paid out (``GET /v1/transfers?recipient_settlement_id=``)
    become SETTLED with the settlement id and date."""
    setl_id = settlement.get("id")
    if not setl_id:
        return "ignored: no settlement id"
    gateway = gateway or get_gateway()
    settled_at = (
        clock.iso(datetime.fromtimestamp(int(settlement["created_at"]), tz=UTC))
        if settlement.get("created_at")
        else None
    )
    count = 0
    for transfer in gateway.route.settlement_transfers(setl_id):
        notes = transfer.get("notes") if isinstance(transfer.get("notes"), dict) else {}
        row = get_transfer(notes.get("tenant_id", ""), notes.get("order_id", "")) if notes.get("tenant_id") else None
        if row is None or row.status == TransferStatus.SETTLED:
            continue
        if _mark(
            row,
            Transfer.status.is_in(TransferStatus.RELEASED, TransferStatus.HELD),
            status=TransferStatus.SETTLED,
            settlement_id=setl_id,
            settled_at=settled_at or clock.now_iso(),
            transfer_id=transfer.get("id") or row.transfer_id,
        ):
            count += 1
    return f"settled {count} transfer(s)"


def refresh_sandbox(gateway=None) -> None:
    """Pages the owner watches let the sandbox do its due work first (a no-op with Razorpay)."""
    gateway = gateway or get_gateway()
    if gateway.is_sandbox:
        gateway.route.tick()
