"""Owner views: a store's customers — list and search (phone or name), one customer's orders, CSV export."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from dashboard.auth import owner_required
from dashboard.views.owner.common import owner_store
from webdpro.customers import export, selectors
from webdpro.errors import NotFound, ValidationFailed

LIST = "owner/customers/list.html"


@owner_required
@require_GET
def customer_list(request, store_id):
    store = owner_store(request, store_id)
    q = " ".join((request.GET.get("q") or "").split())[:60]
    try:
        page = selectors.search(store.store_id, q, request.GET.get("cursor"))
    except ValidationFailed as exc:
        messages.warning(request, exc.message)
        return redirect(reverse("owner:customers", kwargs={"store_id": store.store_id}))
    next_url = "?" + urlencode({k: v for k, v in {"q": q, "cursor": page.next_cursor}.items() if v})
    context = {
        "store": store,
        "q": q,
        "customers": page.items,
        "next_url": next_url if page.next_cursor else None,
        "active_nav": "owner:customers",
    }
    if request.htmx:
        return render(request, LIST + "#results", context)
    return render(request, LIST, context)


@owner_required
@require_GET
def customer_detail(request, store_id, phone):
    store = owner_store(request, store_id)
    try:
        customer = selectors.get_customer(store.store_id, phone)
    except NotFound as exc:
        raise Http404("no customer") from exc
    orders = selectors.customer_orders(store.store_id, phone)
    context = {"store": store, "customer": customer, "orders": orders, "active_nav": "owner:customers"}
    return render(request, "owner/customers/detail.html", context)


@owner_required
@require_GET
def customer_export(request, store_id):
    store = owner_store(request, store_id)
    response = StreamingHttpResponse(export.rows(store.store_id), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="customers-{store.slug or store.store_id}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("stores/<ulid:store_id>/customers/", customer_list, name="customers"),
    path("stores/<ulid:store_id>/customers/export.csv", customer_export, name="customers_export"),
    path("stores/<ulid:store_id>/customers/<phone:phone>/", customer_detail, name="customer_detail"),
]
