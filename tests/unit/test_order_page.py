"""The owner's order page (owner/orders/detail.html: its content and its ``status_panel`` partial) shows what
the Django template showed before the page was printed in Python, for every status × fulfilment × payment
method × payment status, and for the extras (coupon, GST, schedule, payments, events, errors…), in English
and Hindi.

``tests/data/order_page.json.gz`` holds each case as the template rendered it (commit "Order page: golden
pages", before the page was printed in Python), compared as HTML: the same elements, attributes and words,
whitespace between tags aside. One deliberate change since: an event without a note (the status set again) shows
its status where the template printed "None" (:func:`test_an_event_without_a_note_reads_as_its_status`). After a
deliberate change to the page, regenerate it:
``DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python -m tests.unit.test_order_page``.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from pathlib import Path
from unittest import mock

from tests.golden import assert_golden, tokens, without_token, write_golden
from tests.unit.test_desk_rows import FULFILMENTS, METHODS, PAYMENT_STATUSES, STATUSES, TENANT

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "order_page.json.gz"
OWNER = "01JOWNER00000000000000000U"
AGENT = "01JAGENT00000000000000000U"
STORES = {"01JSTORE00000000000000000A": "Main <Bazaar> & Sons", "01JSTORE00000000000000000B": ""}
AT = "2026-03-10T18:29:59.999999Z"


def _history(status: str, extra=()):
    from webdpro.db.orders import StatusChange

    steps = [StatusChange(status="CONFIRMED", at=AT, by="customer")]
    steps.append(StatusChange(status=status, at="2026-03-10T19:00:00.000000Z", by=OWNER))
    steps.extend(StatusChange(**e) for e in extra)
    return steps


def order(n: int, status: str, fulfilment, method: str, paid: str, **fields):
    """A whole order as the page reads it."""
    from webdpro.db import Order
    from webdpro.db.orders import OrderItem

    values = {
        "tenant_id": TENANT,
        "store_id": list(STORES)[n % 2],
        "status": status,
        "items": [
            OrderItem(
                product_id="01JPRD0000000000000000000A",
                name="Toor Dal <1 kg> & \"Gold\" 'A'",
                price=Decimal("129.50"),
                quantity=2,
                line_total=Decimal("259.00"),
            ),
            OrderItem(
                product_id="01JPRD0000000000000000000B",
                name="Basmati",
                price=Decimal("123456.75"),
                quantity=n % 3 + 1,
                line_total=Decimal("123456.75") * (n % 3 + 1),
            ),
        ],
        "subtotal": Decimal("1234.50") + n,
        "delivery_fee": Decimal("30.00"),
        "total_amount": Decimal("1264.50") + n,
        "customer_name": "Asha <b>\"A\" & 'B'</b>",
        "customer_phone": "+919876543210",
        "delivery_address": "12 MG Road <Flat 4>\nIndiranagar & Co\r\nBengaluru",
        "pincode": "560001",
        "payment_method": method,
        "payment_status": paid,
        "created_at": AT,
        "history": _history(status),
        "fulfilment": fulfilment,
    }
    values.update(fields)
    return Order(f"01JXRD{n:020d}", **values)


def payment(n: int, **fields):
    from webdpro.db import Payment

    values = {"amount": Decimal("1264.50"), "created_at": f"2026-03-1{n % 10}T0{n % 10}:15:00.000000Z"}
    values.update(fields)
    return Payment(TENANT, f"pay_{n:010d}", order_id="01JXRD", **values)


def plain(key, order_):
    """A case of the whole page without payments or an error."""
    return key, order_, [], None, False


def extras():
    """(key, order, payments, error, partial): one order per extra."""
    events = [
        {"status": "PREPARING", "at": "2026-03-11T03:30:00.000000Z", "by": OWNER},
        {"status": "PREPARING", "at": "2026-03-11T04:00:00.000000Z", "by": AGENT, "note": "Agent <Ravi> assigned"},
        {"status": "PREPARING", "at": "2026-03-11T05:00:00.000000Z", "by": None, "note": ""},
        {"status": "OUT_FOR_DELIVERY", "at": "2026-03-11T06:00:00.000000Z", "by": "system", "note": "Out & <away>"},
        {"status": "PREPARING", "at": "2026-03-11T06:30:00.000000Z", "by": "payments"},
        {"status": "CANCELLED", "at": "2026-03-11T07:00:00.000000Z", "by": "razorpay", "note": 'Refund "x"'},
        {"status": "CANCELLED", "at": "2026-03-11T07:00:00.000000Z", "by": "01JSOMEONEELSE000000000000"},
        {"status": "CANCELLED", "at": "2026-03-11T07:00:00.000000Z", "by": "customer", "note": "Changed mind"},
        {"status": "CANCELLED", "at": "bad date", "by": "test"},
    ]
    payments = [
        payment(1, kind="ORDER", payment_method="UPI", status="CAPTURED"),
        payment(2, kind=None, payment_method=None, status="FAILED", amount=Decimal("0.50")),
        payment(3, kind="COD", payment_method="COD", status="CAPTURED", amount=Decimal("100000")),
        payment(4, kind="ORDER", payment_method="CARD", status="REFUNDED"),
        payment(5, kind="SOMETHING_NEW", payment_method="wallet", status="CREATED"),
    ]
    coupon = {"coupon_code": "DIWALI<50>", "discount": Decimal("50.00"), "seller_gstin": "29ABCDE1234F1Z5"}
    gst = {"tax_total": Decimal("12.34"), "prices_include_tax": True, "tax_kind": "INTRA", "delivery_fee": Decimal(0)}
    yield plain("coupon-gst-incl-intra-free", order(900, "CONFIRMED", "DELIVERY", "UPI", "PAID", **coupon, **gst))
    gst = {"tax_total": Decimal("0.00"), "prices_include_tax": False, "tax_kind": "INTER"}
    no_coupon = {"discount": Decimal("0.00"), "coupon_code": "ZERO"}
    yield plain("gst-excl-inter", order(901, "PREPARING", "DELIVERY", "COD", "COD_PENDING", **gst, **no_coupon))
    yield plain(
        "gst-none-kind",
        order(902, "DELIVERED", "PICKUP", "COD", "PAID", tax_total=Decimal("5.00"), prices_include_tax=None),
    )
    yield plain(
        "scheduled-placed",
        order(
            903,
            "PLACED",
            "DELIVERY",
            "COD",
            "COD_PENDING",
            scheduled_for="2030-01-05T01:30:00.000000Z",
            accept_by="2030-01-05T04:30:00.000000Z",
            acceptance="MANUAL",
        ),
    )
    yield plain(
        "scheduled-pickup",
        order(904, "CONFIRMED", "PICKUP", "UPI", "PAID", scheduled_for="2030-01-05T01:30:00.000000Z"),
    )
    yield plain("placed-no-deadline", order(905, "PLACED", "PICKUP", "UPI", "PAID"))
    paid = order(906, "CANCELLED", "DELIVERY", "UPI", "REFUNDED", razorpay_payment_id="pay_<X>123")
    yield "payments", paid, payments, None, False
    yield plain(
        "events", order(907, "CANCELLED", "DELIVERY", "COD", "COD_PENDING", history=_history("PREPARING", events))
    )
    yield plain(
        "empty",
        order(
            908,
            "CONFIRMED",
            None,
            "COD",
            "COD_PENDING",
            items=[],
            history=[],
            pincode=None,
            delivery_address="",
            customer_name="",
            subtotal=Decimal("0"),
            total_amount=Decimal("0"),
        ),
    )
    yield plain(
        "store-gone",
        order(909, "OUT_FOR_DELIVERY", "DELIVERY", "COD", "COD_PENDING", store_id="01JSTOREGONE00000000000000"),
    )
    yield plain(
        "delivery-status",
        order(
            910,
            "OUT_FOR_DELIVERY",
            "DELIVERY",
            "UPI",
            "PAID",
            delivery_status="PICKED_UP",
            delivery_agent_id=AGENT,
            delivery_id="01JDEL",
        ),
    )
    yield plain("unknown-status", order(911, "SOMETHING_ELSE", "DELIVERY", "UPI", "PAID"))
    for name, kind in (("panel", None), ("panel-error", "Only an order awaiting acceptance can be <rejected>.")):
        for status, fulfilment in (
            ("PLACED", "DELIVERY"),
            ("OUT_FOR_DELIVERY", "DELIVERY"),
            ("READY_FOR_PICKUP", "PICKUP"),
            ("PREPARING", None),
            ("DELIVERED", "DELIVERY"),
        ):
            yield (
                f"{name}/{status}/{fulfilment}",
                order(912, status, fulfilment, "UPI", "PAID", accept_by="2030-01-05T04:30:00.000000Z"),
                [],
                kind,
                True,
            )
    yield "content-error", order(913, "PREPARING", "DELIVERY", "UPI", "PAID"), [], "Conflict & <co>", False


def cases():
    n = 0
    for status, fulfilment, method, paid in product(STATUSES, FULFILMENTS, METHODS, PAYMENT_STATUSES):
        n += 1
        yield f"{status}/{fulfilment}/{method}/{paid}", order(n, status, fulfilment, method, paid), [], None, False
    yield from extras()


def request_for(language: str):
    from django.test import RequestFactory

    from webdpro.db.rows import Row

    request = RequestFactory().get("/dashboard/orders/01JXRD00000000000000000001/")
    request.tenant = Row({"tenant_id": TENANT})
    request.user = Row({"user_id": OWNER, "name": "Meena <Owner>", "phone": "+919812345678"})
    request._nav_stores = [Row({"store_id": k, "name": v}) for k, v in STORES.items()]
    request.LANGUAGE_CODE = language
    return request


def context_for(request, order, payments, error):
    """The page's context as the view builds it (the tenant's people and the order's payments as given)."""
    from dashboard.views.owner import orders as views
    from webdpro.errors import DomainError
    from webdpro.orders import detail

    def people_names(tenant_id, order=None, known=None):
        return {**detail.SYSTEM_NAMES, **(known or {}), AGENT: "Ravi <Agent>"}

    extra = {"error": DomainError(error)} if error else {}
    with (
        mock.patch.object(detail, "people_names", people_names),
        mock.patch.object(detail, "order_payments", lambda order: payments),
    ):
        return views._detail_context(request, order, **extra)


def render_content(request, context) -> str:
    """The page's ``content`` block as ``owner/orders/detail.html`` renders it (the frame around it aside)."""
    from django.template.context import make_context
    from django.template.loader import get_template
    from django.template.loader_tags import BlockNode

    template = get_template("owner/orders/detail.html").template
    block = next(n for n in template.nodelist.get_nodes_by_type(BlockNode) if n.name == "content")
    ctx = make_context(context, request)
    with ctx.render_context.push_state(template), ctx.bind_template(template):
        return block.render(ctx)


def render_panel(request, context) -> str:
    from django.template.loader import get_template

    return get_template("owner/orders/detail.html#status_panel").render(context, request)


def render_all(language: str) -> dict:
    from django.utils import translation

    with translation.override(language):
        request = request_for(language)
        out = {}
        for key, order_, payments, error, partial in cases():
            context = context_for(request, order_, payments, error)
            html = render_panel(request, context) if partial else render_content(request, context)
            out[key] = without_token(tokens(html))
        return out


def test_the_page_shows_what_the_template_showed_for_every_case():
    assert_golden(GOLDEN, render_all, ("en", "hi"))


if __name__ == "__main__":
    import django

    django.setup()
    write_golden(GOLDEN, render_all, ("en", "hi"))


def test_an_order_read_as_a_row_shows_as_the_model_does():
    """The page reads the order into a read-only row (webdpro.orders.selectors.order_to_show) and its
    payments into rows: printed alike, from the items DynamoDB holds for them."""
    from django.utils import translation

    from webdpro.db import Order, Payment
    from webdpro.db.rows import row_reader
    from webdpro.orders.detail import PAYMENT_FIELDS
    from webdpro.orders.selectors import ORDER_FIELDS

    read, read_payment = row_reader(Order, ORDER_FIELDS), row_reader(Payment, PAYMENT_FIELDS)
    with translation.override("hi"):
        request = request_for("hi")
        for key, order_, payments, error, _partial in cases():
            if not (key.startswith("CANCELLED/") or "/" not in key):
                continue
            row = read(order_.serialize())
            rows = [read_payment(p.serialize(null_check=False)) for p in payments]
            assert row.projected and not isinstance(row, Order)
            expected = render_content(request, context_for(request, order_, payments, error))
            got = render_content(request, context_for(request, row, rows, error))
            assert without_token(tokens(got)) == without_token(tokens(expected)), key


def test_the_delivery_card_is_the_delivery_areas_card_before_it_loads():
    """The page prints the delivery card's first state itself; it stays what the delivery area's template
    (owner/deliveries/_order_delivery.html, which then loads the details) prints for the order."""
    from django.template.loader import render_to_string
    from django.utils import translation

    for language in ("en", "hi"):
        with translation.override(language):
            request = request_for(language)
            for key, order_, payments, _error, _partial in cases():
                if "/" in key and not key.startswith("OUT_FOR_DELIVERY/"):
                    continue
                page = context_for(request, order_, payments, None)["order_page"]
                expected = render_to_string("owner/deliveries/_order_delivery.html", {"order": order_})
                assert tokens(page.delivery_card()) == tokens(expected), key


def test_the_title_is_what_the_template_printed():
    from django.template import Context, Template
    from django.utils import translation

    before = Template(
        "{% load i18n %}{% blocktranslate with ref=ref %}Order #{{ ref }}{% endblocktranslate %} — WebDPro"
    )
    for language in ("en", "hi"):
        with translation.override(language):
            request = request_for(language)
            context = context_for(request, order(7, "PREPARING", "DELIVERY", "UPI", "PAID"), [], None)
            title = Template("{{ order_page.title }}").render(Context(context))
            assert title == before.render(Context({"ref": context["ref"]})) and "#00000007" in title


def test_an_event_without_a_note_reads_as_its_status():
    """The template printed "None" for an event without a note (the status set again); the page names the
    status instead, in the page's language."""
    from django.utils import translation

    extra = [{"status": "PREPARING", "at": "2026-03-10T19:30:00.000000Z", "by": OWNER, "note": ""}]
    for language, word in (("en", "Preparing"), ("hi", "तैयार हो रहा है")):
        with translation.override(language):
            request = request_for(language)
            order_ = order(1, "PREPARING", "DELIVERY", "COD", "COD_PENDING", history=_history("PREPARING", extra))
            html = render_content(request, context_for(request, order_, [], None))
        assert "<strong>None</strong>" not in html
        assert f'<li class="timeline-step timeline-event"><strong>{word}</strong>' in html
