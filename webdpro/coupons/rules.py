"""What a coupon is and when it applies. Pure functions: no DynamoDB here.

Discount rules (money rounding lives in ``webdpro.money``):

* PERCENT: ``value`` % of the items' subtotal, rounded half-up to the paisa, capped at ``max_discount``
  when one is set;
* FLAT: ``value`` rupees;
* never more than the subtotal, and only when the subtotal reaches ``min_order``. The delivery fee is
  not discounted and is worked out on the subtotal before the discount.

Validity dates are Indian calendar dates (IST), both ends inclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.db.coupons import FLAT, PERCENT  # noqa: F401  (re-exported for the web layer)
from webdpro.errors import ValidationFailed
from webdpro.money import REQUIRED, format_inr, parse_rupees, percent_of, to_decimal

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}$")
MAX_USES = 1_000_000
MAX_FLAT = Decimal("100000.00")
FIELD = "coupon_code"


class CouponRefused(ValidationFailed):
    """The code cannot be used on this cart (unknown, paused, expired, used up, below minimum …)."""

    def __init__(self, message: str):
        super().__init__(message, field=FIELD)


def normalize_code(raw) -> str:
    """Codes are case-insensitive: ``" diwali-10 "`` → ``"DIWALI-10"``. Raises ValidationFailed."""
    code = "".join(str(raw or "").split()).upper()
    if not CODE_RE.match(code):
        raise ValidationFailed(
            _("A code is 3 to 20 letters, digits or dashes, like DIWALI10."),
            field="code",
        )
    return code


def code_or_refuse(raw) -> str:
    try:
        return normalize_code(raw)
    except ValidationFailed:
        raise CouponRefused(_("“%(code)s” is not a valid coupon code.") % {"code": str(raw)[:30]}) from None


@dataclass
class CouponSpec:
    code: str
    kind: str
    value: Decimal
    min_order: Decimal
    max_discount: Decimal | None
    starts_on: str | None
    ends_on: str | None
    max_uses: int | None
    per_phone_limit: int | None


def _money(raw, field, label, *, required=False, positive=False) -> Decimal | None:
    """Rupees the owner typed (``webdpro.money.parse_rupees``), up to ``MAX_FLAT``; None when left empty."""
    blank = REQUIRED if required else None
    return parse_rupees(raw, field=field, label=str(label), maximum=MAX_FLAT, positive=positive, blank=blank)


def _count(raw, field, label) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_USES:
        raise ValidationFailed(
            _("%(label)s must be a whole number from 1 to %(max)s.") % {"label": label, "max": MAX_USES}, field=field
        )
    return int(text)


def _day(raw, field) -> str | None:
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationFailed(_("Enter a date like 2026-12-31."), field=field) from None


def _value(kind, raw) -> Decimal:
    if kind not in (PERCENT, FLAT):
        raise ValidationFailed(_("Choose percentage or flat amount."), field="kind")
    if kind == PERCENT:
        text = str(raw or "").strip()
        if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text) or not Decimal("0") < Decimal(text) <= 100:
            raise ValidationFailed(_("Enter a percentage from 0.01 to 100."), field="value")
        return Decimal(text)
    return _money(raw, "value", _("discount"), required=True, positive=True)


def clean_spec(data) -> CouponSpec:
    """Validate the owner's form (a mapping of strings). Raises ValidationFailed naming the field."""
    code = normalize_code(data.get("code"))
    kind = str(data.get("kind") or "")
    value = _value(kind, data.get("value"))
    starts_on, ends_on = _day(data.get("starts_on"), "starts_on"), _day(data.get("ends_on"), "ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationFailed(_("The last day is before the first day."), field="ends_on")
    max_discount = _money(data.get("max_discount"), "max_discount", _("maximum discount"))
    if kind == FLAT:
        max_discount = None
    return CouponSpec(
        code=code,
        kind=kind,
        value=value,
        min_order=_money(data.get("min_order"), "min_order", _("minimum order")) or Decimal("0.00"),
        max_discount=max_discount,
        starts_on=starts_on,
        ends_on=ends_on,
        max_uses=_count(data.get("max_uses"), "max_uses", _("Total uses")),
        per_phone_limit=_count(data.get("per_phone_limit"), "per_phone_limit", _("Uses per customer")),
    )


def discount_for(coupon, subtotal: Decimal) -> Decimal:
    """The discount ``coupon`` gives on items worth ``subtotal`` (no eligibility checks)."""
    subtotal = to_decimal(subtotal)
    if coupon.kind == PERCENT:
        amount = percent_of(subtotal, coupon.value)
        if coupon.max_discount is not None:
            amount = min(amount, to_decimal(coupon.max_discount))
    else:
        amount = to_decimal(coupon.value)
    return max(Decimal("0.00"), min(amount, subtotal))


def refusal(coupon, subtotal: Decimal, today: date | None = None) -> str | None:
    """Why ``coupon`` cannot be used on ``subtotal`` today (None: it can)."""
    today = (today or clock.local_today()).isoformat()
    if coupon.is_paused:
        return _("The code %(code)s is paused by the shop.") % {"code": coupon.code}
    if coupon.starts_on and today < coupon.starts_on:
        return _("The code %(code)s starts on %(day)s.") % {"code": coupon.code, "day": coupon.starts_on}
    if coupon.ends_on and today > coupon.ends_on:
        return _("The code %(code)s has expired.") % {"code": coupon.code}
    if coupon.max_uses is not None and (coupon.uses or 0) >= coupon.max_uses:
        return used_up(coupon.code)
    minimum = to_decimal(coupon.min_order or 0)
    if to_decimal(subtotal) < minimum:
        return _("Add %(amount)s more to use %(code)s (minimum order %(min)s).") % {
            "amount": format_inr(minimum - to_decimal(subtotal)),
            "code": coupon.code,
            "min": format_inr(minimum),
        }
    return None


def used_up(code: str) -> str:
    return _("The code %(code)s has been used up.") % {"code": code}


def phone_limit_reached(code: str) -> str:
    return _("You have already used the code %(code)s as many times as allowed.") % {"code": code}


def describe(coupon) -> str:
    """“10% off, up to ₹100, on orders of ₹500 or more” — for the owner and the cart."""
    if coupon.kind == PERCENT:
        text = _("%(value)s%% off") % {"value": f"{to_decimal(coupon.value).normalize():f}"}
        if coupon.max_discount is not None:
            text += ", " + _("up to %(amount)s") % {"amount": format_inr(coupon.max_discount)}
    else:
        text = _("%(amount)s off") % {"amount": format_inr(coupon.value)}
    if coupon.min_order and to_decimal(coupon.min_order) > 0:
        text += ", " + _("on orders of %(amount)s or more") % {"amount": format_inr(coupon.min_order)}
    return text
