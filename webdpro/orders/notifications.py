"""Customer SMS (or WhatsApp, per store) when an order moves: received (awaiting the shop's acceptance),
confirmed, out for delivery / ready for pickup, delivered / picked up, cancelled.
A pickup order's messages carry its pickup code; a scheduled order's carry its slot.

``notify_status(order, status)`` is called *after* the write that changed the status. It never raises:
a store that cannot be read or an SMS backend that fails is logged, and the order stays as written.
Messages are short (one SMS segment where possible), in the store's language (one of settings.LANGUAGES).
"""

from __future__ import annotations

import logging
import time
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from webdpro.db.orders import Fulfilment, OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.ids import short
from webdpro.money import format_inr

log = logging.getLogger(__name__)

NOTIFIED = (
    OrderStatus.PLACED,
    OrderStatus.CONFIRMED,
    OrderStatus.OUT_FOR_DELIVERY,
    OrderStatus.READY_FOR_PICKUP,
    OrderStatus.DELIVERED,
    OrderStatus.PICKED_UP,
    OrderStatus.CANCELLED,
)

# English msgids; each is translated (locale/<code>/LC_MESSAGES/django.po) into the store's language.
MESSAGES = {
    OrderStatus.PLACED: gettext_noop(
        "{store}: we have your order #{ref} ({total}); the shop will confirm it shortly.{slot}{track}"
    ),
    OrderStatus.READY_FOR_PICKUP: gettext_noop(
        "{store}: your order #{ref} is ready for pickup. Show code {code} at the counter."
    ),
    OrderStatus.PICKED_UP: gettext_noop(
        "{store}: your order #{ref} has been picked up. Thank you for shopping with us!"
    ),
    "confirmed_pickup": gettext_noop(
        "{store}: your order #{ref} ({total}) is confirmed for pickup. Pickup code: {code}. "
        "We'll tell you when it's ready.{slot}{track}"
    ),
    "confirmed_delivery": gettext_noop(
        "{store}: your order #{ref} ({total}) is confirmed. We'll tell you when it's on the way.{slot}{track}"
    ),
    "slot": gettext_noop(" Scheduled for {slot}."),
    "reason": gettext_noop(" Reason: {reason}."),
    OrderStatus.CONFIRMED: gettext_noop(
        "{store}: your order #{ref} ({total}) is confirmed. We'll tell you when it's on the way.{track}"
    ),
    OrderStatus.OUT_FOR_DELIVERY: gettext_noop("{store}: your order #{ref} is out for delivery.{cod}{track}"),
    OrderStatus.DELIVERED: gettext_noop(
        "{store}: your order #{ref} has been delivered. Thank you for shopping with us!"
    ),
    OrderStatus.CANCELLED: gettext_noop(
        "{store}: your order #{ref} has been cancelled.{refund} Questions? Reply or call the shop."
    ),
    "track": gettext_noop(" Track: {url} (order #{ref})"),
    "cod": gettext_noop(" Please keep {amount} ready (cash on delivery)."),
    "refund": gettext_noop(" Your payment of {amount} will be refunded."),
    "delivery_code": gettext_noop(
        "{shop}your order {ref} is on its way with {agent}. Your delivery code is {code}. "
        "Share it with the agent only when you receive your order."
    ),
}


@lru_cache(maxsize=None)  # one per language of settings.LANGUAGES; the catalogues do not change while running
def messages_in(language: str) -> dict[str, str]:
    """Every message in ``language`` (English where a catalogue lacks one). Shared: read it, never change it."""
    with translation.override(language):
        return {key: gettext(text) for key, text in MESSAGES.items()}


def store_language(store) -> str:
    config = getattr(store, "config", None)
    language = getattr(store, "language", None)
    if not language and config is not None:
        try:
            language = config["language"] if isinstance(config, dict) else getattr(config, "language", None)
        except (KeyError, TypeError):
            language = None
    code = (language or "").split("-")[0].lower()
    return code if code in {c for c, _ in settings.LANGUAGES} else "en"


def store_name(store) -> str:
    if store is None:
        return "Your shop"
    return (getattr(store, "name", None) or "Your shop")[:40]


def tracking_url(store) -> str:
    """The store's public address, where the customer finds their order ("My orders" / track)."""
    if store is None:
        return ""
    url = getattr(store, "live_url", None) or (f"https://{store.domain}/" if getattr(store, "domain", None) else "")
    if getattr(store, "custom_domain", None):
        url = f"https://{store.custom_domain}/"
    return url


def build_message(order, status: str, store=None) -> str | None:
    if status not in MESSAGES:
        return None
    texts = messages_in(store_language(store))
    ref = short(order.order_id)
    url = tracking_url(store)
    track = texts["track"].format(url=url, ref=ref) if url else ""
    cod = ""
    if status == OrderStatus.OUT_FOR_DELIVERY and order.payment_method == PaymentMethod.COD:
        cod = texts["cod"].format(amount=format_inr(order.total_amount))
    refund = ""
    if status == OrderStatus.CANCELLED and order.payment_status in (
        OrderPaymentStatus.PAID,
        OrderPaymentStatus.REFUNDED,
    ):
        refund = texts["refund"].format(amount=format_inr(order.total_amount))
    if status == OrderStatus.CANCELLED and getattr(order, "cancel_reason", None):
        refund = texts["reason"].format(reason=order.cancel_reason[:80]) + refund
    code = getattr(order, "pickup_code", None) or ""
    key = status
    if status == OrderStatus.CONFIRMED:
        key = "confirmed_pickup" if getattr(order, "fulfilment", None) == Fulfilment.PICKUP else "confirmed_delivery"
    text = texts[key].format(
        store=store_name(store),
        ref=ref,
        total=format_inr(order.total_amount),
        track=track,
        cod=cod,
        refund=refund,
        code=code,
        slot=_slot(texts, order),
    )
    return text


def _slot(texts, order) -> str:
    if not getattr(order, "scheduled_for", None):
        return ""
    from webdpro.stores.hours import slot_label

    return texts["slot"].format(slot=slot_label(order.scheduled_for))


def channel_for(store) -> str:
    """The store's channel for customers' status updates: sms (default) or whatsapp."""
    from webdpro.sms import CHANNELS, SMS

    chosen = ((store.config_read if store is not None else {}).get("orders") or {}).get("customer_channel")
    return chosen if chosen in CHANNELS else SMS


STORE_SECONDS = 30  # a sweep that cancels several orders of one store reads the store once
_stores: dict[tuple[str, str], tuple[float, object]] = {}


def _load_store(order):
    """The order's store for the message's name, language and link (read at most once per 30 s)."""
    from webdpro.db import Store

    key, now = (order.tenant_id, order.store_id), time.monotonic()
    hit = _stores.get(key)
    if hit and hit[0] > now:
        return hit[1]
    try:
        store = Store.get(order.tenant_id, order.store_id)
    except Exception:  # noqa: BLE001  (a message without the store's name is better than none)
        log.warning("notify: store not readable", extra={"order_id": order.order_id})
        return None
    if len(_stores) > 1000:
        _stores.clear()
    _stores[key] = (now + STORE_SECONDS, store)
    return store


def notify_status(order, status: str, store=None) -> bool:
    """Text the customer about ``status``; True if a message was handed to the SMS backend."""
    if status not in NOTIFIED or not getattr(order, "customer_phone", None):
        return False
    try:
        from webdpro.sms import send_message

        store = store if store is not None else _load_store(order)
        body = build_message(order, status, store)
        if not body:
            return False
        send_message(order.customer_phone, body, channel=channel_for(store))
        return True
    except Exception:  # noqa: BLE001  (never break the write that called us)
        log.exception(
            "order notification failed", extra={"order_id": getattr(order, "order_id", None), "status": status}
        )
        return False
