"""The store's customers as CSV (name, phone, orders, total spent, first and last order)."""

from __future__ import annotations

import csv
import io

from webdpro.customers.selectors import all_customers

HEADER = ["name", "phone", "orders", "total_spent", "first_order_at", "last_order_at", "last_order_id"]


def _safe(value) -> str:
    """Spreadsheet-safe text: a leading = + - @ would run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not text[1:2].isdigit() else text


def rows(store_id: str):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    yield buffer.getvalue()
    for customer in all_customers(store_id):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(
            [
                _safe(customer.name),
                customer.phone,
                customer.orders_count or 0,
                f"{customer.total_spent or 0:.2f}",
                customer.first_order_at or "",
                customer.last_order_at or "",
                customer.last_order_id or "",
            ]
        )
        yield buffer.getvalue()
