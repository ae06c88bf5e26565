"""Owner views: products, stock, low-stock alerts, CSV import/export and the stock prediction.

Thin views: parse, authorise (``owner_store`` → 404 for another tenant's store; products are read by
(store_id, product_id) so another store's product is a 404 too), call webdpro.products, render.
HTMX requests get the partial of the same template (``page.html#partial``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.forms import RupeesField, valid_data
from dashboard.views.common import run_action
from dashboard.views.owner.common import owner_store
from webdpro.errors import DomainError, NotFound, ValidationFailed
from webdpro.gst.services import RATES as GST_RATES
from webdpro.products import csvio, images, prediction, selectors, services
from webdpro.products.low_stock import low_stock_rows
from webdpro.products.selectors import PAGE_SIZES, ProductFilter
from webdpro.products.services import CORRECTION, DAMAGED, RECEIVED
from webdpro.products.variants import editor_rows as variant_editor

LIST = "owner/products/list.html"


# --- Forms -----------------------------------------------------------------------------------------
def _domain_check(fn, value):
    try:
        return fn(value)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from exc


class ProductForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    price = RupeesField(
        label=gettext_lazy("Price (₹)"),
        help_text=gettext_lazy("Exact rupees, e.g. 1299 or 1,299.50"),
        concept=gettext_lazy("price"),
        maximum=services.MAX_PRICE,
        positive=True,
    )
    category = forms.CharField(
        label=gettext_lazy("Category"),
        required=False,
        max_length=60,
        help_text=gettext_lazy("Pick one of your store's categories or type a new one."),
        widget=forms.TextInput(attrs={"list": "category-options", "autocomplete": "off"}),
    )
    stock_quantity = forms.IntegerField(
        label=gettext_lazy("Stock (units)"), min_value=0, max_value=services.MAX_STOCK, initial=0
    )
    stock_seen = forms.IntegerField(required=False, widget=forms.HiddenInput)
    low_stock_threshold = forms.IntegerField(
        label=gettext_lazy("Low-stock alert at"),
        min_value=0,
        max_value=services.MAX_STOCK,
        initial=5,
        help_text=gettext_lazy("Alert when stock is at or below this number."),
    )
    is_active = forms.BooleanField(label=gettext_lazy("Show on the storefront"), required=False, initial=True)

    def clean_name(self):
        return _domain_check(services.clean_name, self.cleaned_data["name"])


class InlineForm(forms.Form):
    """One field of a product row edited in place: its price, its stock (over the number the owner saw) or
    whether it is shown."""

    field = forms.ChoiceField(
        choices=[("price", "price"), ("stock", "stock"), ("active", "active")],
        error_messages={
            "required": gettext_lazy("Nothing to change."),
            "invalid_choice": gettext_lazy("Nothing to change."),
        },
    )
    price = RupeesField(concept=gettext_lazy("price"), maximum=services.MAX_PRICE, positive=True, required=False)
    stock_quantity = forms.CharField(required=False, max_length=20)
    stock_seen = forms.CharField(required=False, max_length=20)
    is_active = forms.BooleanField(required=False)

    def save(self, store, product, by):
        """The change, through the products service (ValidationFailed naming a bad field)."""
        data = valid_data(self)
        if data["field"] == "price":
            return services.set_price(store.store_id, product.product_id, data["price"])
        if data["field"] == "stock":
            seen = data["stock_seen"] if "stock_seen" in self.data else product.stock_quantity
            return services.set_stock(store, product.product_id, data["stock_quantity"], seen, by=by)
        return services.set_active(store.store_id, product.product_id, data["is_active"])


class BulkForm(forms.Form):
    """Products ticked in the list, to show or hide together."""

    action = forms.ChoiceField(
        choices=[("activate", "activate"), ("deactivate", "deactivate")],
        error_messages={
            "required": gettext_lazy("Choose activate or deactivate."),
            "invalid_choice": gettext_lazy("Choose activate or deactivate."),
        },
    )
    ids = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    back = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].valid_value = lambda value: len(value) <= 40  # ids are checked by the service

    def back_url(self, store) -> str:
        back = reverse("owner:products", kwargs={"store_id": store.store_id})
        query = self.data.get("back", "")[:2000]
        return back + ("?" + query if query else "")


class AdjustForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What happened"), choices=[(k, v) for k, v in services.ADJUSTMENT_KINDS.items()]
    )
    quantity = forms.IntegerField(
        label=gettext_lazy("Units"), help_text=gettext_lazy("For a correction, use a minus sign for fewer (e.g. −2).")
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=200,
        help_text=gettext_lazy("E.g. supplier bill no., “crate dropped”, stock count."),
    )


# --- Helpers ---------------------------------------------------------------------------------------
def _product(store, product_id):
    try:
        return selectors.get_product(store.store_id, product_id)
    except NotFound as exc:
        raise Http404("Product not found") from exc


def _filter_from(request) -> ProductFilter:
    active = request.GET.get("active", "")
    return ProductFilter(
        category=(request.GET.get("category") or "").strip() or None,
        active=True if active == "yes" else False if active == "no" else None,
        low_stock=request.GET.get("low") == "1",
        q=(request.GET.get("q") or "").strip()[:60],
    )


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("size", selectors.DEFAULT_PAGE_SIZE))
    except ValueError:
        size = selectors.DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else selectors.DEFAULT_PAGE_SIZE


def _query(request, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if k in ("q", "category", "active", "low", "size") and v}
    params.update({k: v for k, v in changes.items() if v})
    for k, v in changes.items():
        if not v:
            params.pop(k, None)
    return urlencode(params)


def _status_of(error: DomainError) -> int:
    return 422 if isinstance(error, ValidationFailed) else error.status_code


# --- List ------------------------------------------------------------------------------------------
@owner_required
@require_GET
def product_list(request, store_id):
    store = owner_store(request, store_id)
    flt = _filter_from(request)
    size = _page_size(request)
    try:
        page = selectors.list_products(store.store_id, flt, cursor=request.GET.get("cursor"), page_size=size)
        _with_links(store, page.items)
    except ValidationFailed as exc:
        messages.warning(request, exc.message)
        return redirect(
            reverse("owner:products", kwargs={"store_id": store.store_id}) + "?" + _query(request, cursor=None)
        )
    context = {
        "store": store,
        "page": page,
        "flt": flt,
        "size": size,
        "page_sizes": PAGE_SIZES,
        "categories": sorted(
            set(selectors.store_categories(store)) | {p.category for p in page.items if p.category}, key=str.casefold
        ),
        "next_url": ("?" + _query(request, cursor=page.next_cursor)) if page.next_cursor else None,
        "first_url": ("?" + _query(request, cursor=None)) if request.GET.get("cursor") else None,
        "this_query": _query(request),
        "active_nav": "owner:products",
        "row_error": None,  # tested on every row
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, LIST + "#results", context)
    return render(request, LIST, context)


ID_SLOT = "0" * 26  # a well-formed id, replaced by each row's own


def _with_links(store, products):
    """Each row's links, from one reverse per kind per request (not three per row)."""
    kinds = {
        "detail_url": "owner:product_detail",
        "inline_url": "owner:product_inline",
        "edit_url": "owner:product_edit",
    }
    slots = {
        attr: reverse(name, kwargs={"store_id": store.store_id, "product_id": ID_SLOT}).replace(ID_SLOT, "{}")
        for attr, name in kinds.items()
    }
    for product in products:
        for attr, template in slots.items():
            setattr(product, attr, template.format(product.product_id))
    return products


def _row_response(request, store, product, error=None, status=200):
    context = {"store": store, "product": _with_links(store, [product])[0], "row_error": error}
    return render(request, LIST + "#row", context, status=status)


@owner_required
@require_POST
def product_inline(request, store_id, product_id):
    """HTMX inline edit of one field of a row: price, stock (a conditional correction) or active."""
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    form = InlineForm(request.POST)

    def respond(saved, error, status):
        if isinstance(error, NotFound):
            raise Http404(error.message)
        if error is not None:
            status = _status_of(error)
            if not request.htmx:
                return render(request, "errors/domain.html", {"error": error}, status=status)
            fresh = selectors.get_product(store.store_id, product.product_id)
            return _row_response(request, store, fresh, error=error.message, status=status)
        if not request.htmx:
            messages.success(request, _("Saved %(name)s.") % {"name": saved.name})
            return redirect("owner:products", store_id=store.store_id)
        return _row_response(request, store, saved)

    return run_action(request, lambda: form.save(store, product, request.user), respond)


@owner_required
@require_POST
def product_bulk(request, store_id):
    store = owner_store(request, store_id)
    form = BulkForm(request.POST)
    back = form.back_url(store)

    def respond(count, error, _status):
        if error is not None:
            messages.error(request, error.message)
            return redirect(back)
        if form.cleaned_data["action"] == "activate":
            text = ngettext("Activated %(n)s product.", "Activated %(n)s products.", count)
        else:
            text = ngettext("Deactivated %(n)s product.", "Deactivated %(n)s products.", count)
        messages.success(request, text % {"n": count})
        return redirect(back)

    def act():
        data = valid_data(form)
        return services.bulk_set_active(store, data["ids"], data["action"] == "activate")

    return run_action(request, act, respond)


# --- Create / edit ---------------------------------------------------------------------------------
def _form_page(request, store, form, product=None, status=200):
    return render(
        request,
        "owner/products/form.html",
        {
            "store": store,
            "form": form,
            "product": product,
            "categories": selectors.store_categories(store),
            "image_urls": [(name, images.image_url(name)) for name in (product.images or [])] if product else [],
            "max_images": images.MAX_IMAGES,
        },
        status=status,
    )


def _save_uploads(request, store, form, keep: list[str]) -> list[str] | None:
    uploads = request.FILES.getlist("images")
    if len(keep) + len(uploads) > images.MAX_IMAGES:
        form.add_error(None, f"At most {images.MAX_IMAGES} photos per product.")
        return None
    saved = []
    for upload in uploads:
        try:
            saved.append(images.process_upload(upload, store.store_id))
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
            for name in saved:
                images.delete_image(name)
            return None
    return keep + saved


@owner_required
@require_http_methods(["GET", "POST"])
def product_new(request, store_id):
    store = owner_store(request, store_id)
    if request.method == "GET":
        return _form_page(request, store, ProductForm(initial={"is_active": True, "low_stock_threshold": 5}))
    form = ProductForm(request.POST)
    if not form.is_valid():
        return _form_page(request, store, form, status=422)
    names = _save_uploads(request, store, form, [])
    if names is None:
        return _form_page(request, store, form, status=422)
    data = form.cleaned_data
    try:
        product = services.create_product(
            store,
            name=data["name"],
            price=data["price"],
            description=data["description"],
            category=data["category"],
            images=names,
            stock_quantity=data["stock_quantity"],
            low_stock_threshold=data["low_stock_threshold"],
            is_active=data["is_active"],
            by=request.user,
        )
    except DomainError as exc:
        for name in names:
            images.delete_image(name)
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _form_page(request, store, form, status=_status_of(exc))
    messages.success(request, _("Added %(name)s.") % {"name": product.name})
    return redirect("owner:product_detail", store_id=store.store_id, product_id=product.product_id)


@owner_required
@require_http_methods(["GET", "POST"])
def product_edit(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    if request.method == "GET":
        form = ProductForm(
            initial={
                "name": product.name,
                "description": product.description,
                "price": f"{product.price:.2f}",
                "category": product.category,
                "stock_quantity": product.stock_quantity,
                "stock_seen": product.stock_quantity,
                "low_stock_threshold": product.low_stock_threshold,
                "is_active": product.is_active,
            }
        )
        return _form_page(request, store, form, product)
    form = ProductForm(request.POST)
    if not form.is_valid():
        return _form_page(request, store, form, product, status=422)
    remove = set(request.POST.getlist("remove_images"))
    keep = [name for name in (product.images or []) if name not in remove]
    names = _save_uploads(request, store, form, keep)
    if names is None:
        return _form_page(request, store, form, product, status=422)
    data = form.cleaned_data
    seen = data.get("stock_seen")
    try:
        services.update_product(
            store,
            product.product_id,
            name=data["name"],
            price=data["price"],
            description=data["description"],
            category=data["category"],
            images=names,
            low_stock_threshold=data["low_stock_threshold"],
            is_active=data["is_active"],
            stock_quantity=data["stock_quantity"],
            stock_seen=seen if seen is not None else product.stock_quantity,
            by=request.user,
        )
    except DomainError as exc:
        for name in names:
            if name not in (product.images or []):
                images.delete_image(name)
        if isinstance(exc, NotFound):
            raise Http404(str(exc)) from exc
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _form_page(request, store, form, product, status=_status_of(exc))
    for name in remove & set(product.images or []):
        images.delete_image(name)
    messages.success(request, _("Saved %(name)s.") % {"name": data["name"]})
    return redirect("owner:product_detail", store_id=store.store_id, product_id=product.product_id)


# --- Detail, stock, prediction ---------------------------------------------------------------------
def _detail_context(store, product, adjust_form=None, adjust_error=None):
    view = prediction.as_view(product)
    return {
        "store": store,
        "product": product,
        "prediction": view,
        "chart": prediction.chart_data(product, view),
        "variant_forecasts": prediction.variant_forecasts(product),
        "movements": selectors.movements(store.store_id, product.product_id),
        "adjust_form": adjust_form or AdjustForm(initial={"kind": RECEIVED}),
        "adjust_error": adjust_error,
        "image_urls": [images.image_url(name) for name in (product.images or [])],
        "gst_rates": GST_RATES,
        "variant_editor": variant_editor(product),
    }


@owner_required
@require_GET
def product_detail(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    return render(request, "owner/products/detail.html", _detail_context(store, product))


@owner_required
@require_POST
def product_adjust(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    form = AdjustForm(request.POST)
    status, error = 200, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            product = services.adjust_stock(
                store, product.product_id, data["kind"], data["quantity"], data["reason"], by=request.user
            )
            form = None
            if not request.htmx:
                messages.success(request, _("Stock is now %(n)s.") % {"n": product.stock_quantity})
        except DomainError as exc:
            if isinstance(exc, NotFound):
                raise Http404(str(exc)) from exc
            status, error = _status_of(exc), exc.message
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
                error = None
            product = selectors.get_product(store.store_id, product.product_id)
    else:
        status = 422
    if not request.htmx:
        if status == 200:
            return redirect("owner:product_detail", store_id=store.store_id, product_id=product.product_id)
        return render(
            request, "owner/products/detail.html", _detail_context(store, product, form, error), status=status
        )
    context = {
        "store": store,
        "product": product,
        "movements": selectors.movements(store.store_id, product.product_id),
        "adjust_form": form or AdjustForm(initial={"kind": RECEIVED}),
        "adjust_error": error,
        "adjusted": status == 200,
    }
    return render(request, "owner/products/detail.html#stock", context, status=status)


@owner_required
@require_POST
def product_predict(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    prediction.refresh(store.store_id, [product.product_id])
    messages.success(request, _("Prediction updated from the latest orders."))
    return redirect("owner:product_detail", store_id=store.store_id, product_id=product.product_id)


@owner_required
@require_GET
def low_stock(request, store_id):
    store = owner_store(request, store_id)
    page = selectors.low_stock(store.store_id, limit=100)
    rows = low_stock_rows(page.items)
    return render(request, "owner/products/low_stock.html", {"store": store, "page": page, "rows": rows})


# --- CSV -------------------------------------------------------------------------------------------
@owner_required
@require_GET
def products_export(request, store_id):
    store = owner_store(request, store_id)
    response = StreamingHttpResponse(csvio.export_rows(store.store_id), content_type="text/csv; charset=utf-8")
    filename = f"products-{(store.slug or store.store_id)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@owner_required
@require_http_methods(["GET", "POST"])
def products_import(request, store_id):
    store = owner_store(request, store_id)
    context = {"store": store, "columns": csvio.COLUMNS}
    if request.method == "GET":
        if request.GET.get("template"):
            response = HttpResponse(csvio.template_csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="products-template.csv"'
            return response
        return render(request, "owner/products/import.html", context)
    upload = request.FILES.get("file")
    if not upload:
        context["file_error"] = "Choose a CSV file to upload."
        return render(request, "owner/products/import.html", context, status=422)
    if upload.size > csvio.MAX_BYTES:
        context["file_error"] = "The file is larger than 2 MB. Split it into smaller files."
        return render(request, "owner/products/import.html", context, status=422)
    try:
        result = csvio.import_csv(store, upload.read(), by=request.user)
    except ValidationFailed as exc:
        context["file_error"] = exc.message
        return render(request, "owner/products/import.html", context, status=422)
    context["result"] = result
    if not result.ok:
        return render(request, "owner/products/import.html", context, status=422 if not result.failed_rows else 409)
    messages.success(
        request,
        _imported(result),
    )
    return redirect("owner:products", store_id=store.store_id)


def _imported(result) -> str:
    counts = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "changed": result.stock_changed,
    }
    if result.stock_changed:
        return _("Imported %(rows)s rows: %(created)s new, %(updated)s updated, stock changed on %(changed)s.") % counts
    return _("Imported %(rows)s rows: %(created)s new, %(updated)s updated.") % counts


P = "stores/<ulid:store_id>/products/"
urlpatterns = [
    path(P, product_list, name="products"),
    path(P + "new/", product_new, name="product_new"),
    path(P + "bulk/", product_bulk, name="product_bulk"),
    path(P + "low-stock/", low_stock, name="low_stock"),
    path(P + "export.csv", products_export, name="product_export"),
    path(P + "import/", products_import, name="product_import"),
    path(P + "<ulid:product_id>/", product_detail, name="product_detail"),
    path(P + "<ulid:product_id>/edit/", product_edit, name="product_edit"),
    path(P + "<ulid:product_id>/inline/", product_inline, name="product_inline"),
    path(P + "<ulid:product_id>/adjust/", product_adjust, name="product_adjust"),
    path(P + "<ulid:product_id>/predict/", product_predict, name="product_predict"),
]

__all__ = ["urlpatterns", "CORRECTION", "DAMAGED"]
