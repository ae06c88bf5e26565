"""Owner views: the order desk, order detail, status actions (one or many), CSV export, packing slip.

Views stay thin: parse the filters, authorise (every order is read for ``request.tenant``), call
``webdpro.orders.selectors`` / ``webdpro.orders.actions``, render. HTMX requests get partials of the
same templates (``page.html#partial``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.forms import ChoiceOf, CursorField, TextOf, valid_data
from dashboard.views.common import safe_next
from dashboard.views.owner.common import nav_stores, owner_order, tenant_stores
from dashboard.views.owner.desk_rows import DeskRows
from dashboard.views.owner.order_page import OrderPage
from dashboard.views.owner.range_forms import date_field
from webdpro import clock
from webdpro.errors import DomainError, ValidationFailed
from webdpro.ids import short
from webdpro.money import format_inr
from webdpro.orders import actions, detail, export, invoices, selectors
from webdpro.orders.statuses import (
    PAYMENT_METHODS,
    STATUSES,
    OrderPaymentStatus,
    OrderStatus,
    PaymentMethod,
)
from webdpro.orders.tax import INTRA
from webdpro.orders.timeline import owner_timeline
from webdpro.orders.workflow import LABELS

POLL_SECONDS = 15


# --- helpers --------------------------------------------------------------------------------------


class DeskFilterForm(forms.Form):
    """The order desk's filters (query string): a status and a method from their TextChoices, dates; the
    store is checked against the tenant's stores by the view. ``cursor``: the signed page of a "More" link
    (the desk selector checks it belongs to these filters)."""

    store = TextOf(concept=gettext_lazy("store"), max_length=40, required=False)
    status = ChoiceOf(concept=gettext_lazy("order status"), choices=OrderStatus.choices, required=False)
    method = ChoiceOf(concept=gettext_lazy("payment method"), choices=PaymentMethod.choices, required=False)
    q = forms.CharField(required=False)
    size = forms.CharField(required=False)
    cursor = CursorField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("from", "to"):  # Python keywords: declared here
            self.fields[name] = date_field(name)

    def clean_q(self):
        return self.cleaned_data["q"][:40]

    def clean_size(self):
        try:
            return int(self.cleaned_data["size"] or selectors.DEFAULT_PAGE_SIZE)
        except ValueError:
            return selectors.DEFAULT_PAGE_SIZE  # a hand-edited size falls back to the default

    def desk_filters(self) -> selectors.DeskFilters:
        """The filters, or ValidationFailed naming the first bad field."""
        data = valid_data(self)
        return selectors.DeskFilters(
            store_id=data["store"] or None,
            status=data["status"] or None,
            method=data["method"] or None,
            date_from=data["from"],
            date_to=data["to"],
            q=data["q"],
            page_size=data["size"],
        )


SINCE = gettext_lazy("Give the time of the newest order seen, like 2026-12-01T10:00:00Z.")


class SinceForm(forms.Form):
    """A poll's ``since``: the time of the newest order the page shows, as the page was given it."""

    since = forms.CharField(
        max_length=40, error_messages={"required": SINCE, "max_length": SINCE, "null_characters_not_allowed": SINCE}
    )

    def clean_since(self):
        value = self.cleaned_data["since"]
        try:
            clock.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(SINCE, code="invalid") from exc
        return value


class DeskPollForm(DeskFilterForm, SinceForm):
    """The desk's poll for new orders: the desk's filters and ``since``."""


def _filters(request, form: DeskFilterForm | None = None) -> selectors.DeskFilters:
    """Desk filters from the query string (through ``form``, by default a DeskFilterForm of it). A store id
    must be one of the tenant's stores."""
    filters = (form or DeskFilterForm(request.GET)).desk_filters()
    if filters.store_id and filters.store_id not in {s.store_id for s in nav_stores(request)}:
        raise Http404("Store not found")
    return filters


def _filter_query(filters: selectors.DeskFilters, **extra) -> str:
    params = {
        "store": filters.store_id or "",
        "status": filters.status or "",
        "method": filters.method or "",
        "from": filters.date_from.isoformat() if filters.date_from else "",
        "to": filters.date_to.isoformat() if filters.date_to else "",
        "q": filters.q,
        "size": filters.page_size if filters.page_size != selectors.DEFAULT_PAGE_SIZE else "",
    }
    params.update(extra)
    return urlencode({k: v for k, v in params.items() if v})


def _store_names(request) -> dict:
    return {s.store_id: (s.name or _("Untitled store")) for s in nav_stores(request)}


# The desk rows' switches, always in the context: the row template tests them on every row.
ROW_FLAGS = {"oob": False, "just_changed": False, "is_new": False, "row_error": None}


def _base_context(request, filters):
    return {
        **ROW_FLAGS,
        **row_context(request),
        "filters": filters,
        "stores": nav_stores(request),
        "store_names": _store_names(request),
        "STATUSES": [(s, LABELS[s]) for s in STATUSES],
        "METHODS": PAYMENT_METHODS,
        "BULK_ACTIONS": [(k, v[2]) for k, v in actions.ACTIONS.items()],
        "PAGE_SIZES": selectors.PAGE_SIZES,
        "poll_seconds": POLL_SECONDS,
        "filter_query": _filter_query(filters),
        "filters_key": _filter_query(filters, q="1" if filters.q else ""),  # the desk's cached filters
        "multi_store": len(nav_stores(request)) > 1,
        "desk_tools_key": "|".join(f"{s.store_id}={s.name}" for s in nav_stores(request)),
    }


def row_context(request) -> dict:
    """What the partial ``rows`` needs besides the rows and their flags: the request's row printer."""
    return {"desk_rows": DeskRows(request, _store_names(request))}


# --- the desk -------------------------------------------------------------------------------------


@owner_required
@require_GET
def order_list(request):
    tenant_id = request.tenant.tenant_id
    error, form = None, DeskFilterForm(request.GET)
    try:
        filters = _filters(request, form)
    except ValidationFailed as exc:
        filters, error = selectors.DeskFilters(), exc
    cursor = form.cleaned_data.get("cursor")
    page = selectors.DeskPage()
    if error is None:
        try:
            page = selectors.desk_page(tenant_id, filters, cursor)
        except ValidationFailed as exc:
            error = exc
    context = {
        **_base_context(request, filters),
        "page": page,
        "error": error,
        "is_first_page": not cursor,
        "newest": page.orders[0].created_at if page.orders else clock.now_iso(),
        "next_url": (reverse("owner:orders") + "?" + _filter_query(filters, cursor=page.next_cursor))
        if page.next_cursor
        else None,
    }
    status = error.status_code if error else 200
    template = (
        "owner/orders/list.html#results"
        if request.htmx and request.htmx.target == "desk-results"
        else "owner/orders/list.html"
    )
    return render(request, template, context, status=status)


@owner_required
@require_GET
def order_poll(request):
    """Orders newer than the newest one on screen (HTMX polling, one Query)."""
    form = DeskPollForm(request.GET)
    try:
        filters = _filters(request, form)
    except ValidationFailed as exc:
        return HttpResponseBadRequest(exc.message)
    since = form.cleaned_data["since"]
    if filters.q:
        orders = []
    else:
        orders = selectors.newer_orders(request.tenant.tenant_id, filters, since)
    response = render(
        request, "owner/orders/list.html#new_rows", {**_base_context(request, filters), "new_orders": orders}
    )
    if orders:
        trigger_client_event(response, "orders:new", len(orders))
    return response


@owner_required
@require_GET
def order_alerts(request):
    """Polled by every owner page (static/js/owner-alerts.js): orders awaiting acceptance and new orders
    since ``since`` (two small Queries), as JSON for the in-page alert, its sound and notification."""
    try:
        since = valid_data(SinceForm(request.GET))["since"]
    except ValidationFailed as exc:
        return JsonResponse({"error": exc.message, "field": exc.field}, status=400)
    tenant_id = request.tenant.tenant_id
    rows = selectors.new_order_alerts(tenant_id, since)
    return JsonResponse(
        {
            "awaiting": selectors.awaiting_count(tenant_id),
            "latest": rows[0]["created_at"] if rows else since,
            "orders": [
                {
                    "ref": "#" + short(row["order_id"]),
                    "url": reverse("owner:order_detail", kwargs={"order_id": row["order_id"]}),
                    "text": _alert_text(row),
                }
                for row in rows
            ],
        }
    )


def _alert_text(row) -> str:
    text = _("New order #%(ref)s · %(total)s · %(name)s") % {
        "ref": short(row["order_id"]),
        "total": format_inr(row["total_amount"]),
        "name": row["customer_name"][:40],
    }
    if row["pickup"]:
        text += " · " + _("Pickup")
    if row["status"] == OrderStatus.PLACED:
        text += " · " + _("waiting for you to accept")
    return text


@owner_required
@require_GET
def order_export(request):
    """The filtered list as CSV, streamed a Query page at a time (webdpro/orders/export.py)."""
    try:
        filters = _filters(request)
        found = export.found_by_search(request.tenant.tenant_id, filters) if filters.q.strip() else None
    except ValidationFailed as exc:
        messages.error(request, exc.message)
        return redirect("owner:orders")
    chunks = export.csv_chunks(request.tenant.tenant_id, filters, _store_names(request), found)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    stamp = clock.local().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.csv"'
    return response


# --- actions --------------------------------------------------------------------------------------


ACTION_CHOICES = [(name, name) for name in actions.ACTIONS]


class OrderActionForm(forms.Form):
    """A status action on one order (the desk row or the detail page): the action, a reason for a cancel or
    a reject, the pickup code for a handover. htmx's prompt answer stands in for an empty reason or code."""

    action = ChoiceOf(concept=gettext_lazy("order action"), choices=ACTION_CHOICES)
    reason = TextOf(concept=gettext_lazy("reason"), max_length=300, required=False)
    code = TextOf(concept=gettext_lazy("pickup code"), max_length=12, required=False)
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = ChoiceOf(  # a Python keyword: declared here
            concept=gettext_lazy("page"), choices=[("row", "row"), ("detail", "detail")], required=False
        )

    def perform(self, request, order):
        data = valid_data(self)
        prompt = (request.htmx.prompt if request.htmx else None) or ""
        reason = (data["reason"] or prompt).strip()[:300]
        code = (data["code"] or prompt)[:12] if data["action"] == "handover" else None
        return actions.perform(data["action"], order, by=request.user.user_id, reason=reason, code=code)


@owner_required
@require_POST
def order_action(request, order_id):
    """One status action on one order. HTMX: the desk row or the detail panel comes back in place. A bad
    field is a 400 naming it (in place for HTMX) and writes nothing."""
    order = owner_order(request, order_id)
    form = OrderActionForm(request.POST)
    error = None
    try:
        form.perform(request, order)
    except DomainError as exc:  # RefundFailed too: the cancellation stands, the message says what is left
        if form.errors and not request.htmx:
            raise
        error = exc
        order = owner_order(request, order_id)
    where = form.cleaned_data.get("from") or "row"
    if not request.htmx:
        if error:
            messages.error(request, error.message)
        else:
            outcome = {"ref": short(order.order_id), "status": LABELS[order.status]}
            messages.success(request, _("Order #%(ref)s: %(status)s.") % outcome)
        default = reverse("owner:order_detail", kwargs={"order_id": order_id})
        return redirect(safe_next(request, form.cleaned_data["next"], default))
    status = _action_status(form, error)
    if where == "detail":
        return render(
            request,
            "owner/orders/detail.html#status_panel",
            _detail_context(request, order, error=error),
            status=status,
        )
    return render(
        request,
        "owner/orders/list.html#rows",
        {
            **ROW_FLAGS,
            **row_context(request),
            "rows": [order],
            "row_error": error,
            "just_changed": error is None,
            "multi_store": len(nav_stores(request)) > 1,
        },
        status=status,
    )


def _action_status(form, error) -> int:
    if form.errors:
        return 400
    return 409 if error and not isinstance(error, actions.RefundFailed) else 200


def _bulk_summary(done: int, failed: int) -> str:
    updated = ngettext("%(n)s updated", "%(n)s updated", done) % {"n": done}
    unchanged = ngettext("%(n)s not changed", "%(n)s not changed", failed) % {"n": failed}
    return f"{updated}, {unchanged}."


class BulkActionForm(forms.Form):
    """One action on the selected orders (the actions service checks the selection's size)."""

    action = ChoiceOf(concept=gettext_lazy("action for the selected orders"), choices=ACTION_CHOICES)
    order_ids = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    reason = TextOf(concept=gettext_lazy("reason"), max_length=300, required=False)

    def perform(self, request):
        data = valid_data(self)
        ids = list(data["order_ids"] or [])
        actions.check_bulk(data["action"], ids)
        orders = selectors.batch_orders_for_tenant(request.tenant.tenant_id, ids)
        prompt = (request.htmx.prompt if request.htmx else None) or ""
        reason = (data["reason"] or prompt).strip()[:300]
        return actions.perform_bulk(data["action"], orders, ids, by=request.user.user_id, reason=reason)


@owner_required
@require_POST
def order_bulk(request):
    """One action on the selected orders; each is its own conditional write. Reports per order."""
    form = BulkActionForm(request.POST)
    error = None
    try:
        result = form.perform(request)
    except ValidationFailed as exc:
        if form.errors and not request.htmx:
            raise
        result, error = actions.BulkOutcome(), exc.message
    name = form.cleaned_data.get("action", "")
    changed = result.changed
    context = {
        **_base_context(request, selectors.DeskFilters()),
        "outcomes": result.outcomes,
        "bulk_error": error,
        "changed": changed,
        "done": result.done,
        "failed": result.failed,
        "action_label": actions.ACTIONS.get(name, (0, 0, ""))[2],
    }
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.info(request, _bulk_summary(result.done, result.failed))
        return redirect("owner:orders")
    return render(request, "owner/orders/list.html#bulk_result", context, status=400 if error else 200)


# --- detail and slip ------------------------------------------------------------------------------


def _payment_flags(order) -> dict:
    """What the order page and slip say about cancelling and paying, as yes/no answers (no codes in templates)."""
    paid = order.payment_status == OrderPaymentStatus.PAID
    return {
        "out_for_delivery": order.status == OrderStatus.OUT_FOR_DELIVERY,
        "paid_online": paid,
        "collect_cash": order.payment_method == PaymentMethod.COD and not paid,
        "intra_state_tax": order.tax_kind == INTRA,
    }


OWN_FORM = ("reject", "handover", "cancel")  # actions with a form of their own on the order page


def _detail_context(request, order, **extra):
    me = {request.user.user_id: request.user.name or request.user.phone}
    timeline = owner_timeline(order, detail.people_names(request.tenant.tenant_id, order, known=me))
    payments = detail.order_payments(order)
    available = actions.available_actions(order)
    context = {
        "order": order,
        "status_label": LABELS.get(order.status, order.status),
        "payments": payments,
        "store_name": next(
            (s.name or _("Untitled store") for s in nav_stores(request) if s.store_id == order.store_id), ""
        ),
        "timeline": timeline,
        "order_actions": available,
        # the status panel's one-click buttons (reject, hand over and cancel have their own forms)
        "primary_actions": [(name, actions.ACTIONS[name][2]) for name in available if name not in OWN_FORM],
        "ref": short(order.order_id),
        "item_count": sum(i.quantity for i in (order.items or [])),
        "invoice_ready": invoices.is_sale(order),
        **_payment_flags(order),
        **extra,
    }
    context["order_page"] = OrderPage(context)  # prints the page and its status panel (detail.html)
    return context


@owner_required
@require_GET
def order_detail(request, order_id):
    order = selectors.order_to_show(request.tenant.tenant_id, order_id)  # read-only: a row, not a model
    if order is None:
        raise Http404("Order not found")
    return render(request, "owner/orders/detail.html", _detail_context(request, order))


@owner_required
@require_GET
def order_slip(request, order_id):
    order = owner_order(request, order_id)
    store = next((s for s in tenant_stores(request) if s.store_id == order.store_id), None)  # whole: its address
    return render(request, "owner/orders/slip.html", {**_detail_context(request, order), "store": store})


urlpatterns = [
    path("orders/", order_list, name="orders"),
    path("orders/new/", order_poll, name="orders_new"),
    path("orders/alerts/", order_alerts, name="order_alerts"),
    path("orders/export.csv", order_export, name="orders_export"),
    path("orders/bulk/", order_bulk, name="orders_bulk"),
    path("orders/<ulid:order_id>/", order_detail, name="order_detail"),
    path("orders/<ulid:order_id>/action/", order_action, name="order_action"),
    path("orders/<ulid:order_id>/slip/", order_slip, name="order_slip"),
]
