"""Owner views: a store's coupons — create, pause / resume, see who used them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>)
from dashboard.auth import owner_required
from dashboard.forms import ON_OFF, ChoiceOf, RupeesField, valid_data
from dashboard.views.owner.common import owner_store
from webdpro.coupons import rules, selectors, services
from webdpro.errors import DomainError, NotFound

LIST = "owner/coupons/list.html"


class CouponForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("3 to 20 letters, digits or dashes, e.g. DIWALI10. Customers may type it in any case."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Discount type"),
        choices=[
            (rules.PERCENT, gettext_lazy("Percentage of the items")),
            (rules.FLAT, gettext_lazy("Flat amount (₹)")),
        ],
    )
    value = forms.CharField(
        label=gettext_lazy("Discount"),
        max_length=12,
        help_text=gettext_lazy("Percent (e.g. 10) or rupees (e.g. 50)."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    max_discount = RupeesField(
        label=gettext_lazy("Maximum discount (₹)"),
        required=False,
        max_length=12,
        help_text=gettext_lazy("Only for a percentage; empty = no cap."),
        concept=gettext_lazy("maximum discount"),
        maximum=rules.MAX_FLAT,
    )
    min_order = RupeesField(
        label=gettext_lazy("Minimum order (₹)"),
        required=False,
        max_length=12,
        concept=gettext_lazy("minimum order"),
        maximum=rules.MAX_FLAT,
    )
    starts_on = forms.CharField(
        label=gettext_lazy("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.CharField(
        label=gettext_lazy("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    max_uses = forms.CharField(
        label=gettext_lazy("Total uses"),
        required=False,
        max_length=7,
        help_text=gettext_lazy("Empty = unlimited."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    per_phone_limit = forms.CharField(
        label=gettext_lazy("Uses per customer"),
        required=False,
        max_length=7,
        help_text=gettext_lazy("Counted by mobile number. Empty = unlimited."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def _rows(coupons):
    return [{"coupon": c, "description": rules.describe(c)} for c in coupons]


def _page(request, store, form, status=200):
    coupons = selectors.list_coupons(store.store_id)
    context = {"store": store, "form": form, "rows": _rows(coupons), "active_nav": "owner:coupons"}
    return render(request, LIST, context, status=status)


@owner_required
@require_http_methods(["GET", "POST"])
def coupon_list(request, store_id):
    store = owner_store(request, store_id)
    if request.method == "GET":
        return _page(request, store, CouponForm(initial={"kind": rules.PERCENT}))
    form = CouponForm(request.POST)
    if not form.is_valid():
        return _page(request, store, form, status=422)
    try:
        coupon = services.create_coupon(store, form.cleaned_data)
    except DomainError as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        else:
            form.add_error(None, exc.message)
        return _page(request, store, form, status=422 if exc.status_code == 400 else exc.status_code)
    messages.success(request, _("Coupon %(code)s created.") % {"code": coupon.code})
    return redirect(reverse("owner:coupons", kwargs={"store_id": store.store_id}))


class PauseForm(forms.Form):
    paused = ChoiceOf(concept=gettext_lazy("pause switch"), choices=ON_OFF)


@owner_required
@require_POST
def coupon_pause(request, store_id, code):
    store = owner_store(request, store_id)
    try:
        selectors.get_coupon(store.store_id, code)  # another store's code is a 404 before any input is read
        paused = valid_data(PauseForm(request.POST))["paused"] == "1"
        services.set_paused(store, code, paused)
    except NotFound as exc:
        raise Http404("no coupon") from exc
    if paused:
        messages.success(request, _("Coupon %(code)s paused.") % {"code": code})
    else:
        messages.success(request, _("Coupon %(code)s is active again.") % {"code": code})
    return redirect(reverse("owner:coupons", kwargs={"store_id": store.store_id}))


@owner_required
@require_GET
def coupon_uses(request, store_id, code):
    store = owner_store(request, store_id)
    try:
        coupon = selectors.get_coupon(store.store_id, code)
    except NotFound as exc:
        raise Http404("no coupon") from exc
    uses = selectors.coupon_uses(store.store_id, coupon.code)
    context = {
        "store": store,
        "coupon": coupon,
        "description": rules.describe(coupon),
        "uses": uses,
        "active_nav": "owner:coupons",
    }
    return render(request, "owner/coupons/uses.html", context)


urlpatterns = [
    path("stores/<ulid:store_id>/coupons/", coupon_list, name="coupons"),
    path("stores/<ulid:store_id>/coupons/<coupon:code>/", coupon_uses, name="coupon_uses"),
    path("stores/<ulid:store_id>/coupons/<coupon:code>/pause/", coupon_pause, name="coupon_pause"),
]
