"""The owner's order page as HTML: ``owner/orders/detail.html`` calls ``{% order_page %}`` for its content and
``{% order_status_panel %}`` in its partial ``status_panel`` (so the page and a status action's panel still
come from one view and template), which print :class:`OrderPage` from the view's context.

Why not the template: the Django template engine spent ~1.3 ms a request on this page's ~200 nodes (url,
translate and blocktranslate tags, filters, includes, a lookup per value), about a fifth of the time its
DynamoDB calls take; this prints it in ~0.1 ms. The words and the parts that depend only on the language,
the URLconf and the order's status (the action forms) are worked out once per process, with slots for the
order's id, number and the request's CSRF token. Every value is escaped as Django's autoescape does
(``html.escape``); the words are printed as the template's ``translate`` and ``blocktranslate`` printed them
(the catalogues' text as it is, a ``blocktranslate``'s values escaped).
``tests/unit/test_order_page.py`` holds the page to what the template printed, for every status ×
fulfilment × payment combination and the extras, in English and Hindi, and the delivery card to
``owner/deliveries/_order_delivery.html``.
"""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.translation import gettext as _

from dashboard.templatetags.labels import format_owner_datetime
from dashboard.views.common import per_language
from dashboard.views.owner.desk_rows import ID_SLOT, REF_SLOT, DeskRows
from dashboard.views.owner.desk_rows import words as desk_words
from webdpro.labels import label
from webdpro.money import format_inr
from webdpro.phones import display_phone

TOKEN_SLOT = "\x00TOKEN\x00"  # each action form's CSRF field, as {% csrf_token %} prints it


def _inr(value) -> str:
    """``|inr``: an amount, or nothing when there is none."""
    try:
        return format_inr(value)
    except (TypeError, ValueError, ArithmeticError):
        return ""


def _text(value) -> str:
    """A value as ``{{ value }}`` prints it (None is "None"), escaped."""
    return escape(str(value))


class _Words:
    """What every order page shares in one language: the words, the URLs (with ID_SLOT), the action forms of
    each set of actions (with ID_SLOT, REF_SLOT and TOKEN_SLOT). Kept for the process: they depend on nothing
    but the language and the URLconf."""

    def __init__(self):
        kw = {"order_id": ID_SLOT}
        self.action_url = escape(reverse("owner:order_action", kwargs=kw))
        self.head = (
            f'<p class="small"><a href="{escape(reverse("owner:orders"))}">← {_("Orders")}</a></p>\n'
            '<div class="row-between">\n  <div>\n    <h1>'
        )
        self.order_ref = _("Order #%(ref)s")
        self.slip = (
            f'  <a class="btn" href="{escape(reverse("owner:order_slip", kwargs=kw))}" target="_blank" '
            f'rel="noopener">{_("Print packing slip")}</a>\n  '
        )
        invoice = escape(reverse("owner:order_invoice", kwargs=kw))
        self.tax_invoice = f'<a class="btn" id="invoice-link" href="{invoice}">{_("Tax invoice (PDF)")}</a>'
        self.bill_of_supply = f'<a class="btn" id="invoice-link" href="{invoice}">{_("Bill of supply (PDF)")}</a>'
        self.invoice_pending = (
            '<span class="muted small" id="invoice-pending">'
            f"{_('The invoice is issued once the order is paid.')}</span>"
        )
        self.items_head = (
            '<div class="order-detail">\n  <div class="stack">\n'
            '    <section class="card" aria-labelledby="items-heading">\n'
            f'      <h2 id="items-heading">{_("Items")} <span class="muted small">('
        )
        self.table_head = (
            f')</span></h2>\n      <table>\n        <thead><tr><th>{_("Item")}</th><th class="num">'
            f'{_("Price")}</th><th class="num">{_("Qty")}</th><th class="num">'
            f"{_('Total')}</th></tr></thead>\n        <tbody>\n          "
        )
        self.subtotal = f'\n        </tbody>\n        <tfoot>\n          <tr><td colspan="3">{_("Subtotal")}</td>'
        self.coupon = _("Coupon %(code)s")
        self.gst_included = _("GST included")
        self.gst = _("GST")
        self.intra = _("CGST + SGST")
        self.inter = _("IGST")
        self.delivery_row = f'          <tr><td colspan="3">{_("Delivery")}</td><td class="num">'
        self.free = _("Free")
        self.total_row = f'          <tr class="total-row"><th colspan="3">{_("Total")}</th><th class="num">'
        self.status = (
            '<section id="status-panel" class="card stack" aria-labelledby="status-heading">\n'
            f'  <div class="row-between">\n    <h2 id="status-heading">{_("Status")} '
        )
        self.timeline = f'  <h3>{_("Timeline")}</h3>\n  <ol class="timeline">\n'
        self.no_steps = f'<li class="muted">{_("No status changes recorded.")}</li>\n'
        self.by = _("by %(who)s")
        self.customer = (
            '  <div class="stack">\n    <section class="card" aria-labelledby="customer-heading">\n'
            f'      <h2 id="customer-heading">{_("Customer")}</h2>\n      <p><strong>'
        )
        self.call = _("Call %(phone)s")
        self.pin = _("PIN %(pin)s")
        self.payment = (
            '    <section class="card" aria-labelledby="payment-heading">\n'
            f'      <h2 id="payment-heading">{_("Payment")}</h2>\n      <p><span class="badge badge-'
        )
        self.razorpay = _("Razorpay payment %(id)s")
        delivery = escape(reverse("owner:order_delivery", args=[ID_SLOT]))
        self.delivery = (
            f'<section class="card order-delivery" id="order-delivery-{ID_SLOT}"\n  hx-get="{delivery}" '
            f'hx-trigger="load, delivery-assigned from:body" hx-swap="outerHTML">\n'
            f"  <h2>{_('Delivery')}</h2>\n  "
        )
        self.not_assigned = f'<span class="muted">{_("Not assigned yet.")}</span>'
        self.forms: dict = {}

    def action_forms(self, names: tuple, primary: tuple, out_for_delivery: bool, paid_online: bool) -> str:
        """The status panel's buttons and forms for this set of actions, with ID_SLOT, REF_SLOT and TOKEN_SLOT."""
        key = (names, primary, out_for_delivery, paid_online)
        if key not in self.forms:
            self.forms[key] = self._action_forms(names, primary, out_for_delivery, paid_online)
        return self.forms[key]

    def _action_forms(self, names, primary, out_for_delivery, paid_online) -> str:
        url = self.action_url
        token = TOKEN_SLOT

        def fields(action: str) -> str:
            return (
                f'{token}<input type="hidden" name="action" value="{action}">'
                '<input type="hidden" name="from" value="detail">'
            )

        target = 'hx-target="#status-panel" hx-swap="outerHTML"'
        html = ['  <div class="row status-actions">\n']
        for name, text in primary:
            html.append(
                f'    <form method="post" action="{url}" class="inline-form"\n          hx-post="{url}" {target}>\n'
                f'      {fields(escape(name))}\n      <button class="btn btn-primary" type="submit">'
                f"{escape(str(text))}</button>\n    </form>\n"
            )
        html.append("  </div>\n")
        if "handover" in names:
            html.append(
                f'  <form method="post" action="{url}" class="stack" id="handover-form"\n        hx-post="{url}" '
                f"{target}>\n    {fields('handover')}\n"
                f'    <div class="field"><label for="pickup-code">{_("Pickup code from the customer")}</label>\n'
                '      <input id="pickup-code" name="code" inputmode="numeric" maxlength="4" pattern="[0-9]{4}" '
                'autocomplete="off">\n'
                f'      <p class="help">{_("Leave it empty to hand over without the code.")}</p></div>\n'
                f'    <button class="btn btn-primary" type="submit">{_("Hand over")}</button>\n  </form>\n'
            )
        if "reject" in names:
            reason = _("Reason for rejecting (the customer gets it by SMS)")
            html.append(
                f'  <form method="post" action="{url}" class="stack" id="reject-form"\n        hx-post="{url}" '
                f"{target}>\n    {fields('reject')}\n"
                f'    <div class="field"><label for="reject-reason">{reason}</label>\n'
                '      <input id="reject-reason" name="reason" maxlength="300" required '
                f'placeholder="{_("e.g. out of stock, closing early")}"></div>\n'
                f'    <button class="btn btn-danger" type="submit">{_("Reject order")}</button>\n  </form>\n'
            )
        if "cancel" in names:
            if out_for_delivery:
                reason = _("Reason (required: the order is out for delivery)")
            else:
                reason = _("Reason")
            refunded = _("The customer's payment is refunded.")
            refund = f" {refunded}" if paid_online else ""
            confirm = _("Cancel order #%(ref)s?") % {"ref": REF_SLOT}
            html.append(
                f'  <details class="cancel-box">\n    <summary>{_("Cancel this order…")}</summary>\n'
                f'    <form method="post" action="{url}"\n          hx-post="{url}" {target}>\n'
                f"      {fields('cancel')}\n"
                f'      <div class="field"><label for="cancel-reason">{reason}</label>\n'
                '        <input id="cancel-reason" name="reason" maxlength="300" '
                f"{'required' if out_for_delivery else ''} "
                f'placeholder="{_("e.g. item out of stock, customer asked")}">\n'
                f'        <p class="help">{_("Stock goes back to the shelf.")}{refund} '
                f"{_('The customer gets an SMS.')}</p></div>\n"
                f'      <button class="btn btn-danger" type="submit" data-confirm="{confirm}">'
                f"{_('Cancel order')}</button>\n    </form>\n  </details>\n"
            )
        return "".join(html)


def words() -> _Words:
    """The page's words in the active language."""
    return per_language(_Words)


class OrderPage:
    """One order's page, from the view's context (``_detail_context``): ``content(csrf_token)`` is the
    page's content block, ``status_panel(csrf_token)`` its status panel (the HTMX answer to an action)."""

    def __init__(self, context: dict):
        self.c = context

    def title(self) -> str:
        """The page's title (escaped where it is printed): "Order #AB12CD34 — WebDPro"."""
        return f"{_('Order #%(ref)s') % {'ref': self.c['ref']}} — WebDPro"

    # --- the status panel --------------------------------------------------------------------------

    def status_panel(self, csrf_token) -> str:
        c, w = self.c, words()
        order = c["order"]
        status = _text(order.status)
        html = [
            w.status,
            f'<span class="badge badge-{status}" data-status="{status}">{_text(c["status_label"])}</span></h2>\n',
            "  </div>\n",
        ]
        error = c.get("error")
        if error:
            html.append(f'  <div class="alert alert-error" role="alert">{_text(error.message)}</div>\n')
        html.append(DeskRows._rules(order, desk_words()))
        names = c["order_actions"]
        if names:
            forms = w.action_forms(tuple(names), tuple(c["primary_actions"]), c["out_for_delivery"], c["paid_online"])
            html.append(
                forms.replace(ID_SLOT, escape(order.order_id))
                .replace(REF_SLOT, escape(c["ref"]))
                .replace(TOKEN_SLOT, csrf_field(csrf_token))
            )
        html.append(w.timeline)
        steps = c["timeline"]
        for step in steps:
            if step.is_event:
                # an event without a note (the status set again) reads as its status, never as "None"
                event = _text(step.note or step.label)
                html.append(f'    <li class="timeline-step timeline-event"><strong>{event}</strong>')
            else:
                badge = f'<span class="badge badge-{_text(step.status)}">{_text(step.label)}</span>'
                html.append(f'    <li class="timeline-step">{badge}')
            html.append(
                f'\n      <time datetime="{_text(step.at)}">{escape(format_owner_datetime(step.at))}</time>\n'
                f'      <span class="muted">{w.by % {"who": _text(step.by)}}</span>'
            )
            if step.note and not step.is_event:
                html.append(f'<div class="small">“{_text(step.note)}”</div>')
            html.append("</li>\n")
        if not steps:
            html.append(w.no_steps)
        html.append("  </ol>\n</section>\n")
        return "".join(html)

    # --- the page --------------------------------------------------------------------------------------

    def content(self, csrf_token) -> str:
        c, w = self.c, words()
        order = c["order"]
        oid = escape(order.order_id)
        html = [
            w.head,
            w.order_ref % {"ref": _text(c["ref"])},
            f'</h1>\n    <p class="muted">{escape(format_owner_datetime(order.created_at))} · '
            f'{_text(c["store_name"])} · <span class="small">{oid}</span></p>\n  </div>\n',
            w.slip.replace(ID_SLOT, oid),
        ]
        if c["invoice_ready"]:
            html.append((w.tax_invoice if order.seller_gstin else w.bill_of_supply).replace(ID_SLOT, oid))
        else:
            html.append(w.invoice_pending)
        html += ["\n</div>\n\n", w.items_head, _text(c["item_count"]), w.table_head]
        for item in order.items or ():
            html.append(
                f'<tr><td>{_text(item.name)}</td><td class="num">{escape(_inr(item.price))}</td>'
                f'<td class="num">{_text(item.quantity)}</td><td class="num">{escape(_inr(item.line_total))}</td></tr>'
            )
        html += [w.subtotal, f'<td class="num">{escape(_inr(order.subtotal))}</td></tr>\n']
        if order.discount:
            coupon = w.coupon % {"code": _text(order.coupon_code)}
            html.append(
                f'          <tr><td colspan="3">{coupon}</td><td class="num" id="order-discount">'
                f"-{escape(_inr(order.discount))}</td></tr>\n"
            )
        if order.tax_total is not None:
            gst = w.gst_included if order.prices_include_tax else w.gst
            kind = w.intra if c["intra_state_tax"] else w.inter
            html.append(
                f'          <tr><td colspan="3">{gst} ({kind})</td><td class="num" id="order-tax">'
                f"{escape(_inr(order.tax_total))}</td></tr>\n"
            )
        fee = escape(_inr(order.delivery_fee)) if order.delivery_fee else w.free
        html += [
            w.delivery_row,
            fee,
            "</td></tr>\n",
            w.total_row,
            escape(_inr(order.total_amount)),
            "</th></tr>\n        </tfoot>\n      </table>\n    </section>\n    ",
            self.status_panel(csrf_token),
            "  </div>\n",
            self._customer(order, w),
            self._payment(order, w),
            "    ",
            self.delivery_card(),
            "\n  </div>\n</div>\n",
        ]
        return "".join(html)

    def _customer(self, order, w: _Words) -> str:
        phone = order.customer_phone
        call = w.call % {"phone": escape(display_phone(phone) if phone else "")}
        address = linebreaksbr(order.delivery_address, autoescape=True)
        pin = f"<br>{w.pin % {'pin': _text(order.pincode)}}" if order.pincode else ""
        return (
            f"{w.customer}{_text(order.customer_name)}</strong></p>\n"
            f'      <p><a class="btn btn-sm" href="tel:{_text(phone)}">{call}</a></p>\n'
            f"      <address>{address}{pin}</address>\n    </section>\n"
        )

    def _payment(self, order, w: _Words) -> str:
        paid = order.payment_status
        html = [
            w.payment,
            f'{_text(paid)}">{escape(label("order_payment_status", paid))}</span> '
            f"{escape(label('payment_method', order.payment_method))}</p>\n",
        ]
        if order.razorpay_payment_id:
            html.append(f'      <p class="small muted">{w.razorpay % {"id": _text(order.razorpay_payment_id)}}</p>\n')
        payments = self.c["payments"]
        if payments:
            html.append('      <ul class="plain small">')
            for p in payments:
                method = f" · {escape(label('payment_method', p.payment_method))}" if p.payment_method else ""
                html.append(
                    f"<li>{escape(format_owner_datetime(p.created_at))} · "
                    f"{escape(label('payment_kind', p.kind or 'ORDER'))}"
                    f'{method} · {escape(_inr(p.amount))} · <span class="badge badge-{_text(p.status)}">'
                    f"{escape(label('payment_status', p.status))}</span></li>"
                )
            html.append("</ul>\n")
        html.append("    </section>\n")
        return "".join(html)

    def delivery_card(self) -> str:
        """``owner/deliveries/_order_delivery.html`` with just the order (it loads its details itself)."""
        w, order = words(), self.c["order"]
        error = self.c.get("error")
        html = [w.delivery.replace(ID_SLOT, escape(order.order_id))]
        if error:
            html.append(f'<p class="field-error" role="alert" data-testid="delivery-error">{_text(error)}</p>\n  ')
        status = order.delivery_status
        if status:
            badge = f'<span class="badge badge-{_text(status)}">{escape(label("delivery_status", status))}</span>'
        else:
            badge = w.not_assigned
        html.append(f"\n    <p>{badge}</p>\n  \n</section>")
        return "".join(html)


def csrf_field(token) -> str:
    """``{% csrf_token %}``: the hidden field with the request's (masked) token, or nothing without one."""
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'
