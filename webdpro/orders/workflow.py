"""The order workflow, in one place. Every status change goes through here, as a conditional update
(``status = <expected>``) so two people acting at once can never skip or repeat a step.

    PENDING_PAYMENT → CONFIRMED (paid) | PLACED (paid, the store accepts by hand) | CANCELLED
    PLACED → CONFIRMED (the owner accepts) | CANCELLED (rejected with a reason, or not accepted in time)
    CONFIRMED → PREPARING → OUT_FOR_DELIVERY → DELIVERED
    CONFIRMED / PREPARING → OUT_FOR_DELIVERY (an agent picks up)
    OUT_FOR_DELIVERY → PREPARING (a delivery failed: back to the owner's queue)
    any state before OUT_FOR_DELIVERY → CANCELLED; OUT_FOR_DELIVERY → CANCELLED only by the owner, with a reason

Pickup orders (``fulfilment = PICKUP``) follow :data:`PICKUP_TRANSITIONS` instead:

    CONFIRMED → PREPARING → READY_FOR_PICKUP → PICKED_UP; CONFIRMED → READY_FOR_PICKUP;
    anything before PICKED_UP → CANCELLED
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.db import Order, conflict_on_condition, get_or_not_found
from webdpro.db.orders import Fulfilment, OrderStatus, StatusChange
from webdpro.errors import Conflict
from webdpro.labels import ORDER_STATUS_LABELS

TRANSITIONS: dict[str, set[str]] = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.CONFIRMED, OrderStatus.PLACED, OrderStatus.CANCELLED},
    OrderStatus.PLACED: {OrderStatus.CONFIRMED, OrderStatus.CANCELLED},
    OrderStatus.CONFIRMED: {OrderStatus.PREPARING, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED},
    OrderStatus.PREPARING: {OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED},
    OrderStatus.OUT_FOR_DELIVERY: {OrderStatus.DELIVERED, OrderStatus.PREPARING, OrderStatus.CANCELLED},
    OrderStatus.DELIVERED: set(),
    OrderStatus.CANCELLED: set(),
    OrderStatus.READY_FOR_PICKUP: set(),  # pickup orders only
    OrderStatus.PICKED_UP: set(),
}
PICKUP_TRANSITIONS: dict[str, set[str]] = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.CONFIRMED, OrderStatus.PLACED, OrderStatus.CANCELLED},
    OrderStatus.PLACED: {OrderStatus.CONFIRMED, OrderStatus.CANCELLED},
    OrderStatus.CONFIRMED: {OrderStatus.PREPARING, OrderStatus.READY_FOR_PICKUP, OrderStatus.CANCELLED},
    OrderStatus.PREPARING: {OrderStatus.READY_FOR_PICKUP, OrderStatus.CANCELLED},
    OrderStatus.READY_FOR_PICKUP: {OrderStatus.PICKED_UP, OrderStatus.CANCELLED},
    OrderStatus.PICKED_UP: set(),
    OrderStatus.CANCELLED: set(),
    OrderStatus.OUT_FOR_DELIVERY: set(),  # delivery orders only
    OrderStatus.DELIVERED: set(),
}
# Transitions that need a reason from the owner.
NEEDS_REASON = {(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED), (OrderStatus.PLACED, OrderStatus.CANCELLED)}
LABELS = ORDER_STATUS_LABELS


class OrderTransitionRefused(Conflict):
    """The order cannot move from its status to the one asked for."""


def table_for(order_or_fulfilment) -> dict[str, set[str]]:
    """The transitions table of an order (or of a fulfilment mode): pickup orders have their own."""
    fulfilment = getattr(order_or_fulfilment, "fulfilment", order_or_fulfilment)
    return PICKUP_TRANSITIONS if fulfilment == Fulfilment.PICKUP else TRANSITIONS


def check_transition(current: str, target: str, reason: str | None = None, fulfilment: str | None = None) -> None:
    if target not in table_for(fulfilment).get(current, set()):
        raise OrderTransitionRefused(
            _("An order that is %(current)s cannot become %(target)s.")
            % {"current": LABELS.get(current, current).lower(), "target": LABELS.get(target, target).lower()}
        )
    if (current, target) in NEEDS_REASON and not (reason or "").strip():
        if current == OrderStatus.PLACED:
            raise OrderTransitionRefused(gettext("Give a reason to reject an order."))
        raise OrderTransitionRefused(_("Give a reason to cancel an order that is already out for delivery."))


def transition_actions(order: Order, target: str, by: str, note: str | None = None, at: str | None = None) -> list:
    """The update actions for a status change (status, timeline entry, updated_at, delivered_at)."""
    at = at or clock.now_iso()
    actions = [
        Order.status.set(target),
        Order.updated_at.set(at),
        Order.history.set(Order.history.append([StatusChange(status=target, at=at, by=by, note=note or None)])),
    ]
    if target in (OrderStatus.DELIVERED, OrderStatus.PICKED_UP):
        actions.append(Order.delivered_at.set(at))
    if target == OrderStatus.PLACED:
        actions.append(Order.awaiting_tenant.set(order.tenant_id))
    elif order.status == OrderStatus.PLACED:
        actions.append(Order.awaiting_tenant.remove())
    if target == OrderStatus.CANCELLED and note:
        actions.append(Order.cancel_reason.set(note))
    return actions


def transition_condition(order: Order):
    """Condition that the order is still as we read it (same tenant, same status)."""
    return (Order.status == order.status) & (Order.tenant_id == order.tenant_id)


def add_transition(
    tx, order: Order, target: str, by: str, note: str | None = None, extra_actions=(), extra_condition=None
) -> None:
    """Add a checked status change to a ``transact_write()`` (e.g. with the delivery it belongs to).
    ``extra_condition`` is ANDed with the status condition (e.g. the payment status we read)."""
    check_transition(order.status, target, note, getattr(order, "fulfilment", None))
    condition = transition_condition(order)
    if extra_condition is not None:
        condition = condition & extra_condition
    tx.update(order, actions=[*transition_actions(order, target, by, note), *extra_actions], condition=condition)


def transition(order: Order, target: str, by: str, note: str | None = None, extra_actions=()) -> Order:
    """Change one order's status on its own; raises OrderTransitionRefused or Conflict (someone was first)."""
    check_transition(order.status, target, note, getattr(order, "fulfilment", None))
    with conflict_on_condition(_("This order was changed by someone else a moment ago. Reload and try again.")):
        order.update(
            actions=[*transition_actions(order, target, by, note), *extra_actions],
            condition=transition_condition(order),
        )
    return order


def get_order_for_tenant(tenant_id: str, order_id: str) -> Order:
    """An order by id, only if it belongs to the tenant (NotFound otherwise)."""
    return get_or_not_found(Order, order_id, message="Order not found.", tenant_id=tenant_id)
