"""Reads for the owner's order detail page beyond the order itself: who the timeline's ids are, and the
order's payments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from webdpro.db import Payment, User
from webdpro.db.rows import query_page, row_reader
from webdpro.orders.timeline import SYSTEM_ACTORS

PEOPLE_FIELDS = ("user_id", "name", "phone")  # who a timeline's id is
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
    read, start = row_reader(User, PEOPLE_FIELDS), None
    while True:  # the names only, into rows: no User model per person
        items, start = query_page(
            User, tenant_id, index=User.tenant_index.Meta.index_name, names=PEOPLE_FIELDS, start=start
        )
        for person in map(read, items):
            names[person.user_id] = person.name or person.phone
        if not start:
            return names


PAYMENT_FIELDS = ("created_at", "kind", "payment_method", "amount", "status")  # what the order page shows


def order_payments(order) -> list:
    """The order's payment rows (online attempts, COD collection, refunds), oldest first, as read-only rows
    of what the order page shows (:mod:`webdpro.db.rows`): one Query on the payments ``order-index`` (and
    one more per page past DynamoDB's 1 MB), kept to the order's tenant by its filter."""
    read, found, start = row_reader(Payment, PAYMENT_FIELDS), [], None
    while True:
        items, start = query_page(
            Payment,
            order.order_id,
            index=Payment.order_index.Meta.index_name,
            names=PAYMENT_FIELDS,
            where=("tenant_id", order.tenant_id),
            start=start,
        )
        found.extend(read(raw) for raw in items)
        if not start:
            return found
