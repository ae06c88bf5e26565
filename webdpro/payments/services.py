"""Online payments: start Checkout for an order (or a store's publish fee), apply a capture or a
failure. Both the Checkout callback and the webhooks end in :func:`capture_payment` /
:func:`fail_payment`, which are idempotent: conditional writes make replays and out-of-order
deliveries end in the same state, and an order never moves backwards from PAID.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError, UpdateError

from webdpro import clock
from webdpro.db import (
    Order,
    Payment,
    conflict_on_condition,
    get_or_none,
    is_condition_failure,
    retry_transaction,
    someone_was_first,
    transact_write,
)
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.db.stores import StoreStatus
from webdpro.errors import Conflict, DomainError, NotFound
from webdpro.money import format_inr, from_paise, to_paise
from webdpro.payments.gateway import Gateway, GatewayError, SignatureError, get_gateway
from webdpro.payments.notes import APP_NOTE, razorpay_notes

log = logging.getLogger("webdpro.payments")

METHODS = {
    "upi": "UPI",
    "card": "CARD",
    "netbanking": "NETBANKING",
    "wallet": "WALLET",
    "emi": "EMI",
    "cardless_emi": "EMI",
    "paylater": "PAYLATER",
    "bank_transfer": "BANK_TRANSFER",
}


class NotPayable(Conflict):
    """The order or store is not waiting for this payment."""


class PaymentNotFound(NotFound):
    pass


def gateway_method(value: str | None) -> str | None:
    return METHODS.get((value or "").lower()) if value else None


# --- Start Checkout --------------------------------------------------------------------------------


def start_order_checkout(order: Order, gateway: Gateway | None = None) -> Payment:
    """The CREATED payment of a PENDING_PAYMENT UPI/CARD order, creating the gateway order once.

    A retry after a failed attempt reuses the same Razorpay order (Razorpay allows several attempts
    per order and captures at most one), so an order can never be paid twice.
    """
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise NotPayable(_("This order is not waiting for payment."))
    if order.payment_method not in (PaymentMethod.UPI, PaymentMethod.CARD):
        raise NotPayable(_("This order is paid in cash on delivery."))
    if order.razorpay_order_id:
        payment = get_or_none(Payment, order.tenant_id, order.razorpay_order_id, consistent_read=True)
        if payment is not None:
            return payment
        log.error("order has a razorpay order id without a payment row", extra={"order_id": order.order_id})
    gateway = gateway or get_gateway()
    notes = razorpay_notes(PaymentKind.ORDER, order.tenant_id, store_id=order.store_id, order_id=order.order_id)
    from webdpro.payments.payouts import order_split

    split = order_split(order)
    created = gateway.create_order(
        to_paise(order.total_amount), receipt=order.order_id, notes=notes, transfers=split.transfers
    )
    now = clock.now_iso()
    payment = Payment(
        order.tenant_id,
        created["id"],
        kind=PaymentKind.ORDER,
        order_id=order.order_id,
        store_id=order.store_id,
        amount=order.total_amount,
        currency="INR",
        payment_method=order.payment_method,
        status=PaymentStatus.CREATED,
        razorpay_order_id=created["id"],
        created_at=now,
        updated_at=now,
        route_account_id=split.account_id,
        commission=split.commission,
    )
    try:
        with transact_write() as tx:
            tx.save(payment, condition=Payment.payment_id.does_not_exist())
            tx.update(
                order,
                actions=[Order.razorpay_order_id.set(created["id"]), Order.updated_at.set(now)],
                condition=(Order.status == OrderStatus.PENDING_PAYMENT)
                & Order.razorpay_order_id.does_not_exist()
                & (Order.tenant_id == order.tenant_id),
            )
    except TransactWriteError as exc:
        fresh = Order.get(order.order_id, consistent_read=True)
        if fresh.status == OrderStatus.PENDING_PAYMENT and fresh.razorpay_order_id:  # another tab was first: use theirs
            order.razorpay_order_id = fresh.razorpay_order_id
            return Payment.get(order.tenant_id, fresh.razorpay_order_id, consistent_read=True)
        raise NotPayable(_("This order is not waiting for payment.")) from exc
    order.razorpay_order_id = created["id"]
    return payment


def start_publish_fee_checkout(
    store, fee, existing_payment_id: str | None = None, gateway: Gateway | None = None
) -> Payment:
    """A CREATED PUBLISH_FEE payment for a DRAFT store (reused while it is still open)."""
    if existing_payment_id:
        payment = get_or_none(Payment, store.tenant_id, existing_payment_id, consistent_read=True)
        if (
            payment is not None
            and payment.kind == PaymentKind.PUBLISH_FEE
            and payment.store_id == store.store_id
            and payment.status in (PaymentStatus.CREATED, PaymentStatus.FAILED)
            and payment.amount == fee
        ):
            return payment
    gateway = gateway or get_gateway()
    notes = razorpay_notes(PaymentKind.PUBLISH_FEE, store.tenant_id, store_id=store.store_id)
    created = gateway.create_order(to_paise(fee), receipt=f"fee-{store.store_id}", notes=notes)
    now = clock.now_iso()
    payment = Payment(
        store.tenant_id,
        created["id"],
        kind=PaymentKind.PUBLISH_FEE,
        billing_tenant_id=store.tenant_id,
        store_id=store.store_id,
        amount=fee,
        currency="INR",
        status=PaymentStatus.CREATED,
        razorpay_order_id=created["id"],
        created_at=now,
        updated_at=now,
        note=f"Publish fee for {store.name or 'a store'}",
    )
    payment.save(condition=Payment.payment_id.does_not_exist())
    return payment


# --- Capture and failure ---------------------------------------------------------------------------


def find_payment(razorpay_order_id: str, tenant_id: str | None = None) -> Payment | None:
    """By (tenant, Razorpay order id) with a consistent GetItem when the tenant is known (the notes carry
    it), else through ``razorpay-order-index`` (eventually consistent on AWS: may miss a fresh write)."""
    if not razorpay_order_id:
        return None
    if tenant_id:
        payment = get_or_none(Payment, tenant_id, razorpay_order_id, consistent_read=True)
        if payment is not None:
            return payment
    for payment in Payment.razorpay_order_index.query(razorpay_order_id, limit=5):
        if not tenant_id or payment.tenant_id == tenant_id:
            return payment
    return None


def verify_and_capture(
    payment: Payment,
    razorpay_payment_id: str,
    signature: str,
    method: str | None = None,
    gateway: Gateway | None = None,
) -> str:
    """The Checkout callback: verify Razorpay's signature of ``order_id|payment_id``, then capture."""
    gateway = gateway or get_gateway()
    gateway.verify_payment_signature(payment.razorpay_order_id, razorpay_payment_id, signature)
    amount = None
    if not gateway.is_sandbox:
        try:  # the method (UPI/card) and amount, when Razorpay answers quickly; the signature suffices
            fetched = gateway.fetch_payment(razorpay_payment_id)
            if fetched.get("order_id") != payment.razorpay_order_id:
                raise DomainError(_("The payment does not belong to this order."))
            if fetched.get("status") not in ("captured", "authorized"):
                log.warning(
                    "checkout callback for a payment that is not captured",
                    extra={"payment_id": razorpay_payment_id, "status": fetched.get("status")},
                )
            amount = fetched.get("amount")
            method = gateway_method(fetched.get("method")) or method
        except GatewayError:
            pass
    return capture_payment(payment, razorpay_payment_id, method=method, amount_paise=amount, by="customer")


def capture_payment(
    payment: Payment,
    razorpay_payment_id: str,
    method: str | None = None,
    amount_paise: int | None = None,
    by: str = "system",
) -> str:
    """Mark ``payment`` CAPTURED and apply it (order CONFIRMED + PAID, or the store's publish fee).

    Returns a short outcome. Safe to call any number of times, from the callback and the webhooks.
    """
    first = iter([payment])

    def attempt() -> str:
        current = next(first, None) or Payment.get(payment.tenant_id, payment.payment_id, consistent_read=True)
        if current.status in (PaymentStatus.CAPTURED, PaymentStatus.REFUNDED):
            return f"already {current.status.lower()}"
        if current.kind == PaymentKind.PUBLISH_FEE:
            return _capture_publish_fee(current, razorpay_payment_id, method, amount_paise, by)
        return _capture_order_payment(current, razorpay_payment_id, method, amount_paise, by)

    with conflict_on_condition(_("The payment was being updated by someone else. It will be applied shortly.")):
        return retry_transaction(attempt, attempts=3, retry_if=someone_was_first)


def _payment_actions(payment, razorpay_payment_id, method, amount_paise, now):
    actions = [
        Payment.status.set(PaymentStatus.CAPTURED),
        Payment.razorpay_payment_id.set(razorpay_payment_id),
        Payment.updated_at.set(now),
    ]
    if method:
        actions.append(Payment.payment_method.set(method))
    mismatch = amount_paise is not None and int(amount_paise) != to_paise(payment.amount)
    if mismatch:
        actions.append(
            Payment.note.set(
                f"Captured {format_inr(from_paise(amount_paise))} but {format_inr(payment.amount)} was due: "
                "not applied, check it."
            )
        )
    return actions, mismatch


def _capture_order_payment(payment, razorpay_payment_id, method, amount_paise, by) -> str:
    now = clock.now_iso()
    order = Order.get(payment.order_id, consistent_read=True)
    actions, mismatch = _payment_actions(payment, razorpay_payment_id, method, amount_paise, now)
    outcome = "captured"
    with transact_write() as tx:
        tx.update(payment, actions=actions, condition=Payment.status.is_in(PaymentStatus.CREATED, PaymentStatus.FAILED))
        if order.tenant_id == payment.tenant_id and not mismatch:
            from webdpro.payments.payouts import add_capture

            add_capture(tx, payment, razorpay_payment_id, now)
        if order.tenant_id != payment.tenant_id or mismatch:
            outcome = "captured, amount or tenant mismatch: order left as it was"
        elif order.status == OrderStatus.PENDING_PAYMENT:
            from webdpro.orders import rules
            from webdpro.orders.workflow import add_transition

            label = {"UPI": "UPI", "CARD": "card"}.get(method or payment.payment_method, "online")
            target = rules.confirmed_status(order)
            extra = rules.placed_actions(order, _order_store(order)) if target != OrderStatus.CONFIRMED else []
            add_transition(
                tx,
                order,
                target,
                by=by,
                note=f"Paid by {label} (Razorpay {razorpay_payment_id})",
                extra_actions=[
                    Order.payment_status.set(OrderPaymentStatus.PAID),
                    Order.razorpay_payment_id.set(razorpay_payment_id),
                    *extra,
                ],
            )
            outcome = "captured, order confirmed"
        elif order.status != OrderStatus.CANCELLED and order.payment_status != OrderPaymentStatus.PAID:
            tx.update(
                order,
                actions=[
                    Order.payment_status.set(OrderPaymentStatus.PAID),
                    Order.razorpay_payment_id.set(razorpay_payment_id),
                    Order.updated_at.set(now),
                ],
                condition=(Order.status == order.status) & (Order.payment_status == order.payment_status),
            )
            outcome = "captured, order marked paid"
        else:
            outcome = f"captured, order is {order.status.lower()}: check it"
    payment.status = PaymentStatus.CAPTURED
    log.info(
        "payment captured", extra={"payment_id": payment.payment_id, "order_id": order.order_id, "outcome": outcome}
    )
    if outcome == "captured, order confirmed":
        _notify_confirmed(order.order_id)
    return outcome


def _order_store(order):
    from webdpro.db import Store, get_or_none

    return get_or_none(Store, order.tenant_id, order.store_id)


def _notify_confirmed(order_id: str) -> None:
    from webdpro.orders.alerts import new_order
    from webdpro.orders.notifications import notify_status

    try:
        order = Order.get(order_id)
        store = _order_store(order)
        notify_status(order, order.status, store)
        if store is not None:
            new_order(order, store)
    except Exception:  # a failure to send never breaks the payment
        log.exception("could not notify the customer", extra={"order_id": order_id})


def _capture_publish_fee(payment, razorpay_payment_id, method, amount_paise, by) -> str:
    now = clock.now_iso()
    actions, mismatch = _payment_actions(payment, razorpay_payment_id, method, amount_paise, now)
    payment.update(actions=actions, condition=Payment.status.is_in(PaymentStatus.CREATED, PaymentStatus.FAILED))
    if mismatch:
        return "captured, amount mismatch: store not published"
    # The store's transitions know "payments" as the actor that may mark a store PAID.
    return "captured, " + publish_paid_store(payment.tenant_id, payment.store_id, "payments")


def publish_paid_store(tenant_id: str, store_id: str, by: str) -> str:
    """DRAFT → PAID → PUBLISHED through the store transitions (idempotent)."""
    from webdpro.db import Store
    from webdpro.stores.services import mark_paid, publish

    store = get_or_none(Store, tenant_id, store_id, consistent_read=True)
    if store is None:
        return "store is gone"
    try:
        if store.status in (StoreStatus.DRAFT, StoreStatus.GENERATING):
            store = mark_paid(store, by) or Store.get(tenant_id, store_id, consistent_read=True)
        if store.status == StoreStatus.PAID:
            publish(store, by)
            return "store published"
        return f"store is {store.status.lower()}"
    except DomainError as exc:
        log.warning("paid store could not be published", extra={"store_id": store_id, "error": str(exc)})
        return f"store not published: {exc}"


def fail_payment(payment: Payment, razorpay_payment_id: str | None, reason: str | None) -> str:
    """An attempt failed: payment FAILED (unless something was captured), order stays PENDING_PAYMENT."""
    if payment.status in (PaymentStatus.CAPTURED, PaymentStatus.REFUNDED):
        return f"ignored: payment already {payment.status.lower()}"
    reason = (reason or "The payment did not go through.")[:300]
    now = clock.now_iso()
    try:
        payment.update(
            actions=[Payment.status.set(PaymentStatus.FAILED), Payment.error.set(reason), Payment.updated_at.set(now)],
            condition=Payment.status.is_in(PaymentStatus.CREATED, PaymentStatus.FAILED),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return "ignored: payment captured meanwhile"
        raise
    if payment.kind == PaymentKind.ORDER and payment.order_id:
        try:
            Order(payment.order_id).update(
                actions=[Order.payment_status.set(OrderPaymentStatus.FAILED), Order.updated_at.set(now)],
                condition=(Order.tenant_id == payment.tenant_id)
                & (Order.status == OrderStatus.PENDING_PAYMENT)
                & (Order.payment_status != OrderPaymentStatus.PAID),
            )
        except UpdateError as exc:
            if not is_condition_failure(exc):
                raise
    log.info(
        "payment failed",
        extra={"payment_id": payment.payment_id, "reason": reason, "razorpay_payment_id": razorpay_payment_id},
    )
    return "failed"


def refresh(payment: Payment) -> Payment:
    return Payment.get(payment.tenant_id, payment.payment_id, consistent_read=True)


__all__ = [
    "APP_NOTE",
    "NotPayable",
    "PaymentNotFound",
    "start_order_checkout",
    "start_publish_fee_checkout",
    "find_payment",
    "verify_and_capture",
    "capture_payment",
    "fail_payment",
    "publish_paid_store",
    "refresh",
]


def complete_checkout(payment: Payment, data, gateway: Gateway | None = None) -> Payment:
    """Checkout's success callback for ``payment`` (``data``: the posted ``razorpay_order_id``,
    ``razorpay_payment_id`` and ``razorpay_signature``): verified, then captured. Returns the payment as it
    is now. SignatureError when the result is not Razorpay's for this payment."""
    if data.get("razorpay_order_id") != payment.razorpay_order_id:
        raise SignatureError(_("This payment does not belong to this checkout."))
    verify_and_capture(
        payment, data.get("razorpay_payment_id", ""), data.get("razorpay_signature", ""), gateway=gateway
    )
    return refresh(payment)
