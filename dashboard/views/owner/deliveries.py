"""Owner views: delivery agents, assignment, the deliveries board, an order's delivery partial."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.forms import ON_OFF, ChoiceOf, RupeesField, valid_data
from dashboard.templatetags.webdpro import ago
from dashboard.views.common import photo_response, run_action, safe_next
from dashboard.views.owner.common import owner_order
from webdpro.delivery import selectors, services
from webdpro.delivery.agents import selectors as agent_selectors
from webdpro.delivery.agents import services as agent_services
from webdpro.delivery.statuses import STATUSES, CollectionMethod, DeliveryStatus
from webdpro.errors import DomainError, NotFound, ValidationFailed
from webdpro.money import format_inr
from webdpro.orders.statuses import PaymentMethod


def _agent(request, agent_id):
    try:
        return agent_selectors.get_agent(request.tenant.tenant_id, agent_id)
    except NotFound as exc:
        raise Http404("Agent not found") from exc


def _order_url(order_id):
    """The order desk's page for the order."""
    return reverse("owner:order_detail", kwargs={"order_id": order_id})


def _location_view(delivery):
    loc = delivery.last_location if delivery else None
    if not loc or loc.lat is None:
        return None
    return {
        "lat": loc.lat,
        "lng": loc.lng,
        "accuracy": loc.accuracy,
        "at": loc.at,
        "maps": selectors.maps_link(loc.lat, loc.lng),
    }


# ---------------------------------------------------------------------------------------------
# agents


class AssignForm(forms.Form):
    """The agent chosen for an order (one of the tenant's own: the agents selector checks)."""

    agent_id = forms.CharField(
        max_length=40, error_messages={"required": gettext_lazy("Choose an agent.")}, required=True
    )

    def agent(self, tenant_id: str):
        """The tenant's agent, or AssignmentRefused naming ``agent_id``."""
        try:
            agent_id = valid_data(self)["agent_id"]
        except ValidationFailed as exc:
            raise services.AssignmentRefused(exc.message, field="agent_id") from exc
        try:
            return agent_selectors.get_agent(tenant_id, agent_id)
        except NotFound as exc:
            raise services.AssignmentRefused(_("Choose one of your own delivery agents."), field="agent_id") from exc


class CashLimitForm(forms.Form):
    """The most cash an agent may hold before cash-on-delivery orders stop being assigned (empty: no limit)."""

    cash_limit = RupeesField(concept=gettext_lazy("cash limit"), maximum=agent_services.MAX_CASH_LIMIT, required=False)


class AgentForm(forms.Form):
    """A new delivery agent. Shapes only: ``delivery.agents.services.add_agent`` checks the name and the phone."""

    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobile number"),
        max_length=32,
        help_text=gettext_lazy("They sign in with this number (a code arrives by SMS)."),
        widget=forms.TextInput(attrs={"type": "tel", "placeholder": "98765 43210", "autocomplete": "off"}),
    )

    def add(self, tenant_id: str):
        """The agent, or a DomainError (also put on the form when it names one of its fields)."""
        data = valid_data(self)
        try:
            return agent_services.add_agent(tenant_id, data["phone"], data["name"])
        except DomainError as exc:
            if exc.field in self.fields:
                self.add_error(exc.field, exc.message)
            raise


@owner_required
@require_http_methods(["GET", "POST"])
def agents_page(request):
    tenant_id = request.tenant.tenant_id
    form, error, status = AgentForm(), None, 200
    if request.method == "POST":
        form = AgentForm(request.POST)
        try:
            agent = form.add(tenant_id)
        except DomainError as exc:
            error, status = (None if exc.field in form.fields else exc), exc.status_code
        else:
            messages.success(
                request,
                _("%(name)s can now sign in with %(phone)s to see their deliveries.")
                % {"name": agent.name, "phone": agent.phone},
            )
            return redirect("owner:agents")
    return _agents_page(request, form, error, status)


def _agents_page(request, form=None, error=None, status=200):
    tenant_id = request.tenant.tenant_id
    agents = agent_selectors.list_agents(tenant_id)
    loads = agent_selectors.agent_loads(tenant_id, agents)
    loads.sort(key=lambda r: (not r["agent"].is_active, (r["agent"].name or "").lower()))
    context = {"loads": loads, "form": form or AgentForm(), "error": error}
    return render(request, "owner/deliveries/agents.html", context, status=status)


class AgentActiveForm(forms.Form):
    active = ChoiceOf(concept=gettext_lazy("active switch"), choices=ON_OFF)


@owner_required
@require_POST
def agent_active(request, agent_id):
    agent = _agent(request, agent_id)
    active = valid_data(AgentActiveForm(request.POST))["active"] == "1"
    try:
        agent_services.set_active(agent, active)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if active:
            messages.success(request, _("%(name)s is active again and can sign in.") % {"name": agent.name})
        else:
            messages.success(
                request,
                _("%(name)s is deactivated and signed out. Reassign their open deliveries.") % {"name": agent.name},
            )
    return redirect("owner:agents")


@owner_required
@require_POST
def agent_cash_limit(request, agent_id):
    agent = _agent(request, agent_id)
    form = CashLimitForm(request.POST)

    def respond(_agent, error, status):
        if error is not None:
            return _agents_page(request, error=f"{agent.name}: {error.message}", status=status)
        if agent.cash_limit is None:
            messages.success(request, _("%(name)s has no cash limit now.") % {"name": agent.name})
        else:
            limit = {"name": agent.name, "limit": format_inr(agent.cash_limit)}
            messages.success(request, _("%(name)s's cash limit is %(limit)s.") % limit)
        return redirect("owner:agents")

    return run_action(request, lambda: agent_services.set_cash_limit(agent, valid_data(form)["cash_limit"]), respond)


# ---------------------------------------------------------------------------------------------
# the deliveries board

PERIODS = [(1, gettext_lazy("Today")), (7, gettext_lazy("Last 7 days")), (30, gettext_lazy("Last 30 days"))]
DEFAULT_DAYS = 7
# Map tiles for the deliveries board (Leaflet is vendored; only the tiles come from this server).
# Empty disables the map: coordinates and maps links remain.
MAP_TILES = settings.DELIVERY_MAP_TILES


class DeliveryFilterForm(forms.Form):
    """The deliveries board's filters (query string): a period of the offered ones, a delivery status (or
    every one not finished), one of the tenant's agents (``agents``: those the view has read). Any other
    value is refused naming the filter."""

    days = ChoiceOf(concept=gettext_lazy("period"), choices=[(str(n), label) for n, label in PERIODS], required=False)
    status = ChoiceOf(
        concept=gettext_lazy("delivery status"),
        choices=[(selectors.ACTIVE_FILTER, selectors.ACTIVE_FILTER), *DeliveryStatus.choices],
        required=False,
    )
    agent = ChoiceOf(concept=gettext_lazy("agent"), choices=[], required=False)

    def __init__(self, *args, agents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].choices = [(a.user_id, a.name or a.phone) for a in agents]

    def filters(self) -> dict:
        """``days`` (an int), ``status`` and ``agent`` ("" for all), or ValidationFailed naming the filter."""
        data = valid_data(self)
        return {"days": int(data["days"] or DEFAULT_DAYS), "status": data["status"], "agent": data["agent"]}


DEFAULT_FILTERS = {"days": DEFAULT_DAYS, "status": "", "agent": ""}


def _board_url(filters: dict) -> str:
    """The board with these filters (what it reloads after an assignment, and where actions come back to)."""
    shown = {name: value for name, value in filters.items() if value and value != DEFAULT_FILTERS[name]}
    return reverse("owner:deliveries") + ("?" + urlencode(shown) if shown else "")


@owner_required
def deliveries_page(request):
    """The board. A bad filter is a 400 with the message on the board, which shows the default filters."""
    tenant_id = request.tenant.tenant_id
    agents = agent_selectors.list_agents(tenant_id)
    names = {a.user_id: a for a in agents}
    try:
        filters, error = DeliveryFilterForm(request.GET, agents=agents).filters(), None
    except ValidationFailed as exc:
        filters, error = dict(DEFAULT_FILTERS), exc
    rows, more = selectors.tenant_deliveries(
        tenant_id, days=filters["days"], status=filters["status"] or None, agent_id=filters["agent"] or None
    )
    deliveries = [
        {
            "d": d,
            "agent": names.get(d.agent_id),
            "location": _location_view(d),
            "order_ref": {"order_id": d.order_id, "delivery_agent_id": d.agent_id},
            "url": _order_url(d.order_id),
            "status_label": selectors.STATUS_LABELS.get(d.status, d.status),
        }
        for d in rows
    ]
    counts = {}
    for d in rows:
        counts[d.status] = counts.get(d.status, 0) + 1
    unassigned = selectors.unassigned_orders(tenant_id)
    for order in unassigned:
        order.detail_url = _order_url(order.order_id)
    context = {
        "deliveries": deliveries,
        "more": more,
        "agents": agents,
        "active_agents": [a for a in agents if a.is_active],
        "unassigned": unassigned,
        "filters": filters,
        "error": error,
        "periods": PERIODS,
        "statuses": [(s, selectors.STATUS_LABELS[s]) for s in STATUSES],
        "status_counts": [(s, selectors.STATUS_LABELS[s], counts[s]) for s in STATUSES if s in counts],
        "next": _board_url(filters),
        "map_points": [
            {
                "lat": str(x["location"]["lat"]),
                "lng": str(x["location"]["lng"]),
                "age": ago(x["location"]["at"]),
                "label": f"{x['agent'].name if x['agent'] else 'Agent'} → {x['d'].customer_name or 'customer'}",
            }
            for x in deliveries
            if x["location"] and x["d"].status in selectors.ACTIVE
        ],
        "map_tiles": MAP_TILES,
    }
    status = 400 if error else 200
    if request.htmx and request.htmx.target == "delivery-board":
        return render(request, "owner/deliveries/list.html#board", context, status=status)
    return render(request, "owner/deliveries/list.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# assignment (a small HTMX form the order desk can include) and an order's delivery partial


def _assign_context(request, order, agents=None, error=None):
    agents = agents if agents is not None else agent_selectors.list_agents(request.tenant.tenant_id)
    return {
        "order": order,
        "agents": [a for a in agents if a.is_active],
        "error": error,
        "agents_loaded": True,
        "assignable": order.status in services.ASSIGNABLE,
        "next": safe_next(request, default=""),
    }


@owner_required
@require_http_methods(["GET", "POST"])
def assign(request, order_id):
    order = owner_order(request, order_id)
    if request.method == "GET":
        return render(request, "owner/deliveries/_assign_form.html", _assign_context(request, order))
    form = AssignForm(request.POST)
    chosen = {}

    def act():
        agent = form.agent(request.tenant.tenant_id)
        chosen["agent"] = agent
        return services.assign(order, agent, request.user.user_id)

    def respond(_delivery, error, status):
        if error is not None:
            if request.htmx:
                context = _assign_context(request, order, error=error)
                return render(request, "owner/deliveries/_assign_form.html", context, status=status)
            messages.error(request, str(error))
            return redirect(safe_next(request, default=reverse("owner:deliveries")))
        agent = chosen["agent"]
        message = _("Order %(ref)s assigned to %(name)s.") % {"ref": order.order_id[-8:], "name": agent.name}
        if request.htmx:
            context = {**_assign_context(request, order), "done": message, "agent": agent}
            response = render(request, "owner/deliveries/_assign_form.html", context)
            trigger_client_event(response, "delivery-assigned")
            return response
        messages.success(request, message)
        return redirect(safe_next(request, default=reverse("owner:deliveries")))

    return run_action(request, act, respond)


def _order_delivery_context(request, order, delivery, error=None):
    agent = None
    if order.delivery_agent_id:
        try:
            agent = agent_selectors.get_agent(request.tenant.tenant_id, order.delivery_agent_id)
        except NotFound:
            agent = None
    context = {
        "order": order,
        "delivery": delivery,
        "agent": agent,
        "location": _location_view(delivery),
        "status_label": selectors.STATUS_LABELS.get(getattr(delivery, "status", ""), ""),
        **_delivery_flags(order, delivery),
        "cash_on_delivery": order.payment_method == PaymentMethod.COD,
        "loaded": True,
        "next": safe_next(request, default="" if request.htmx else request.get_full_path()),
        "error": error,
    }
    return context


def _delivery_flags(order, delivery) -> dict:
    """What the order's delivery card shows, as yes/no answers (the template holds no status codes)."""
    status = getattr(delivery, "status", None)
    return {
        "delivery_open": status is not None and status not in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED),
        "delivery_on_the_road": status in (DeliveryStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT),
        "paid_by_upi_at_door": getattr(delivery, "collection_method", None) == CollectionMethod.UPI,
        "last_delivery_failed": order.delivery_status == DeliveryStatus.FAILED,
        "can_assign": order.status in services.ASSIGNABLE,
    }


@owner_required
def order_delivery(request, order_id):
    order = owner_order(request, order_id)
    context = _order_delivery_context(request, order, selectors.order_delivery(order))
    if request.htmx:
        return render(request, "owner/deliveries/_order_delivery.html", context)
    # Without HTMX (a link from the board while the order desk is not there): the same partial in a page.
    return render(request, "owner/deliveries/order.html", context)


class ReasonForm(forms.Form):
    """Why the owner steps in on a delivery (kept on the order's timeline; the service checks it is given)."""

    reason = forms.CharField(required=False, max_length=300)


def _delivery_step(request, order_id, action, success):
    """Run the owner's ``action(order, delivery, reason)``: back with ``success``, or the order's delivery page
    with the refusal and its 4xx."""
    order = owner_order(request, order_id)
    delivery = selectors.order_delivery(order)
    if delivery is None:
        raise Http404("No delivery")
    form = ReasonForm(request.POST)

    def respond(_result, error, status):
        if error is not None:
            context = _order_delivery_context(request, order, delivery, error=error)
            template = "owner/deliveries/_order_delivery.html" if request.htmx else "owner/deliveries/order.html"
            return render(request, template, context, status=status)
        messages.success(request, success)
        return redirect(safe_next(request, default=reverse("owner:deliveries")))

    return run_action(request, lambda: action(order, delivery, valid_data(form)["reason"]), respond)


@owner_required
@require_POST
def waive_code(request, order_id):
    return _delivery_step(
        request,
        order_id,
        lambda order, delivery, reason: services.waive_code(order, delivery, reason, request.user.user_id),
        _("The agent can now complete this delivery without the code."),
    )


@owner_required
@require_POST
def take_back(request, order_id):
    """The owner stops a delivery that is out (picked up / in transit): the order returns to PREPARING."""
    return _delivery_step(
        request,
        order_id,
        lambda _order, delivery, reason: services.fail(delivery, request.user, reason, by_owner=True),
        _("The order is back in your queue. Assign it again or cancel it."),
    )


@owner_required
def delivery_photo(request, order_id):
    order = owner_order(request, order_id)
    delivery = selectors.order_delivery(order)
    if delivery is None or not delivery.proof_photo:
        raise Http404("No photo")
    return photo_response(delivery.proof_photo)


urlpatterns = [
    path("agents/", agents_page, name="agents"),
    path("agents/<ulid:agent_id>/active/", agent_active, name="agent_active"),
    path("agents/<ulid:agent_id>/cash-limit/", agent_cash_limit, name="agent_cash_limit"),
    path("deliveries/", deliveries_page, name="deliveries"),
    path("deliveries/order/<ulid:order_id>/", order_delivery, name="order_delivery"),
    path("deliveries/order/<ulid:order_id>/assign/", assign, name="delivery_assign"),
    path("deliveries/order/<ulid:order_id>/waive-code/", waive_code, name="delivery_waive_code"),
    path("deliveries/order/<ulid:order_id>/photo/", delivery_photo, name="delivery_photo"),
    path("deliveries/order/<ulid:order_id>/take-back/", take_back, name="delivery_take_back"),
]
