"""Reads for the owner's order detail page beyond the order itself: who the timeline's ids are, and the
order's payments."""

from __future__ import annotations

from webdpro.db import Payment, User

SYSTEM_NAMES = {"customer": "Customer", "system": "WebDPro", "test": "Test"}


def people_names(tenant_id: str) -> dict[str, str]:
    """user_id → name (or phone) for the tenant's owner and agents, plus the system actors: one Query on the
    users ``tenant-index``."""
    names = dict(SYSTEM_NAMES)
    for user in User.tenant_index.query(tenant_id):
        names[user.user_id] = user.name or user.phone
    return names


def order_payments(order) -> list[Payment]:
    """The order's payment rows (online attempts, COD collection, refunds), oldest first: one Query on the
    payments ``order-index``, kept to the order's tenant."""
    return list(Payment.order_index.query(order.order_id, filter_condition=Payment.tenant_id == order.tenant_id))
