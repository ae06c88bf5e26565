"""Owner views: a product's options and variants (editor) and one variant's stock adjustment."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dashboard.auth import owner_required
from dashboard.forms import add_domain_error
from dashboard.views.common import run_action
from dashboard.views.owner.common import owner_store
from dashboard.views.owner.product_forms import VariantAdjustForm, VariantsForm
from webdpro.errors import NotFound, ValidationFailed
from webdpro.products import selectors


def _product(store, product_id):
    try:
        return selectors.get_product(store.store_id, product_id)
    except NotFound as exc:
        raise Http404("no product") from exc


def _first_error(form) -> tuple[str, str | None]:
    """(the message, the field it is on) of the form's first refusal."""
    name, errors = next(iter(form.errors.items()))
    return errors[0], (None if name == "__all__" else name)


def _detail_with_error(request, store, product, form, error, name):
    """The product page again with the refused ``form`` as it was typed (in the context as ``name``), its
    message above the variants editor and its fields marked."""
    from dashboard.views.owner.products import _detail_context

    if form.is_valid():  # the service refused what the form let through: its message goes on the form too
        add_domain_error(form, error)
    message, field = _first_error(form)
    context = _detail_context(store, product)
    context.update(variant_error=message, variant_error_field=field)
    context[name] = form.editor() if isinstance(form, VariantsForm) else form
    return render(request, "owner/products/detail.html", context, status=422 if error.status_code == 400 else 409)


def _back(request, store, product, text):
    messages.success(request, text)
    return redirect(
        reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": product.product_id})
    )


@owner_required
@require_POST
def product_variants(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    form = VariantsForm(request.POST, product=product)

    def respond(_saved, error, _status):
        if error is not None:
            return _detail_with_error(request, store, product, form, error, "variant_editor")
        return _back(request, store, product, _("Variants saved."))

    return run_action(request, lambda: form.save(store, request.user), respond)


@owner_required
@require_POST
def variant_adjust(request, store_id, product_id):
    store = owner_store(request, store_id)
    product = _product(store, product_id)
    form = VariantAdjustForm(request.POST, product=product)

    def respond(_saved, error, _status):
        if error is not None:
            if isinstance(error, NotFound):
                error = ValidationFailed(error.message, field="variant_id")
            return _detail_with_error(request, store, product, form, error, "variant_adjust_form")
        return _back(request, store, product, _("Stock updated."))

    return run_action(request, lambda: form.save(store, request.user, _("Stock adjustment")), respond)


urlpatterns = [
    path("stores/<ulid:store_id>/products/<ulid:product_id>/variants/", product_variants, name="product_variants"),
    path("stores/<ulid:store_id>/products/<ulid:product_id>/variants/adjust/", variant_adjust, name="variant_adjust"),
]
