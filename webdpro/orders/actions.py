"""Order actions: each state change the owner (or an agent) can make, as one named function.

Every action is a checked, conditional transition through :mod:`webdpro.orders.workflow` (the order
must still have the status we read), so two people pressing a button at once cannot skip or repeat a
step: one wins, the other gets :class:`~webdpro.errors.Conflict`. Cancelling returns every item's stock
in the same DynamoDB transaction as the status change; a PAID order is then refunded through payments.
Customers are told by SMS after the write (:mod:`webdpro.orders.notifications`); a failed SMS never
undoes or breaks the write.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from webdpro.db import Order
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.errors import Conflict, DomainError, ValidationFailed
from webdpro.orders import workflow
from webdpro.orders.cancellation import cancel_and_restock
from webdpro.orders.workflow import OrderTransitionRefused, check_transition

log = logging.getLogger(__name__)


class RefundFailed(Conflict):
    """The order was cancelled and its stock returned, but starting the refund failed."""


def _notify(order: Order, status: str) -> None:
    from webdpro.orders import home_cache
    from webdpro.orders.notifications import notify_status

    home_cache.order_changed(order)  # the dashboard home's cached days may count this order
    notify_status(order, status)  # logs and swallows its own failures


def _move(order: Order, target: str, by: str, note: str | None = None) -> Order:
    workflow.transition(order, target, by, note)
    _notify(order, target)
    return order


def confirm_order(order: Order, by: str, note: str | None = None) -> Order:
    """PENDING_PAYMENT → CONFIRMED (payment arrived, or the owner accepts the order)."""
    return _move(order, OrderStatus.CONFIRMED, by, note)


def prepare_order(order: Order, by: str) -> Order:
    """CONFIRMED → PREPARING: the shop starts packing."""
    return _move(order, OrderStatus.PREPARING, by)


def dispatch_order(order: Order, by: str) -> Order:
    """CONFIRMED / PREPARING → OUT_FOR_DELIVERY."""
    return _move(order, OrderStatus.OUT_FOR_DELIVERY, by)


def deliver_order(order: Order, by: str) -> Order:
    """OUT_FOR_DELIVERY → DELIVERED; the order's Route transfer is released to the owner through
    ``settings.ORDER_DELIVERED_HANDLER`` (payouts' ``release_for_order``: payments sits above orders)."""
    order = _move(order, OrderStatus.DELIVERED, by)
    import_string(settings.ORDER_DELIVERED_HANDLER)(order)
    return order


def accept_order(order: Order, by: str) -> Order:
    """PLACED → CONFIRMED: the owner accepts an order (stores that accept orders by hand)."""
    return _move(order, OrderStatus.CONFIRMED, by, _("Accepted by the shop"))


def reject_order(order: Order, by: str, reason: str | None = None) -> Order:
    """PLACED → CANCELLED with a reason: stock returned, refunded if paid online, customer told."""
    if order.status != OrderStatus.PLACED:
        raise OrderTransitionRefused(_("Only an order awaiting acceptance can be rejected."))
    return cancel_order(order, by, reason, by_owner=True)


def ready_order(order: Order, by: str) -> Order:
    """CONFIRMED / PREPARING → READY_FOR_PICKUP (pickup orders)."""
    return _move(order, OrderStatus.READY_FOR_PICKUP, by)


class WrongPickupCode(DomainError):
    status_code = 400

    def __init__(self):
        super().__init__(_("That pickup code does not match this order."), field="pickup_code")


def hand_over_order(order: Order, by: str, code: str | None = None) -> Order:
    """READY_FOR_PICKUP → PICKED_UP. With a code it must match the order's; without, the owner hands it over."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if code and code != (order.pickup_code or ""):
        raise WrongPickupCode()
    note = _("Pickup code checked") if code else _("Handed over by the shop")
    order = _move(order, OrderStatus.PICKED_UP, by, note)
    import_string(settings.ORDER_DELIVERED_HANDLER)(order)  # a pickup's hand-over is its delivery: release
    return order


def cancel_order(order: Order, by: str, reason: str | None = None, *, by_owner: bool = False) -> Order:
    """Cancel an order and give its stock back, in one transaction.

    Allowed before OUT_FOR_DELIVERY; from OUT_FOR_DELIVERY only by the owner (``by_owner=True``) with a
    reason. A PAID order is refunded after the cancellation is written, through
    ``settings.ORDER_REFUND_HANDLER`` (payments' ``request_refund``, looked up by dotted path: payments
    sits above orders). Items whose product has since been deleted are skipped (noted on the timeline)
    instead of blocking the cancellation.
    """
    reason = (reason or "").strip() or None
    if order.status == OrderStatus.OUT_FOR_DELIVERY and not by_owner:
        raise OrderTransitionRefused(_("Only the owner can cancel an order that is out for delivery."))
    check_transition(order.status, OrderStatus.CANCELLED, reason, getattr(order, "fulfilment", None))
    was_paid = order.payment_status == OrderPaymentStatus.PAID
    # Also require the payment status we read: a payment captured meanwhile must not be cancelled
    # without its refund.
    cancel_and_restock(order, by, reason, extra_condition=Order.payment_status == order.payment_status)
    if was_paid:
        _refund(order, reason, by)
    return order


def _refund(order: Order, reason: str | None, by: str) -> None:
    """Start the refund of a cancelled PAID order; the cancellation stands whatever happens."""
    request_refund = import_string(settings.ORDER_REFUND_HANDLER)
    try:
        request_refund(order, reason or "Order cancelled", by)
    except DomainError as exc:
        raise RefundFailed(
            _(
                "The order is cancelled and its stock returned, but the refund could "
                "not be started: %(message)s Start it from Payments."
            )
            % {"message": exc.message}
        ) from exc
    except Exception as exc:  # noqa: BLE001  (gateway/network: the cancellation stands)
        log.exception("refund request failed", extra={"order_id": order.order_id})
        raise RefundFailed(
            _(
                "The order is cancelled and its stock returned, but the refund could not be "
                "started. Start it from Payments."
            )
        ) from exc


# The owner's desk offers these actions by name; each maps to its function and the status it leads to.
ACTIONS = OrderedDict(
    [
        ("confirm", (confirm_order, OrderStatus.CONFIRMED, gettext_lazy("Confirm"))),
        ("prepare", (prepare_order, OrderStatus.PREPARING, gettext_lazy("Start preparing"))),
        ("dispatch", (dispatch_order, OrderStatus.OUT_FOR_DELIVERY, gettext_lazy("Out for delivery"))),
        ("deliver", (deliver_order, OrderStatus.DELIVERED, gettext_lazy("Mark delivered"))),
        ("accept", (accept_order, OrderStatus.CONFIRMED, gettext_lazy("Accept"))),
        ("reject", (reject_order, OrderStatus.CANCELLED, gettext_lazy("Reject"))),
        ("ready", (ready_order, OrderStatus.READY_FOR_PICKUP, gettext_lazy("Ready for pickup"))),
        ("handover", (hand_over_order, OrderStatus.PICKED_UP, gettext_lazy("Handed over"))),
        ("cancel", (cancel_order, OrderStatus.CANCELLED, gettext_lazy("Cancel"))),
    ]
)


def available_actions(order: Order, by_owner: bool = True) -> list[str]:
    """The action names that make sense for this order now (buttons on the desk)."""
    names = []
    allowed = workflow.table_for(order).get(order.status, set())
    for name, (_function, target, _label) in ACTIONS.items():
        if target not in allowed or _hidden(name, order):
            continue
        if name == "confirm" and order.status != OrderStatus.PENDING_PAYMENT:
            continue
        if (
            name == "confirm"
            and order.payment_method != PaymentMethod.COD
            and order.payment_status != OrderPaymentStatus.PAID
        ):
            continue  # online orders confirm themselves when the payment is captured
        if name == "prepare" and order.status == OrderStatus.OUT_FOR_DELIVERY:
            continue  # back to PREPARING is the delivery area's "failed delivery", not a desk button
        if name == "cancel" and order.status == OrderStatus.OUT_FOR_DELIVERY and not by_owner:
            continue
        names.append(name)
    return names


def _hidden(name: str, order: Order) -> bool:
    """Accepting/rejecting is for PLACED orders only; a PLACED order is rejected, not cancelled."""
    placed = order.status == OrderStatus.PLACED
    if name in ("accept", "reject"):
        return not placed
    return placed and name in ("confirm", "cancel")


def perform(name: str, order: Order, by: str, reason: str | None = None, code: str | None = None) -> Order:
    """Run the desk action ``name`` on ``order`` as the owner."""
    try:
        function = ACTIONS[name][0]
    except KeyError as exc:
        raise DomainError(_("Unknown action.")) from exc
    if name == "cancel":
        return cancel_order(order, by, reason, by_owner=True)
    if name == "reject":
        return reject_order(order, by, reason)
    if name == "handover":
        return hand_over_order(order, by, code)
    return function(order, by)


# --- Many orders at once (the desk's bulk bar) -------------------------------------------------------
BULK_LIMIT = 100


@dataclass
class BulkOutcome:
    """What one bulk action did: a line per selected order, and the orders it changed."""

    outcomes: list[dict] = field(default_factory=list)
    changed: list[Order] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome["ok"])

    @property
    def failed(self) -> int:
        return len(self.outcomes) - self.done


def check_bulk(name: str, order_ids: list[str]) -> None:
    """ValidationFailed unless ``name`` is a desk action and 1 to BULK_LIMIT orders are selected."""
    if name not in ACTIONS:
        raise ValidationFailed(_("Pick an action for the selected orders."), field="action")
    if not order_ids:
        raise ValidationFailed(_("Select at least one order."), field="order_ids")
    if len(order_ids) > BULK_LIMIT:
        raise ValidationFailed(
            _("Select at most %(bulk_limit)s orders at a time.") % {"bulk_limit": BULK_LIMIT}, field="order_ids"
        )


def perform_bulk(name: str, orders: dict[str, Order], order_ids: list[str], by: str, reason: str | None = None):
    """Run the desk action ``name`` on each selected order (``orders``: the tenant's, read by id), each its
    own conditional write: one refusal never stops the others. Returns a :class:`BulkOutcome`."""
    check_bulk(name, order_ids)
    result = BulkOutcome()
    for order_id in dict.fromkeys(order_ids):
        order = orders.get(order_id)
        if order is None:
            result.outcomes.append({"order_id": order_id, "ok": False, "message": "Order not found."})
            continue
        try:
            perform(name, order, by=by, reason=reason)
        except DomainError as exc:
            result.outcomes.append({"order_id": order_id, "ok": False, "message": exc.message})
            continue
        result.outcomes.append({"order_id": order_id, "ok": True, "message": workflow.LABELS[order.status]})
        result.changed.append(order)
    return result
