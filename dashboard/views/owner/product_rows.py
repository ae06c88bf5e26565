"""The owner's products list rows as HTML: ``owner/products/list.html`` prints the page's rows (and the
partial ``row``, an HTMX row swap, its one row) with ``{% product_rows %}`` (product_tags), which calls
:class:`ProductRows`.

Why not a template loop: the Django template engine spent ~200 µs on a product row (a variable lookup costs a
few µs, and a row prints ~35 of them), more than the Query that read it; this prints a row in ~15 µs, as
the order desk's rows do (desk_rows.py). What rows share is worked out once per language and kept (the words,
the links with slots for the store and product ids), and once per request (the store's links, the CSRF field of
the three inline forms, with the template context's token).
Every value is escaped as Django's autoescape does (``html.escape``), words included.
``tests/unit/test_product_rows.py`` holds the rows to what the template printed, for every kind of row, in
English and Hindi.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dashboard.views.common import per_language
from webdpro.money import MoneyError, format_inr

ID_SLOT = "0" * 26  # a well-formed product id, replaced by each row's own
STORE_SLOT = "1" * 26  # a well-formed store id, replaced by the request's store
NAME_SLOT = "\x00NAME\x00"
CENT = Decimal("0.01")
ON_CHANGE = ' hx-trigger="change"'


def _price_input(price) -> str:
    """The price as the inline form shows it: two decimals, no grouping (as ``floatformat:'2u'``)."""
    return "" if price is None else str(Decimal(price).quantize(CENT, ROUND_HALF_UP))


def _price_text(price) -> str:
    try:
        return format_inr(price)
    except (MoneyError, TypeError, ValueError, ArithmeticError):
        return ""


class _Words:
    """What the rows of every store share in one language: the words and cells, the links with a slot for
    the store and the product. Kept for the process (a few short strings a language): they depend on nothing
    but the language and the URLconf."""

    def __init__(self):
        def link(name):
            url = reverse(name, kwargs={"store_id": STORE_SLOT, "product_id": ID_SLOT})
            return escape(url).replace(ID_SLOT, "{0}")

        self.links = (link("owner:product_detail"), link("owner:product_inline"), link("owner:product_edit"))
        self.no_category = escape(_("No category"))
        self.out_of_stock = escape(_("Out of stock"))
        self.low = _("Low (≤ %(n)s)")
        self.select = escape(_("Select %(name)s") % {"name": NAME_SLOT})
        self.price_of = escape(_("Price of %(name)s") % {"name": NAME_SLOT})
        self.stock_of = escape(_("Stock of %(name)s") % {"name": NAME_SLOT})
        save, active, inactive = escape(_("Save")), escape(_("Active")), escape(_("Inactive"))
        self.save = save
        self.price_cell = f'<td class="num" data-label="{escape(_("Price"))}">'
        self.stock_cell = f'<td class="num" data-label="{escape(_("Stock"))}">'
        self.set = escape(_("Set"))
        self.edit_word = escape(_("Edit"))
        self.active = (
            f'<input type="checkbox" name="is_active" checked><span class="badge badge-ok">{active}</span></label>'
        )
        self.inactive = f'<input type="checkbox" name="is_active"><span class="badge ">{inactive}</span></label>'
        self.noscript = f'<noscript><button class="btn btn-sm" type="submit">{save}</button></noscript></form></td>'


def words() -> _Words:
    """The rows' words in the active language."""
    return per_language(_Words)


class ProductRows:
    """The products list's rows for one request and store: ``rows(products, row_error=None, csrf_token=None)``
    → HTML (the CSRF token: the template context's, else one of the request's own)."""

    def __init__(self, request, store):
        self.request = request
        self.words = w = words()
        store_id = escape(store.store_id)
        self.detail, self.inline, self.edit = (link.replace(STORE_SLOT, store_id) for link in w.links)

    def rows(self, products, row_error=None, csrf_token=None) -> SafeString:
        token = escape(str(csrf_token or get_token(self.request)))
        csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        error = f'<div class="field-error" role="alert">{escape(str(row_error))}</div>' if row_error else ""
        return SafeString("".join([self.row(product, csrf, error) for product in products]))

    def row(self, product, csrf: str, error: str = "") -> str:
        w = self.words
        pid = escape(product.product_id)
        name = escape(product.name or "")
        inline = self.inline.format(pid)
        form = (
            f'<form class="inline-form" method="post" action="{inline}" hx-post="{inline}" hx-target="closest tr" '
            'hx-swap="outerHTML"'
        )
        low = product.is_low_stock
        stock = product.stock_quantity
        shown = escape(str(stock))
        if stock is not None and stock <= 0:
            badge = f'<span class="badge badge-danger">{w.out_of_stock}</span>'
        elif low:
            badge = f'<span class="badge badge-warn">{escape(w.low % {"n": product.low_stock_threshold})}</span>'
        else:
            badge = ""
        return (
            f'<tr id="row-{pid}" class="{"is-low" if low else ""}">'
            f'<td class="rc-sel"><label class="tap-check"><input type="checkbox" name="ids" value="{pid}" '
            f'form="bulk-form" aria-label="{w.select.replace(NAME_SLOT, name)}"></label></td>'
            f'<td class="rc-title"><a href="{self.detail.format(pid)}"><strong>{name}</strong></a>'
            f'<div class="muted small">{escape(product.category) if product.category else w.no_category}</div>'
            f"{error}</td>"
            f"{w.price_cell}{form}>{csrf}"
            '<input type="hidden" name="field" value="price">'
            f'<label class="sr-only" for="price-{pid}">{w.price_of.replace(NAME_SLOT, name)}</label>'
            f'<input id="price-{pid}" name="price" value="{_price_input(product.price)}" inputmode="decimal" required>'
            f'<button class="btn btn-sm" type="submit">{w.save}</button></form>'
            f'<div class="muted small">{_price_text(product.price)}</div></td>'
            f"{w.stock_cell}{form}>{csrf}"
            f'<input type="hidden" name="field" value="stock"><input type="hidden" name="stock_seen" value="{shown}">'
            f'<label class="sr-only" for="stock-{pid}">{w.stock_of.replace(NAME_SLOT, name)}</label>'
            f'<input id="stock-{pid}" name="stock_quantity" type="number" min="0" step="1" value="{shown}" required>'
            f'<button class="btn btn-sm" type="submit">{w.set}</button></form>{badge}</td>'
            f'<td class="rc-key">{form}{ON_CHANGE}>{csrf}'
            '<input type="hidden" name="field" value="active"><label class="check">'
            f"{w.active if product.is_active else w.inactive}{w.noscript}"
            f'<td class="rc-act"><a class="btn btn-ghost btn-sm" href="{self.edit.format(pid)}">{w.edit_word}'
            f'<span class="sr-only"> {name}</span></a></td></tr>'
        )
