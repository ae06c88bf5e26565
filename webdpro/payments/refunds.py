"""Refunds of online payments.

The order desk calls :func:`request_refund` when it cancels a PAID order. The full amount is refunded
through the gateway with an idempotency key derived from the payment (``X-Refund-Idempotency``), so a
repeated call can never refund twice. The payment records the refund as PENDING; Razorpay's
``refund.processed`` webhook then makes it REFUNDED and the order's payment_status REFUNDED.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError, UpdateError

from webdpro import clock
from webdpro.db import Order, Payment, get_or_none, is_condition_failure, transact_write
from webdpro.db.orders import OrderPaymentStatus, PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus, RefundStatus
from webdpro.errors import Conflict, DomainError
from webdpro.money import format_inr, from_paise, to_paise
from webdpro.payments.gateway import get_gateway
from webdpro.payments.notes import razorpay_notes

log = logging.getLogger("webdpro.payments.refunds")


class RefundError(Conflict):
    """The payment cannot be refunded (not online, not captured, or already refunded)."""


def idempotency_key(payment: Payment) -> str:
    return f"wdp-refund-{payment.payment_id}"[:64]


def request_refund(order: Order, reason: str, by: str, gateway=None) -> Payment:
    """Refund an online order's captured payment in full. Idempotent: a second call returns the
    payment with its refund already requested. Raises :class:`RefundError` when there is nothing to
    refund, or ``GatewayError`` (a DomainError, 502) when Razorpay refuses or cannot be reached."""
    if order.payment_method not in (PaymentMethod.UPI, PaymentMethod.CARD) or not order.razorpay_order_id:
        raise RefundError(_("This order was not paid online, so there is nothing to refund."))
    payment = get_or_none(Payment, order.tenant_id, order.razorpay_order_id, consistent_read=True)
    if payment is None:
        raise RefundError(_("No online payment was found for this order."))
    return refund_payment(payment, reason, by, gateway)


def refund_payment(payment: Payment, reason: str, by: str, gateway=None) -> Payment:
    """Refund one captured online payment in full (also used by the owner for a payment captured
    against an order that was cancelled meanwhile)."""
    if payment.kind != PaymentKind.ORDER:
        raise RefundError(_("Only payments for orders can be refunded here."))
    if payment.status == PaymentStatus.REFUNDED or (payment.refund_id and payment.refund_status != RefundStatus.FAILED):
        return payment
    if payment.status != PaymentStatus.CAPTURED or not payment.razorpay_payment_id:
        raise RefundError(_("This order's payment was not captured, so there is nothing to refund."))
    gateway = gateway or get_gateway()
    reason = (reason or "Order cancelled").strip()[:200]
    from webdpro.payments.payouts import refund_requested

    try:
        refund = gateway.refund(
            payment.razorpay_payment_id,
            to_paise(payment.amount),
            idempotency_key(payment),
            notes=razorpay_notes(
                None,
                payment.tenant_id,
                order_id=payment.order_id,
                razorpay_order_id=payment.razorpay_order_id,
                reason=reason,
            ),
            reverse_all=bool(payment.route_account_id),
        )
    except DomainError as exc:
        refund_requested(payment, gateway_ok=False, error=str(exc))
        raise
    refund_requested(payment, gateway_ok=True)
    now = clock.now_iso()
    try:
        payment.update(
            actions=[
                Payment.refund_id.set(refund["id"]),
                Payment.refund_status.set(RefundStatus.PENDING),
                Payment.refund_reason.set(reason),
                Payment.refunded_by.set(by),
                Payment.updated_at.set(now),
            ],
            condition=(Payment.status == PaymentStatus.CAPTURED),
        )
    except UpdateError as exc:  # refund.processed was faster than us: it already says REFUNDED
        if not is_condition_failure(exc):
            raise
        payment = Payment.get(payment.tenant_id, payment.payment_id, consistent_read=True)
    log.info("refund requested", extra={"payment_id": payment.payment_id, "refund_id": refund["id"], "by": by})
    if refund.get("status") == "processed":
        apply_refund_event(payment, refund, "refund.processed")
    gateway.deliver_pending()
    return Payment.get(payment.tenant_id, payment.payment_id, consistent_read=True)


def apply_refund_event(payment: Payment, refund: dict, event: str) -> str:
    """refund.processed → payment REFUNDED and order payment_status REFUNDED (one transaction);
    refund.failed → the payment keeps CAPTURED with refund_status FAILED so the owner can retry."""
    now = clock.now_iso()
    if event == "refund.failed":
        try:
            payment.update(
                actions=[
                    Payment.refund_status.set(RefundStatus.FAILED),
                    Payment.refund_id.set(refund.get("id")),
                    Payment.updated_at.set(now),
                ],
                condition=Payment.status != PaymentStatus.REFUNDED,
            )
        except UpdateError as exc:
            if not is_condition_failure(exc):
                raise
            return "ignored: already refunded"
        return "refund failed"
    if payment.status == PaymentStatus.REFUNDED:
        return "already refunded"
    amount = refund.get("amount")
    actions = [
        Payment.status.set(PaymentStatus.REFUNDED),
        Payment.refund_status.set(RefundStatus.PROCESSED),
        Payment.updated_at.set(now),
    ]
    if refund.get("id"):
        actions.append(Payment.refund_id.set(refund["id"]))
    if amount is not None and int(amount) != to_paise(payment.amount):
        actions.append(Payment.note.set(f"Refunded {format_inr(from_paise(amount))} of {format_inr(payment.amount)}."))
    try:
        with transact_write() as tx:
            tx.update(
                payment,
                actions=actions,
                condition=Payment.status.is_in(PaymentStatus.CAPTURED, PaymentStatus.CREATED, PaymentStatus.FAILED),
            )
            if payment.order_id:
                tx.update(
                    Order(payment.order_id),
                    actions=[Order.payment_status.set(OrderPaymentStatus.REFUNDED), Order.updated_at.set(now)],
                    condition=Order.tenant_id == payment.tenant_id,
                )
    except TransactWriteError:
        fresh = Payment.get(payment.tenant_id, payment.payment_id, consistent_read=True)
        if fresh.status == PaymentStatus.REFUNDED:
            return "already refunded"
        raise
    return "refunded"
