"""The sandbox's Checkout (SANDBOX — no real money): what Razorpay would do when a customer pays or
fails, played through the same signature check and webhook handler as Razorpay's own deliveries."""

from __future__ import annotations

from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.db import Payment
from webdpro.db.payments import PaymentKind
from webdpro.errors import NotFound
from webdpro.money import to_paise
from webdpro.payments.notes import razorpay_notes
from webdpro.payments.services import verify_and_capture


def payment_entity(
    payment: Payment,
    razorpay_payment_id: str,
    status: str,
    method: str,
    contact: str | None = None,
    error: str | None = None,
) -> dict:
    """A payment entity in Razorpay's documented shape (used by the sandbox's webhooks)."""
    amount = to_paise(payment.amount)
    failed = status == "failed"
    return {
        "id": razorpay_payment_id,
        "entity": "payment",
        "amount": amount,
        "currency": "INR",
        "status": status,
        "order_id": payment.razorpay_order_id,
        "invoice_id": None,
        "international": False,
        "method": method.lower(),
        "amount_refunded": 0,
        "refund_status": None,
        "captured": status == "captured",
        "description": payment.note or f"Order {payment.order_id or ''}".strip(),
        "card_id": None,
        "bank": None,
        "wallet": None,
        "vpa": "success@razorpay" if method.lower() == "upi" else None,
        "email": "void@razorpay.com",
        "contact": contact or "+919000090000",
        "notes": razorpay_notes(payment.kind, payment.tenant_id, store_id=payment.store_id, order_id=payment.order_id),
        "fee": None if failed else 0,
        "tax": None if failed else 0,
        "error_code": "BAD_REQUEST_ERROR" if failed else None,
        "error_description": (error or "Payment failed") if failed else None,
        "error_source": "customer" if failed else None,
        "error_step": "payment_authentication" if failed else None,
        "error_reason": "payment_failed" if failed else None,
        "acquirer_data": {},
        "created_at": int(clock.now().timestamp()),
    }


def sandbox_pay(payment: Payment, method: str, gateway) -> str:
    """What Razorpay does when a customer pays: Checkout hands a signed result to our callback
    (verified like Razorpay's), and payment.captured and order.paid webhooks follow (signed and posted
    through the same webhook handler; they find the work already done)."""
    pay_id = gateway.new_payment_id()
    signature = gateway.sign_checkout(payment.razorpay_order_id, pay_id)
    entity = payment_entity(payment, pay_id, "captured", method)
    gateway.queue("payment.captured", {"payment": {"entity": entity}})
    order_entity = {
        "id": payment.razorpay_order_id,
        "entity": "order",
        "amount": entity["amount"],
        "amount_paid": entity["amount"],
        "amount_due": 0,
        "currency": "INR",
        "receipt": payment.order_id or f"fee-{payment.store_id}",
        "status": "paid",
        "attempts": 1,
        "notes": entity["notes"],
        "created_at": entity["created_at"],
    }
    gateway.queue("order.paid", {"payment": {"entity": entity}, "order": {"entity": order_entity}})
    outcome = verify_and_capture(payment, pay_id, signature, method=method, gateway=gateway)
    if payment.kind == PaymentKind.ORDER:
        gateway.route.payment_captured(payment.razorpay_order_id, pay_id)
    gateway.deliver_pending()
    return outcome


def sandbox_fail(payment: Payment, method: str, gateway, reason: str = "Payment declined in the sandbox") -> None:
    """A failed attempt: Razorpay reports it with a payment.failed webhook (Checkout gives no signed result)."""
    pay_id = gateway.new_payment_id()
    gateway.queue(
        "payment.failed", {"payment": {"entity": payment_entity(payment, pay_id, "failed", method, error=reason)}}
    )
    gateway.deliver_pending()


def sandbox_checkout(payment: Payment, action: str, method: str, gateway) -> None:
    """The sandbox page's buttons: ``pay`` pays, anything else fails the attempt. NotFound when the
    gateway is not the sandbox (Razorpay keys are configured)."""
    if not gateway.is_sandbox:
        raise NotFound(_("The sandbox is off: Razorpay keys are configured."))
    if action == "pay":
        sandbox_pay(payment, method, gateway)
    else:
        sandbox_fail(payment, method, gateway)
