"""Reads of a store's customers. Every read is a Query on the store's partition (or a GSI keyed by it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from webdpro import pagination
from webdpro.db import Order, get_or_not_found
from webdpro.db.customers import StoreCustomer

PAGE_SIZE = 50
MAX_EXPORT = 50_000


@dataclass
class Page:
    items: list = field(default_factory=list)
    next_cursor: str | None = None


def _page(results, cursor_scope: str) -> Page:
    items = list(results)
    key = results.last_evaluated_key
    return Page(items, pagination.dump(key, cursor_scope))


def search(store_id: str, q: str = "", cursor: str | None = None, page_size: int = PAGE_SIZE) -> Page:
    """Newest first without ``q``; a phone prefix when ``q`` is digits (``98765`` → ``+9198765…``);
    else a name prefix (case-insensitive)."""
    q = " ".join((q or "").split())[:60]
    scope = f"customers:{store_id}:{q}"
    start = pagination.load(cursor, scope)
    digits = re.sub(r"[^0-9]", "", q)
    if q and digits and len(digits) >= len(re.sub(r"[\s+\-()]", "", q)):
        prefix = "+" + digits if q.startswith("+") else "+91" + digits.removeprefix("91" if len(digits) > 10 else "")
        results = StoreCustomer.query(
            store_id, StoreCustomer.phone.startswith(prefix), limit=page_size, last_evaluated_key=start
        )
    elif q:
        results = StoreCustomer.name_index.query(
            store_id, StoreCustomer.name_key.startswith(q.lower()), limit=page_size, last_evaluated_key=start
        )
    else:
        results = StoreCustomer.recent_index.query(
            store_id, scan_index_forward=False, limit=page_size, last_evaluated_key=start
        )
    return _page(results, scope)


def get_customer(store_id: str, phone: str) -> StoreCustomer:
    return get_or_not_found(StoreCustomer, store_id, phone, message=_("No such customer."))


def customer_orders(store_id: str, phone: str, limit: int = 100) -> list[Order]:
    """The customer's orders in this store, newest first (customer-index Query, filtered to the store)."""
    results = Order.customer_index.query(
        phone, scan_index_forward=False, filter_condition=Order.store_id == store_id, page_size=limit
    )
    out = []
    for order in results:
        out.append(order)
        if len(out) >= limit:
            break
    return out


def all_customers(store_id: str):
    """Every customer of the store, newest first (paged Query on recent-index), for the CSV export."""
    yield from StoreCustomer.recent_index.query(store_id, scan_index_forward=False, limit=MAX_EXPORT, page_size=500)
