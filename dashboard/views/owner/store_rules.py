"""Store editor cards for the shop's own rules: delivery and pickup (with the delivery area), taking orders
(minimum, acceptance, alerts) and opening hours. Each card is a Django form
(:mod:`dashboard.views.owner.store_rule_forms`); the view saves it through :mod:`webdpro.stores.rule_settings`
and answers with the card (``stores.save_card``: saved, or the error in place).
"""

from __future__ import annotations

from django.urls import path
from django.views.decorators.http import require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>)
from dashboard.auth import owner_required
from dashboard.forms import valid_data
from dashboard.views.owner.common import owner_store
from dashboard.views.owner.store_rule_forms import DAY_LABELS, FulfilmentForm, HoursForm, OrderRulesForm
from dashboard.views.owner.stores import save_card
from webdpro.stores import rule_settings
from webdpro.stores.hours import DAYS

_EDGES = ("open1", "close1", "open2", "close2")


def _submitted(form) -> dict:
    return {name: form.data.get(name, "") for name in form.fields} | {
        "enabled": form.data.get("enabled") in ("on", "true", "1"),
        "pickup": form.data.get("pickup") in ("on", "true", "1"),
    }


@owner_required
@require_POST
def store_edit_fulfilment(request, store_id):
    store = owner_store(request, store_id)
    form = FulfilmentForm(request.POST)

    def save():
        data = valid_data(form)
        return rule_settings.update_fulfilment(
            store,
            request.user,
            delivery=data["enabled"],
            pickup=data["pickup"],
            fee=data["fee"],
            free_above=data["free_above"],
            area_mode=data["area"],
            pincodes=data["pincodes"],
            store_pincode=data["store_pincode"],
            radius_km=data["radius_km"],
        )

    return save_card(request, store, "delivery", save, _submitted(form))


@owner_required
@require_POST
def store_edit_orders(request, store_id):
    store = owner_store(request, store_id)
    form = OrderRulesForm(request.POST)

    def save():
        data = valid_data(form)
        return rule_settings.update_order_rules(
            store,
            request.user,
            min_order=data["min_order"],
            acceptance=data["acceptance"],
            accept_minutes=15 if data["accept_minutes"] is None else data["accept_minutes"],
            alerts=data["alerts"],
            customer_channel=data["customer_channel"],
        )

    return save_card(request, store, "orders", save, _submitted(form))


@owner_required
@require_POST
def store_edit_hours(request, store_id):
    store = owner_store(request, store_id)
    form = HoursForm(request.POST)

    def save():
        data = valid_data(form)
        return rule_settings.update_hours(
            store,
            request.user,
            enabled=data["enabled"],
            week=form.week(),
            holidays=data["holidays"],
            outside=data["outside"] or "refuse",
        )

    submitted = _submitted(form)
    submitted["days"] = [
        {"key": day, "label": DAY_LABELS[day], **{k: submitted.get(f"{day}_{k}", "") for k in _EDGES}} for day in DAYS
    ]
    return save_card(request, store, "hours", save, submitted)


urlpatterns = [
    path("stores/<ulid:store_id>/edit/fulfilment/", store_edit_fulfilment, name="store_edit_fulfilment"),
    path("stores/<ulid:store_id>/edit/orders/", store_edit_orders, name="store_edit_orders"),
    path("stores/<ulid:store_id>/edit/hours/", store_edit_hours, name="store_edit_hours"),
]
