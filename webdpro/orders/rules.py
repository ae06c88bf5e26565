"""The store's own order rules, checked by ``place_order`` before anything is written.

* fulfilment: delivery and/or pickup (config ``delivery.enabled`` / ``delivery.pickup``);
* delivery area (:mod:`webdpro.stores.area`), for delivery orders;
* minimum order value (config ``orders.min_order``, rupees; "0.00" = none);
* opening hours (:mod:`webdpro.stores.hours`): outside them refused, or scheduled for the next opening;
* acceptance (config ``orders.acceptance``): ``auto`` (CONFIRMED at once, as before) or ``manual``
  (PLACED until the owner accepts; auto-rejected after ``orders.accept_minutes``, default 15).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.db.orders import Fulfilment, OrderStatus
from webdpro.errors import Conflict, ValidationFailed
from webdpro.money import MoneyError, format_inr, to_decimal
from webdpro.stores import area, hours
from webdpro.stores.choices import ACCEPTANCE_CHOICES, AUTO, DEFAULT_ACCEPT_MINUTES, MANUAL, MAX_ACCEPT_MINUTES

PICKUP_CODE_DIGITS = 4


class OutsideHours(Conflict):
    """The shop is closed and refuses orders placed outside its hours (nothing was written)."""


class BelowMinimum(ValidationFailed):
    def __init__(self, message: str):
        super().__init__(message, field="cart", code="below_minimum")


@dataclass
class Decision:
    """What the rules decided for one order (applied to the order before it is written)."""

    fulfilment: str = Fulfilment.DELIVERY
    scheduled_for: str | None = None
    acceptance: str = AUTO
    accept_minutes: int = DEFAULT_ACCEPT_MINUTES

    @property
    def pickup(self) -> bool:
        return self.fulfilment == Fulfilment.PICKUP


def fulfilment_modes(config: dict) -> list[str]:
    """The store's modes, delivery first; a store with neither switched on delivers (as before)."""
    delivery = (config or {}).get("delivery") or {}
    modes = [Fulfilment.DELIVERY] if delivery.get("enabled", True) else []
    if delivery.get("pickup"):
        modes.append(Fulfilment.PICKUP)
    return modes or [Fulfilment.DELIVERY]


def choose_fulfilment(config: dict, requested: str | None) -> str:
    modes = fulfilment_modes(config)
    if not requested:
        if len(modes) == 1:
            return modes[0]
        raise ValidationFailed(_("Choose delivery or pickup."), field="fulfilment")
    if requested not in modes:
        if requested == Fulfilment.PICKUP:
            raise ValidationFailed(_("This shop does not offer pickup."), field="fulfilment")
        raise ValidationFailed(_("This shop offers pickup only."), field="fulfilment")
    return requested


def minimum_order(config: dict) -> Decimal:
    raw = ((config or {}).get("orders") or {}).get("min_order")
    try:
        value = to_decimal(raw) if raw not in (None, "") else Decimal("0.00")
    except MoneyError:
        return Decimal("0.00")
    return max(value, Decimal("0.00"))


def shortfall(config: dict, subtotal: Decimal) -> Decimal:
    """How much more the cart needs to reach the minimum (0 when it does)."""
    return max(minimum_order(config) - subtotal, Decimal("0.00"))


def check_minimum(config: dict, subtotal: Decimal) -> None:
    missing = shortfall(config, subtotal)
    if missing > 0:
        raise BelowMinimum(
            _("The minimum order is %(min)s. Add %(more)s more to order.")
            % {"min": format_inr(minimum_order(config)), "more": format_inr(missing)}
        )


def schedule_slot(config: dict, moment: datetime | None = None) -> str | None:
    """None when the shop is open now; the next opening (ISO) when it schedules orders; else refuse."""
    sched = hours.schedule(config)
    current = hours.state(sched, moment)
    if current.is_open:
        return None
    if sched.outside == hours.SCHEDULE and current.opens_at is not None:
        return clock.iso(current.opens_at)
    message = _("The shop is closed now.")
    if current.opens_at is not None:
        message = _("The shop is closed now. It opens at %(slot)s; please order then.") % {
            "slot": hours.slot_label(clock.iso(current.opens_at), moment)
        }
    raise OutsideHours(message)


def acceptance(config: dict) -> tuple[str, int]:
    orders = (config or {}).get("orders") or {}
    mode = orders.get("acceptance") if orders.get("acceptance") in ACCEPTANCE_CHOICES else AUTO
    try:
        limit = int(orders.get("accept_minutes") or DEFAULT_ACCEPT_MINUTES)
    except (TypeError, ValueError):
        limit = DEFAULT_ACCEPT_MINUTES
    return mode, min(max(limit, 1), MAX_ACCEPT_MINUTES)


def check_before_write(
    store, *, fulfilment: str | None, pincode: str, subtotal: Decimal, moment: datetime | None = None
) -> Decision:
    """Every store rule for a new order, in the order a customer can fix them; raises the first refusal."""
    config = store.config_read
    chosen = choose_fulfilment(config, fulfilment)
    if chosen == Fulfilment.DELIVERY:
        area.check_pincode(config, pincode, pickup=Fulfilment.PICKUP in fulfilment_modes(config))
    check_minimum(config, subtotal)
    slot = schedule_slot(config, moment)
    mode, limit = acceptance(config)
    return Decision(fulfilment=chosen, scheduled_for=slot, acceptance=mode, accept_minutes=limit)


def new_pickup_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PICKUP_CODE_DIGITS))


def accept_deadline(decision_or_order, now: datetime | None = None) -> str:
    """When a PLACED order is auto-rejected: the limit after now, or after its scheduled opening."""
    start = clock.now() if now is None else now
    slot = getattr(decision_or_order, "scheduled_for", None)
    if slot and clock.parse(slot) > start:
        start = clock.parse(slot)
    limit = getattr(decision_or_order, "accept_minutes", None)
    if limit is None:
        limit = DEFAULT_ACCEPT_MINUTES
    return clock.iso(start + timedelta(minutes=limit))


def order_attributes(decision: Decision) -> dict:
    """The order attributes these rules set (given to the Order before it is written)."""
    attrs = {"fulfilment": decision.fulfilment, "scheduled_for": decision.scheduled_for}
    if decision.pickup:
        attrs["pickup_code"] = new_pickup_code()
    if decision.acceptance == MANUAL:
        attrs["acceptance"] = "MANUAL"
    return attrs


def price_for(decision: Decision, priced):
    """Pickup orders pay no delivery fee."""
    if not decision.pickup:
        return priced
    return replace(priced, delivery_fee=Decimal("0.00"), total=priced.subtotal)


def apply(decision: Decision, order):
    """Set what the rules decided on the order before it is written (and PLACED for manual acceptance)."""
    for name, value in order_attributes(decision).items():
        setattr(order, name, value)
    if order.status == OrderStatus.CONFIRMED and decision.acceptance == MANUAL:
        order.status = OrderStatus.PLACED
        order.history[0].status = OrderStatus.PLACED
        order.accept_by = accept_deadline(decision)
        order.awaiting_tenant = order.tenant_id
    return order


def confirmed_status(order) -> str:
    """The status a placed (COD) or just-paid order moves to: PLACED when the owner accepts by hand."""
    return OrderStatus.PLACED if getattr(order, "acceptance", None) == "MANUAL" else OrderStatus.CONFIRMED


def placed_actions(order, store=None) -> list:
    """Extra update actions when an order becomes PLACED (its acceptance deadline)."""
    from webdpro.db import Order

    config = store.config_read if store is not None else {}
    _, limit = acceptance(config)
    holder = Decision(scheduled_for=order.scheduled_for, accept_minutes=limit)
    order.accept_by = accept_deadline(holder)
    return [Order.accept_by.set(order.accept_by)]


def after_placed(order, store, *, owner_phone: str | None = None) -> None:
    """After the write: alert the owner of an order that is ready for the shop (not one awaiting payment).
    ``owner_phone``: the owner's phone when the caller already read the tenant (checkout's BatchGetItem)."""
    if order.status in (OrderStatus.CONFIRMED, OrderStatus.PLACED):
        from webdpro.orders.alerts import new_order

        new_order(order, store, owner_phone=owner_phone)
