"""Reads for the owner's order detail page beyond the order itself: who the timeline's ids are, and the
order's payments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from webdpro.db import Payment, User
from webdpro.orders.timeline import SYSTEM_ACTORS

SYSTEM_NAMES = {"customer": gettext_lazy("Customer"), "system": "WebDPro", "test": gettext_lazy("Test")}


def people_names(tenant_id: str, order=None, known: dict[str, str] | None = None) -> dict[str, str]:
    """user_id → name (or phone) for the tenant's people who acted on ``order``, plus the system actors.

    Names already in hand (``known``: the signed-in user) cost nothing; only when the order's timeline
    names someone else (an agent, another person of the tenant) are the tenant's people read: one Query on
    the users ``tenant-index``. Without an order, every person of the tenant is read."""
    names = {**SYSTEM_NAMES, **(known or {})}
    if order is not None and all(
        not change.by or change.by in names or change.by in SYSTEM_ACTORS for change in order.history or []
    ):
        return names
    for user in User.tenant_index.query(tenant_id):
        names[user.user_id] = user.name or user.phone
    return names


def order_payments(order) -> list[Payment]:
    """The order's payment rows (online attempts, COD collection, refunds), oldest first: one Query on the
    payments ``order-index``, kept to the order's tenant."""
    return list(Payment.order_index.query(order.order_id, filter_condition=Payment.tenant_id == order.tenant_id))
