"""Owner view: pay a store's one-time publish fee (plans with a fee), then the store is published.

GET starts Checkout for the fee (Razorpay, or the labelled sandbox) — only while the store owes it:
``webdpro.stores.services.publish_fee`` is the one rule (a DRAFT store never published before, on a plan
with a fee), so a store that was published before is never charged again. POST is Checkout's callback
(or the sandbox's buttons); on capture the payments service marks the store paid and publishes it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dashboard.auth import owner_required
from dashboard.csp import allow_razorpay_checkout
from dashboard.forms import ChoiceOf, TextOf, valid_data
from dashboard.views.owner.common import owner_store
from webdpro.labels import label
from webdpro.orders.statuses import PaymentMethod
from webdpro.payments import selectors, services
from webdpro.payments.gateway import CHECKOUT_JS, SignatureError, get_gateway
from webdpro.payments.sandbox import sandbox_checkout
from webdpro.stores import services as store_services
from webdpro.stores.statuses import StoreStatus


def _session_key(store_id: str) -> str:
    return f"publish_fee:{store_id}"


def _back(store) -> str:
    return reverse("owner:store_detail", kwargs={"store_id": store.store_id})


@allow_razorpay_checkout
@owner_required
@require_http_methods(["GET", "POST"])
def publish_fee(request, store_id):
    store = owner_store(request, store_id)
    if request.method == "POST":
        return _complete(request, store)
    fee = store_services.publish_fee(store, request.tenant)
    if not fee.due:
        messages.info(request, _no_fee_message(store, fee))
        return redirect(_back(store))
    return _checkout_page(request, store, fee.fee)


def _no_fee_message(store, fee) -> str:
    if fee.fee <= 0:
        return _("Your plan has no publish fee: publish the store from its page.")
    if store.status != StoreStatus.DRAFT:
        return _("This store is %(status)s; there is no fee to pay.") % {"status": label("store_status", store.status)}
    return _("This store was published before, so there is no fee to pay: publish it again from its page.")


def _checkout_page(request, store, amount):
    gateway = get_gateway()
    prefill = {"name": request.user.name or "", "contact": request.user.phone}
    pay_state = selectors.fee_pay_state(
        store, amount, request.session.get(_session_key(store.store_id)), gateway, prefill
    )
    if pay_state.payment is not None:
        request.session[_session_key(store.store_id)] = pay_state.payment.payment_id
    url = reverse("owner:publish_fee", kwargs={"store_id": store.store_id})
    context = {
        "kind": "fee",
        "store": store,
        "gateway": gateway,
        "amount": amount,
        "state": pay_state.state,
        "payment": pay_state.payment,
        "options": pay_state.options,
        "back": _back(store),
        "title": f"Publish fee for {store.name or 'your store'}",
        "error": pay_state.error,
        "checkout_js": CHECKOUT_JS,
        "callback_url": url,
        "sandbox_url": url,
    }
    return render(request, "payments/pay.html", context, status=pay_state.http_status)


ONLINE_METHOD_CHOICES = [(method.value, method.label) for method in selectors.ONLINE_METHODS]


class FeeCheckoutForm(forms.Form):
    """Checkout's callback (the signed ``razorpay_*`` fields, checked by the payments service) or the sandbox's
    Pay / Fail buttons with the online method chosen there."""

    action = ChoiceOf(
        concept=gettext_lazy("sandbox action"), choices=[("pay", "pay"), ("fail", "fail")], required=False
    )
    method = ChoiceOf(concept=gettext_lazy("payment method"), choices=ONLINE_METHOD_CHOICES, required=False)
    razorpay_payment_id = TextOf(concept=gettext_lazy("Razorpay payment id"), max_length=100, required=False)
    razorpay_order_id = TextOf(concept=gettext_lazy("Razorpay order id"), max_length=100, required=False)
    razorpay_signature = TextOf(concept=gettext_lazy("Razorpay signature"), max_length=200, required=False)

    def clean_method(self):
        return self.cleaned_data["method"] or PaymentMethod.UPI


def _complete(request, store):
    """Checkout's callback, or the sandbox's Pay / Fail, for the fee payment this session started."""
    payment_id = request.session.get(_session_key(store.store_id))
    if not payment_id:
        return redirect("owner:publish_fee", store_id=store.store_id)
    data = valid_data(FeeCheckoutForm(request.POST))
    payment = selectors.fee_payment(store, payment_id)  # NotFound → 404
    gateway = get_gateway()
    try:
        if data["action"]:
            sandbox_checkout(payment, data["action"], data["method"], gateway)  # NotFound unless sandbox
            payment = services.refresh(payment)
        else:
            payment = services.complete_checkout(payment, data, gateway)
    except SignatureError as exc:
        messages.error(request, str(exc))
        return redirect("owner:publish_fee", store_id=store.store_id)
    if selectors.payment_state(payment) == "processing":  # captured: the store is being published
        request.session.pop(_session_key(store.store_id), None)
        messages.success(
            request, _("Publish fee received. %(value)s is being published.") % {"value": store.name or _("Your store")}
        )
        return redirect(_back(store))
    messages.error(request, payment.error or _("The payment did not go through. You can try again."))
    return redirect("owner:publish_fee", store_id=store.store_id)


urlpatterns = [
    path("stores/<ulid:store_id>/publish-fee/", publish_fee, name="publish_fee"),
]
