"""Reads for a signed-in customer (HackSoft-style selectors): their own orders across every store."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pynamodb.exceptions import DoesNotExist

from webdpro import pagination
from webdpro.db import Order, Store, get_or_none
from webdpro.db.stores import StoreStatus
from webdpro.orders.expiry import sweep, sweep_one
from webdpro.phones import InvalidPhone, normalize_phone

ORDERS_PAGE_SIZE = 20


@dataclass
class OrderPage:
    orders: list[Order]
    stores: dict[str, Store] = field(default_factory=dict)  # store_id → Store (name, slug, status)
    next_cursor: str | None = None

    def open_store(self, order: Order) -> Store | None:
        """The order's store when its storefront is open (published, with an address) to link to."""
        store = self.stores.get(order.store_id)
        return store if store is not None and store.status == StoreStatus.PUBLISHED and store.slug else None


def _cursor_for(phone: str, order: Order) -> str:
    key = {name: {"S": getattr(order, name)} for name in ("order_id", "customer_phone", "created_at")}
    return pagination.dump(key, f"customer-orders:{phone}")


def customer_orders(phone: str, cursor: str | None = None, limit: int = ORDERS_PAGE_SIZE) -> OrderPage:
    """The orders placed with ``phone`` in any store, newest first, one page at a time.

    Two DynamoDB calls per page whatever its length: a Query on ``customer-index`` (``limit + 1``
    items, so "is there a next page?" needs no extra read) and one BatchGetItem for the stores' names.
    """
    start = pagination.load(cursor, f"customer-orders:{phone}")
    results = Order.customer_index.query(phone, scan_index_forward=False, limit=limit + 1, last_evaluated_key=start)
    orders = []
    for order in results:
        orders.append(order)
        if len(orders) > limit:
            break
    has_more = len(orders) > limit
    orders = sweep(orders[:limit])  # unpaid past their window: shown cancelled, stock returned
    keys = sorted({(o.tenant_id, o.store_id) for o in orders})
    stores = {}
    if keys:
        for store in Store.batch_get(keys, attributes_to_get=["tenant_id", "store_id", "name", "slug", "status"]):
            stores[store.store_id] = store
    return OrderPage(
        orders=orders, stores=stores, next_cursor=_cursor_for(phone, orders[-1]) if has_more and orders else None
    )


# --- One store's orders, as its storefront shows them to their customer ---------------------------------


def already_placed(store_id: str, order_id: str | None, raw_phone: str) -> Order | None:
    """The order a first submit of this checkout placed (a second submit after the cart was emptied), if it
    is this store's and was placed with this phone; else None. One GetItem."""
    if not order_id:
        return None
    try:
        phone = normalize_phone(raw_phone)
        order = Order.get(order_id)
    except (InvalidPhone, DoesNotExist):
        return None
    return order if order.store_id == store_id and order.customer_phone == phone else None


def visible_order(store: Store, order_id: str, *, remembered: bool, phone: str | None = None) -> Order | None:
    """The store's order for a visitor who placed or tracked it in this session (``remembered``), or who is
    signed in with the phone it was placed with; None otherwise. Unpaid orders past their window are
    expired first. One GetItem (none for a visitor who can see no order)."""
    if not remembered and not phone:
        return None
    order = get_or_none(Order, order_id)
    if order is None:
        return None
    if order.store_id != store.store_id or order.tenant_id != store.tenant_id:
        return None
    if not remembered and order.customer_phone != phone:
        return None
    return sweep_one(order)


def find_order(store_id: str, ref: str, raw_phone: str) -> Order | None:
    """The store's order with this number (the full id, or at least its last 6 characters) placed with this
    phone, else None. A full id is one GetItem; a short one reads the phone's 50 newest orders in this store
    (one Query page on ``customer-index``)."""
    ref = re.sub(r"[^0-9A-Za-z]", "", ref or "").upper()
    try:
        phone = normalize_phone(raw_phone)
    except InvalidPhone:
        return None
    if len(ref) == 26:
        order = get_or_none(Order, ref)
        return order if order and order.store_id == store_id and order.customer_phone == phone else None
    if len(ref) < 6:
        return None
    results = Order.customer_index.query(
        phone, scan_index_forward=False, page_size=50, filter_condition=Order.store_id == store_id
    )
    return next((order for order in _first_page(results) if order.order_id.endswith(ref)), None)


def _first_page(results) -> list[Order]:
    try:
        raw = next(results.page_iter)
    except StopIteration:
        return []
    return [Order.from_raw_data(item) for item in raw.get("Items", [])]
