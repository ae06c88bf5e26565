"""The dashboard home's repeated lines printed by Python: the table under the chart (one row a day, 30 of
them), the status bars, the latest orders and the low-stock lines.

They were ``{% for %}`` loops in ``owner/home.html`` and ``owner/products/_low_stock_widget.html`` with
about 200 variable nodes a page between them; these functions print the very same HTML, every value
escaped as autoescape escapes it (``html.escape``, which Django's ``escape`` is). The template prints what
they return. tests/unit/test_home_rows.py renders the old loops with Django's template engine and compares,
byte for byte, in English and Hindi, with values that need escaping.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe


def _t(value) -> str:
    """``{{ value }}``: the value as text, escaped."""
    return escape(str(value))


def _each(rows, line) -> SafeString:
    """``line(row)`` for every row, joined: the HTML a ``{% for %}`` over ``rows`` printed."""
    return mark_safe("".join(line(row) for row in rows))


def day_rows(rows) -> SafeString:
    """``(day, count, revenue)`` texts, one table row each."""
    return _each(
        rows,
        lambda r: f'<tr><td>{_t(r[0])}</td><td class="num">{_t(r[1])}</td><td class="num">{_t(r[2])}</td></tr>',
    )


def status_bars(rows) -> SafeString:
    """The status bars: each row's ``url``, ``label``, ``code``, ``pct`` and ``count``."""
    return _each(
        rows,
        lambda s: (
            f'\n      <li><a href="{_t(s["url"])}">{_t(s["label"])}</a>\n'
            f'        <span class="status-bar-track"><span class="status-bar badge-{_t(s["code"])}" '
            f'style="width: {_t(s["pct"])}%"></span></span>\n'
            f'        <span class="num" data-status-count="{_t(s["code"])}">{_t(s["count"])}</span></li>\n      '
        ),
    )


def recent_orders(rows) -> SafeString:
    """The latest orders: each row's ``url``, ``ref``, ``customer_name``, ``status``, ``status_label``, ``total``."""
    return _each(
        rows,
        lambda o: (
            f'<li class="row-between"><a href="{_t(o["url"])}">#{_t(o["ref"])} · {_t(o["customer_name"])}</a> '
            f'<span><span class="badge badge-{_t(o["status"])}">{_t(o["status_label"])}</span> '
            f"{_t(o['total'])}</span></li>"
        ),
    )


def low_stock_lines(rows) -> SafeString:
    """The low-stock card's lines: each row's ``url``, ``name``, ``badge`` and ``text``."""
    return _each(
        rows,
        lambda r: (
            f'\n    <li class="row-between"><a href="{_t(r["url"])}">{_t(r["name"])}</a>\n'
            f'      <span class="badge {_t(r["badge"])}">{_t(r["text"])}</span></li>\n    '
        ),
    )
