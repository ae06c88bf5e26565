"""Checkout for an order: paying for it (public, but only for its payer).

* ``payments:pay`` — GET: Checkout for a PENDING_PAYMENT order (Razorpay Checkout, or the labelled
  sandbox page when no Razorpay keys are set), or the order's payment state once it is paid/closed.
  Only the session that placed the order, or a visitor with a signed pay link, gets past the 404
  (see ``webdpro.payments.access``).
* ``payments:callback`` — POST from Checkout's success handler: the signature is verified, then the
  payment is captured and the order confirmed.
* ``payments:sandbox`` — POST from the sandbox page's Pay / Fail buttons (404 unless sandbox).

A store's publish fee is the owner's: ``dashboard/views/owner/publish_fee.py``.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.csp import allow_razorpay_checkout
from dashboard.forms import valid_data
from dashboard.views.payment_forms import CallbackForm, PayLinkForm, SandboxForm
from webdpro.errors import NotFound, ValidationFailed
from webdpro.payments import access, selectors, services
from webdpro.payments.gateway import CHECKOUT_JS, SignatureError, get_gateway
from webdpro.payments.sandbox import sandbox_checkout
from webdpro.storefront import config as sfconfig
from webdpro.stores.selectors import get_store

app_name = "payments"


def _payer_order(request, order_id: str):
    """The order, only for the session that may pay for it (404 for everyone else). On a store's own
    host, only that store's orders."""
    if not access.session_may_pay(request.session, order_id):
        raise Http404("Order not found")
    order = selectors.get_order(order_id)  # NotFound → 404
    claim = getattr(request, "storefront_claim", None)
    if getattr(request, "storefront_host", None) and (not claim or tuple(claim) != (order.tenant_id, order.store_id)):
        raise Http404("Order not found")
    return order


def _store(order):
    try:
        return get_store(order.tenant_id, order.store_id)
    except NotFound:
        return None


def _storefront_link(request, store, order):
    """The storefront's confirmation page for this order, on whichever host we are (app or store)."""
    if not store or not store.slug:
        return None
    kwargs = {"order_id": order.order_id}
    if not getattr(request, "storefront_host", None):
        kwargs["slug"] = store.slug
    return reverse("storefront:confirmation", kwargs=kwargs)


def _order_context(request, order, error: str | None = None, store=None):
    gateway = get_gateway()
    pay_state = selectors.order_pay_state(order, gateway, (store.name if store else None) or _("WebDPro store"))
    context = {
        "order": order,
        "store": store,
        "gateway": gateway,
        "error": error or pay_state.error,
        "kind": "order",
        "store_link": _storefront_link(request, store, order),
        "payment": pay_state.payment,
        "state": pay_state.state,
        "deadline": pay_state.deadline,
        "options": pay_state.options,
        "callback_url": reverse("payments:callback", kwargs={"order_id": order.order_id}),
        "sandbox_url": reverse("payments:sandbox", kwargs={"order_id": order.order_id}),
        "title": _("Pay for order %(ref)s") % {"ref": order.order_id[-8:]},
        "amount": order.total_amount,
        "checkout_js": CHECKOUT_JS,
    }
    return context, pay_state.http_status


def _page(request, order, error=None, status=None):
    """The pay page in the store's language (the customer's storefront language)."""
    store = _store(order)
    language = sfconfig.language(store, store.config_dict) if store else "en"
    with translation.override(language):
        context, state_status = _order_context(request, order, str(error) if error else None, store=store)
        return render(request, "payments/pay.html", context, status=status or state_status)


@allow_razorpay_checkout
@cache_control(private=True, no_store=True)
@require_GET
def pay(request, order_id):
    form = PayLinkForm(request.GET)
    if not form.is_valid():
        raise Http404("This payment link is not valid any more.")
    token = form.cleaned_data["t"]
    if token:
        if not access.token_valid(order_id, token):
            raise Http404("This payment link is not valid any more.")
        access.allow_in_session(request.session, order_id)
        return redirect("payments:pay", order_id=order_id)
    order = _payer_order(request, order_id)
    return _page(request, order)


@require_POST
def callback(request, order_id):
    order = _payer_order(request, order_id)
    try:
        data = valid_data(CallbackForm(request.POST))
    except ValidationFailed as exc:
        return _page(request, order, exc.message, status=400)
    if not order.razorpay_order_id or data["razorpay_order_id"] != order.razorpay_order_id:
        return _page(request, order, gettext_lazy("This payment does not belong to this order."), status=400)
    payment = selectors.order_payment(order)  # NotFound → 404
    try:
        services.complete_checkout(payment, data)
    except SignatureError:
        message = gettext_lazy(
            "We could not verify this payment with Razorpay. "
            "If money was taken it will be confirmed or returned automatically."
        )
        return _page(request, order, message, status=400)
    return redirect("payments:pay", order_id=order_id)


@require_POST
def sandbox(request, order_id):
    gateway = get_gateway()
    if not gateway.is_sandbox:
        raise Http404("The sandbox is off: Razorpay keys are configured.")
    order = _payer_order(request, order_id)
    if not selectors.awaits_online_payment(order) or not order.razorpay_order_id:
        return redirect("payments:pay", order_id=order_id)
    try:
        data = valid_data(SandboxForm(request.POST))
    except ValidationFailed as exc:
        return _page(request, order, exc.message, status=400)
    payment = selectors.order_payment(order)  # NotFound → 404
    method = selectors.online_method(order, data["method"] or None)
    sandbox_checkout(payment, data["action"], method, gateway)
    return redirect("payments:pay", order_id=order_id)


# The customer-facing checkout: also served on store hosts (<slug>.webdpro.in, custom domains), where the
# storefront redirects to it on the same host (the session that placed the order lives there).
checkout_urlpatterns = [
    path("<ulid:order_id>/", pay, name="pay"),
    path("<ulid:order_id>/callback/", callback, name="callback"),
    path("<ulid:order_id>/sandbox/", sandbox, name="sandbox"),
]
urlpatterns = checkout_urlpatterns
