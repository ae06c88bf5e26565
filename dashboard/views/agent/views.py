"""The delivery agent's phone view: their own deliveries only (every key includes their user_id)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dashboard.auth import agent_required
from dashboard.forms import add_domain_error, valid_data
from dashboard.views.agent.forms import DeliverForm, FailForm, LanguageForm, LocationForm
from dashboard.views.common import photo_response, run_action
from webdpro.delivery import selectors, services, upi
from webdpro.delivery.agents import selectors as agent_selectors
from webdpro.delivery.agents import services as agent_services
from webdpro.delivery.statuses import CollectionMethod, DeliveryStatus
from webdpro.errors import DomainError, NotFound
from webdpro.orders.statuses import OrderStatus, PaymentMethod
from webdpro.stores.selectors import get_store


def in_agent_language(view):
    """Render the agent's pages (and their messages) in the agent's language, Hindi by default."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = agent_selectors.agent_language(request.user)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return view(request, *args, **kwargs)

    return wrapper


@agent_required
@in_agent_language
@require_POST
def choose_language(request):
    form = LanguageForm(request.POST, auto_id="agent-%s")

    def respond(_agent, error, status):
        if error is not None:
            add_domain_error(form, error)
            return _home(request, form=form, status=status)
        return redirect("agent:home")

    return run_action(
        request, lambda: agent_services.set_agent_language(request.user, valid_data(form)["language"]), respond
    )


def _delivery(request, delivery_id):
    try:
        delivery = selectors.get_agent_delivery(request.user.user_id, delivery_id)
    except NotFound as exc:
        raise Http404("Delivery not found") from exc
    if delivery.tenant_id != request.user.tenant_id:
        raise Http404("Delivery not found")
    return delivery


def _store(delivery):
    try:
        return get_store(delivery.tenant_id, delivery.store_id)
    except NotFound:
        return None


def _store_name(store):
    if store is None:
        return ""
    config = store.config_dict
    return config.get("name") or store.name or ""


def _home(request, form=None, status=200):
    lists = selectors.agent_deliveries(request.user.user_id)
    for d in lists["todo"] + lists["done"]:
        d.status_label = selectors.STATUS_LABELS.get(d.status, d.status)
    lists["language_form"] = form or LanguageForm(initial={"language": agent_selectors.agent_language(request.user)})
    return render(request, "agent/home.html", lists, status=status)


@agent_required
@in_agent_language
@require_GET
def home(request):
    return _home(request)


def _render_delivery(request, delivery, error=None, status=200, forms=None):
    order = None
    try:
        order = services.order_for_delivery(delivery)
    except NotFound:
        order = None
    store = _store(delivery)
    forms = forms or {}
    context = {
        "delivery": delivery,
        "order": order,
        "store_name": _store_name(store),
        "error": error,
        "deliver_form": (forms.get("deliver") or DeliverForm()).show_due(delivery),
        "fail_form": forms.get("fail") or FailForm(),
        "status_label": selectors.STATUS_LABELS.get(delivery.status, delivery.status),
        "maps_url": selectors.address_maps_link(delivery.delivery_address),
        "still_mine": order is not None and order.delivery_id == delivery.delivery_id,
        "order_cancelled": order is not None and order.status == OrderStatus.CANCELLED,
        "finished": delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED),
        "DeliveryStatus": DeliveryStatus,
        "CollectionMethod": CollectionMethod,
        "upi_ready": False,
        "upi_problem": "",
    }
    if delivery.is_cod and delivery.status == DeliveryStatus.IN_TRANSIT:
        try:
            upi.store_upi(store)
            context["upi_ready"] = True
        except DomainError as exc:
            context["upi_problem"] = str(exc)
    return render(request, "agent/delivery.html", context, status=status)


@agent_required
@in_agent_language
@require_GET
def delivery_detail(request, delivery_id):
    return _render_delivery(request, _delivery(request, delivery_id))


def _step(request, delivery_id, action, success, **forms):
    """Run the step ``action(delivery)`` (a delivery service) and answer: back to the delivery with
    ``success`` as a message, or the delivery page with the refusal on the form's field and a 4xx."""
    delivery = _delivery(request, delivery_id)

    def respond(_result, error, status):
        if error is not None:
            for form in forms.values():
                add_domain_error(form, error)
            return _render_delivery(request, delivery, error=error, status=status, forms=forms)
        messages.success(request, success if isinstance(success, str) else success(delivery))
        return redirect("agent:delivery", delivery_id=delivery.delivery_id)

    return run_action(request, lambda: action(delivery), respond)


@agent_required
@in_agent_language
@require_POST
def pick_up(request, delivery_id):
    def act(delivery):
        services.pick_up(delivery, request.user, store_name=_store_name(_store(delivery)))

    return _step(
        request,
        delivery_id,
        act,
        _("Picked up. The customer got a 4-digit delivery code by SMS — ask for it at the door."),
    )


@agent_required
@in_agent_language
@require_POST
def start_trip(request, delivery_id):
    return _step(
        request,
        delivery_id,
        lambda d: services.start_trip(d, request.user),
        _("On the way. Your location is shared with the store while you deliver."),
    )


@agent_required
@in_agent_language
@require_POST
def deliver(request, delivery_id):
    result = {}
    form = DeliverForm(request.POST)

    def act(delivery):
        result["r"] = services.deliver(delivery, request.user, **form.step())

    def message(delivery):
        payment = result["r"].payment
        if payment is None:
            return _("Delivered. Well done!")
        if payment.payment_method == PaymentMethod.UPI:
            return _("Delivered. UPI payment recorded — the money went to the store.")
        from webdpro.money import format_inr

        return _("Delivered. Cash %(amount)s recorded — hand it over to the store.") % {
            "amount": format_inr(payment.amount)
        }

    return _step(request, delivery_id, act, message, deliver=form)


@agent_required
@in_agent_language
@require_POST
def fail(request, delivery_id):
    form = FailForm(request.POST)
    return _step(
        request,
        delivery_id,
        lambda d: services.fail(d, request.user, form.reason_given()),
        _("Marked as failed. The order went back to the store."),
        fail=form,
    )


@agent_required
@in_agent_language
@require_POST
def close_cancelled(request, delivery_id):
    return _step(
        request,
        delivery_id,
        lambda d: services.close_cancelled(d, request.user),
        _("Removed from your list. Return any parcel to the store."),
    )


@agent_required
@in_agent_language
@require_POST
def resend_code(request, delivery_id):
    return _step(
        request,
        delivery_id,
        lambda d: services.resend_code(d, request.user, store_name=_store_name(_store(d))),
        _("A new delivery code was sent to the customer. The old code no longer works."),
    )


@agent_required
@in_agent_language
@require_POST
def location(request, delivery_id):
    delivery = _delivery(request, delivery_id)
    form = LocationForm(request.POST)

    def respond(loc, error, status):
        if error is not None:
            return JsonResponse({"ok": False, "error": str(error), "field": error.field}, status=status)
        return JsonResponse({"ok": True, "at": loc.at})

    return run_action(request, lambda: services.update_location(delivery, **valid_data(form)), respond)


@agent_required
@in_agent_language
def photo(request, delivery_id):
    delivery = _delivery(request, delivery_id)
    if request.method == "GET":
        if not delivery.proof_photo:
            raise Http404("No photo")
        return photo_response(delivery.proof_photo)
    if request.method != "POST":
        from django.http import HttpResponseNotAllowed

        return HttpResponseNotAllowed(["GET", "POST"])
    return _step(
        request,
        delivery_id,
        lambda d: services.save_proof_photo(d, request.FILES.get("photo")),
        _("Photo saved as proof of delivery."),
    )


@agent_required
@in_agent_language
@require_GET
def upi_qr(request, delivery_id):
    delivery = _delivery(request, delivery_id)
    context = {"delivery": delivery, "problem": ""}
    if not delivery.is_cod or delivery.status not in (DeliveryStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT):
        context["problem"] = _("A UPI QR is shown only for a cash-on-delivery order that is out for delivery.")
    else:
        try:
            upi_id, payee = upi.store_upi(_store(delivery))
        except DomainError as exc:
            context["problem"] = str(exc)
        else:
            uri = upi.upi_uri(upi_id, payee, delivery.cod_amount, delivery.order_id)
            context.update(uri=uri, svg=upi.qr_svg(uri), upi_id=upi_id, payee=payee)
    return render(request, "agent/_upi_qr.html", context, status=409 if context["problem"] else 200)
