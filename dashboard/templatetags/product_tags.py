"""``{% load product_tags %}{% low_stock_summary store as low %}`` for the low-stock widget
(templates/owner/products/_low_stock_widget.html): active products only (hidden starter products are
not "out of stock"), one bounded Query, never a Scan."""

from django import template

from webdpro.products import selectors
from webdpro.products.low_stock import low_stock_rows

register = template.Library()
WIDGET_ITEMS = 5
WIDGET_READ = 300


@register.simple_tag
def low_stock_summary(store):
    if not store:
        return {"items": [], "more": False}
    # Whole products (a low variant's line reads the variant's forecast); one Query over the newest
    # WIDGET_READ products, so the dashboard home stays within its call budget ("see all" reads on).
    page = selectors.list_products(
        store.store_id,
        selectors.ProductFilter(low_stock=True, active=True),
        page_size=WIDGET_ITEMS,
        attributes=None,
        max_calls=1,
        filtered_batch=WIDGET_READ,
    )
    rows = low_stock_rows(page.items)  # a product with variants gives one line per low variant
    return {"items": rows[:WIDGET_ITEMS], "more": bool(page.next_cursor) or len(rows) > WIDGET_ITEMS}


@register.simple_tag(takes_context=True)
def product_rows(context, products):
    """``{% product_rows page.items %}`` (or one product): the products list's rows with the context's
    ``row_error``, printed by the view's ``product_rows`` (dashboard/views/owner/product_rows.py)."""
    items = products if isinstance(products, (list, tuple)) else [products]
    return context["product_rows"].rows(items, row_error=context.get("row_error"))
