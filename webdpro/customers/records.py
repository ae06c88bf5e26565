"""The order transactions' part of the store's customer list.

Placing an order raises the customer's ``orders_count`` and ``total_spent`` (no condition: the item is
created by the first order). Cancelling it (owner, or the expiry of an unpaid order) lowers them again in
the cancellation's transaction, so the list counts the orders that are not cancelled; ``last_order_at``
stays (the customer did order then). The decrease is conditioned on ``orders_count >= 1``, so an order
whose customer has no item (e.g. written by the demo data) never creates one with negative counts."""

from __future__ import annotations

from webdpro.db.compiled import UpdateTemplate, slot
from webdpro.db.customers import StoreCustomer


def name_key(name: str, phone: str) -> str:
    return " ".join((name or "").lower().split()) + "#" + phone


_PLACED = UpdateTemplate(
    StoreCustomer,
    actions=[
        StoreCustomer.orders_count.add(1),
        StoreCustomer.total_spent.add(slot("total", StoreCustomer.total_spent)),
        StoreCustomer.name.set(slot("name", StoreCustomer.name)),
        StoreCustomer.name_key.set(slot("name_key", StoreCustomer.name_key)),
        StoreCustomer.tenant_id.set(slot("tenant_id", StoreCustomer.tenant_id)),
        StoreCustomer.first_order_at.set(StoreCustomer.first_order_at | slot("at", StoreCustomer.first_order_at)),
        StoreCustomer.last_order_at.set(slot("at", StoreCustomer.last_order_at)),
        StoreCustomer.last_order_id.set(slot("order_id", StoreCustomer.last_order_id)),
    ],
)


def add_to_transaction(tx, order) -> None:
    tx.update_from(
        _PLACED,
        order.store_id,
        order.customer_phone,
        total=order.total_amount,
        name=order.customer_name,
        name_key=name_key(order.customer_name, order.customer_phone),
        tenant_id=order.tenant_id,
        at=order.created_at,
        order_id=order.order_id,
    )


def add_cancel_to_transaction(tx, order) -> None:
    tx.update(
        StoreCustomer(order.store_id, order.customer_phone),
        actions=[
            StoreCustomer.orders_count.add(-1),
            StoreCustomer.total_spent.add(-order.total_amount),
        ],
        condition=StoreCustomer.orders_count >= 1,
    )
