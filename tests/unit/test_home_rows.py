"""The dashboard home's lines printed by Python (dashboard/views/owner/home_rows.py) are, byte for byte, what
the template loops they replace printed: the loops are kept here as they were in owner/home.html and
owner/products/_low_stock_widget.html, rendered by Django's engine (autoescape on) with the same rows, with values
that need escaping, in English and Hindi."""

from __future__ import annotations

import pytest

from dashboard.views.owner import home_rows

LOOPS = {
    "day_rows": (
        '{% for day, count, revenue in day_rows %}<tr><td>{{ day }}</td><td class="num">{{ count }}</td>'
        '<td class="num">{{ revenue }}</td></tr>{% endfor %}'
    ),
    "status_bars": (
        "{% for s in by_status %}\n"
        '      <li><a href="{{ s.url }}">{{ s.label }}</a>\n'
        '        <span class="status-bar-track"><span class="status-bar badge-{{ s.code }}" '
        'style="width: {{ s.pct }}%"></span></span>\n'
        '        <span class="num" data-status-count="{{ s.code }}">{{ s.count }}</span></li>\n'
        "      {% endfor %}"
    ),
    "recent_orders": (
        '{% for o in recent %}<li class="row-between">'
        '<a href="{{ o.url }}">#{{ o.ref }} · {{ o.customer_name }}</a> '
        '<span><span class="badge badge-{{ o.status }}">{{ o.status_label }}</span> {{ o.total }}</span></li>'
        "{% endfor %}"
    ),
    "low_stock_lines": (
        "{% for row in low.items %}\n"
        '    <li class="row-between"><a href="{{ row.url }}">{{ row.name }}</a>\n'
        '      <span class="badge {{ row.badge }}">{{ row.text }}</span></li>\n'
        "    {% endfor %}"
    ),
}

NASTY = 'Meena\'s <b>"Dal"</b> & Sons'


def _rows():
    from webdpro.orders.statuses import STATUSES
    from webdpro.orders.workflow import LABELS

    return {
        "day_rows": [("2 Dec 2026", "0", "₹0.00"), (NASTY, "12", "₹1,23,456.75")],
        "by_status": [
            {"code": s, "label": LABELS[s], "count": n, "pct": 100 - n, "url": f"/dashboard/orders/?status={s}&x=<y>"}
            for n, s in enumerate(STATUSES)
        ],
        "recent": [
            {
                "url": "/dashboard/orders/01JXRD00000000000000000001/",
                "ref": "XRD0001",
                "customer_name": NASTY,
                "status": s,
                "status_label": LABELS[s],
                "total": "₹99.50",
            }
            for s in STATUSES[:3]
        ],
        "low": {
            "items": [
                {"url": "/p/1/?a=1&b=2", "name": NASTY, "badge": "badge-danger", "text": "Out of stock"},
                {"url": "/p/2/", "name": "आटा 5 किलो", "badge": "badge-warn", "text": "3 left"},
            ]
        },
    }


def _template(loop: str) -> str:
    from django.template import engines

    return engines["django"].from_string(loop)


@pytest.mark.parametrize("language", ["en", "hi"])
def test_each_line_is_what_the_template_loop_printed(language):
    from django.utils import translation

    with translation.override(language):
        rows = _rows()
        printed = {
            "day_rows": home_rows.day_rows(rows["day_rows"]),
            "status_bars": home_rows.status_bars(rows["by_status"]),
            "recent_orders": home_rows.recent_orders(rows["recent"]),
            "low_stock_lines": home_rows.low_stock_lines(rows["low"]["items"]),
        }
        for name, loop in LOOPS.items():
            assert printed[name] == _template(loop).render(rows), name
    assert "&lt;b&gt;&quot;Dal&quot;&lt;/b&gt; &amp; Sons" in printed["day_rows"]
    assert "&#x27;" in printed["low_stock_lines"]


def test_no_rows_print_nothing():
    assert home_rows.day_rows([]) == home_rows.status_bars([]) == home_rows.recent_orders([]) == ""
    assert home_rows.low_stock_lines([]) == ""
