"""Reads for a signed-in customer (HackSoft-style selectors): their own orders across every store."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing

from webdpro.db import Order, Store
from webdpro.errors import ValidationFailed

ORDERS_PAGE_SIZE = 20
_CURSOR_SALT = "webdpro.customer-orders"


@dataclass
class OrderPage:
    orders: list[Order]
    stores: dict[str, Store] = field(default_factory=dict)  # store_id → Store (name, slug, status)
    next_cursor: str | None = None


def _cursor_for(phone: str, order: Order) -> str:
    key = {"order_id": order.order_id, "customer_phone": order.customer_phone, "created_at": order.created_at}
    return signing.dumps(key, salt=f"{_CURSOR_SALT}:{phone}", compress=True)


def _start_key(phone: str, cursor: str) -> dict:
    try:
        key = signing.loads(cursor, salt=f"{_CURSOR_SALT}:{phone}")
    except signing.BadSignature as exc:
        raise ValidationFailed("That page link is not valid. Start again from your newest orders.") from exc
    return {name: {"S": str(key[name])} for name in ("order_id", "customer_phone", "created_at")}


def customer_orders(phone: str, cursor: str | None = None, limit: int = ORDERS_PAGE_SIZE) -> OrderPage:
    """The orders placed with ``phone`` in any store, newest first, one page at a time.

    Two DynamoDB calls per page whatever its length: a Query on ``customer-index`` (``limit + 1``
    items, so "is there a next page?" needs no extra read) and one BatchGetItem for the stores' names.
    """
    start = _start_key(phone, cursor) if cursor else None
    results = Order.customer_index.query(phone, scan_index_forward=False, limit=limit + 1, last_evaluated_key=start)
    orders = []
    for order in results:
        orders.append(order)
        if len(orders) > limit:
            break
    has_more = len(orders) > limit
    from webdpro.orders.expiry import sweep

    orders = sweep(orders[:limit])  # unpaid past their window: shown cancelled, stock returned
    keys = sorted({(o.tenant_id, o.store_id) for o in orders})
    stores = {}
    if keys:
        for store in Store.batch_get(keys, attributes_to_get=["tenant_id", "store_id", "name", "slug", "status"]):
            stores[store.store_id] = store
    return OrderPage(
        orders=orders, stores=stores, next_cursor=_cursor_for(phone, orders[-1]) if has_more and orders else None
    )
