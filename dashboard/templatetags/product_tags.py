"""``{% load product_tags %}``: the products list's rows."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def product_rows(context, products):
    """``{% product_rows page.items %}`` (or one product): the products list's rows with the context's
    ``row_error`` and CSRF token, printed by the view's ``product_rows`` (dashboard/views/owner/product_rows.py)."""
    items = products if isinstance(products, (list, tuple)) else [products]
    return context["product_rows"].rows(items, row_error=context.get("row_error"), csrf_token=context.get("csrf_token"))
