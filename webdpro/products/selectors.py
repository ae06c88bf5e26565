"""Reads of a store's catalogue. Every read is a GetItem or a Query on ``store_id``; never a Scan.

Lists are paginated with an opaque signed cursor and make a bounded number of DynamoDB calls
whatever the page size or the filters: at most ``MAX_QUERY_CALLS`` Queries per page, each with a
``Limit`` and a ``FilterExpression``. When filters are very selective a page may come back short,
with a cursor to carry on from where the reading stopped (the list says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from webdpro import pagination
from webdpro.db import Product, get_or_not_found
from webdpro.db.rows import query, row_reader
from webdpro.db.stock_movements import StockMovement

MAX_QUERY_CALLS = 3
PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 25
FILTERED_BATCH = 100  # items evaluated per Query when filtering
# What a list row shows (and the text search reads): the Query projects these and they are read into
# plain rows, leaving the description, images, forecast and variants to the product's own page.
LIST_ATTRIBUTES = (
    "store_id",
    "product_id",
    "name",
    "category",
    "price",
    "currency",
    "stock_quantity",
    "low_stock_threshold",
    "is_active",
    "variants",  # a product with variants is low on stock when one of them is
)


@dataclass
class ProductFilter:
    category: str | None = None
    active: bool | None = None
    low_stock: bool = False
    q: str = ""

    @property
    def is_filtered(self) -> bool:
        return bool(self.category or self.active is not None or self.low_stock or self.q)

    def condition(self):
        cond = None
        parts = []
        if self.category:
            parts.append(Product.category == self.category)
        if self.active is not None:
            parts.append(Product.is_active == self.active)
        if self.low_stock:
            # A product with variants is low when one variant is: DynamoDB cannot look inside the map, so
            # such products come back and ``matches`` checks their variants (same Queries, same pages).
            parts.append((Product.stock_quantity <= Product.low_stock_threshold) | Product.variants.exists())
        for part in parts:
            cond = part if cond is None else cond & part
        return cond

    def matches(self, product: Product) -> bool:
        """What the key and filter expression cannot check: the text, and a low variant."""
        if self.low_stock and not product.is_low_stock:
            return False
        return self.matches_text(product)

    def matches_text(self, product: Product) -> bool:
        if not self.q:
            return True
        needle = self.q.casefold()
        return needle in (product.name or "").casefold() or needle in (product.category or "").casefold()

    def signature(self) -> str:
        return f"{self.category}|{self.active}|{self.low_stock}|{self.q}"


@dataclass
class Page:
    items: list
    next_cursor: str | None
    calls: int
    evaluated: int
    short: bool = False  # stopped reading before the page was full (bounded calls)
    extra: dict = field(default_factory=dict)
    has_next: bool = False  # there is a next page (``next_cursor`` is its signed cursor, unless not asked for)


def _cursor_scope(store_id: str, flt: ProductFilter) -> str:
    return f"products:{store_id}:{flt.signature()}"


def make_cursor(store_id: str, product_id: str, flt: ProductFilter) -> str:
    key = {"store_id": {"S": store_id}, "product_id": {"S": product_id}}
    return pagination.dump(key, _cursor_scope(store_id, flt))


def read_cursor(store_id: str, cursor: str, flt: ProductFilter) -> dict | None:
    return pagination.load(cursor, _cursor_scope(store_id, flt))


def list_products(
    store_id: str,
    flt: ProductFilter | None = None,
    cursor: str | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    attributes=LIST_ATTRIBUTES,
    max_calls: int | None = None,
    filtered_batch: int | None = None,
    sign_next: bool = True,
) -> Page:
    """One page of the store's products, newest first: read-only rows of ``attributes`` (with the
    model's ``is_low_stock`` and ``in_stock``), or whole products when ``attributes`` is None. With
    filters, at most ``max_calls`` (default ``MAX_QUERY_CALLS``) Queries evaluating ``filtered_batch``
    (default ``FILTERED_BATCH``) products each. ``sign_next=False``: the page says whether there is more
    (``has_next``) without signing a cursor for it (a card that links to the full list)."""
    flt = flt or ProductFilter()
    read = _row_reader(attributes)
    page_size = max(1, min(int(page_size), max(PAGE_SIZES)))
    start = read_cursor(store_id, cursor, flt)
    # +1: peek one item past the page, so a last full page does not offer a "next" that is empty.
    batch = (filtered_batch or FILTERED_BATCH) if flt.is_filtered else page_size + 1
    items: list = []
    calls = evaluated = 0
    last_key = start
    next_product = None
    exhausted = False
    condition = flt.condition()
    while calls < (max_calls or MAX_QUERY_CALLS) and len(items) < page_size:
        raw = query(
            Product, store_id, names=attributes, limit=batch, condition=condition, forward=False, start=last_key
        )
        calls += 1
        evaluated += raw.get("ScannedCount", 0)
        for data in raw.get("Items", []):
            product = read(data)
            if not flt.matches(product):
                continue
            if len(items) < page_size:
                items.append(product)
            else:
                next_product = product
                break
        if next_product is not None:
            break
        last_key = raw.get("LastEvaluatedKey")
        if not last_key:
            exhausted = True
            break
    resume_after = None
    if items and not exhausted:
        # Resume after the last item shown (the key of an item we read but did not show is not used).
        resume_after = items[-1].product_id
    elif not items and last_key and not exhausted:
        resume_after = last_key["product_id"]["S"]
    return Page(
        items=items,
        next_cursor=make_cursor(store_id, resume_after, flt) if resume_after and sign_next else None,
        has_next=resume_after is not None,
        calls=calls,
        evaluated=evaluated,
        short=len(items) < page_size and not exhausted,
    )


def _row_reader(attributes):
    if not attributes:
        return Product.from_raw_data
    return row_reader(Product, attributes, borrow=("is_low_stock", "in_stock", "variant_stocks"))


def low_stock(store_id: str, limit: int = 50) -> Page:
    """Active and inactive products at or below their low-stock threshold, or with a variant that is
    (bounded Queries), whole (the page shows each one's forecast)."""
    return list_products(store_id, ProductFilter(low_stock=True), page_size=limit, attributes=None)


def get_product(store_id: str, product_id: str) -> Product:
    return get_or_not_found(Product, store_id, product_id, message="Product not found.")


def get_products(store_id: str, product_ids) -> list[Product]:
    """Several products of one store with BatchGetItem (100 keys per call)."""
    ids = list(dict.fromkeys(p for p in product_ids if p))
    if not ids:
        return []
    found = {p.product_id: p for p in Product.batch_get([(store_id, pid) for pid in ids])}
    return [found[pid] for pid in ids if pid in found]


def iter_products(store_id: str, page_size: int = 200):
    """Every product of the store, oldest first, paginated lazily (export, import, forecasts)."""
    yield from Product.query(store_id, page_size=page_size)


def movements(store_id: str, product_id: str, limit: int = 20) -> list[StockMovement]:
    """A product's latest stock movements, newest first (one Query)."""
    return list(
        StockMovement.query(
            store_id,
            StockMovement.movement_key.startswith(f"{product_id}#"),
            scan_index_forward=False,
            limit=limit,
            page_size=limit,
        )
    )


def store_categories(store) -> list[str]:
    config = store.config_dict
    return [c for c in (config.get("categories") or []) if isinstance(c, str) and c.strip()]


def product_counts(store_id: str) -> tuple[int, int]:
    """(active, total) products of a store, in one projected Query of its partition (starter catalogues
    are small)."""
    total = active = 0
    for product in Product.query(store_id, attributes_to_get=["product_id", "is_active"]):
        total += 1
        active += 1 if product.is_active else 0
    return active, total
