"""An order's timeline for people: who did what, and when.

``history`` holds status changes and events that leave the status as it was (an agent assigned, cash
recorded): those read as events with their note, never as a second "Preparing". The customer sees
status changes only. Actors are named, never "Someone": the tenant's owner and agents by name, the
customer who placed the order as the customer, and WebDPro's own jobs as WebDPro.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from webdpro.labels import label

SYSTEM_ACTORS = {
    "system": lambda: _("WebDPro (automatic)"),
    "payments": lambda: _("WebDPro payments"),
    "razorpay": lambda: _("Online payment"),
}


@dataclass(frozen=True)
class Entry:
    status: str
    label: str
    at: str
    by: str
    note: str | None
    is_event: bool  # the status did not change: an assignment, cash recorded, a note


def actor_label(by: str | None, order, people: dict) -> str:
    """Who acted: a tenant user by name, a system actor, else the customer who placed the order (orders
    are changed only by the tenant's people, WebDPro's jobs and that customer)."""
    if not by:
        return _("WebDPro (automatic)")
    if by in SYSTEM_ACTORS:
        return SYSTEM_ACTORS[by]()
    if by in people and by not in ("customer", "test"):
        return people[by]
    return _("%(name)s (customer)") % {"name": order.customer_name or _("Customer")}


def owner_timeline(order, people: dict) -> list[Entry]:
    """Every entry, oldest first; entries that kept the status are events."""
    entries, previous = [], None
    for change in order.history or []:
        entries.append(
            Entry(
                status=change.status,
                label=label("order_status", change.status),
                at=change.at,
                by=actor_label(change.by, order, people),
                note=change.note or None,
                is_event=change.status == previous,
            )
        )
        previous = change.status
    return entries


def customer_timeline(order) -> list[Entry]:
    """Status changes only, oldest first, in the customer's words."""
    return [
        Entry(e.status, label("customer_order_status", e.status), e.at, "", e.note, False)
        for e in owner_timeline(order, {})
        if not e.is_event
    ]
