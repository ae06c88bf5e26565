"""Razorpay webhooks: verify, deduplicate, apply.

:func:`process_webhook` is the one entry point — the HTTP view (``POST /webhooks/razorpay/``) and the
sandbox call it with the raw body (``str``), the ``X-Razorpay-Signature`` and ``X-Razorpay-Event-Id``.

* The HMAC-SHA256 of the raw body with the webhook secret must match, else 400 and nothing is read.
* A body that is not a Razorpay event of the expected shape (``webhook_shape.shape_problem``) is a 400
  naming what is wrong, never a handler error.
* An event id already applied (``webdpro-webhook-events``) is acknowledged with 200 and ignored.
* Every handler is idempotent by itself (conditional writes), so two deliveries racing each other or
  arriving out of order end in the same state; a payment never goes from CAPTURED back to FAILED and an
  order never moves backwards from PAID.
* A payment we created (notes.app = webdpro) that cannot be found yet — a GSI read on AWS can lag a
  fresh write — answers 503 so Razorpay retries; events that are not ours or not handled answer 200.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

from pynamodb.exceptions import PutError

from webdpro import clock
from webdpro.db import WebhookEvent, get_or_none, is_condition_failure
from webdpro.db.payments import PaymentKind
from webdpro.payments.billing import apply_subscription_event
from webdpro.payments.gateway import SignatureError, get_gateway
from webdpro.payments.notes import APP_NOTE
from webdpro.payments.refunds import apply_refund_event
from webdpro.payments.services import capture_payment, fail_payment, find_payment, gateway_method
from webdpro.payments.webhook_shape import shape_problem

log = logging.getLogger("webdpro.payments.webhooks")

KEEP_SECONDS = 7 * 24 * 3600


@dataclass
class WebhookResult:
    status: int
    outcome: str


class RetryLater(Exception):
    """Not applied now; answer 5xx so Razorpay delivers it again."""


def _entity(payload: dict, name: str) -> dict:
    value = (payload or {}).get(name) or {}
    entity = value.get("entity") if isinstance(value, dict) else None
    return entity if isinstance(entity, dict) else {}


def _notes(entity: dict) -> dict:
    notes = entity.get("notes")
    return notes if isinstance(notes, dict) else {}  # Razorpay sends [] for "no notes"


def _payment_for(razorpay_order_id: str | None, *note_sources: dict):
    notes = {}
    for source in note_sources:
        notes = {**_notes(source), **notes}
    payment = find_payment(razorpay_order_id, notes.get("tenant_id")) if razorpay_order_id else None
    if (
        payment is None
        and notes.get("app") == APP_NOTE
        and notes.get("kind") in (PaymentKind.ORDER, PaymentKind.PUBLISH_FEE)
    ):
        # One of our Checkout orders whose row we cannot see yet (GSI lag): ask Razorpay to retry.
        # Subscription charges (kind SUBSCRIPTION) have no row of their own here: not retried.
        raise RetryLater(f"payment for {razorpay_order_id} not found yet")
    return payment


def on_payment_captured(payload: dict, event: dict) -> str:
    entity = _entity(payload, "payment")
    payment = _payment_for(entity.get("order_id"), entity, _entity(payload, "order"))
    if payment is None:
        return "ignored: not a WebDPro payment"
    if entity.get("status") not in (None, "captured"):
        return f"ignored: payment is {entity.get('status')}"
    return capture_payment(
        payment,
        entity["id"],
        method=gateway_method(entity.get("method")),
        amount_paise=entity.get("amount"),
        by="razorpay",
    )


def on_payment_failed(payload: dict, event: dict) -> str:
    entity = _entity(payload, "payment")
    payment = _payment_for(entity.get("order_id"), entity)
    if payment is None:
        return "ignored: not a WebDPro payment"
    return fail_payment(payment, entity.get("id"), entity.get("error_description"))


def on_refund(payload: dict, event: dict) -> str:
    refund = _entity(payload, "refund")
    payment_entity = _entity(payload, "payment")
    notes = {**_notes(payment_entity), **_notes(refund)}
    order_id = payment_entity.get("order_id") or notes.get("razorpay_order_id")
    payment = _payment_for(order_id, refund, payment_entity)
    if payment is None:
        return "ignored: not a WebDPro payment"
    return apply_refund_event(payment, refund, event.get("event", ""))


def on_subscription(payload: dict, event: dict) -> str:
    return apply_subscription_event(
        event.get("event", ""), _entity(payload, "subscription"), _entity(payload, "payment")
    )


def on_transfer(payload: dict, event: dict) -> str:
    from webdpro.payments.payouts import apply_transfer_event

    return apply_transfer_event(event.get("event", ""), _entity(payload, "transfer"))


def on_settlement(payload: dict, event: dict) -> str:
    from webdpro.payments.payouts import apply_settlement

    return apply_settlement(event.get("account_id"), _entity(payload, "settlement"), gateway=event.get("_gateway"))


def on_route_product(payload: dict, event: dict) -> str:
    from webdpro.payments.payouts import apply_product_event

    product = (payload or {}).get("merchant_product")
    product = product if isinstance(product, dict) else {}
    entity = product.get("entity") if isinstance(product.get("entity"), dict) else {}
    account_id = entity.get("merchant_id") or event.get("account_id")
    return apply_product_event(
        account_id, event.get("event", ""), product, event.get("created_at"), gateway=event.get("_gateway")
    )


HANDLERS = {
    "transfer.processed": on_transfer,
    "transfer.failed": on_transfer,
    "settlement.processed": on_settlement,
    "product.route.under_review": on_route_product,
    "product.route.needs_clarification": on_route_product,
    "product.route.activated": on_route_product,
    "payment.captured": on_payment_captured,
    "order.paid": on_payment_captured,
    "payment.failed": on_payment_failed,
    "refund.processed": on_refund,
    "refund.failed": on_refund,
    **{
        f"subscription.{name}": on_subscription
        for name in (
            "authenticated",
            "activated",
            "charged",
            "pending",
            "halted",
            "cancelled",
            "completed",
            "paused",
            "resumed",
            "updated",
        )
    },
}


def process_webhook(body: str, signature: str | None, event_id: str | None, gateway=None) -> WebhookResult:
    gateway = gateway or get_gateway()
    try:
        gateway.verify_webhook_signature(body, signature)
    except SignatureError as exc:
        log.warning("webhook signature rejected", extra={"event_id": event_id})
        return WebhookResult(400, str(exc))
    try:
        event = json.loads(body)
    except ValueError:
        return WebhookResult(400, "not a Razorpay event: the body is not JSON")
    problem = shape_problem(event)
    if problem:
        log.warning("webhook shape rejected", extra={"event_id": event_id, "why": problem})
        return WebhookResult(400, f"not a Razorpay event: {problem}")
    name = event["event"]
    payload = event.get("payload") or {}
    event["_gateway"] = gateway  # handlers that call back into the gateway (settlements) use this one
    key = "razorpay#" + (event_id or "body-" + hashlib.sha256(body.encode()).hexdigest())
    if get_or_none(WebhookEvent, key, consistent_read=True) is not None:
        return WebhookResult(200, "duplicate: already applied")
    handler = HANDLERS.get(name)
    if handler is None:
        outcome = "ignored: event not handled"
    else:
        try:
            outcome = handler(payload, event)
        except RetryLater as exc:
            log.warning("webhook deferred", extra={"event": name, "event_id": event_id, "why": str(exc)})
            return WebhookResult(503, str(exc))
    _remember(key, name, outcome)
    log.info("webhook applied", extra={"event": name, "event_id": event_id, "outcome": outcome})
    return WebhookResult(200, outcome)


def _remember(key: str, name: str, outcome: str) -> None:
    try:
        WebhookEvent(
            key,
            event=name,
            outcome=outcome[:200],
            received_at=clock.now_iso(),
            expires_at=int(clock.now().timestamp()) + KEEP_SECONDS,
        ).save(condition=WebhookEvent.event_id.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
