"""The transition table: which status can follow which, and which need a reason."""

import itertools

import pytest

from webdpro.db.orders import (
    CANCELLED,
    CONFIRMED,
    DELIVERED,
    OUT_FOR_DELIVERY,
    PENDING_PAYMENT,
    PICKED_UP,
    PICKUP,
    PLACED,
    PREPARING,
    READY_FOR_PICKUP,
    STATUSES,
)
from webdpro.orders.workflow import PICKUP_TRANSITIONS, TRANSITIONS, OrderTransitionRefused, check_transition

ALLOWED = {
    (PENDING_PAYMENT, CONFIRMED),
    (PENDING_PAYMENT, PLACED),
    (PENDING_PAYMENT, CANCELLED),
    (PLACED, CONFIRMED),
    (PLACED, CANCELLED),
    (CONFIRMED, PREPARING),
    (CONFIRMED, OUT_FOR_DELIVERY),
    (CONFIRMED, CANCELLED),
    (PREPARING, OUT_FOR_DELIVERY),
    (PREPARING, CANCELLED),
    (OUT_FOR_DELIVERY, DELIVERED),
    (OUT_FOR_DELIVERY, PREPARING),
    (OUT_FOR_DELIVERY, CANCELLED),
}
PICKUP_ALLOWED = {
    (PENDING_PAYMENT, CONFIRMED),
    (PENDING_PAYMENT, PLACED),
    (PENDING_PAYMENT, CANCELLED),
    (PLACED, CONFIRMED),
    (PLACED, CANCELLED),
    (CONFIRMED, PREPARING),
    (CONFIRMED, READY_FOR_PICKUP),
    (CONFIRMED, CANCELLED),
    (PREPARING, READY_FOR_PICKUP),
    (PREPARING, CANCELLED),
    (READY_FOR_PICKUP, PICKED_UP),
    (READY_FOR_PICKUP, CANCELLED),
}


def test_tables_cover_every_status():
    assert set(TRANSITIONS) == set(STATUSES)
    assert set(PICKUP_TRANSITIONS) == set(STATUSES)


@pytest.mark.parametrize("current,target", list(itertools.product(STATUSES, STATUSES)))
def test_each_pickup_pair(current, target):
    if (current, target) in PICKUP_ALLOWED:
        check_transition(current, target, reason="customer asked", fulfilment=PICKUP)
    else:
        with pytest.raises(OrderTransitionRefused):
            check_transition(current, target, reason="customer asked", fulfilment=PICKUP)


def test_rejecting_an_order_awaiting_acceptance_needs_a_reason():
    with pytest.raises(OrderTransitionRefused, match="reason to reject"):
        check_transition(PLACED, CANCELLED, reason=" ")


@pytest.mark.parametrize("current,target", list(itertools.product(STATUSES, STATUSES)))
def test_each_pair(current, target):
    if (current, target) in ALLOWED:
        check_transition(current, target, reason="customer asked")
    else:
        with pytest.raises(OrderTransitionRefused):
            check_transition(current, target, reason="customer asked")


def test_cancel_out_for_delivery_needs_a_reason():
    with pytest.raises(OrderTransitionRefused, match="reason"):
        check_transition(OUT_FOR_DELIVERY, CANCELLED, reason="   ")
    check_transition(OUT_FOR_DELIVERY, CANCELLED, reason="customer not home, refused")


def test_final_states_are_final():
    for final in (DELIVERED, CANCELLED, PICKED_UP):
        for target in STATUSES:
            with pytest.raises(OrderTransitionRefused):
                check_transition(final, target, reason="x")


def test_messages_are_for_people():
    with pytest.raises(OrderTransitionRefused) as info:
        check_transition(DELIVERED, PREPARING)
    assert "delivered" in str(info.value) and "preparing" in str(info.value)
