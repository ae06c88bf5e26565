"""Order labels for templates: ``{{ order.status|status_label }}``, ``{{ order.payment_status|payment_label }}``
(the words live in webdpro/labels.py; ``{% load labels %}`` and ``|label:"…"`` cover every vocabulary)."""

from django import template

from webdpro.labels import label

register = template.Library()


@register.filter
def status_label(value):
    return label("order_status", value)


@register.filter
def payment_label(value):
    return label("order_payment_status", value)
