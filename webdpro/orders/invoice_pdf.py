"""The invoice of an order as a PDF (fpdf2), with a font that has the rupee sign and fonts for the Indian
scripts, text shaped by HarfBuzz (``webdpro.pdf_text``: names and addresses in Hindi, Tamil … print
with their conjuncts and extract back as typed).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from webdpro import clock, pdf_text
from webdpro.db.orders import OrderStatus
from webdpro.gst.states import state_name
from webdpro.ids import short
from webdpro.money import format_inr
from webdpro.orders import invoices, tax

ZERO = Decimal("0.00")


def _pdf(order, store_name: str) -> FPDF:
    texts = [store_name, order.customer_name, order.delivery_address, *(i.name for i in order.items or [])]
    texts += [invoices.title(order), _("Invoice number"), _("Total")]  # the language of the labels
    pdf = pdf_text.document(texts)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


def _state(code: str | None) -> str:
    return f"{state_name(code)} ({code})" if code else _("Unknown")


def _header(pdf: FPDF, order, store_name: str) -> None:
    pdf.set_font("Noto", "B", 16)
    pdf.cell(0, 9, invoices.title(order), new_x="LMARGIN", new_y="NEXT")
    if order.status == OrderStatus.CANCELLED:
        pdf.set_text_color(185, 28, 28)
        pdf.cell(0, 7, _("CANCELLED"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.set_font("Noto", "", 10)
    placed = clock.parse(order.created_at).astimezone(clock.IST)
    facts = [
        (_("Invoice number"), invoices.number_label(order)),
        (_("Date"), placed.strftime("%d %b %Y")),
        (_("Order"), "#" + short(order.order_id)),
    ]
    for label, value in facts:
        pdf.cell(0, 5.5, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Noto", "B", 11)
    pdf.cell(95, 6, _("Sold by"))
    pdf.cell(0, 6, _("Bill to / ship to"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 10)
    seller = [store_name]
    if order.seller_gstin:
        seller += [_("GSTIN: %(gstin)s") % {"gstin": order.seller_gstin}, _state(order.seller_state)]
    buyer = [order.customer_name, order.delivery_address.replace("\n", ", "), _("PIN %(pin)s") % {"pin": order.pincode}]
    if order.seller_gstin:
        buyer.append(_("Place of supply: %(state)s") % {"state": _state(order.buyer_state)})
    top = pdf.get_y()
    pdf.multi_cell(92, 5, "\n".join(seller), new_x="RIGHT", new_y="TOP")
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + 95, top)
    pdf.multi_cell(0, 5, "\n".join(buyer), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), left_bottom) + 4)


def _money(value) -> str:
    return format_inr(value if value is not None else ZERO)


def _tax_rows(order):
    intra = order.tax_kind == tax.INTRA
    head = [_("Item"), _("HSN"), _("Qty"), _("Rate"), _("Discount"), _("Taxable value"), _("GST %")]
    head += [_("CGST"), _("SGST")] if intra else [_("IGST")]
    rows = []
    for item in order.items:
        row = [item.name, item.hsn_code or "-", str(item.quantity), _money(item.price), _money(item.discount)]
        row += [_money(item.taxable_value), f"{item.gst_rate or 0}%"]
        row += [_money(item.cgst), _money(item.sgst)] if intra else [_money(item.igst)]
        rows.append(row)
    fee = getattr(order, "delivery_tax", None)
    if fee is not None:  # the delivery fee, taxed as part of a composite supply (webdpro/orders/tax.py)
        row = [_("Delivery charge"), fee.sac, "1", _money(order.delivery_fee), _money(ZERO)]
        row += [_money(fee.taxable_value), f"{fee.gst_rate}%"]
        row += [_money(fee.cgst), _money(fee.sgst)] if intra else [_money(fee.igst)]
        rows.append(row)
    return head, rows


def _taxed_lines(order) -> list:
    """The order's lines and, when it was taxed, the delivery fee's line (each with taxable_value, cgst …)."""
    fee = getattr(order, "delivery_tax", None)
    return list(order.items) + ([fee] if fee is not None else [])


def _plain_rows(order):
    head = [_("Item"), _("Qty"), _("Rate"), _("Amount")]
    rows = [[i.name, str(i.quantity), _money(i.price), _money(i.line_total)] for i in order.items]
    return head, rows


def _lines(pdf: FPDF, order) -> None:
    head, rows = _tax_rows(order) if order.seller_gstin else _plain_rows(order)
    pdf.set_font("Noto", "", 8 if order.seller_gstin else 10)
    widths = (40, 14, 9, 18, 17, 22, 12, 18, 18) if order.tax_kind == tax.INTRA else (48, 16, 10, 20, 18, 24, 14, 22)
    if not order.seller_gstin:
        widths = (100, 20, 30, 40)
    align = ["LEFT"] + ["RIGHT"] * (len(head) - 1)
    with pdf.table(col_widths=widths, text_align=align, headings_style=FontFace(emphasis="BOLD")) as table:
        table.row(head)
        for row in rows:
            table.row(row)
    pdf.ln(3)


def _totals(order) -> list[tuple[str, str]]:
    out = [(_("Subtotal"), _money(order.subtotal))]
    if order.discount:
        out.append((_("Discount (%(code)s)") % {"code": order.coupon_code}, "-" + _money(order.discount)))
    if order.seller_gstin:
        lines = _taxed_lines(order)
        out.append((_("Taxable value"), _money(sum((i.taxable_value or ZERO for i in lines), ZERO))))
        if order.tax_kind == tax.INTRA:
            out.append((_("CGST"), _money(sum((i.cgst or ZERO for i in lines), ZERO))))
            out.append((_("SGST"), _money(sum((i.sgst or ZERO for i in lines), ZERO))))
        else:
            out.append((_("IGST"), _money(sum((i.igst or ZERO for i in lines), ZERO))))
        out.append((_("Total GST"), _money(order.tax_total)))
    out.append((_("Delivery"), _money(order.delivery_fee)))
    out.append((_("Total"), _money(order.total_amount)))
    return out


def _footer(pdf: FPDF, order) -> None:
    for label, value in _totals(order):
        bold = label == _("Total")
        pdf.set_font("Noto", "B" if bold else "", 11 if bold else 10)
        pdf.cell(140, 6, label, align="R")
        pdf.cell(0, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Noto", "", 9)
    if order.seller_gstin:
        basis = _("Prices include GST.") if order.prices_include_tax else _("GST is added to the prices.")
        pdf.multi_cell(0, 5, basis)
    else:
        pdf.multi_cell(0, 5, _("The seller is not registered for GST: no tax is charged on this bill."))


def render(order, store_name: str) -> bytes:
    """The PDF of ``order``'s invoice (the order must be numbered: see ``invoices.ensure_number``)."""
    pdf = _pdf(order, store_name)
    pdf.set_title(f"{invoices.title(order)} {invoices.number_label(order)}")
    _header(pdf, order, store_name)
    _lines(pdf, order)
    _footer(pdf, order)
    return pdf_text.output(pdf)
