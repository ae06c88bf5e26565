"""The order transactions' part of the store's customer list.

Placing an order raises the customer's ``orders_count`` and ``total_spent`` (no condition: the item is
created by the first order). Cancelling it (owner, or the expiry of an unpaid order) lowers them again in
the cancellation's transaction, so the list counts the orders that are not cancelled; ``last_order_at``
stays (the customer did order then). The decrease is conditioned on ``orders_count >= 1``, so an order
whose customer has no item (e.g. written by the demo data) never creates one with negative counts."""

from __future__ import annotations

from webdpro.db.customers import StoreCustomer


def name_key(name: str, phone: str) -> str:
    return " ".join((name or "").lower().split()) + "#" + phone


def add_to_transaction(tx, order) -> None:
    item = StoreCustomer(order.store_id, order.customer_phone)
    tx.update(
        item,
        actions=[
            StoreCustomer.orders_count.add(1),
            StoreCustomer.total_spent.add(order.total_amount),
            StoreCustomer.name.set(order.customer_name),
            StoreCustomer.name_key.set(name_key(order.customer_name, order.customer_phone)),
            StoreCustomer.tenant_id.set(order.tenant_id),
            StoreCustomer.first_order_at.set(StoreCustomer.first_order_at | order.created_at),
            StoreCustomer.last_order_at.set(order.created_at),
            StoreCustomer.last_order_id.set(order.order_id),
        ],
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
