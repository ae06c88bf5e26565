"""The invoice PDF response, shared by the owner's order desk and the customer's tracking page."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation

from webdpro.orders import invoices


def invoice_response(order, store_name: str, language: str | None = None) -> HttpResponse:
    """The order's invoice as a PDF download (numbered first if it is not yet)."""
    from webdpro.orders import invoice_pdf

    invoices.ensure_number(order)
    with translation.override(language or translation.get_language()):
        body = invoice_pdf.render(order, store_name)
    name = invoices.number_label(order).replace("/", "-") or order.order_id
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
