"""Owner views: products, stock, low-stock alerts, CSV import/export and the stock prediction.

Thin views: parse, authorise (``owner_store`` → 404 for another tenant's store; products are read by
(store_id, product_id) so another store's product is a 404 too), call webdpro.products, render.
HTMX requests get the partial of the same template (``page.html#partial``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.forms import add_domain_error, valid_data
from dashboard.views.common import run_action
from dashboard.views.owner.common import owner_store
from dashboard.views.owner.product_forms import (
    ADJUST_KINDS,
    AdjustForm,
    BulkForm,
    ImportForm,
    ImportTemplateForm,
    InlineForm,
    ProductEditForm,
    ProductForm,
    ProductListForm,
    ProductTaxForm,
)
from dashboard.views.owner.product_rows import ProductRows
from webdpro.errors import DomainError, NotFound, ValidationFailed
from webdpro.products import csvio, images, prediction, selectors, services
from webdpro.products.low_stock import low_stock_rows
from webdpro.products.selectors import PAGE_SIZES
from webdpro.products.services import CORRECTION, DAMAGED, RECEIVED
from webdpro.products.variants import editor_rows as variant_editor

LIST = "owner/products/list.html"


# --- Helpers ---------------------------------------------------------------------------------------
def _product(store, product_id):
    try:
        return selectors.get_product(store.store_id, product_id)
    except NotFound as exc:
        raise Http404("Product not found") from exc


def _status_of(error: DomainError) -> int:
    return 422 if isinstance(error, ValidationFailed) else error.status_code


# --- List ------------------------------------------------------------------------------------------
@owner_required
@require_GET
def product_list(request, store_id):
    store = owner_store(request, store_id, config=("categories",))  # its name, id and categories: projected
    form = ProductListForm(request.GET)
    error = None
    try:
        listing = form.listing()
        page = selectors.list_products(store.store_id, listing.filter, cursor=listing.cursor, page_size=listing.size)
    except ValidationFailed as exc:
        listing, error = form.first_page(), exc
        page = selectors.Page(items=[], next_cursor=None, calls=0, evaluated=0)
    flt = listing.filter
    categories = sorted(
        set(selectors.store_categories(store)) | {p.category for p in page.items if p.category}, key=str.casefold
    )
    context = {
        "store": store,
        "page": page,
        "error": error,
        "flt": flt,
        "size": listing.size,
        "page_sizes": PAGE_SIZES,
        "categories": categories,
        # what the filters print but the search text (list.html keeps them printed per key and language)
        "filters_key": (tuple(categories), flt.category, flt.active, flt.low_stock, listing.size),
        "next_url": ("?" + listing.query(page.next_cursor)) if page.next_cursor else None,
        "first_url": ("?" + listing.query()) if listing.cursor or error else None,
        "this_query": listing.query(),
        "active_nav": "owner:products",
        "row_error": None,  # tested on every row
        "product_rows": ProductRows(request, store),
    }
    template = LIST + "#results" if request.htmx and request.htmx.target == "results" else LIST
    return render(request, template, context, status=error.status_code if error else 200)


def row_context(request, store, product, error=None) -> dict:
    """What the list template's partial ``row`` needs to show ``product`` (an HTMX row swap)."""
    return {"store": store, "product": product, "row_error": error, "product_rows": ProductRows(request, store)}


def _row_response(request, store, product, error=None, status=200):
    return render(request, LIST + "#row", row_context(request, store, product, error), status=status)


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


def _save_uploads(store, form, keep: list[str]) -> list[str] | None:
    """The product's photos: ``keep`` and the new ones stored (resized), or None with the refusal on the form."""
    uploads = form.cleaned_data["images"]
    if len(keep) + len(uploads) > images.MAX_IMAGES:
        n = images.MAX_IMAGES
        text = ngettext("At most %(n)s photo per product.", "At most %(n)s photos per product.", n)
        form.add_error("images", text % {"n": n})
        return None
    saved = []
    for upload in uploads:
        try:
            saved.append(images.process_upload(upload, store.store_id))
        except ValidationFailed as exc:
            form.add_error("images", exc.message)
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
    form = ProductForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, store, form, status=422)
    names = _save_uploads(store, form, [])
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
        form = ProductEditForm(
            initial={
                "name": product.name,
                "description": product.description,
                "price": f"{product.price:.2f}",
                "category": product.category,
                "stock_quantity": product.stock_quantity,
                "stock_seen": product.stock_quantity,
                "low_stock_threshold": product.low_stock_threshold,
                "is_active": product.is_active,
            },
            photos=product.images or [],
        )
        return _form_page(request, store, form, product)
    form = ProductEditForm(request.POST, request.FILES, photos=product.images or [])
    if not form.is_valid():
        return _form_page(request, store, form, product, status=422)
    remove = set(form.cleaned_data["remove_images"])
    keep = [name for name in (product.images or []) if name not in remove]
    names = _save_uploads(store, form, keep)
    if names is None:
        return _form_page(request, store, form, product, status=422)
    try:
        _update(request, store, product, form.cleaned_data, names)
    except DomainError as exc:
        for name in names:
            if name not in (product.images or []):
                images.delete_image(name)
        if isinstance(exc, NotFound):
            raise Http404(str(exc)) from exc
        add_domain_error(form, exc)
        return _form_page(request, store, form, product, status=_status_of(exc))
    for name in remove & set(product.images or []):
        images.delete_image(name)
    messages.success(request, _("Saved %(name)s.") % {"name": form.cleaned_data["name"]})
    return redirect("owner:product_detail", store_id=store.store_id, product_id=product.product_id)


def _update(request, store, product, data, names):
    seen = data.get("stock_seen")
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
        "tax_form": ProductTaxForm.of(product),
        "variant_editor": variant_editor(product),
        "variant_adjust_kinds": ADJUST_KINDS,
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
    if request.method == "GET":
        return _import_page_or_template(request, store)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, store, form, status=422)
    try:
        result = csvio.import_csv(store, form.cleaned_data["file"].read(), by=request.user)
    except ValidationFailed as exc:
        add_domain_error(form, ValidationFailed(exc.message, field="file"))
        return _import_page(request, store, form, status=422)
    if not result.ok:
        status = 422 if not result.failed_rows else 409
        return _import_page(request, store, form, result=result, status=status)
    messages.success(request, _imported(result))
    return redirect("owner:products", store_id=store.store_id)


def _import_page_or_template(request, store):
    form = ImportTemplateForm(request.GET)

    def respond(template, error, status):
        if error is not None:
            return render(request, "errors/domain.html", {"error": error}, status=status)
        if template == "1":
            response = HttpResponse(csvio.template_csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="products-template.csv"'
            return response
        return _import_page(request, store, ImportForm())

    return run_action(request, lambda: valid_data(form)["template"], respond)


def _import_page(request, store, form, result=None, status=200):
    context = {
        "store": store,
        "columns": csvio.COLUMNS,
        "form": form,
        "file_error": next(iter(form.errors.get("file", [])), None),
        "result": result,
    }
    return render(request, "owner/products/import.html", context, status=status)


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
