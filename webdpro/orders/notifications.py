"""Customer SMS when an order moves: confirmed, out for delivery, delivered (and cancelled).

``notify_status(order, status)`` is called *after* the write that changed the status. It never raises:
a store that cannot be read or an SMS backend that fails is logged, and the order stays as written.
Messages are short (one SMS segment where possible), in Hindi when the store's language is ``hi``.
"""

from __future__ import annotations

import logging

from webdpro.db.orders import CANCELLED, CONFIRMED, DELIVERED, OUT_FOR_DELIVERY
from webdpro.ids import short
from webdpro.money import format_inr

log = logging.getLogger(__name__)

NOTIFIED = (CONFIRMED, OUT_FOR_DELIVERY, DELIVERED, CANCELLED)

MESSAGES = {
    "en": {
        CONFIRMED: "{store}: your order #{ref} ({total}) is confirmed. We'll tell you when it's on the way.{track}",
        OUT_FOR_DELIVERY: "{store}: your order #{ref} is out for delivery.{cod}{track}",
        DELIVERED: "{store}: your order #{ref} has been delivered. Thank you for shopping with us!",
        CANCELLED: "{store}: your order #{ref} has been cancelled.{refund} Questions? Reply or call the shop.",
        "track": " Track: {url} (order #{ref})",
        "cod": " Please keep {amount} ready (cash on delivery).",
        "refund": " Your payment of {amount} will be refunded.",
    },
    "hi": {
        CONFIRMED: "{store}: आपका ऑर्डर #{ref} ({total}) पक्का हो गया है। रवाना होने पर हम आपको बताएँगे।{track}",
        OUT_FOR_DELIVERY: "{store}: आपका ऑर्डर #{ref} डिलीवरी के लिए निकल चुका है।{cod}{track}",
        DELIVERED: "{store}: आपका ऑर्डर #{ref} पहुँचा दिया गया है। खरीदारी के लिए धन्यवाद!",
        CANCELLED: "{store}: आपका ऑर्डर #{ref} रद्द कर दिया गया है।{refund} सवाल हों तो दुकान को कॉल करें।",
        "track": " ट्रैक करें: {url} (ऑर्डर #{ref})",
        "cod": " कृपया {amount} नकद तैयार रखें।",
        "refund": " आपका {amount} का भुगतान वापस किया जाएगा।",
    },
}


def store_language(store) -> str:
    config = getattr(store, "config", None)
    language = getattr(store, "language", None)
    if not language and config is not None:
        try:
            language = config["language"] if isinstance(config, dict) else getattr(config, "language", None)
        except (KeyError, TypeError):
            language = None
    return "hi" if (language or "").lower().startswith("hi") else "en"


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
    texts = MESSAGES[store_language(store)]
    if status not in texts:
        return None
    ref = short(order.order_id)
    url = tracking_url(store)
    track = texts["track"].format(url=url, ref=ref) if url else ""
    cod = ""
    if status == OUT_FOR_DELIVERY and order.payment_method == "COD":
        cod = texts["cod"].format(amount=format_inr(order.total_amount))
    refund = ""
    if status == CANCELLED and order.payment_status in ("PAID", "REFUNDED"):
        refund = texts["refund"].format(amount=format_inr(order.total_amount))
    return texts[status].format(
        store=store_name(store), ref=ref, total=format_inr(order.total_amount), track=track, cod=cod, refund=refund
    )


def _load_store(order):
    from webdpro.db import Store

    try:
        return Store.get(order.tenant_id, order.store_id)
    except Exception:  # noqa: BLE001  (a message without the store's name is better than none)
        log.warning("notify: store not readable", extra={"order_id": order.order_id})
        return None


def notify_status(order, status: str, store=None) -> bool:
    """Text the customer about ``status``; True if a message was handed to the SMS backend."""
    if status not in NOTIFIED or not getattr(order, "customer_phone", None):
        return False
    try:
        from webdpro.sms import send_sms

        store = store if store is not None else _load_store(order)
        body = build_message(order, status, store)
        if not body:
            return False
        send_sms(order.customer_phone, body)
        return True
    except Exception:  # noqa: BLE001  (never break the write that called us)
        log.exception(
            "order notification failed", extra={"order_id": getattr(order, "order_id", None), "status": status}
        )
        return False
