"""Owner views: GST settings (the business's GSTIN and state, the store's price basis), a product's HSN
code and GST rate, and invoice PDFs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard.auth import owner_required
from dashboard.forms import ON_OFF, ChoiceOf, TextOf, add_domain_error, valid_data
from dashboard.views.common import run_action
from dashboard.views.invoices import invoice_response
from dashboard.views.owner.common import owner_order, owner_store
from dashboard.views.owner.product_forms import ProductTaxForm
from webdpro.errors import ValidationFailed
from webdpro.gst import selectors
from webdpro.gst import services as gst
from webdpro.gst.states import choices as state_choices


class RegistrationForm(forms.Form):
    gstin = TextOf(
        label=gettext_lazy("GSTIN"),
        concept=gettext_lazy("GSTIN"),
        max_length=20,
        help_text=gettext_lazy("15 characters, e.g. 29AAGCB7383J1Z4. It is printed on every tax invoice."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    gst_state = ChoiceOf(label=gettext_lazy("State of registration"), concept=gettext_lazy("state"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gst_state"].choices = [("", _("Choose…"))] + [(c, f"{n} ({c})") for c, n in state_choices()]


class TaxActionForm(forms.Form):
    """Which of the page's forms was sent: the registration, its removal or the price basis."""

    action = ChoiceOf(
        concept=gettext_lazy("GST action"),
        choices=[("register", "register"), ("unregister", "unregister"), ("basis", "basis")],
    )


class BasisForm(forms.Form):
    """Whether the store's prices include GST ("1") or GST is added at checkout ("0")."""

    prices_include_tax = ChoiceOf(concept=gettext_lazy("price setting"), choices=ON_OFF)


def _tax_page(request, store, form=None, error=None, status=200):
    registration = selectors.registration(request.tenant.tenant_id)
    if form is None:
        form = RegistrationForm(initial={"gstin": registration[0], "gst_state": registration[1]})
    context = {
        "store": store,
        "form": form,
        "error": error,
        "registration": registration,
        "inclusive": store.prices_include_tax is not False,
        "active_nav": "owner:tax",
    }
    return render(request, "owner/tax/settings.html", context, status=status)


def _saved(request, store, text):
    messages.success(request, text)
    return redirect(reverse("owner:tax", kwargs={"store_id": store.store_id}))


def _register(request, store):
    form = RegistrationForm(request.POST)

    def act():
        data = valid_data(form)
        gst.set_registration(request.tenant.tenant_id, data["gstin"], data["gst_state"])

    def respond(_result, error, _status):
        if error is not None:
            if form.is_valid():
                add_domain_error(form, error)
            return _tax_page(request, store, form, status=422)
        return _saved(request, store, _("GST registration saved: new orders get a tax invoice."))

    return run_action(request, act, respond)


def _unregister(request, store):
    gst.clear_registration(request.tenant.tenant_id)
    return _saved(request, store, _("GST registration removed: new orders get a bill of supply."))


def _basis(request, store):
    form = BasisForm(request.POST)

    def act():
        gst.set_prices_include_tax(store, valid_data(form)["prices_include_tax"] == "1")

    def respond(_result, error, status):
        if error is not None:
            return _tax_page(request, store, error=error, status=status)
        return _saved(request, store, _("Price setting saved."))

    return run_action(request, act, respond)


ACTIONS = {"register": _register, "unregister": _unregister, "basis": _basis}


@owner_required
@require_http_methods(["GET", "POST"])
def tax_settings(request, store_id):
    store = owner_store(request, store_id)
    if request.method == "GET":
        return _tax_page(request, store)
    try:
        action = valid_data(TaxActionForm(request.POST))["action"]
    except ValidationFailed as exc:
        return _tax_page(request, store, error=exc, status=exc.status_code)
    return ACTIONS[action](request, store)


@owner_required
@require_POST
def product_tax(request, store_id, product_id):
    """A product's HSN code and GST rate. The store is the owner's (else 404); the product is found by the
    write itself (a missing one is a 404) or, when the form is refused, by the page that shows the refusal."""
    store = owner_store(request, store_id)
    target = reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": product_id})
    form = ProductTaxForm(request.POST)

    def act():
        data = valid_data(form)
        gst.set_product_tax(store, product_id, data["hsn_code"], data["gst_rate"])

    def respond(_result, error, _status):
        if error is None:
            messages.success(request, _("Tax details saved."))
            return redirect(target)
        from dashboard.views.owner.products import _detail_context, _product

        context = _detail_context(store, _product(store, product_id))
        if form.is_valid():
            add_domain_error(form, error)
        context["tax_form"] = form
        return render(request, "owner/products/detail.html", context, status=422)

    return run_action(request, act, respond, not_found_404=True)


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
