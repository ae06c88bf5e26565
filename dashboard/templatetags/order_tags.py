"""Order labels for templates: ``{{ order.status|status_label }}``, ``{{ order.payment_status|payment_label }}``."""

from django import template

from webdpro.orders.workflow import LABELS

register = template.Library()

PAYMENT_LABELS = {
    "PENDING": "Unpaid",
    "PAID": "Paid",
    "FAILED": "Payment failed",
    "COD_PENDING": "Cash due",
    "REFUNDED": "Refunded",
}


@register.filter
def status_label(value):
    return LABELS.get(value, (value or "").replace("_", " ").capitalize())


@register.filter
def payment_label(value):
    return PAYMENT_LABELS.get(value, (value or "").replace("_", " ").capitalize())


@register.filter
def slot(iso_value):
    """An order's schedule slot or acceptance deadline for people: '7 am tomorrow' (IST)."""
    from webdpro.stores.hours import slot_label

    try:
        return slot_label(iso_value) if iso_value else ""
    except ValueError:
        return ""
