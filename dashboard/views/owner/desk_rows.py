"""The order desk's rows as HTML: the partial ``rows`` of ``owner/orders/list.html`` calls
``{% desk_rows %}``, which prints :class:`DeskRows` for the rows in its context.

Why not a template loop: the Django template engine spends ~150 µs on a desk row (a variable lookup costs a
few µs, and a row prints ~40), as much as the Query that read it; this prints a row in ~10 µs. Everything
that many rows share is worked out once per request, in the request's language: the words, the status and
payment cells, the action buttons of each (status, fulfilment, payment method, payment status) with a slot
for the order's id and number, phones, unit counts. Every value is escaped as Django's autoescape does
(``html.escape``), words included. ``tests/unit/test_desk_rows.py`` holds the rows to what the template
printed, for every status × fulfilment × payment combination, in English and Hindi.
"""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from dashboard.templatetags.labels import local_datetime
from dashboard.templatetags.order_tags import slot
from dashboard.views.common import per_language
from webdpro.labels import label
from webdpro.money import format_inr
from webdpro.orders import actions
from webdpro.orders.statuses import Fulfilment, OrderStatus
from webdpro.phones import display_phone

ID_SLOT = "0" * 26  # a well-formed order id, replaced by each row's own
REF_SLOT = "\x00REF\x00"  # the order's number in a button's prompt


class _Words:
    """What rows share in one language: the words, the payment and status cells, each combination's action
    buttons (with ID_SLOT and REF_SLOT), unit counts. Built as rows ask, kept for the process (a few
    hundred short strings a language): they depend on nothing but the language and the URLconf."""

    def __init__(self):
        detail_url = reverse("owner:order_detail", kwargs={"order_id": ID_SLOT})
        self.detail_url = escape(detail_url)
        self.action_url = escape(reverse("owner:order_action", kwargs={"order_id": ID_SLOT}))
        self.select = escape(_("Select order %(ref)s") % {"ref": REF_SLOT})
        self.coupon = escape(_("Coupon %(code)s") % {"code": REF_SLOT})
        self.tail = (
            f'<a class="btn btn-sm" href="{self.detail_url}">{escape(_("Open order"))}</a>'
            f'<a class="btn btn-sm" href="tel:{REF_SLOT}">{escape(_("Call customer"))}</a></div></details></div></td>'
        )
        self.more = (
            '<details class="more"><summary class="btn btn-sm btn-ghost">'
            f'{escape(_("More"))}</summary><div class="more-panel">'
        )
        self.pickup = (
            f'<span class="badge badge-PICKUP" data-fulfilment="{Fulfilment.PICKUP.value}">{escape(_("Pickup"))}</span>'
        )
        self.pay: dict = {}
        self.status: dict = {}
        self.buttons: dict = {}
        self.units: dict = {}

    def pay_cell(self, method, paid) -> str:
        key = (method, paid)
        if key not in self.pay:
            self.pay[key] = (
                f'<td class="c-pay"><span class="badge badge-{escape(str(paid or ""))}">'
                f"{escape(label('payment_method', method))}</span>"
                f'<div class="muted small">{escape(label("order_payment_status", paid))}</div></td>'
            )
        return self.pay[key]

    def status_badge(self, status) -> str:
        if status not in self.status:
            code = escape(str(status or ""))
            self.status[status] = (
                f'<td class="c-status"><span class="badge badge-{code}" data-status="{code}">'
                f"{escape(label('order_status', status))}</span>"
            )
        return self.status[status]

    def actions(self, order) -> str:
        """The action cell up to the "More" panel's links, with ID_SLOT and REF_SLOT for the order's."""
        key = (order.status, order.fulfilment, order.payment_method, order.payment_status)
        if key not in self.buttons:
            names = actions.available_actions(order)
            forward = [n for n in names if n not in ("cancel", "reject")]
            first = forward[0] if forward else None
            html = ['<td class="c-act"><div class="row-actions">']
            if first:
                html.append(self._button(order.status, first, primary=True))
            html.append(self.more)
            html.extend(self._button(order.status, n) for n in names if n != first)
            self.buttons[key] = "".join(html)
        return self.buttons[key]

    def _button(self, status, name: str, primary: bool = False) -> str:
        if name in ("cancel", "reject"):
            css = "btn-ghost danger-text"
        else:
            css = "btn-primary btn-next" if primary else "btn-primary-soft"
        prompt = ""
        if name == "cancel" and status == OrderStatus.OUT_FOR_DELIVERY:
            prompt = _("Reason for cancelling (required — the order is out for delivery)")
        elif name == "cancel":
            prompt = _("Cancel order #%(ref)s? Reason (optional, stock is returned)") % {"ref": REF_SLOT}
        elif name == "reject":
            prompt = _("Reject order #%(ref)s? Reason (required, sent to the customer)") % {"ref": REF_SLOT}
        elif name == "handover":
            prompt = _("Pickup code shown by the customer (leave empty to hand over without it)")
        prompt = f' hx-prompt="{escape(prompt)}"' if prompt else ""
        return (
            f'<button type="button" class="btn btn-sm {css}" hx-post="{self.action_url}"'
            f""" hx-vals='{{"action": "{name}"}}' hx-target="closest tr" hx-swap="outerHTML"{prompt}>"""
            f"{escape(str(actions.ACTIONS[name][2]))}</button>"
        )

    def unit_count(self, units: int) -> str:
        if units not in self.units:
            self.units[units] = escape(ngettext("%(n)s unit", "%(n)s units", units) % {"n": units})
        return self.units[units]


def words() -> _Words:
    """The rows' words in the active language."""
    return per_language(_Words)


class DeskRows:
    """The desk's rows for one request: ``rows(orders, multi_store=…, oob=…, just_changed=…, is_new=…,
    row_error=…)`` → their HTML (the flags as the partials of owner/orders/list.html set them)."""

    def __init__(self, request, store_names: dict):
        self.store_names = {k: escape(v) for k, v in store_names.items()}
        self._phones: dict = {}

    def _phone(self, value) -> tuple[str, str]:
        if value not in self._phones:
            self._phones[value] = (escape(value or ""), escape(display_phone(value) if value else ""))
        return self._phones[value]

    @staticmethod
    def _units(order) -> int:
        units = getattr(order, "units", None)  # a desk row counts them as it is read
        if units is None:
            units = sum(int(i.quantity or 0) for i in (order.items or ()))
        return units

    @staticmethod
    def _rules(order, words: _Words) -> str:
        """Pickup, the scheduled slot, the acceptance deadline (the order page's too, order_page.py)."""
        placed = order.status == OrderStatus.PLACED
        pickup = order.fulfilment == Fulfilment.PICKUP
        if not (pickup or order.scheduled_for or placed):
            return ""
        html = ['<p class="order-rules">']
        if pickup:
            html.append(words.pickup)
        if order.scheduled_for:
            text = _("Scheduled: %(slot)s") % {"slot": slot(order.scheduled_for)}
            html.append(
                f'<span class="badge badge-scheduled" data-slot="{escape(order.scheduled_for)}">{escape(text)}</span>'
            )
        if placed and order.accept_by:
            text = _("Accept by %(at)s, or it is rejected automatically.") % {"at": slot(order.accept_by)}
            html.append(f'<span class="small muted">{escape(text)}</span>')
        html.append("</p>")
        return "".join(html)

    # --- the rows --------------------------------------------------------------------------------------

    def rows(self, orders, *, multi_store=False, oob=False, just_changed=False, is_new=False, row_error=None):
        w = words()
        css = "order-row" + (" row-flash" if just_changed else "") + (" row-new" if is_new else "")
        swap = ' hx-swap-oob="true"' if oob else ""
        error = f'<div class="field-error" role="alert">{escape(str(row_error.message))}</div>' if row_error else ""
        names = self.store_names
        language = get_language()  # once, not per row's date (Django's active language is a context lookup)
        out = []
        for o in orders:
            oid = escape(o.order_id)
            ref = oid[-8:]
            detail = w.detail_url.replace(ID_SLOT, oid)
            phone, phone_label = self._phone(o.customer_phone)
            store = f'<td class="c-store small">{names.get(o.store_id, "—")}</td>' if multi_store else ""
            total = format_inr(o.total_amount) if o.total_amount is not None else ""
            coupon = (
                f'<div class="muted small">{w.coupon.replace(REF_SLOT, escape(o.coupon_code))}</div>'
                if o.coupon_code
                else ""
            )
            row = (
                f'<tr id="order-row-{oid}"{swap} data-created="{escape(o.created_at)}" class="{css}">'
                '<td class="c-sel"><label class="tap-check"><input type="checkbox" name="order_ids" '
                f'value="{oid}" form="bulk-form"><span class="sr-only">{w.select.replace(REF_SLOT, ref)}</span>'
                f'</label></td><td class="c-ref nowrap"><a href="{detail}" class="order-ref">#{ref}</a>'
                f'<div class="muted small">{escape(local_datetime(o.created_at, language))}</div></td>{store}'
                f'<td class="c-cust">{escape(o.customer_name or "")}<div class="muted small"><a class="tel-link" '
                f'href="tel:{phone}">{phone_label}</a></div></td><td class="c-total num">{escape(total)}'
                f'<div class="muted small">{w.unit_count(self._units(o))}</div>{coupon}</td>'
                f"{w.pay_cell(o.payment_method, o.payment_status)}{w.status_badge(o.status)}"
                f"{self._rules(o, w)}{error}</td>"
                f"{w.actions(o).replace(ID_SLOT, oid).replace(REF_SLOT, ref)}"
                f"{w.tail.replace(ID_SLOT, oid).replace(REF_SLOT, phone)}</tr>"
            )
            out.append(f"<template>{row}</template>" if oob else row)
        return SafeString("\n".join(out))
