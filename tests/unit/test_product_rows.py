"""The owner's products list rows show what the Django template row showed, for every kind of row (stock
fine, low, out, below zero; active or not; with variants; no category; an error on the row; names and
categories that need escaping), in English and Hindi.

``tests/data/product_rows.json.gz`` holds each case's row as the DTL partial ``row`` of
owner/products/list.html rendered it (commit "Products list: golden rows"), compared as HTML: the same
elements, attributes and words, whitespace between tags aside. After a deliberate change to the rows,
regenerate it: ``DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python -m tests.unit.test_product_rows``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.golden import GOLDEN_STORE, assert_golden, tokens, without_token, write_golden
from tests.golden import product as golden_product

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "product_rows.json.gz"
TENANT = "01JTENANT0000000000000000T"
STORE = GOLDEN_STORE


def product(n: int, **fields):
    return golden_product(n, **{"low_stock_threshold": 3, **fields})


def cases():
    variants = {
        "v1": {"options": ["S"], "price": "10.00", "stock": 1, "pos": 0},
        "v2": {"options": ["M"], "price": "12.00", "stock": 9, "pos": 1},
    }
    yield "fine", product(1), None
    yield "low", product(2, stock_quantity=3), None
    yield "out", product(3, stock_quantity=0, price=Decimal("1299.5")), None
    yield "negative", product(4, stock_quantity=-2), None
    yield "no-alert-level", product(5, stock_quantity=0, low_stock_threshold=None), None
    yield "inactive", product(6, is_active=False), None
    yield "no-category", product(7, category=None, price=Decimal("99999.999")), None
    yield "escaping", product(8, name="Asha <b>\"A\" & 'B'</b>", category="<Snacks> & co"), None
    yield "variants-low", product(9, variants=variants, stock_quantity=10), None
    yield "refused", product(10), "Enter the price in rupees, like 49.50."


def request_for(language: str):
    from django.test import RequestFactory

    from webdpro.db.rows import Row

    request = RequestFactory().get(f"/dashboard/stores/{STORE}/products/")
    request.tenant = Row({"tenant_id": TENANT})
    request.LANGUAGE_CODE = language
    return request


def render_row(request, item, error) -> str:
    from django.template.loader import get_template

    from dashboard.views.owner import products as views
    from webdpro.db.rows import Row

    store = Row({"tenant_id": TENANT, "store_id": STORE, "name": "Main Bazaar"})
    return get_template("owner/products/list.html#row").render(views.row_context(request, store, item, error), request)


def render_all(language: str) -> dict:
    from django.utils import translation

    with translation.override(language):
        request = request_for(language)
        return {key: without_token(tokens(render_row(request, item, error))) for key, item, error in cases()}


def test_rows_show_what_the_template_showed_for_every_kind_of_row():
    assert_golden(GOLDEN, render_all, ("en", "hi"))


if __name__ == "__main__":
    import django

    django.setup()
    write_golden(GOLDEN, render_all, ("en", "hi"))
