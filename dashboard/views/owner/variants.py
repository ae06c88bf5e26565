"""Owner views: a product's options and variants (editor) and one variant's stock adjustment."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dashboard.auth import owner_required
from dashboard.views.owner.common import owner_store
from webdpro.errors import DomainError, NotFound
from webdpro.products import selectors
from webdpro.products import variants as variant_service

ROWS = variant_service.MAX_VARIANTS


def _product(store, product_id):
    try:
        return selectors.get_product(store.store_id, product_id)
    except NotFound as exc:
        raise Http404("no product") from exc


def _rows(post) -> list[dict]:
    rows = []
    for i in range(ROWS):
        row = {k: post.get(f"v{i}_{k}", "") for k in ("id", "price", "stock", "sku", "image")}
        row.update({f"opt_{j}": post.get(f"v{i}_opt_{j}", "") for j in range(variant_service.MAX_OPTIONS)})
        rows.append(row)
    return rows


def _detail_with_error(request, store, product, error):
    from dashboard.views.owner.products import _detail_context

    context = _detail_context(store, product)
    context.update(variant_error=error.message, variant_error_field=error.field, variant_posted=request.POST)
    return render(request, "owner/products/detail.html", context, status=422 if error.status_code == 400 else 409)


@owner_required
@require_POST
def product_variants(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    names = [request.POST.get(f"option_{j}", "") for j in range(variant_service.MAX_OPTIONS)]
    try:
        variant_service.set_variants(store, product, names, _rows(request.POST), by=request.user)
    except DomainError as exc:
        return _detail_with_error(request, store, product, exc)
    messages.success(request, _("Variants saved."))
    return redirect(reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": product_id}))


@owner_required
@require_POST
def variant_adjust(request, store_id, product_id):
    from webdpro.products.services import CORRECTION, DAMAGED, RECEIVED

    store = owner_store(request, store_id)
    product = _product(store, product_id)
    kind = request.POST.get("kind", "")
    try:
        quantity = int(request.POST.get("quantity", ""))
    except ValueError:
        quantity = 0
    if kind not in (RECEIVED, DAMAGED, CORRECTION):
        kind = ""
    try:
        if not kind:
            raise DomainError(_("Choose what happened."), field="kind")
        delta = -abs(quantity) if kind == DAMAGED else (abs(quantity) if kind == RECEIVED else quantity)
        reason = " ".join((request.POST.get("reason") or "").split())[:200] or _("Stock adjustment")
        variant_service.adjust_stock(
            store, product, request.POST.get("variant_id", ""), delta, kind, reason, by=request.user
        )
    except NotFound as exc:
        return _detail_with_error(request, store, product, DomainError(exc.message, field="variant_id"))
    except DomainError as exc:
        return _detail_with_error(request, store, product, exc)
    messages.success(request, _("Stock updated."))
    return redirect(reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": product_id}))


urlpatterns = [
    path("stores/<ulid:store_id>/products/<ulid:product_id>/variants/", product_variants, name="product_variants"),
    path("stores/<ulid:store_id>/products/<ulid:product_id>/variants/adjust/", variant_adjust, name="variant_adjust"),
]
