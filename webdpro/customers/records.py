"""The order transaction's part: raise the customer's counters with the order (no condition)."""

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
