"""The order CSV export: its columns, its rows and its reads, in one place.

The owner's desk filters (store, status, method, dates) become one Query on the orders ``tenant-index``
(or a store's ``store-index``), newest first, projected to :data:`ATTRIBUTES` (the columns' attributes)
and paged ``PAGE`` items at a time; :func:`csv_chunks` turns each page into CSV text as it arrives, so the
view streams it (``StreamingHttpResponse``) without holding the export in memory. The next page is read
(``webdpro.db.read_ahead``, a worker thread) while the current one is written, so writing the CSV and
DynamoDB's answering overlap instead of taking turns. A search (``q``: an order number or a phone) exports
the orders the desk's search finds, read again with the same projection (one BatchGetItem per 100).

Text a customer typed (name, item names) is quoted against spreadsheet formulas (CSV injection).
"""

from __future__ import annotations

import csv
import io

from webdpro import clock
from webdpro.db import Order, read_ahead
from webdpro.db.rows import values_reader
from webdpro.ids import short
from webdpro.orders import selectors

# The columns, and the attributes they read (the Query's projection): the same names, except that the three
# derived columns read ``order_id``, ``created_at`` and ``store_id``.
_SAME = (
    "status",
    "payment_method",
    "payment_status",
    "customer_name",
    "customer_phone",
    "pincode",
    "items",
    "subtotal",
    "delivery_fee",
    "total_amount",
    "delivery_agent_id",
    "delivered_at",
)
HEADER = ("order_id", "short_id", "created_at_ist", "store", *_SAME)
ATTRIBUTES = ("order_id", "store_id", "created_at", *_SAME)
ITEM_FIELDS = ("quantity", "name")  # of each line, what the items column shows
PAGE = 1000  # orders per Query call (DynamoDB also stops a page at 1 MB)
MAX_ROWS = 50_000
BOM = "\ufeff"  # Excel opens UTF-8 (Hindi names) correctly with a byte order mark
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(text: str | None) -> str:
    """Text a spreadsheet would run as a formula, quoted (``'=…``); anything else as it is."""
    text = text or ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def money(value) -> str:
    return f"{value:.2f}" if value is not None else ""


_ITEMS = ATTRIBUTES.index("items")


def row(order, store_names: dict) -> list[str]:
    """One CSV row of an order (a model or a row with :data:`ATTRIBUTES`)."""
    values = [getattr(order, name) for name in ATTRIBUTES]
    values[_ITEMS] = [tuple(getattr(item, f) for f in ITEM_FIELDS) for item in order.items or ()]
    return cells(values, store_names)


def cells(values, store_names: dict) -> list[str]:
    """One CSV row from the values of :data:`ATTRIBUTES` in order, the items as (quantity, name) pairs (what
    :func:`webdpro.db.rows.values_reader` reads straight from DynamoDB's answer)."""
    (
        order_id,
        store_id,
        created_at,
        status,
        payment_method,
        payment_status,
        customer_name,
        customer_phone,
        pincode,
        items,
        subtotal,
        delivery_fee,
        total_amount,
        delivery_agent_id,
        delivered_at,
    ) = values
    return [
        order_id,
        short(order_id),
        clock.local_minute(created_at) if created_at else "",
        store_names.get(store_id, store_id),
        status,
        payment_method,
        payment_status,
        safe(customer_name),
        customer_phone,
        pincode or "",
        safe("; ".join(f"{quantity} × {name}" for quantity, name in items or ())),
        money(subtotal),
        money(delivery_fee),
        money(total_amount),
        delivery_agent_id or "",
        delivered_at or "",
    ]


def raw_pages(tenant_id: str, filters: selectors.DeskFilters, page: int | None = None, max_rows: int = MAX_ROWS):
    """The filtered orders as DynamoDB returns them: one list of raw items per Query call, newest first,
    projected to :data:`ATTRIBUTES`, at most ``max_rows`` items in all."""
    index, hash_value, _ = selectors.index_for(tenant_id, filters)
    results = index.query(
        hash_value,
        range_key_condition=selectors.range_condition(filters),
        filter_condition=selectors.filter_condition(filters),
        scan_index_forward=False,
        page_size=page or PAGE,
        attributes_to_get=list(ATTRIBUTES),
    )
    left = max_rows
    for answer in results.page_iter:
        items = answer.get("Items", [])[:left]
        left -= len(items)
        if items:
            yield items
        if left <= 0:
            return


def found_by_search(tenant_id: str, filters: selectors.DeskFilters) -> list:
    """The orders the desk's search finds, read again with the export's projection (BatchGetItem)."""
    ids = [order.order_id for order in selectors.search(tenant_id, filters).orders]
    found = {}
    for start in range(0, len(ids), 100):
        for order in Order.batch_get(ids[start : start + 100], attributes_to_get=list(ATTRIBUTES)):
            found[order.order_id] = order
    return [found[i] for i in ids if i in found]


def csv_chunks(tenant_id: str, filters: selectors.DeskFilters, store_names: dict, found: list | None = None):
    """The export as CSV text: the BOM and header first, then one chunk per Query page as it arrives
    (``found``: the orders of a search, from :func:`found_by_search`, instead of the Query)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    yield BOM + _take(out)
    if found is not None:
        writer.writerows(row(order, store_names) for order in found)
        yield _take(out)
        return
    read = values_reader(Order, ATTRIBUTES, parts={"items": ITEM_FIELDS})
    for items in read_ahead(raw_pages(tenant_id, filters)):  # the next page is read while this one is written
        writer.writerows(cells(read(raw), store_names) for raw in items)
        yield _take(out)


def _take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text
