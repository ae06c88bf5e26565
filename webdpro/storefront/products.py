"""The storefront's product reads: bounded, keyed by store, never a Scan.

Every function makes a small fixed maximum number of DynamoDB calls whatever the catalogue size:

* :func:`featured` — newest active products: a Query on the store's partition (ScanIndexForward=false,
  Limit 16 for the 12 shown, filter is_active), at most 2 pages. A store with 2,000 products reads ≤ 32 items.
* :func:`category_page` — one category through the products ``category-index`` GSI (store_id, category),
  Limit 24 per call, at most 3 calls per request, then a signed cursor ("Show more").
* :func:`search` — case-insensitive match on name / category / description, read through the store's
  partition in pages of 200 (at most 3 calls per request), continued with a signed cursor. A store of
  2,000 products is searched in ≤ 4 requests; each request costs the same.
* :func:`get_product` — one GetItem on (store_id, product_id): another store's product id is simply
  not found. :func:`get_many` — one BatchGetItem (≤ 100 keys) for the cart and checkout.

Lists read only what a product card shows (:data:`CARD_ATTRIBUTES`, a projection; search also reads the
description it matches), the product page and the cart what they show and sell by (:data:`PRODUCT_ATTRIBUTES`),
into plain read-only rows (:mod:`webdpro.db.rows`), never a model per product; the GetItem and Queries are
sent by ``rows.get_item`` / ``rows.query_page`` without PynamoDB's request building (~0.1 ms a call).

Cursors are DynamoDB ``LastEvaluatedKey`` maps signed with the store id in the salt, so a cursor cannot be
forged or replayed against another store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from webdpro import pagination
from webdpro.db import Product
from webdpro.db.rows import get_item, query_page, row_reader

FEATURED_MARGIN = 4  # read a few more than shown, for inactive ones the filter drops
FEATURED_MAX_PAGES = 2
CATEGORY_PAGE = 24
CATEGORY_MAX_PAGES = 3
SEARCH_PAGE = 200
SEARCH_MAX_PAGES = 3
SEARCH_WANT = 24
CURSOR_MAX_AGE = 60 * 60 * 6
# What a product card shows (storefront/partials/product_card.html) and the lists sort by.
CARD_ATTRIBUTES = (
    "store_id",
    "product_id",
    "name",
    "category",
    "price",
    "currency",
    "images",
    "stock_quantity",
    "is_active",
    "variants",
)
SEARCH_ATTRIBUTES = (*CARD_ATTRIBUTES, "description")
# What the product page shows and the cart takes from a product (storefront/product.html, views.cart_add).
PRODUCT_ATTRIBUTES = (*SEARCH_ATTRIBUTES, "option_names")
ACTIVE = ("is_active", True)  # the filter of every list: active products only
CATEGORY_INDEX = Product.category_index.Meta.index_name


def _cards(attributes=CARD_ATTRIBUTES):
    return row_reader(Product, attributes, borrow=("in_stock",))


@dataclass
class Page:
    products: list = field(default_factory=list)
    cursor: str | None = None  # signed; None when there is nothing more


def _sign(store_id: str, key: dict | None) -> str | None:
    return pagination.dump(key, f"storefront:{store_id}")


def _unsign(store_id: str, cursor: str | None) -> dict | None:
    """The key in a cursor of this store's pages; a bad or stale cursor starts from the beginning."""
    try:
        return pagination.load(cursor, f"storefront:{store_id}", max_age=CURSOR_MAX_AGE)
    except pagination.InvalidCursor:
        return None


def _pages(
    store_id: str,
    max_pages: int,
    want: int,
    keep=lambda p: True,
    attributes=CARD_ATTRIBUTES,
    start: dict | None = None,
    **query,
) -> tuple[list, dict | None]:
    """Read at most ``max_pages`` pages of a projected Query of the store's active products (one DynamoDB
    call each; ``query``: the page's options, :func:`webdpro.db.rows.query_page`) into rows."""
    read = _cards(attributes)
    found = []
    key = start
    for _ in range(max_pages):
        items, key = query_page(Product, store_id, names=attributes, where=ACTIVE, start=key, **query)
        found.extend(p for p in (read(item) for item in items) if keep(p))
        if not key or len(found) >= want:
            break
    return found, key


def featured(store_id: str, limit: int = 12) -> list:
    """The newest active products (in stock first), at most ``limit``."""
    found, _ = _pages(store_id, FEATURED_MAX_PAGES, limit, limit=limit + FEATURED_MARGIN, forward=False)
    found = found[:limit]
    found.sort(key=lambda p: not p.in_stock)
    return found


def category_page(store_id: str, category: str, cursor: str | None = None) -> Page:
    found, key = _pages(
        store_id,
        CATEGORY_MAX_PAGES,
        CATEGORY_PAGE,
        start=_unsign(store_id, cursor),
        limit=CATEGORY_PAGE,
        index=CATEGORY_INDEX,
        range_equals=("category", category),
    )
    found.sort(key=lambda p: (not p.in_stock, p.name.lower()))
    return Page(found, _sign(store_id, key))


def related(product, limit: int = 8) -> list:
    """Other active products of the same category (one Query)."""
    if not product.category:
        return []
    found, _ = _pages(
        product.store_id,
        1,
        limit + 1,
        limit=limit + 1,
        index=CATEGORY_INDEX,
        range_equals=("category", product.category),
    )
    return [p for p in found if p.product_id != product.product_id and p.in_stock][:limit]


def normalise_query(q: str) -> str:
    return " ".join((q or "").split()).casefold()[:60]


def matches(product: Product, terms: list[str]) -> bool:
    haystack = " ".join(filter(None, [product.name, product.category, product.description])).casefold()
    return all(term in haystack for term in terms)


def search(store_id: str, q: str, cursor: str | None = None) -> Page:
    terms = normalise_query(q).split()
    if not terms:
        return Page()
    found, key = _pages(
        store_id,
        SEARCH_MAX_PAGES,
        SEARCH_WANT,
        keep=lambda p: matches(p, terms),
        attributes=SEARCH_ATTRIBUTES,
        start=_unsign(store_id, cursor),
        limit=SEARCH_PAGE,
    )
    name_first = terms[0]
    found.sort(key=lambda p: (not p.in_stock, not p.name.casefold().startswith(name_first), p.name.casefold()))
    return Page(found, _sign(store_id, key))


def get_product(store_id: str, product_id: str, active_only: bool = True):
    """The product page's and the cart's read of one product (:data:`PRODUCT_ATTRIBUTES`, one GetItem on
    (store_id, product_id)) as a read-only row, or None (no such product in this store, or not active)."""
    if not product_id or len(product_id) > 64:
        return None
    raw = get_item(Product, store_id, product_id, names=PRODUCT_ATTRIBUTES)
    if raw is None:
        return None
    product = _cards(PRODUCT_ATTRIBUTES)(raw)
    if active_only and not product.is_active:
        return None
    return product


def get_many(store_id: str, product_ids) -> dict[str, Product]:
    """product_id → Product for the ids that exist in this store (one BatchGetItem)."""
    ids = [pid for pid in dict.fromkeys(product_ids) if pid and len(pid) <= 64][:100]
    if not ids:
        return {}
    return {p.product_id: p for p in Product.batch_get([(store_id, pid) for pid in ids])}
