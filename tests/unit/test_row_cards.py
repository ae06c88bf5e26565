"""Owner and console lists follow one pattern (static/css/app.css "Row cards"): every table in their
templates is a ``row-cards`` table (a table from 900 px, one card per row on a phone), and every body cell
says what it is on the card — a role (.rc-title, .rc-key, .rc-act, .rc-sel) or a ``data-label``. The
order desk has its own cards; the packing slip is printed; the small chart table on the home page sits in
a closed "Show as a table" box and fits a phone as it is; the store editor's opening-hours grid is a form
laid out for 360 px; the order page's lines with their totals fit 360 px (the phone walk checks all of them)."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
OWN_CARDS = {
    "owner/orders/list.html",  # the order desk: its own card layout (.desk)
    "owner/orders/slip.html",  # printed on paper
    "owner/orders/detail.html",  # the order's lines with totals in a tfoot: fits 360 px (phone walk)
    "owner/home.html",  # the chart's data as a table, inside a closed <details>
    "owner/stores/detail.html",  # the opening-hours form grid, fixed layout for 360 px
}
TABLE = re.compile(r"<table\b[^>]*>", re.I)
ROW = re.compile(r"<tbody\b.*?</tbody>", re.S | re.I)
CELL = re.compile(r"<td\b([^>]*)>", re.I)
ROLES = ("rc-title", "rc-key", "rc-act", "rc-sel", "empty", "data-label")


def list_templates():
    for folder in ("owner", "superadmin"):
        for path in sorted((TEMPLATES / folder).rglob("*.html")):
            if TABLE.search(path.read_text()):
                yield path.relative_to(TEMPLATES).as_posix()


@pytest.mark.parametrize("name", list(list_templates()))
def test_every_list_table_is_row_cards(name):
    text = (TEMPLATES / name).read_text()
    tables = TABLE.findall(text)
    cards = [t for t in tables if "row-cards" in t]
    if name in OWN_CARDS:
        return
    assert cards == tables, f"{name}: a table without class row-cards"
    for body in ROW.findall(text):
        for attributes in CELL.findall(body):
            assert any(role in attributes for role in ROLES), f"{name}: <td{attributes}> has no role or data-label"


def test_the_guard_sees_a_bare_table():
    bare = '<table><tbody><tr><td class="num">1</td></tr></tbody></table>'
    assert not all("row-cards" in t for t in TABLE.findall(bare))
    assert not any(role in CELL.findall(bare)[0] for role in ROLES)
