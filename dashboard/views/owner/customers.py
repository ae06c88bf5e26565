"""Owner views: a store's customers — list and search (phone or name), one customer's orders, CSV export."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from dashboard.auth import owner_required
from dashboard.forms import CursorField, valid_data
from dashboard.views.owner.common import owner_store
from webdpro.customers import export, selectors
from webdpro.errors import NotFound, ValidationFailed

LIST = "owner/customers/list.html"
MAX_SEARCH = 60


class CustomerSearchForm(forms.Form):
    """The customer list's search (a mobile number or a name prefix: spaces collapsed, the first 60
    characters kept) and the signed cursor of its "More" link."""

    q = forms.CharField(
        required=False,
        strip=False,
        error_messages={"null_characters_not_allowed": gettext_lazy("Search by a mobile number or a name.")},
    )
    cursor = CursorField()

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())[:MAX_SEARCH]


@owner_required
@require_GET
def customer_list(request, store_id):
    """The store's customers, newest first or matching the search. A bad search or page link is a 400
    with the message above the list (and no list)."""
    store = owner_store(request, store_id)
    form = CustomerSearchForm(request.GET)
    page, error = selectors.Page(), None
    try:
        data = valid_data(form)
        page = selectors.search(store.store_id, data["q"], data["cursor"])
    except ValidationFailed as exc:
        error = exc
    q = form.cleaned_data.get("q", "")
    next_url = "?" + urlencode({"q": q, "cursor": page.next_cursor} if q else {"cursor": page.next_cursor})
    context = {
        "store": store,
        "q": q,
        "customers": page.items,
        "next_url": next_url if page.next_cursor else None,
        "error": error,
        "active_nav": "owner:customers",
    }
    status = 400 if error else 200
    return render(request, LIST + "#results" if request.htmx else LIST, context, status=status)


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
