"""Delivery writes. Each step changes the delivery and its order in ONE DynamoDB transaction, with
conditions on both (statuses as read, the order still pointing at this delivery), so two people
acting at once can never both win, and nothing is ever half-written.

    assign:   order CONFIRMED/PREPARING, unassigned (or on the expected agent) → delivery PENDING
    pick_up:  delivery PENDING → PICKED_UP, order → OUT_FOR_DELIVERY, customer gets a delivery code
    start:    delivery PICKED_UP → IN_TRANSIT (location sharing starts)
    deliver:  delivery IN_TRANSIT → DELIVERED, order → DELIVERED, COD payment row (cash or UPI at door)
    fail:     delivery PICKED_UP/IN_TRANSIT → FAILED, order → PREPARING, agent cleared (stock untouched)
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from pynamodb.exceptions import UpdateError

from webdpro import clock
from webdpro.db import (
    Delivery,
    Order,
    Payment,
    User,
    conflict_on_condition,
    get_or_none,
    get_or_not_found,
    is_condition_failure,
    transact_write,
)
from webdpro.db.deliveries import CollectionMethod, DeliveryStatus, Location
from webdpro.db.orders import Fulfilment, OrderPaymentStatus, OrderStatus, PaymentMethod, StatusChange
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.db.users import Role
from webdpro.delivery.agents.selectors import cash_held
from webdpro.delivery.transitions import ACTIVE, StepRefused, check_step
from webdpro.errors import Conflict, DomainError, ValidationFailed
from webdpro.ids import new_id, short
from webdpro.money import format_inr, parse_rupees
from webdpro.orders.workflow import LABELS, add_transition

log = logging.getLogger(__name__)

ASSIGNABLE = (OrderStatus.CONFIRMED, OrderStatus.PREPARING)
MAX_CODE_ATTEMPTS = 5
MAX_COLLECTED = Decimal("10000000")  # ₹1 crore: more cash collected at one door is a typo
RESEND_SECONDS = 60
FAILURE_REASONS = [
    gettext_noop("Customer not reachable on phone"),
    gettext_noop("Customer not at home"),
    gettext_noop("Address not found"),
    gettext_noop("Customer refused the order"),
    gettext_noop("Customer could not pay"),
    gettext_noop("Vehicle or safety problem"),
]


class AssignmentRefused(Conflict):
    """This order cannot go to this agent now (its status, the agent, or their cash limit)."""


class WrongDeliveryCode(DomainError):
    status_code = 422


class AmountDifference(DomainError):
    """The cash entered differs from the amount due: allowed, but the agent must confirm it."""

    status_code = 422


# ---------------------------------------------------------------------------------------------
# helpers


def _history(order: Order, note: str, by: str, at: str) -> list:
    """Timeline entry that records an event without changing the order's status."""
    return [Order.history.set(Order.history.append([StatusChange(status=order.status, at=at, by=by, note=note)]))]


def _agent_label(agent: User | None) -> str:
    if not agent:
        return _("the agent")
    return getattr(agent, "name", None) or getattr(agent, "phone", None) or _("the agent")


def _notify(order: Order, status: str) -> None:
    """The orders area's customer SMS; never breaks the write."""
    from webdpro.orders.notifications import notify_status

    try:
        notify_status(order, status)
    except Exception:  # noqa: BLE001 — a failed SMS must not undo a delivery step
        log.exception("notify_status failed", extra={"order_id": order.order_id, "status": status})


def _send_sms(to: str, body: str) -> None:
    try:
        from webdpro.sms import send_sms

        send_sms(to, body)
    except Exception:  # noqa: BLE001
        log.exception("delivery sms failed")


def code_hash(delivery_id: str, code: str) -> str:
    """HMAC of the code with the site secret and the delivery id: useless without the secret."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"delivery-code:{delivery_id}:{code}".encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return f"{secrets.randbelow(10000):04d}"


def order_for_delivery(delivery: Delivery) -> Order:
    """The delivery's order, checked to still be this delivery's (same tenant, same delivery id)."""
    order = get_or_not_found(Order, delivery.order_id, message="Order not found.", tenant_id=delivery.tenant_id)
    from webdpro.orders.expiry import sweep_one

    return sweep_one(order)


def _require_current(order: Order, delivery: Delivery) -> None:
    if order.delivery_id != delivery.delivery_id or order.delivery_agent_id != delivery.agent_id:
        raise StepRefused(_("This order is no longer assigned to you (the owner moved it). Check your list."))


# ---------------------------------------------------------------------------------------------
# assignment


def assign(order: Order, agent: User, by: str) -> Delivery:
    """Assign (or reassign) an order to an agent in one transaction.

    Creates the delivery (keyed by the agent), points the order at it (delivery_agent_id, delivery_id,
    delivery_status) on the condition that the order is still CONFIRMED/PREPARING and unassigned (or
    still on the agent we read), deletes the previous agent's delivery if it had not been picked up,
    and checks the agent is still an active agent of this tenant.
    """
    _check_assignable(order, agent)
    is_cod = order.payment_method == PaymentMethod.COD and order.payment_status != OrderPaymentStatus.PAID
    if is_cod:
        _check_cash_limit(agent)
    previous = _previous_delivery(order)
    now = clock.now_iso()
    delivery = _new_delivery(order, agent, is_cod, now)
    with conflict_on_condition(
        _(
            "This order or agent changed a moment ago (someone else may have assigned it, or the "
            "agent was deactivated). Reload and try again."
        )
    ):
        _write_assignment(order, agent, delivery, previous, by, now)
    order.delivery_agent_id, order.delivery_id, order.delivery_status = (
        agent.user_id,
        delivery.delivery_id,
        DeliveryStatus.PENDING,
    )
    return delivery


def _check_assignable(order: Order, agent: User) -> None:
    """The agent is this tenant's and active; the order is a delivery, assignable and not theirs already."""
    if not agent or agent.role != Role.DELIVERY_AGENT or agent.tenant_id != order.tenant_id:
        raise AssignmentRefused(_("Choose one of your own delivery agents."), field="agent_id")
    if not agent.is_active:
        raise AssignmentRefused(
            _("%(agent)s is deactivated. Reactivate them on the Agents page or choose another agent.")
            % {"agent": _agent_label(agent)},
            field="agent_id",
        )
    if getattr(order, "fulfilment", None) == Fulfilment.PICKUP:
        raise AssignmentRefused(_("This order is collected at the shop: it needs no delivery agent."))
    if order.status not in ASSIGNABLE:
        raise AssignmentRefused(
            _("Only confirmed or preparing orders can be assigned; this order is %(status)s.")
            % {"status": LABELS.get(order.status, order.status).lower()}
        )
    if order.delivery_agent_id == agent.user_id:
        raise AssignmentRefused(
            _("This order is already assigned to %(agent)s.") % {"agent": _agent_label(agent)}, field="agent_id"
        )


def _check_cash_limit(agent: User) -> None:
    """A cash-on-delivery order goes only to an agent within their cash limit (one Query when they have one)."""
    if agent.cash_limit is None:
        return
    held = cash_held(agent.user_id)
    if held > agent.cash_limit:
        amounts = {"agent": _agent_label(agent), "held": format_inr(held), "limit": format_inr(agent.cash_limit)}
        raise AssignmentRefused(
            _(
                "%(agent)s holds %(held)s in cash, above their limit of %(limit)s. Record a cash handover first, "
                "or give this cash-on-delivery order to another agent."
            )
            % amounts,
            field="agent_id",
        )


def _previous_delivery(order: Order) -> Delivery | None:
    """The delivery a reassignment replaces (refused once that agent has picked the order up)."""
    if not (order.delivery_agent_id and order.delivery_id):
        return None
    previous = get_or_none(Delivery, order.delivery_agent_id, order.delivery_id)
    if previous is not None and previous.status != DeliveryStatus.PENDING:
        raise AssignmentRefused(_("The current agent has already picked this order up; it cannot be moved now."))
    return previous


def _new_delivery(order: Order, agent: User, is_cod: bool, now: str) -> Delivery:
    return Delivery(
        agent.user_id,
        new_id(),
        order_id=order.order_id,
        tenant_id=order.tenant_id,
        store_id=order.store_id,
        status=DeliveryStatus.PENDING,
        customer_name=order.customer_name,
        customer_phone=order.customer_phone,
        delivery_address=", ".join(p for p in [order.delivery_address, order.pincode] if p),
        is_cod=is_cod,
        cod_amount=order.total_amount if is_cod else None,
        cod_collected=False,
        created_at=now,
        updated_at=now,
    )


def _write_assignment(order: Order, agent: User, delivery: Delivery, previous, by: str, now: str) -> None:
    """One transaction: the agent still active here, the previous delivery gone, the new one saved, the
    order pointed at it on the condition that it is still as read."""
    previous_agent_id, previous_delivery_id = order.delivery_agent_id, order.delivery_id
    if previous_agent_id:
        order_condition = Order.delivery_agent_id == previous_agent_id
        order_condition &= (
            (Order.delivery_id == previous_delivery_id) if previous_delivery_id else Order.delivery_id.does_not_exist()
        )
        note = f"Reassigned to {_agent_label(agent)}"
    else:
        order_condition = Order.delivery_agent_id.does_not_exist()
        note = f"Assigned to {_agent_label(agent)}"
    order_condition &= (Order.status == order.status) & (Order.tenant_id == order.tenant_id)
    with transact_write() as tx:
        tx.condition_check(
            User,
            agent.phone,
            condition=(User.is_active == True)  # noqa: E712
            & (User.tenant_id == order.tenant_id)
            & (User.role == Role.DELIVERY_AGENT)
            & (User.user_id == agent.user_id),
        )
        if previous is not None:
            tx.delete(
                previous, condition=(Delivery.status == DeliveryStatus.PENDING) & (Delivery.order_id == order.order_id)
            )
        tx.save(delivery, condition=Delivery.delivery_id.does_not_exist())
        tx.update(
            order,
            actions=[
                Order.delivery_agent_id.set(agent.user_id),
                Order.delivery_id.set(delivery.delivery_id),
                Order.delivery_status.set(DeliveryStatus.PENDING),
                Order.updated_at.set(now),
                *_history(order, note, by, now),
            ],
            condition=order_condition,
        )


# ---------------------------------------------------------------------------------------------
# the agent's steps


def pick_up(delivery: Delivery, agent: User, store_name: str = "") -> Order:
    """PENDING → PICKED_UP; the order goes OUT_FOR_DELIVERY; the customer gets a 4-digit delivery code."""
    check_step(delivery, "pick_up")
    order = order_for_delivery(delivery)
    _require_current(order, delivery)
    code = new_code()
    now = clock.now_iso()
    with conflict_on_condition(_("This delivery or its order changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(
                delivery,
                actions=[
                    Delivery.status.set(DeliveryStatus.PICKED_UP),
                    Delivery.picked_up_at.set(now),
                    Delivery.updated_at.set(now),
                    Delivery.delivery_code_hash.set(code_hash(delivery.delivery_id, code)),
                    Delivery.code_attempts.set(0),
                    Delivery.code_sent_at.set(now),
                ],
                condition=(Delivery.status == DeliveryStatus.PENDING) & (Delivery.order_id == order.order_id),
            )
            add_transition(
                tx,
                order,
                OrderStatus.OUT_FOR_DELIVERY,
                agent.user_id,
                note=f"Picked up by {_agent_label(agent)}",
                extra_actions=[Order.delivery_status.set(DeliveryStatus.PICKED_UP)],
            )
    delivery.status, delivery.picked_up_at = DeliveryStatus.PICKED_UP, now
    order.status, order.delivery_status = OrderStatus.OUT_FOR_DELIVERY, DeliveryStatus.PICKED_UP
    _notify(order, OrderStatus.OUT_FOR_DELIVERY)
    send_code_sms(order, code, agent, store_name)
    return order


def send_code_sms(order: Order, code: str, agent: User, store_name: str = "") -> None:
    """The delivery code, in the store's language (the store is read through the notifier's cache)."""
    from webdpro.orders.notifications import _load_store, messages_in, store_language

    text = messages_in(store_language(_load_store(order)))["delivery_code"]
    shop = f"{store_name}: " if store_name else ""
    _send_sms(
        order.customer_phone,
        text.format(shop=shop, ref=short(order.order_id), agent=_agent_label(agent), code=code),
    )


def resend_code(delivery: Delivery, agent: User, store_name: str = "") -> None:
    """A new code (the old one stops working) sent again to the customer, while the delivery is out.
    The delivery's wrong-code tries are not reset: MAX_CODE_ATTEMPTS is a cap per delivery."""
    if delivery.status not in (DeliveryStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT):
        raise StepRefused(_("A delivery code can only be resent while the order is out for delivery."))
    order = order_for_delivery(delivery)
    _require_current(order, delivery)
    code = new_code()
    now = clock.now_iso()
    wait_until = clock.ago_iso(seconds=RESEND_SECONDS)
    if delivery.code_sent_at and delivery.code_sent_at > wait_until:
        raise StepRefused(
            _("A code was sent less than %(seconds)s seconds ago. Wait a moment — SMS can take a minute to arrive.")
            % {"seconds": RESEND_SECONDS}
        )
    with conflict_on_condition(_("This delivery changed a moment ago, or a code was just sent. Reload and try again.")):
        delivery.update(
            actions=[
                Delivery.delivery_code_hash.set(code_hash(delivery.delivery_id, code)),
                Delivery.code_sent_at.set(now),
                Delivery.updated_at.set(now),
            ],
            condition=Delivery.status.is_in(DeliveryStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT)
            & (Delivery.code_sent_at.does_not_exist() | (Delivery.code_sent_at <= wait_until)),
        )
    send_code_sms(order, code, agent, store_name)


def start_trip(delivery: Delivery, agent: User) -> None:
    """PICKED_UP → IN_TRANSIT (the order stays OUT_FOR_DELIVERY; its delivery_status follows)."""
    check_step(delivery, "start_trip")
    order = order_for_delivery(delivery)
    _require_current(order, delivery)
    now = clock.now_iso()
    with conflict_on_condition(_("This delivery or its order changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(
                delivery,
                actions=[Delivery.status.set(DeliveryStatus.IN_TRANSIT), Delivery.updated_at.set(now)],
                condition=Delivery.status == DeliveryStatus.PICKED_UP,
            )
            tx.update(
                order,
                actions=[Order.delivery_status.set(DeliveryStatus.IN_TRANSIT), Order.updated_at.set(now)],
                condition=(Order.status == OrderStatus.OUT_FOR_DELIVERY)
                & (Order.delivery_id == delivery.delivery_id)
                & (Order.tenant_id == delivery.tenant_id),
            )
    delivery.status = DeliveryStatus.IN_TRANSIT


def parse_amount(raw) -> Decimal:
    """The cash an agent collected at the door, in rupees."""
    return parse_rupees(raw, field="amount", label=_("cash collected"), maximum=MAX_COLLECTED)


@dataclass
class DeliverResult:
    order: Order
    payment: Payment | None
    difference: Decimal


def _too_many_tries() -> WrongDeliveryCode:
    return WrongDeliveryCode(
        _(
            "Too many wrong codes. Ask the customer to check the SMS again, or ask the store owner to "
            "allow delivery without the code."
        ),
        field="code",
    )


def _take_code_try(delivery: Delivery) -> int:
    """Spend one of the delivery's MAX_CODE_ATTEMPTS tries *before* comparing (a conditional ADD), so
    parallel guesses cannot check more codes than the cap. Returns the tries used, this one included.
    The cap is per delivery: a resent code does not give the tries back."""
    try:
        delivery.update(
            actions=[Delivery.code_attempts.add(1), Delivery.updated_at.set(clock.now_iso())],
            condition=Delivery.code_attempts.does_not_exist() | (Delivery.code_attempts < MAX_CODE_ATTEMPTS),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise _too_many_tries() from None
        raise
    return delivery.code_attempts or 0


def _check_code(delivery: Delivery, code: str) -> None:
    if delivery.code_waived_reason:
        return
    if not delivery.delivery_code_hash:
        raise StepRefused(
            _("This delivery has no delivery code yet. Ask the store owner to allow delivery without it.")
        )
    if (delivery.code_attempts or 0) >= MAX_CODE_ATTEMPTS:
        raise _too_many_tries()
    code = re.sub(r"\s+", "", code or "")
    if not re.fullmatch(r"\d{4}", code):
        raise ValidationFailed(_("Enter the 4-digit delivery code from the customer's SMS."), field="code")
    used = _take_code_try(delivery)
    if hmac.compare_digest(code_hash(delivery.delivery_id, code), delivery.delivery_code_hash):
        return
    left = max(0, MAX_CODE_ATTEMPTS - used)
    raise WrongDeliveryCode(
        ngettext(
            "That delivery code is wrong. Ask the customer for the 4-digit code in their SMS. %(n)s try left.",
            "That delivery code is wrong. Ask the customer for the 4-digit code in their SMS. %(n)s tries left.",
            left,
        )
        % {"n": left},
        field="code",
    )


def deliver(
    delivery: Delivery,
    agent: User,
    *,
    code: str = "",
    method: str = CollectionMethod.CASH,
    amount=None,
    confirm_difference: bool = False,
) -> DeliverResult:
    """IN_TRANSIT → DELIVERED with the order (→ DELIVERED, delivered_at) and, for COD, the payment row.

    Cash: the amount collected is required; a difference from the amount due is allowed only when the
    agent confirms it (it is flagged on the timeline and the payment row). UPI at the door: the store
    received the exact amount; the payment row has no ``collected_by`` (not cash held by the agent).
    """
    check_step(delivery, "deliver")
    order = order_for_delivery(delivery)
    _require_current(order, delivery)
    _check_code(delivery, code)
    now = clock.now_iso()
    delivery_actions = [
        Delivery.status.set(DeliveryStatus.DELIVERED),
        Delivery.delivered_at.set(now),
        Delivery.updated_at.set(now),
    ]
    order_actions = [Order.delivery_status.set(DeliveryStatus.DELIVERED)]
    note = f"Delivered by {_agent_label(agent)}"
    payment, collection = None, None
    if delivery.is_cod:
        collection = _collection(delivery, method, amount, confirm_difference)
        delivery_actions += [
            Delivery.cod_collected.set(True),
            Delivery.cod_collected_amount.set(collection.collected),
            Delivery.collection_method.set(collection.method),
        ]
        order_actions.append(Order.payment_status.set(OrderPaymentStatus.PAID))
        note += collection.note()
        payment = _cod_payment_row(delivery, order, agent, collection, now)
    if delivery.code_waived_reason:
        note += " (without delivery code, allowed by the owner)"
    _write_delivered(delivery, order, agent, delivery_actions, order_actions, note, payment)
    delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, now
    order.status, order.delivery_status = OrderStatus.DELIVERED, DeliveryStatus.DELIVERED
    _notify(order, OrderStatus.DELIVERED)
    if not delivery.is_cod:
        # The online payment's Route transfer goes to the owner (payouts' release_for_order, looked up by
        # dotted path: payments sits above delivery; never raises).
        import_string(settings.ORDER_DELIVERED_HANDLER)(order)
    difference = collection.difference if collection else Decimal("0.00")
    return DeliverResult(order=order, payment=payment, difference=difference)


@dataclass
class Collection:
    """What the customer paid at the door for a cash-on-delivery order."""

    method: str  # CASH or UPI
    due: Decimal
    collected: Decimal
    difference: Decimal  # collected − due (cash only; confirmed by the agent when not zero)

    def flagged(self) -> str:
        return f"{format_inr(abs(self.difference))} {'short' if self.difference < 0 else 'extra'}"

    def note(self) -> str:
        if self.method == CollectionMethod.UPI:
            return f"; UPI at the door {format_inr(self.collected)}"
        confirmed = f" — {self.flagged()}, confirmed by the agent" if self.difference else ""
        return f"; cash {format_inr(self.collected)} collected of {format_inr(self.due)} due{confirmed}"


def _collection(delivery: Delivery, method: str, amount, confirm_difference: bool) -> Collection:
    """Check how the customer paid: UPI is the exact amount; cash must match the amount due or be confirmed."""
    due = delivery.cod_amount or Decimal("0.00")
    method = (method or CollectionMethod.CASH).upper()
    if method not in (CollectionMethod.CASH, CollectionMethod.UPI):
        raise ValidationFailed(_("Choose how the customer paid: cash or UPI."), field="method")
    if method == CollectionMethod.UPI:
        return Collection(CollectionMethod.UPI, due, due, Decimal("0.00"))
    collected = parse_amount(amount)
    collection = Collection(CollectionMethod.CASH, due, collected, collected - due)
    if collection.difference and not confirm_difference:
        amounts = {"entered": format_inr(collected), "due": format_inr(due), "difference": collection.flagged()}
        raise AmountDifference(
            _(
                "You entered %(entered)s but %(due)s is due (%(difference)s). Count the cash again; "
                "if %(entered)s is right, tick “The amount is correct” and complete."
            )
            % amounts,
            field="amount",
        )
    return collection


def _cod_payment_row(delivery: Delivery, order: Order, agent: User, collection: Collection, now: str) -> Payment:
    """The COD payment row: cash counts as held by the agent (``collected_by``); UPI at the door does not."""
    cash = collection.method == CollectionMethod.CASH
    difference = collection.difference
    return Payment(
        delivery.tenant_id,
        new_id(),
        order_id=order.order_id,
        store_id=order.store_id,
        amount=collection.collected,
        amount_due=collection.due,
        payment_method=PaymentMethod.COD if cash else CollectionMethod.UPI,
        status=PaymentStatus.CAPTURED,
        kind=PaymentKind.COD,
        collected_by=agent.user_id if cash else None,
        created_at=now,
        updated_at=now,
        note=(
            f"{'Short' if difference < 0 else 'Extra'} by {format_inr(abs(difference))} (confirmed by agent)"
            if difference
            else None
        ),
    )


def _write_delivered(delivery, order, agent, delivery_actions, order_actions, note, payment) -> None:
    """One transaction: the delivery (still in transit, same code), the order's status and the payment row."""
    delivery_condition = (Delivery.status == DeliveryStatus.IN_TRANSIT) & (Delivery.order_id == order.order_id)
    if not delivery.code_waived_reason:
        delivery_condition &= Delivery.delivery_code_hash == delivery.delivery_code_hash
    with conflict_on_condition(_("This delivery or its order changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(delivery, actions=delivery_actions, condition=delivery_condition)
            add_transition(tx, order, OrderStatus.DELIVERED, agent.user_id, note=note, extra_actions=order_actions)
            if payment is not None:
                tx.save(payment, condition=Payment.payment_id.does_not_exist())


def fail(delivery: Delivery, agent: User, reason: str, by_owner: bool = False) -> Order:
    """The delivery failed: it is kept as FAILED with the reason; the order goes back to PREPARING with no
    agent, in the owner's queue to reassign or cancel. Stock is not touched.

    ``by_owner``: the owner takes an order back from an agent who is out with it (``agent`` is then the
    owner, recorded on the timeline) — e.g. the agent's bike broke down or they were deactivated."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Say why the delivery failed."), field="reason")
    if len(reason) > 300:
        raise ValidationFailed(_("Keep the reason under 300 characters."), field="reason")
    check_step(delivery, "fail")
    order = order_for_delivery(delivery)
    _require_current(order, delivery)
    now = clock.now_iso()
    with conflict_on_condition(_("This delivery or its order changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(
                delivery,
                actions=[
                    Delivery.status.set(DeliveryStatus.FAILED),
                    Delivery.failure_reason.set(reason),
                    Delivery.failed_at.set(now),
                    Delivery.updated_at.set(now),
                ],
                condition=(Delivery.status == delivery.status) & (Delivery.order_id == order.order_id),
            )
            add_transition(
                tx,
                order,
                OrderStatus.PREPARING,
                agent.user_id,
                note=(
                    f"Taken back from the agent by {_agent_label(agent)}: {reason}"
                    if by_owner
                    else f"Delivery failed ({_agent_label(agent)}): {reason}"
                ),
                extra_actions=[
                    Order.delivery_agent_id.remove(),
                    Order.delivery_id.remove(),
                    Order.delivery_status.set(DeliveryStatus.FAILED),
                ],
            )
    delivery.status, delivery.failure_reason = DeliveryStatus.FAILED, reason
    order.status, order.delivery_status, order.delivery_agent_id, order.delivery_id = (
        OrderStatus.PREPARING,
        DeliveryStatus.FAILED,
        None,
        None,
    )
    return order


def close_cancelled(delivery: Delivery, agent: User) -> None:
    """The store cancelled the order while it sat with the agent: close the delivery as FAILED
    ("Order cancelled by the store") so it leaves the agent's list. The order is not touched (it is
    already CANCELLED — checked in the same transaction)."""
    check_step(delivery, "close_cancelled")
    order = order_for_delivery(delivery)
    if order.status != OrderStatus.CANCELLED:
        raise StepRefused(_("This order is not cancelled."))
    now = clock.now_iso()
    with conflict_on_condition(_("This delivery changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(
                delivery,
                actions=[
                    Delivery.status.set(DeliveryStatus.FAILED),
                    Delivery.failure_reason.set("Order cancelled by the store"),
                    Delivery.failed_at.set(now),
                    Delivery.updated_at.set(now),
                ],
                condition=Delivery.status == delivery.status,
            )
            tx.condition_check(
                Order,
                order.order_id,
                condition=(Order.status == OrderStatus.CANCELLED) & (Order.tenant_id == delivery.tenant_id),
            )
    delivery.status = DeliveryStatus.FAILED


# ---------------------------------------------------------------------------------------------
# location, code waiver, photo proof


def _coordinate(raw, low, high, label, field) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(_("%(label)s is not a number.") % {"label": label}, field=field) from exc
    if not value.is_finite() or not (Decimal(low) <= value <= Decimal(high)):
        limits = {"label": label, "low": low, "high": high}
        raise ValidationFailed(_("%(label)s must be between %(low)s and %(high)s.") % limits, field=field)
    return value.quantize(Decimal("0.000001"))


def update_location(delivery: Delivery, lat, lng, accuracy=None) -> Location:
    """Record the agent's last known position on a delivery in transit (Decimals, validated ranges)."""
    location = Location(
        lat=_coordinate(lat, -90, 90, _("Latitude"), "lat"),
        lng=_coordinate(lng, -180, 180, _("Longitude"), "lng"),
        at=clock.now_iso(),
    )
    if accuracy not in (None, ""):
        try:
            acc = Decimal(str(accuracy).strip())
        except (InvalidOperation, ValueError) as exc:
            raise ValidationFailed(_("Accuracy is not a number."), field="accuracy") from exc
        if not acc.is_finite() or acc < 0:
            raise ValidationFailed(_("Accuracy must be a positive number of metres."), field="accuracy")
        location.accuracy = min(acc, Decimal("100000")).quantize(Decimal("0.1"))
    if delivery.status != DeliveryStatus.IN_TRANSIT:
        raise StepRefused(_("Location is shared only while a delivery is in transit."))
    with conflict_on_condition(
        _("This delivery is no longer in transit; location sharing has stopped."), error=StepRefused
    ):
        delivery.update(
            actions=[Delivery.last_location.set(location)], condition=Delivery.status == DeliveryStatus.IN_TRANSIT
        )
    return location


def waive_code(order: Order, delivery: Delivery, reason: str, by: str) -> None:
    """The owner allows completion without the code (a customer who can't read SMS), with a reason on
    the order's timeline. One transaction: the delivery (still active) and the order (still this delivery)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give a reason for allowing delivery without the code."), field="reason")
    if len(reason) > 300:
        raise ValidationFailed(_("Keep the reason under 300 characters."), field="reason")
    if delivery.status not in ACTIVE:
        raise StepRefused(_("This delivery is already finished."))
    if delivery.code_waived_reason:
        raise StepRefused(_("Delivery without the code is already allowed for this order."))
    now = clock.now_iso()
    with conflict_on_condition(_("This delivery changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(
                delivery,
                actions=[
                    Delivery.code_waived_reason.set(reason),
                    Delivery.code_waived_by.set(by),
                    Delivery.updated_at.set(now),
                ],
                condition=Delivery.status.is_in(*ACTIVE) & (Delivery.order_id == order.order_id),
            )
            tx.update(
                order,
                actions=[
                    Order.updated_at.set(now),
                    *_history(order, f"Delivery without the code allowed: {reason}", by, now),
                ],
                condition=(Order.delivery_id == delivery.delivery_id) & (Order.tenant_id == delivery.tenant_id),
            )
    delivery.code_waived_reason = reason


MAX_PHOTO_BYTES = 12 * 1024 * 1024
PHOTO_MAX_SIDE = 1280


def save_proof_photo(delivery: Delivery, uploaded) -> str:
    """Validate (JPEG, PNG or WebP only: ``webdpro.imagecheck``), orient, resize and store a
    proof-of-delivery photo; returns its storage name."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import ImageOps

    from webdpro.imagecheck import open_checked

    if delivery.status not in (DeliveryStatus.IN_TRANSIT, DeliveryStatus.DELIVERED):
        raise StepRefused(_("A proof photo can be added while delivering or right after."))
    if uploaded is None:
        raise ValidationFailed(_("Choose a photo."), field="photo")
    if uploaded.size > MAX_PHOTO_BYTES:
        raise ValidationFailed(_("The photo is too large (at most 12 MB)."), field="photo")
    image = open_checked(uploaded.read(), field="photo", max_pixels=50_000_000, label=_("That file"))
    try:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(
            _("That file is not a photo we can read (use JPEG, PNG or WebP)."), field="photo"
        ) from exc
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    name = default_storage.save(
        f"delivery-proof/{delivery.tenant_id}/{delivery.delivery_id}/{new_id()}.jpg", ContentFile(out.getvalue())
    )
    try:
        delivery.update(
            actions=[Delivery.proof_photo.set(name), Delivery.updated_at.set(clock.now_iso())],
            condition=Delivery.status.is_in(DeliveryStatus.IN_TRANSIT, DeliveryStatus.DELIVERED),
        )
    except UpdateError as exc:
        default_storage.delete(name)
        if is_condition_failure(exc):
            raise Conflict(_("This delivery changed a moment ago. Reload and try again.")) from exc
        raise
    old = delivery.proof_photo
    delivery.proof_photo = name
    if old and old != name:
        try:
            default_storage.delete(old)
        except Exception:  # noqa: BLE001
            log.warning("could not delete old proof photo")
    return name
