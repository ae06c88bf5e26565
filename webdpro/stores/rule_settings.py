"""Saving the shop's own rules from the store editor: delivery and pickup (with the delivery area), how
orders are taken (minimum, acceptance, alerts, the customers' channel) and the opening hours.

Plain functions that take cleaned values, check the rules a form cannot (at least one fulfilment mode, a
radius needs a shop PIN code the PIN data can place, …) and save the config through
:func:`webdpro.stores.services.save_config` (schema-validated, conditional on the version read).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from webdpro.errors import ValidationFailed
from webdpro.sms import CHANNELS
from webdpro.stores import area, hours
from webdpro.stores.choices import ACCEPTANCE_CHOICES, ALERT_CHOICES, MAX_ACCEPT_MINUTES
from webdpro.stores.services import _money, save_config


def update_fulfilment(
    store,
    by,
    *,
    delivery: bool,
    pickup: bool,
    fee,
    free_above,
    area_mode: str,
    pincodes: str,
    store_pincode: str,
    radius_km,
) -> object:
    """The "Delivery and pickup" card."""
    if not (delivery or pickup):
        raise ValidationFailed(_("Offer delivery, pickup or both."), field="enabled")
    if area_mode not in area.AREA_CHOICES:
        raise ValidationFailed(_("Choose where you deliver."), field="area")
    pins = area.parse_pincodes(pincodes)
    radius = _radius(radius_km)
    store_pincode = (store_pincode or "").strip()
    if store_pincode and not area.PIN_RE.match(store_pincode):
        raise ValidationFailed(_("Enter the shop's 6-digit PIN code."), field="store_pincode")
    if delivery:
        area.check_settings(area_mode, pins, store_pincode, radius)
    config = store.config_dict
    config["delivery"] = {
        "fee": str(_money(fee, "delivery fee", "fee")),
        "free_above": str(_money(free_above, "free-delivery amount", "free_above")),
        "radius_km": f"{radius:f}",
        "enabled": bool(delivery),
        "pickup": bool(pickup),
        "area": area_mode,
        "pincodes": pins,
        "store_pincode": store_pincode,
    }
    return save_config(store, config, by)


def _radius(value) -> Decimal:
    try:
        radius = Decimal(str(value if value not in (None, "") else "0").strip())
    except ArithmeticError as exc:
        raise ValidationFailed(_("Enter the delivery radius in km, like 5."), field="radius_km") from exc
    if not radius.is_finite() or radius < 0 or radius > 999:
        raise ValidationFailed(_("The delivery radius must be between 0 and 999 km."), field="radius_km")
    return radius.quantize(Decimal("0.01")).normalize()


def update_order_rules(
    store, by, *, min_order, acceptance: str, accept_minutes, alerts: str, customer_channel: str
) -> object:
    """The "Taking orders" card."""
    if acceptance not in ACCEPTANCE_CHOICES:
        raise ValidationFailed(_("Choose how orders are accepted."), field="acceptance")
    if alerts not in ALERT_CHOICES:
        raise ValidationFailed(_("Choose how you hear about new orders."), field="alerts")
    if customer_channel not in CHANNELS:
        raise ValidationFailed(_("Choose how customers get their updates."), field="customer_channel")
    try:
        minutes = int(accept_minutes)
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(_("Enter the minutes to accept an order, like 15."), field="accept_minutes") from exc
    if not 1 <= minutes <= MAX_ACCEPT_MINUTES:
        raise ValidationFailed(
            _("Give between 1 and %(max)s minutes to accept an order.") % {"max": MAX_ACCEPT_MINUTES},
            field="accept_minutes",
        )
    config = store.config_dict
    config["orders"] = {
        "min_order": str(_money(min_order, "minimum order", "min_order")),
        "acceptance": acceptance,
        "accept_minutes": minutes,
        "alerts": alerts,
        "customer_channel": customer_channel,
    }
    return save_config(store, config, by)


def update_hours(store, by, *, enabled: bool, week: dict, holidays: str, outside: str) -> object:
    """The "Opening hours" card. ``week``: day → list of (open, close) 'HH:MM' pairs (empty = closed)."""
    config = store.config_dict
    if not enabled:
        config.pop("hours", None)
        return save_config(store, config, by)
    if outside not in hours.OUTSIDE_CHOICES:
        raise ValidationFailed(_("Choose what happens to orders while you are closed."), field="outside")
    clean_week = {}
    for day in hours.DAYS:
        ranges = [(a.strip(), b.strip()) for a, b in week.get(day, []) if (a or "").strip() or (b or "").strip()]
        hours.check_ranges(ranges, field=f"hours_{day}")
        clean_week[day] = [[a, b] for a, b in ranges]
    if not any(clean_week.values()):
        raise ValidationFailed(_("Open on at least one day, or turn the schedule off."), field="hours")
    config["hours"] = {"week": clean_week, "holidays": parse_holidays(holidays), "outside": outside}
    return save_config(store, config, by)


def parse_holidays(text: str) -> list[str]:
    days = []
    for raw in (text or "").replace(",", "\n").split():
        try:
            day = date.fromisoformat(raw.strip())
        except ValueError as exc:
            raise ValidationFailed(
                _("%(value)s is not a date like 2026-12-25.") % {"value": raw[:12]}, field="holidays"
            ) from exc
        if day.isoformat() not in days:
            days.append(day.isoformat())
    if len(days) > hours.MAX_HOLIDAYS:
        raise ValidationFailed(_("List at most %(max)s holidays.") % {"max": hours.MAX_HOLIDAYS}, field="holidays")
    return sorted(days)
