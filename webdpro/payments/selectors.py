"""Reads for the payment pages: the order a payer may open, its payment row, and what its pay page shows.

:func:`order_pay_state` decides the pay page's state — ``paid``, ``refunded``, ``expired`` (the window of
``webdpro.orders.expiry`` has run out), ``unavailable`` (the gateway refused), ``closed``, ``processing``
(captured but not applied: never charge twice), ``failed`` (retry) or ``pay`` — and, for the last two,
starts (or reuses) the Razorpay order and builds Checkout's options.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from webdpro.db import Order, Payment, get_or_not_found
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.errors import NotFound
from webdpro.money import to_paise
from webdpro.orders import expiry
from webdpro.payments import services
from webdpro.payments.gateway import Gateway, GatewayError
from webdpro.payments.notes import razorpay_notes

ONLINE_METHODS = (PaymentMethod.UPI, PaymentMethod.CARD)


@dataclass
class PayState:
    """What the pay page shows. ``http_status`` is 503 when the gateway could not be reached."""

    state: str
    payment: Payment | None = None
    deadline: datetime | None = None
    error: str | None = None
    options: dict | None = None
    http_status: int = 200


def get_order(order_id: str) -> Order:
    return get_or_not_found(Order, order_id, message="Order not found.")


def order_payment(order: Order) -> Payment:
    """The order's online payment row (consistent GetItem), or NotFound."""
    if not order.razorpay_order_id:
        raise NotFound(_("Payment not found."))
    return get_payment(order.tenant_id, order.razorpay_order_id)


def get_payment(tenant_id: str, payment_id: str) -> Payment:
    return get_or_not_found(Payment, tenant_id, payment_id, message="Payment not found.", consistent_read=True)


def awaits_online_payment(order: Order) -> bool:
    return order.status == OrderStatus.PENDING_PAYMENT and order.payment_method in ONLINE_METHODS


def online_method(order: Order, wanted: str | None) -> str:
    """``wanted`` if it is an online method (the sandbox's buttons), else the order's own."""
    return wanted if wanted in ONLINE_METHODS else order.payment_method


def order_pay_state(order: Order, gateway: Gateway, store_name: str) -> PayState:
    if order.payment_status == OrderPaymentStatus.PAID:
        return PayState("paid")
    if order.payment_status == OrderPaymentStatus.REFUNDED:
        return PayState("refunded")
    if not awaits_online_payment(order):
        return PayState("closed")
    deadline = expiry.payment_deadline(order)
    if expiry.is_due(order) and not order.razorpay_order_id:
        return PayState("expired", deadline=deadline)  # the expiry sweep cancels it and returns the stock
    try:
        payment = services.start_order_checkout(order, gateway)
    except GatewayError as exc:
        return PayState("unavailable", deadline=deadline, error=str(exc), http_status=503)
    except services.NotPayable as exc:
        return PayState("closed", deadline=deadline, error=str(exc))
    return PayState(
        payment_state(payment),
        payment=payment,
        deadline=deadline,
        options=checkout_options(
            gateway,
            payment,
            store_name,
            f"Order {order.order_id[-8:]}",
            {"name": order.customer_name, "contact": order.customer_phone},
            razorpay_notes(PaymentKind.ORDER, order.tenant_id, store_id=order.store_id, order_id=order.order_id),
        ),
    )


def payment_state(payment: Payment) -> str:
    """``processing`` once captured (never offer to pay twice), ``failed`` after a failed attempt, else ``pay``."""
    if payment.status == PaymentStatus.CAPTURED:
        return "processing"
    return "failed" if payment.status == PaymentStatus.FAILED else "pay"


def checkout_options(gateway, payment: Payment, name: str, description: str, prefill: dict, notes: dict) -> dict:
    """Razorpay Checkout's options (the key id is public by design; the secret never leaves the server)."""
    return {
        "key": gateway.key_id,
        "amount": to_paise(payment.amount),
        "currency": "INR",
        "order_id": payment.razorpay_order_id,
        "name": name[:60],
        "description": description[:250],
        "prefill": prefill,
        "notes": notes,
        "theme": {"color": "#0f766e"},
        "retry": {"enabled": True},
    }


# --- A store's publish fee ---------------------------------------------------------------------------


def fee_payment(store, payment_id: str) -> Payment:
    """The store's PUBLISH_FEE payment with this id, or NotFound."""
    payment = get_payment(store.tenant_id, payment_id)
    if payment.store_id != store.store_id or payment.kind != PaymentKind.PUBLISH_FEE:
        raise NotFound(_("Payment not found."))
    return payment


def fee_pay_state(store, fee, existing_payment_id: str | None, gateway: Gateway, prefill: dict) -> PayState:
    """The publish-fee page for a store that owes ``fee`` (``stores.services.publish_fee(store).due``):
    Checkout for its PUBLISH_FEE payment, reused while it is still open."""
    try:
        payment = services.start_publish_fee_checkout(store, fee, existing_payment_id, gateway)
    except GatewayError as exc:
        return PayState("unavailable", error=str(exc), http_status=503)
    return PayState(
        "failed" if payment.status == PaymentStatus.FAILED else "pay",
        payment=payment,
        options=checkout_options(
            gateway,
            payment,
            "WebDPro",
            f"Publish fee: {store.name or store.store_id}",
            prefill,
            razorpay_notes(PaymentKind.PUBLISH_FEE, store.tenant_id, store_id=store.store_id),
        ),
    )
