"""The transition table: which status can follow which, and which need a reason."""

import itertools

import pytest

from webdpro.db.orders import STATUSES, Fulfilment, OrderStatus
from webdpro.orders.workflow import PICKUP_TRANSITIONS, TRANSITIONS, OrderTransitionRefused, check_transition

ALLOWED = {
    (OrderStatus.PENDING_PAYMENT, OrderStatus.CONFIRMED),
    (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED),
    (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED),
    (OrderStatus.PLACED, OrderStatus.CONFIRMED),
    (OrderStatus.PLACED, OrderStatus.CANCELLED),
    (OrderStatus.CONFIRMED, OrderStatus.PREPARING),
    (OrderStatus.CONFIRMED, OrderStatus.OUT_FOR_DELIVERY),
    (OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
    (OrderStatus.PREPARING, OrderStatus.OUT_FOR_DELIVERY),
    (OrderStatus.PREPARING, OrderStatus.CANCELLED),
    (OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED),
    (OrderStatus.OUT_FOR_DELIVERY, OrderStatus.PREPARING),
    (OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED),
}
PICKUP_ALLOWED = {
    (OrderStatus.PENDING_PAYMENT, OrderStatus.CONFIRMED),
    (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED),
    (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED),
    (OrderStatus.PLACED, OrderStatus.CONFIRMED),
    (OrderStatus.PLACED, OrderStatus.CANCELLED),
    (OrderStatus.CONFIRMED, OrderStatus.PREPARING),
    (OrderStatus.CONFIRMED, OrderStatus.READY_FOR_PICKUP),
    (OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
    (OrderStatus.PREPARING, OrderStatus.READY_FOR_PICKUP),
    (OrderStatus.PREPARING, OrderStatus.CANCELLED),
    (OrderStatus.READY_FOR_PICKUP, OrderStatus.PICKED_UP),
    (OrderStatus.READY_FOR_PICKUP, OrderStatus.CANCELLED),
}


def test_tables_cover_every_status():
    assert set(TRANSITIONS) == set(STATUSES)
    assert set(PICKUP_TRANSITIONS) == set(STATUSES)


@pytest.mark.parametrize("current,target", list(itertools.product(STATUSES, STATUSES)))
def test_each_pickup_pair(current, target):
    if (current, target) in PICKUP_ALLOWED:
        check_transition(current, target, reason="customer asked", fulfilment=Fulfilment.PICKUP)
    else:
        with pytest.raises(OrderTransitionRefused):
            check_transition(current, target, reason="customer asked", fulfilment=Fulfilment.PICKUP)


def test_rejecting_an_order_awaiting_acceptance_needs_a_reason():
    with pytest.raises(OrderTransitionRefused, match="reason to reject"):
        check_transition(OrderStatus.PLACED, OrderStatus.CANCELLED, reason=" ")


@pytest.mark.parametrize("current,target", list(itertools.product(STATUSES, STATUSES)))
def test_each_pair(current, target):
    if (current, target) in ALLOWED:
        check_transition(current, target, reason="customer asked")
    else:
        with pytest.raises(OrderTransitionRefused):
            check_transition(current, target, reason="customer asked")


def test_cancel_out_for_delivery_needs_a_reason():
    with pytest.raises(OrderTransitionRefused, match="reason"):
        check_transition(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED, reason="   ")
    check_transition(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED, reason="customer not home, refused")


def test_final_states_are_final():
    for final in (OrderStatus.DELIVERED, OrderStatus.CANCELLED, OrderStatus.PICKED_UP):
        for target in STATUSES:
            with pytest.raises(OrderTransitionRefused):
                check_transition(final, target, reason="x")


def test_messages_are_for_people():
    with pytest.raises(OrderTransitionRefused) as info:
        check_transition(OrderStatus.DELIVERED, OrderStatus.PREPARING)
    assert "delivered" in str(info.value) and "preparing" in str(info.value)
