"""The storefront's product cards show what the Django template cards showed, for every kind of card (in
stock, a few left, one left, out of stock, with options, a photo or a placeholder, a name that needs
escaping), in English, Hindi and Tamil.

``tests/data/product_cards.json.gz`` holds each case as the template ``storefront/partials/product_cards.html``
printed it (commit "Storefront cards: golden cards"), compared as HTML: the same elements, attributes and
words, whitespace between tags aside. After a deliberate change to the cards, regenerate it:
``DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python -m tests.unit.test_product_cards``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.golden import GOLDEN_STORE, assert_golden, tokens, without_token, write_golden
from tests.golden import product as golden_product

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "product_cards.json.gz"
STORE = GOLDEN_STORE
LANGUAGES = ("en", "hi", "ta")


def product(n: int, **fields):
    return golden_product(n, **{"images": [], **fields})


def cases():
    variants = {"v1": {"options": ["S"], "price": "10.00", "stock": 1, "pos": 0}}
    yield "in-stock", [product(1)]
    yield "few-left", [product(2, stock_quantity=3)]
    yield "one-left", [product(3, stock_quantity=1, price=Decimal("1299.5"))]
    yield "out", [product(4, stock_quantity=0)]
    yield "options", [product(5, variants=variants, stock_quantity=1)]
    yield "options-out", [product(6, variants=variants, stock_quantity=0)]
    yield "photo", [product(7, images=["https://cdn.example.com/a b.jpg?x=1&y=2"])]
    yield "escaping", [product(8, name="Asha <b>\"A\" & 'B'</b> ghee")]
    yield "list", [product(9), product(10, stock_quantity=0), product(11, stock_quantity=2)]


def storefront():
    from dashboard.views.storefront.common import Storefront
    from webdpro.db.rows import Row

    store = Row({"tenant_id": "01JTENANT0000000000000000T", "store_id": STORE, "name": "Main Bazaar"})
    return Storefront(store, {}, {}, "en", "main-bazaar", False, False, None)


def render_cards(request, sf, products) -> str:
    from django.template.loader import get_template

    from dashboard.views.storefront.cards import Cards

    context = {"sf": sf, "products": products, "cards": Cards(sf, request)}
    return get_template("storefront/partials/product_cards.html").render(context, request)


def render_all(language: str) -> dict:
    from django.test import RequestFactory
    from django.utils import translation

    with translation.override(language):
        request = RequestFactory().get("/s/main-bazaar/search/?q=dal&x=<1>")
        sf = storefront()
        return {key: without_token(tokens(render_cards(request, sf, items))) for key, items in cases()}


def test_cards_show_what_the_template_showed_for_every_kind_of_card():
    assert_golden(GOLDEN, render_all, LANGUAGES)


def test_a_kept_card_prints_each_requests_own_csrf_token_and_page():
    """Cards are kept by the process (cards.py), but never what they print for the request."""
    import re

    from django.test import RequestFactory

    sf = storefront()
    pages = []
    for path in ("/s/main-bazaar/?a=1", "/s/main-bazaar/?a=2&b=3"):
        html = render_cards(RequestFactory().get(path), sf, [product(1), product(12, stock_quantity=2)])
        pages.append((re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html), html))
    (first, first_html), (second, second_html) = pages
    assert len(first) == len(second) == 2 and set(first).isdisjoint(second)
    assert first_html.count('name="next" value="/s/main-bazaar/?a=1"') == 2
    assert second_html.count('name="next" value="/s/main-bazaar/?a=2&amp;b=3"') == 2


if __name__ == "__main__":
    import django

    django.setup()
    write_golden(GOLDEN, render_all, LANGUAGES)
