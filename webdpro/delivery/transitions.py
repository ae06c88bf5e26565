"""The delivery workflow, in one table, like orders (``orders/workflow.py``) and stores
(``stores/transitions.py``):

    PENDING → PICKED_UP → IN_TRANSIT → DELIVERED
    PICKED_UP / IN_TRANSIT → FAILED (the agent could not deliver, or the owner took it back)
    PENDING / PICKED_UP / IN_TRANSIT → FAILED (closing a delivery whose order the store cancelled)

Each named step (``pick_up``, ``start_trip``, ``deliver``, ``fail``, ``close_cancelled``) lists the
statuses it may start from; :func:`check_step` is the one check the services call before writing (the
write itself is conditional on the status read, so a race is still refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from webdpro.db.deliveries import STATUSES, DeliveryStatus
from webdpro.errors import Conflict

ACTIVE = (DeliveryStatus.PENDING, DeliveryStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT)


class StepRefused(Conflict):
    """This delivery step is not allowed in the delivery's current state."""


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    refusal: str  # why not, from any other status
    refusals: dict[str, str] = field(default_factory=dict)  # why not, from a particular status


STEPS: dict[str, Step] = {
    "pick_up": Step((DeliveryStatus.PENDING,), DeliveryStatus.PICKED_UP, "This delivery has already been picked up."),
    "start_trip": Step(
        (DeliveryStatus.PICKED_UP,), DeliveryStatus.IN_TRANSIT, "Only a picked-up delivery can be started."
    ),
    "deliver": Step(
        (DeliveryStatus.IN_TRANSIT,),
        DeliveryStatus.DELIVERED,
        "This delivery is not in transit.",
        {
            DeliveryStatus.DELIVERED: "This delivery is already marked as delivered.",
            DeliveryStatus.PICKED_UP: "Only a delivery in transit can be completed. Tap “Start trip” first.",
        },
    ),
    "fail": Step(
        (DeliveryStatus.PICKED_UP, DeliveryStatus.IN_TRANSIT),
        DeliveryStatus.FAILED,
        "Only a delivery that is out (picked up or in transit) can be marked as failed.",
    ),
    "close_cancelled": Step(ACTIVE, DeliveryStatus.FAILED, "This delivery is already finished."),
}

# status → the statuses it can become (derived from the steps, for documentation and tests)
TRANSITIONS: dict[str, set[str]] = {
    status: {step.target for step in STEPS.values() if status in step.sources} for status in STATUSES
}


def check_step(delivery, step: str) -> str:
    """The status ``step`` leads to, or ``StepRefused`` saying why it cannot be taken now."""
    rule = STEPS[step]
    if delivery.status not in rule.sources:
        raise StepRefused(rule.refusals.get(delivery.status, rule.refusal))
    return rule.target
