"""The order desk's rows (dashboard/views/owner/desk_rows.py) show what the Django template showed before
them, for every status × fulfilment × payment method × payment status, in English and Hindi.

``tests/data/desk_rows.json.gz`` holds each combination's row as the DTL row loop rendered it (commit
"Desk rows: golden rows", before the rows were rendered in Python), compared as HTML: the same elements,
attributes and words, whitespace between tags aside. After a deliberate change to the rows, regenerate it:
``DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python -m tests.unit.test_desk_rows``.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from pathlib import Path

from tests.golden import assert_golden, tokens, write_golden

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "desk_rows.json.gz"
TENANT = "01JTENANT0000000000000000T"
STORES = {"01JSTORE00000000000000000A": "Main <Bazaar> & Sons", "01JSTORE00000000000000000B": "Branch Road"}
STATUSES = (
    "PENDING_PAYMENT",
    "PLACED",
    "CONFIRMED",
    "PREPARING",
    "OUT_FOR_DELIVERY",
    "READY_FOR_PICKUP",
    "DELIVERED",
    "PICKED_UP",
    "CANCELLED",
)
FULFILMENTS = ("DELIVERY", "PICKUP", None)
METHODS = ("UPI", "CARD", "COD")
PAYMENT_STATUSES = ("PENDING", "PAID", "FAILED", "COD_PENDING", "REFUNDED")
# (name, row flags, multi_store): how the desk's partials call the rows
FLAGS = {
    "page": ({}, True),
    "one-store": ({}, False),
    "new": ({"is_new": True}, True),
    "bulk": ({"oob": True, "just_changed": True}, True),
    "action": ({"just_changed": True}, True),
    "refused": ({"row_error": "Only an order awaiting acceptance can be rejected."}, True),
}


def order_row(n: int, status: str, fulfilment, method: str, paid: str, **extra):
    """A desk row as a Query reads it (webdpro.db.rows.Row of the projected attributes)."""
    from webdpro.db.rows import Row

    values = {
        "order_id": f"01JROW{n:020d}",
        "tenant_id": TENANT,
        "store_id": list(STORES)[n % 2],
        "created_at": "2026-03-10T18:29:59.999999Z",
        "status": status,
        "items": [Row({"quantity": 2}), Row({"quantity": n % 3 + 1})],
        "total_amount": Decimal("1234.50") + n,
        "customer_name": "Asha <b>\"A\" & 'B'</b>",
        "customer_phone": "+919876543210",
        "payment_method": method,
        "payment_status": paid,
        "coupon_code": None,
        "fulfilment": fulfilment,
        "scheduled_for": None,
        "acceptance": None,
        "accept_by": None,
        "delivery_status": None,
        "delivery_agent_id": None,
    }
    values.update(extra)
    if n % 2:  # as the desk's Query reads it: the lines only counted (webdpro.orders.selectors.desk_rows)
        values["units"] = sum(i.quantity for i in values.pop("items"))
    return Row(values)


def combinations():
    """(key, orders, flags name): every status × fulfilment × method × payment status once, on a page; the
    extras (coupon, schedule, acceptance deadline, no total) and every partial's flags on a few."""
    n = 0
    for status, fulfilment, method, paid in product(STATUSES, FULFILMENTS, METHODS, PAYMENT_STATUSES):
        n += 1
        yield f"{status}/{fulfilment}/{method}/{paid}", [order_row(n, status, fulfilment, method, paid)], "page"
    extras = [
        order_row(900, "PLACED", "DELIVERY", "COD", "COD_PENDING", accept_by="2030-01-05T04:30:00.000000Z"),
        order_row(901, "CONFIRMED", "PICKUP", "UPI", "PAID", scheduled_for="2030-01-05T01:30:00.000000Z"),
        order_row(902, "PREPARING", "DELIVERY", "CARD", "PAID", coupon_code="DIWALI<50>"),
        order_row(903, "CANCELLED", None, "UPI", "REFUNDED", total_amount=None, items=[]),
        order_row(904, "CONFIRMED", "DELIVERY", "COD", "COD_PENDING", store_id="01JSTOREGONE000000000000000"),
    ]
    for name in FLAGS:
        yield f"extras/{name}", extras, name


def request_for(language: str):
    from django.test import RequestFactory

    from webdpro.db.rows import Row

    request = RequestFactory().get("/dashboard/orders/")
    request.tenant = Row({"tenant_id": TENANT})
    request._tenant_stores = [Row({"store_id": k, "name": v}) for k, v in STORES.items()]
    request.LANGUAGE_CODE = language
    return request


def render_rows(request, orders, flags: dict, multi_store: bool) -> str:
    """The rows as the desk's partial ``rows`` renders them."""
    from django.template.loader import get_template

    from dashboard.views.owner import orders as views

    context = {**views.ROW_FLAGS, **flags, "rows": orders, "multi_store": multi_store}
    context.update(views.row_context(request))
    return get_template("owner/orders/list.html#rows").render(context, request)


def render_all(language: str) -> dict:
    from django.utils import translation

    with translation.override(language):
        request = request_for(language)
        out = {}
        for key, orders, name in combinations():
            flags, multi_store = FLAGS[name]
            if "row_error" in flags:
                from webdpro.errors import DomainError

                flags = {**flags, "row_error": DomainError(flags["row_error"])}
            out[key] = tokens(render_rows(request, orders, flags, multi_store))
        return out


def test_rows_show_what_the_template_showed_for_every_combination():
    assert_golden(GOLDEN, render_all, ("en", "hi"))


if __name__ == "__main__":
    import django

    django.setup()
    write_golden(GOLDEN, render_all, ("en", "hi"))
