"""Owner views: GST settings (the business's GSTIN and state, the store's price basis), a product's HSN
code and GST rate, and invoice PDFs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard.auth import owner_required
from dashboard.views.invoices import invoice_response
from dashboard.views.owner.common import owner_order, owner_store
from webdpro.errors import DomainError, NotFound
from webdpro.gst import selectors
from webdpro.gst import services as gst
from webdpro.gst.states import choices as state_choices


class RegistrationForm(forms.Form):
    gstin = forms.CharField(
        label=gettext_lazy("GSTIN"),
        max_length=20,
        help_text=gettext_lazy("15 characters, e.g. 29AAGCB7383J1Z4. It is printed on every tax invoice."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    gst_state = forms.ChoiceField(label=gettext_lazy("State of registration"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gst_state"].choices = [("", _("Choose…"))] + [(c, f"{n} ({c})") for c, n in state_choices()]


def _tax_page(request, store, form, status=200):
    context = {
        "store": store,
        "form": form,
        "registration": selectors.registration(request.tenant.tenant_id),
        "inclusive": store.prices_include_tax is not False,
        "active_nav": "owner:tax",
    }
    return render(request, "owner/tax/settings.html", context, status=status)


@owner_required
@require_http_methods(["GET", "POST"])
def tax_settings(request, store_id):
    store = owner_store(request, store_id)
    if request.method == "GET":
        gstin, state = selectors.registration(request.tenant.tenant_id)
        return _tax_page(request, store, RegistrationForm(initial={"gstin": gstin, "gst_state": state}))
    action = request.POST.get("action")
    if action == "basis":
        gst.set_prices_include_tax(store, request.POST.get("prices_include_tax") == "1")
        messages.success(request, _("Price setting saved."))
    elif action == "unregister":
        gst.clear_registration(request.tenant.tenant_id)
        messages.success(request, _("GST registration removed: new orders get a bill of supply."))
    else:
        form = RegistrationForm(request.POST)
        if not form.is_valid():
            return _tax_page(request, store, form, status=422)
        try:
            gst.set_registration(request.tenant.tenant_id, form.cleaned_data["gstin"], form.cleaned_data["gst_state"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return _tax_page(request, store, form, status=422)
        messages.success(request, _("GST registration saved: new orders get a tax invoice."))
    return redirect(reverse("owner:tax", kwargs={"store_id": store.store_id}))


@owner_required
@require_POST
def product_tax(request, store_id, product_id):
    store = owner_store(request, store_id)
    target = reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": product_id})
    try:
        gst.set_product_tax(store, product_id, request.POST.get("hsn_code"), request.POST.get("gst_rate"))
    except NotFound as exc:
        raise Http404("no product") from exc
    except DomainError as exc:
        from dashboard.views.owner.products import _detail_context, _product

        context = _detail_context(store, _product(store, product_id))
        context.update(tax_error=exc.message, tax_error_field=exc.field, tax_posted=request.POST)
        return render(request, "owner/products/detail.html", context, status=422)
    messages.success(request, _("Tax details saved."))
    return redirect(target)


@owner_required
@require_GET
def order_invoice(request, order_id):
    order = owner_order(request, order_id)
    store = owner_store(request, order.store_id)
    return invoice_response(order, store.name or "")


urlpatterns = [
    path("stores/<ulid:store_id>/tax/", tax_settings, name="tax"),
    path("stores/<ulid:store_id>/products/<ulid:product_id>/tax/", product_tax, name="product_tax"),
    path("orders/<ulid:order_id>/invoice.pdf", order_invoice, name="order_invoice"),
]
