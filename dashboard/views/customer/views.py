"""A signed-in customer's own pages: their orders across every WebDPro store."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.auth import purchases_required
from dashboard.forms import valid_data
from dashboard.views.customer.forms import OrdersPageForm
from webdpro.errors import DomainError
from webdpro.labels import label
from webdpro.orders.customer_orders import customer_orders


def _items(items) -> str:
    """ "Dal × 2, Rice × 1" — the first four, then "and N more"."""
    shown = ", ".join(f"{item.name} × {item.quantity}" for item in items[:4])
    more = len(items) - 4
    if more <= 0:
        return shown
    return shown + " " + ngettext("and %(n)s more", "and %(n)s more", more) % {"n": more}


@purchases_required
def orders(request):
    try:
        cursor = valid_data(OrdersPageForm(request.GET))["after"]
        page = customer_orders(request.user.phone, cursor=cursor)
    except DomainError as exc:
        return render(
            request,
            "customer/orders.html",
            {"rows": [], "error": exc.message, "first_page": True},
            status=exc.status_code,
        )
    rows = []
    for order in page.orders:
        store = page.stores.get(order.store_id)
        live = page.open_store(order)
        rows.append(
            {
                "order": order,
                "status_label": label("customer_order_status", order.status),
                "store_name": (store.name if store and store.name else _("A WebDPro store")),
                "store_url": reverse("storefront:home", kwargs={"slug": live.slug}) if live else "",
                "track_url": reverse("storefront:track_order", kwargs={"slug": live.slug, "order_id": order.order_id})
                if live
                else "",
                "items": _items(order.items),
            }
        )
    context = {"rows": rows, "next_cursor": page.next_cursor, "first_page": cursor is None}
    template = "customer/orders.html#order_list" if request.htmx else "customer/orders.html"
    return render(request, template, context)
