"""The product page's product printed in Python (dashboard/views/storefront/product_info.py) shows what the
Django template showed, for every kind of product (in stock, a few left, one left, out of stock, with options
in and out of stock, a photo or a placeholder, with or without a category and a description, already in the
cart, a name and words that need escaping), in English, Hindi and Tamil.

``tests/data/product_info.json.gz`` holds each case as templates/storefront/product.html printed it (before
commit "Product page: the product printed in Python"), compared as HTML: the same elements, attributes and
words, whitespace between tags aside. After a deliberate change, regenerate it:
``DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python -m tests.unit.test_product_info``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.golden import assert_golden, tokens, without_token, write_golden
from tests.golden import product as golden_product

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "product_info.json.gz"
LANGUAGES = ("en", "hi", "ta")
VARIANTS = {
    "v1": {"options": ["500 g"], "price": "99.00", "stock": 10, "pos": 0},
    "v2": {"options": ["1 kg"], "price": "180.50", "stock": 2, "pos": 1},
    "v3": {"options": ["5 kg <bulk>"], "price": "800.00", "stock": 0, "pos": 2},
}


def cases():
    """(name, product fields, in cart)."""
    yield "in-stock", {}, 0
    yield "few-left", {"stock_quantity": 3}, 0
    yield "one-left", {"stock_quantity": 1, "price": Decimal("1299.5")}, 0
    yield "out", {"stock_quantity": 0}, 0
    yield "in-cart", {}, 2
    yield "one-in-cart", {"stock_quantity": 2}, 1
    yield "no-category", {"category": None}, 0
    yield "photo", {"images": ["https://cdn.example.com/a b.jpg?x=1&y=2"]}, 0
    yield "described", {"description": 'Unpolished.\nFrom <Latur> & "Beed"\r\nNo stones.'}, 0
    yield "escaping", {"name": "Asha <b>\"A\" & 'B'</b> ghee", "category": "Oils & <Ghee>"}, 0
    yield "options", {"variants": VARIANTS, "option_names": ["Weight"]}, 0
    yield (
        "options-first-out",
        {"variants": {**VARIANTS, "v0": {**VARIANTS["v3"], "pos": -1}}, "option_names": ["A", "B"]},
        0,
    )


def storefront():
    from dashboard.views.storefront.common import Storefront
    from webdpro.db.rows import Row

    store = Row({"tenant_id": "01JTENANT0000000000000000T", "store_id": "01JS7RE0000000000000000000", "name": "M"})
    return Storefront(store, {}, {}, "en", "main-bazaar", False, False, None)


def context_of(request, sf, fields: dict, in_cart: int) -> dict:
    """The product view's context for ``fields`` (views.product)."""
    from django.utils.safestring import SafeString

    from dashboard.views.storefront.product_info import product_info
    from webdpro.products import variants
    from webdpro.storefront.cart import limit
    from webdpro.storefront.products import PRODUCT_ATTRIBUTES, _cards

    item = _cards(PRODUCT_ATTRIBUTES)(golden_product(1, **{"description": None, **fields}).serialize(null_check=False))
    max_qty = limit(item)
    return {
        "sf": sf,
        "product": item,
        "product_info": product_info,
        "max_qty": max_qty,
        "qty_options": SafeString("".join(f'<option value="{n}">{n}</option>' for n in range(1, min(max_qty, 20) + 1))),
        "in_cart": in_cart,
        "variants": variants.variants_of(item),
        "option_names": list(item.option_names or []),
        "whatsapp_url": "https://wa.me/?text=Toor%20Dal&x=<1>",
    }


def render_python(request, context) -> str:
    from django.template import engines

    return engines["django"].from_string("{% load storefront %}{% product_info %}").render(context, request)


def render_all(language: str, render=render_python) -> dict:
    from django.test import RequestFactory
    from django.utils import translation

    with translation.override(language):
        sf = storefront()
        out = {}
        for key, fields, in_cart in cases():
            request = RequestFactory().get("/s/main-bazaar/p/01JPRD00000000000000000001/?a=1&b=<2>")
            out[key] = without_token(tokens(render(request, context_of(request, sf, fields, in_cart))))
        return out


def test_the_product_shows_what_the_template_showed_for_every_kind_of_product():
    assert_golden(GOLDEN, render_all, LANGUAGES)


if __name__ == "__main__":
    import django

    django.setup()
    write_golden(GOLDEN, render_all, LANGUAGES)
