"""Order labels for templates: ``{{ order.status|status_label }}``, ``{{ order.payment_status|payment_label }}``
(the words live in webdpro/labels.py; ``{% load labels %}`` and ``|label:"…"`` cover every vocabulary)."""

from django import template
from django.utils.safestring import SafeString

from webdpro.labels import label

register = template.Library()


@register.filter
def status_label(value):
    return label("order_status", value)


@register.filter
def payment_label(value):
    return label("order_payment_status", value)


@register.filter
def slot(iso_value):
    """An order's schedule slot or acceptance deadline for people: '7 am tomorrow' (IST)."""
    from webdpro.stores.hours import slot_label

    try:
        return slot_label(iso_value) if iso_value else ""
    except ValueError:
        return ""


@register.simple_tag(takes_context=True)
def desk_rows(context):
    """``{% desk_rows %}``: the order desk's ``rows`` with the context's flags (oob, just_changed, is_new,
    row_error, multi_store), printed by the view's ``desk_rows`` (dashboard/views/owner/desk_rows.py)."""
    return context["desk_rows"].rows(
        context["rows"],
        multi_store=context.get("multi_store"),
        oob=context.get("oob"),
        just_changed=context.get("just_changed"),
        is_new=context.get("is_new"),
        row_error=context.get("row_error"),
    )


@register.simple_tag(takes_context=True)
def order_page(context):
    """``{% order_page %}``: the order page's content, printed by the view's ``order_page``
    (dashboard/views/owner/order_page.py) with the request's CSRF token."""
    return SafeString(context["order_page"].content(context.get("csrf_token")))


@register.simple_tag(takes_context=True)
def order_status_panel(context):
    """``{% order_status_panel %}``: the order page's status panel (also the answer to a status action)."""
    return SafeString(context["order_page"].status_panel(context.get("csrf_token")))
