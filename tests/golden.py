"""Golden HTML: what a template printed, kept in ``tests/data/*.json.gz`` and compared as a browser reads it.

The desk rows, the products list rows and the storefront cards are printed in Python for speed (README,
"Architecture"); their tests hold them to what the Django template printed before, per case and language:
``tokens`` turns HTML into elements, sorted attributes and words (whitespace between tags aside),
``assert_golden`` compares every case of every language with the file, and ``write_golden`` regenerates it
after a deliberate change (each test module's ``__main__``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

GOLDEN_STORE = "01JS7RE0000000000000000000"  # the store of the golden products


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, sorted((k, " ".join((v or "").split())) for k, v in attrs)))

    def handle_endtag(self, tag):
        self.tokens.append((">", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.tokens.append(("text", text))


def tokens(html: str) -> list:
    """``html`` as elements, sorted attributes and words: what a browser makes of it, whitespace aside."""
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return json.loads(json.dumps(parser.tokens))


def without_token(row: list) -> list:
    """The CSRF field's value is masked afresh on every use: compared as its presence only."""
    token = ["name", "csrfmiddlewaretoken"]
    return [
        [t[0], t[1], [[k, "TOKEN" if k == "value" else v] for k, v in t[2]]] if t[0] == "<" and token in t[2] else t
        for t in row
    ]


def read_golden(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def assert_golden(path: Path, render_all: Callable[[str], dict], languages: Iterable[str]) -> None:
    """Every case ``render_all(language)`` prints is the file's, and no case is missing or added."""
    expected = read_golden(path)
    for language in languages:
        got = render_all(language)
        assert got.keys() == expected[language].keys()
        for key, value in got.items():
            assert value == expected[language][key], f"{language} {key}"


def write_golden(path: Path, render_all: Callable[[str], dict], languages: Iterable[str]) -> None:
    data = {language: render_all(language) for language in languages}
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, sort_keys=True)
    print(path, sum(len(v) for v in data.values()), "cases")


def product(n: int, **fields):
    """The n-th golden product (a Toor Dal in stock), with ``fields`` changed."""
    from webdpro.db import Product

    values = {
        "name": "Toor Dal 1 kg",
        "category": "Staples",
        "price": Decimal("129.50"),
        "currency": "INR",
        "stock_quantity": 10,
        "is_active": True,
    }
    values.update(fields)
    return Product(GOLDEN_STORE, f"01JPRD{n:020d}", **values)
