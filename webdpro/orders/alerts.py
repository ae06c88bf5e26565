"""New-order alerts for the owner: a message to the owner's phone by SMS or WhatsApp (per store, config
``orders.alerts`` = "off" | "sms" | "whatsapp"; absent = off), sent when an order is ready for the shop
(placed with cash on delivery, or paid online). The dashboard's in-page alert is driven by
:func:`webdpro.orders.selectors.awaiting_count` / the desk's polling, not from here.

Never raises: a failed alert is logged and the order stands as written.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from webdpro.db.orders import Fulfilment, OrderStatus
from webdpro.ids import short
from webdpro.money import format_inr
from webdpro.stores.choices import ALERT_CHOICES
from webdpro.stores.choices import ALERTS_OFF as OFF

log = logging.getLogger(__name__)


def channel(config: dict) -> str:
    chosen = ((config or {}).get("orders") or {}).get("alerts")
    return chosen if chosen in ALERT_CHOICES else OFF


def message(order, store_name: str) -> str:
    what = _("Pickup") if getattr(order, "fulfilment", None) == Fulfilment.PICKUP else _("Delivery")
    text = _("%(store)s: new order #%(ref)s, %(total)s (%(what)s) from %(name)s.") % {
        "store": store_name[:40],
        "ref": short(order.order_id),
        "total": format_inr(order.total_amount),
        "what": what,
        "name": (order.customer_name or "")[:40],
    }
    if order.status == OrderStatus.PLACED:
        text += " " + _("Accept or reject it on the order desk.")
    if getattr(order, "scheduled_for", None):
        from webdpro.stores.hours import slot_label

        text += " " + _("Scheduled for %(slot)s.") % {"slot": slot_label(order.scheduled_for)}
    return text


def read_owner_phone(store) -> str | None:
    """The phone of ``store``'s owner (one GetItem of the tenant, only its ``owner_phone``)."""
    from webdpro.db import Tenant, get_or_none

    tenant = get_or_none(Tenant, store.tenant_id, attributes_to_get=["owner_phone"])
    return tenant.owner_phone if tenant else None


def new_order(order, store, *, owner_phone: str | None = None) -> bool:
    """Alert the owner of ``store`` about ``order``; True if a message was handed to a backend.
    ``owner_phone``: already read by the caller (the checkout reads the tenant with the store), else read here."""
    try:
        from webdpro.sms import send_message

        chosen = channel(store.config_read)
        if chosen == OFF:
            return False
        phone = owner_phone or read_owner_phone(store)
        if not phone:
            return False
        send_message(phone, message(order, store.name or ""), channel=chosen, template="new_order_alert")
        return True
    except Exception:  # noqa: BLE001  (an alert never breaks the order)
        log.exception("new-order alert failed", extra={"order_id": getattr(order, "order_id", None)})
        return False
