"""Checkout pages: paying for an order (public, but only for its payer) and a store's publish fee (owner).

* ``payments:pay`` — GET: Checkout for a PENDING_PAYMENT order (Razorpay Checkout, or the labelled
  sandbox page when no Razorpay keys are set), or the order's payment state once it is paid/closed.
  Only the session that placed the order, or a visitor with a signed pay link, gets past the 404
  (see ``webdpro.payments.access``).
* ``payments:callback`` — POST from Checkout's success handler: the signature is verified, then the
  payment is captured and the order confirmed.
* ``payments:sandbox`` — POST from the sandbox page's Pay / Fail buttons (404 unless sandbox).
* ``payments:publish_fee`` — GET starts Checkout for a DRAFT store's publish fee, POST is its
  callback (or the sandbox's buttons); on capture the store is marked paid and published.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pynamodb.exceptions import DoesNotExist

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.csp import allow_razorpay_checkout
from dashboard.views.owner.common import owner_store
from webdpro import clock
from webdpro.accounts.plans import get_plan
from webdpro.db import Order, Payment, Store
from webdpro.db.orders import CARD, PAY_PAID, PAY_REFUNDED, PENDING_PAYMENT, UPI
from webdpro.db.payments import CAPTURED, FAILED
from webdpro.money import to_paise
from webdpro.payments import access, services
from webdpro.payments import sandbox as sandbox_checkout
from webdpro.payments.gateway import CHECKOUT_JS, GatewayError, SignatureError, get_gateway
from webdpro.payments.notes import ORDER, PUBLISH_FEE, razorpay_notes

app_name = "payments"


def _payer_order(request, order_id: str) -> Order:
    """The order, only for the session that may pay for it (404 for everyone else). On a store's own
    host, only that store's orders."""
    if not access.session_may_pay(request.session, order_id):
        raise Http404("Order not found")
    try:
        order = Order.get(order_id)
    except DoesNotExist as exc:
        raise Http404("Order not found") from exc
    claim = getattr(request, "storefront_claim", None)
    if getattr(request, "storefront_host", None) and (not claim or tuple(claim) != (order.tenant_id, order.store_id)):
        raise Http404("Order not found")
    return order


def _store(tenant_id, store_id):
    try:
        return Store.get(tenant_id, store_id)
    except DoesNotExist:
        return None


def _storefront_link(request, store, order):
    """The storefront's confirmation page for this order, on whichever host we are (app or store)."""
    if not store or not store.slug:
        return None
    by_host = bool(getattr(request, "storefront_host", None))
    for name, kwargs in (("storefront:confirmation", {"order_id": order.order_id}), ("storefront:home", {})):
        try:
            return reverse(name, kwargs=kwargs if by_host else {"slug": store.slug, **kwargs})
        except NoReverseMatch:
            continue
    return None


def _payment_deadline(order):
    """When an unpaid order expires (the storefront's ``ORDER_PAYMENT_TIMEOUT_MINUTES``), if known."""
    from webdpro.orders.expiry import timeout_minutes

    return clock.parse(order.created_at) + timedelta(minutes=timeout_minutes())


def checkout_options(gateway, payment: Payment, name: str, description: str, prefill: dict, notes: dict) -> dict:
    """Razorpay Checkout's options (the key id is public by design; the secret never leaves the server)."""
    return {
        "key": gateway.key_id,
        "amount": to_paise(payment.amount),
        "currency": "INR",
        "order_id": payment.razorpay_order_id,
        "name": name[:60],
        "description": description[:250],
        "prefill": prefill,
        "notes": notes,
        "theme": {"color": "#0f766e"},
        "retry": {"enabled": True},
    }


def _order_context(request, order: Order, error: str | None = None):
    gateway = get_gateway()
    store = _store(order.tenant_id, order.store_id)
    context = {
        "order": order,
        "store": store,
        "gateway": gateway,
        "error": error,
        "kind": "order",
        "store_link": _storefront_link(request, store, order),
        "payment": None,
        "state": "closed",
        "callback_url": reverse("payments:callback", kwargs={"order_id": order.order_id}),
        "sandbox_url": reverse("payments:sandbox", kwargs={"order_id": order.order_id}),
        "title": f"Pay for order {order.order_id[-8:]}",
        "amount": order.total_amount,
        "checkout_js": CHECKOUT_JS,
    }
    if order.payment_status == PAY_PAID:
        context["state"] = "paid"
    elif order.payment_status == PAY_REFUNDED:
        context["state"] = "refunded"
    elif order.status == PENDING_PAYMENT and order.payment_method in (UPI, CARD):
        deadline = _payment_deadline(order)
        context["deadline"] = deadline
        if deadline is not None and deadline <= clock.now() and not order.razorpay_order_id:
            context.update(state="expired")  # the storefront's expiry sweep cancels it and returns the stock
            return context, 200
        try:
            payment = services.start_order_checkout(order, gateway)
        except GatewayError as exc:
            context.update(state="unavailable", error=str(exc))
            return context, 503
        except services.NotPayable as exc:
            context.update(state="closed", error=str(exc))
            return context, 200
        context.update(payment=payment, state="failed" if payment.status == FAILED else "pay")
        if payment.status == CAPTURED:  # captured but not applied (e.g. an amount mismatch): never pay twice
            context["state"] = "processing"
        store_name = (store.name if store else None) or "WebDPro store"
        context["options"] = checkout_options(
            gateway,
            payment,
            store_name,
            f"Order {order.order_id[-8:]}",
            {"name": order.customer_name, "contact": order.customer_phone},
            razorpay_notes(ORDER, order.tenant_id, store_id=order.store_id, order_id=order.order_id),
        )
    return context, 200


@allow_razorpay_checkout
@cache_control(private=True, no_store=True)
@require_GET
def pay(request, order_id):
    token = request.GET.get("t")
    if token:
        if not access.token_valid(order_id, token):
            raise Http404("This payment link is not valid any more.")
        access.allow_in_session(request.session, order_id)
        return redirect("payments:pay", order_id=order_id)
    order = _payer_order(request, order_id)
    context, status = _order_context(request, order)
    return render(request, "payments/pay.html", context, status=status)


@require_POST
def callback(request, order_id):
    order = _payer_order(request, order_id)
    razorpay_order_id = request.POST.get("razorpay_order_id", "")
    if not order.razorpay_order_id or razorpay_order_id != order.razorpay_order_id:
        context, _ = _order_context(request, order, "This payment does not belong to this order.")
        return render(request, "payments/pay.html", context, status=400)
    try:
        payment = Payment.get(order.tenant_id, order.razorpay_order_id, consistent_read=True)
    except DoesNotExist as exc:
        raise Http404("Payment not found") from exc
    try:
        services.verify_and_capture(
            payment, request.POST.get("razorpay_payment_id", ""), request.POST.get("razorpay_signature", "")
        )
    except SignatureError:
        context, _ = _order_context(
            request,
            order,
            "We could not verify this payment with Razorpay. "
            "If money was taken it will be confirmed or returned automatically.",
        )
        return render(request, "payments/pay.html", context, status=400)
    return redirect("payments:pay", order_id=order_id)


@require_POST
def sandbox(request, order_id):
    gateway = get_gateway()
    if not gateway.is_sandbox:
        raise Http404("The sandbox is off: Razorpay keys are configured.")
    order = _payer_order(request, order_id)
    if order.status != PENDING_PAYMENT or not order.razorpay_order_id:
        return redirect("payments:pay", order_id=order_id)
    try:
        payment = Payment.get(order.tenant_id, order.razorpay_order_id, consistent_read=True)
    except DoesNotExist as exc:
        raise Http404("Payment not found") from exc
    method = request.POST.get("method", order.payment_method)
    method = method if method in (UPI, CARD) else order.payment_method
    if request.POST.get("action") == "pay":
        sandbox_checkout.sandbox_pay(payment, method, gateway)
    else:
        sandbox_checkout.sandbox_fail(payment, method, gateway)
    return redirect("payments:pay", order_id=order_id)


# --- Publish fee (owner) ---------------------------------------------------------------------------


def _fee_session_key(store_id):
    return f"publish_fee:{store_id}"


def _store_detail_url(store):
    for name, kwargs in (
        ("owner:store_detail", {"store_id": store.store_id}),
        ("owner:stores", {}),
        ("owner:home", {}),
    ):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return "/dashboard/"


@allow_razorpay_checkout
@owner_required
@require_http_methods(["GET", "POST"])
def publish_fee(request, store_id):  # noqa: C901
    store = owner_store(request, store_id)
    fee = get_plan(request.tenant.plan).publish_fee
    back = _store_detail_url(store)
    gateway = get_gateway()
    if request.method == "POST":
        payment_id = request.session.get(_fee_session_key(store.store_id))
        if not payment_id:
            return redirect("payments:publish_fee", store_id=store.store_id)
        try:
            payment = Payment.get(store.tenant_id, payment_id, consistent_read=True)
        except DoesNotExist as exc:
            raise Http404("Payment not found") from exc
        if payment.store_id != store.store_id or payment.kind != PUBLISH_FEE:
            raise Http404("Payment not found")
        action = request.POST.get("action")
        try:
            if action in ("pay", "fail"):
                if not gateway.is_sandbox:
                    raise Http404("The sandbox is off.")
                if action == "pay":
                    sandbox_checkout.sandbox_pay(payment, request.POST.get("method", UPI), gateway)
                else:
                    sandbox_checkout.sandbox_fail(payment, request.POST.get("method", UPI), gateway)
            else:
                if request.POST.get("razorpay_order_id") != payment.razorpay_order_id:
                    raise SignatureError("This payment does not belong to this store's fee.")
                services.verify_and_capture(
                    payment, request.POST.get("razorpay_payment_id", ""), request.POST.get("razorpay_signature", "")
                )
        except SignatureError as exc:
            messages.error(request, str(exc))
            return redirect("payments:publish_fee", store_id=store.store_id)
        payment = services.refresh(payment)
        if payment.status == CAPTURED:
            request.session.pop(_fee_session_key(store.store_id), None)
            messages.success(request, f"Publish fee received. {store.name or 'Your store'} is being published.")
            return redirect(back)
        messages.error(request, payment.error or "The payment did not go through. You can try again.")
        return redirect("payments:publish_fee", store_id=store.store_id)

    if fee <= 0:
        messages.info(request, "Your plan has no publish fee: publish the store from its page.")
        return redirect(back)
    if store.status != "DRAFT":
        messages.info(request, f"This store is {store.status.lower()}; there is no fee to pay.")
        return redirect(back)
    context = {
        "kind": "fee",
        "store": store,
        "gateway": gateway,
        "amount": fee,
        "state": "pay",
        "back": back,
        "title": f"Publish fee for {store.name or 'your store'}",
        "error": None,
        "checkout_js": CHECKOUT_JS,
    }
    try:
        payment = services.start_publish_fee_checkout(
            store, fee, request.session.get(_fee_session_key(store.store_id)), gateway
        )
    except GatewayError as exc:
        context.update(state="unavailable", error=str(exc))
        return render(request, "payments/pay.html", context, status=503)
    request.session[_fee_session_key(store.store_id)] = payment.payment_id
    url = reverse("payments:publish_fee", kwargs={"store_id": store.store_id})
    context.update(
        payment=payment,
        state="failed" if payment.status == FAILED else "pay",
        callback_url=url,
        sandbox_url=url,
        options=checkout_options(
            gateway,
            payment,
            "WebDPro",
            f"Publish fee: {store.name or store.store_id}",
            {"name": request.user.name or "", "contact": request.user.phone},
            razorpay_notes(PUBLISH_FEE, store.tenant_id, store_id=store.store_id),
        ),
    )
    return render(request, "payments/pay.html", context)


# The customer-facing checkout: also served on store hosts (<slug>.webdpro.in, custom domains), where the
# storefront redirects to it on the same host (the session that placed the order lives there).
checkout_urlpatterns = [
    path("<ulid:order_id>/", pay, name="pay"),
    path("<ulid:order_id>/callback/", callback, name="callback"),
    path("<ulid:order_id>/sandbox/", sandbox, name="sandbox"),
]
urlpatterns = [
    path("store/<ulid:store_id>/fee/", publish_fee, name="publish_fee"),
    *checkout_urlpatterns,
]
