"""The shape a Razorpay webhook must have before any handler reads it.

A signed body can still be any JSON (a replay of another API's body, a bug on the sender's side, a
payload format change): ``event`` a list, entities that are lists, ids that are numbers, amounts that
are strings. :func:`shape_problem` names the first thing wrong, so the webhook answers 400 with that
reason instead of a handler failing with a ``TypeError``.
"""

from __future__ import annotations

# Fields handlers read from any entity, by the JSON type they must have when present (None is allowed).
TEXT_FIELDS = (
    "id",
    "order_id",
    "payment_id",
    "status",
    "method",
    "error_description",
    "plan_id",
    "customer_id",
    "account_id",
    "merchant_id",
    "recipient",
    "source",
    "currency",
)
WHOLE_FIELDS = ("amount", "amount_refunded", "amount_paid", "fee", "tax", "created_at", "current_start", "current_end")
# The entity each event needs, with an id.
REQUIRED = {
    "payment.captured": "payment",
    "order.paid": "payment",
    "payment.failed": "payment",
    "refund.processed": "refund",
    "refund.failed": "refund",
    "transfer.processed": "transfer",
    "transfer.failed": "transfer",
    "settlement.processed": "settlement",
}


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _entity_problem(name: str, wrapper) -> str | None:
    if not isinstance(wrapper, dict):
        return f"payload.{name} is not an object"
    entity = wrapper.get("entity")
    if entity is None:
        return None
    if not isinstance(entity, dict):
        return f"payload.{name}.entity is not an object"
    for field in TEXT_FIELDS:
        if entity.get(field) is not None and not isinstance(entity[field], str):
            return f"payload.{name}.entity.{field} is not a string"
    for field in WHOLE_FIELDS:
        if entity.get(field) is not None and not _is_whole(entity[field]):
            return f"payload.{name}.entity.{field} is not a whole number"
    notes = entity.get("notes")
    if notes is not None and not isinstance(notes, (dict, list)):
        return f"payload.{name}.entity.notes is not an object"
    if isinstance(notes, dict) and any(not isinstance(v, (str, type(None))) for v in notes.values()):
        return f"payload.{name}.entity.notes has a value that is not text"
    return None


def _envelope_problem(event) -> str | None:
    if not isinstance(event, dict):
        return "the body is not a JSON object"
    if not isinstance(event.get("event"), str) or not event["event"]:
        return "event is missing or not a string"
    if event.get("account_id") is not None and not isinstance(event["account_id"], str):
        return "account_id is not a string"
    if event.get("created_at") is not None and not _is_whole(event["created_at"]):
        return "created_at is not a whole number"
    payload = event.get("payload")
    if payload is not None and not isinstance(payload, dict):
        return "payload is not an object"
    return None


def shape_problem(event) -> str | None:
    """None when handlers can read ``event`` safely, else the reason (for the 400 answer and the log)."""
    problem = _envelope_problem(event)
    if problem:
        return problem
    payload = event.get("payload") or {}
    for name, wrapper in payload.items():
        problem = _entity_problem(name, wrapper)
        if problem:
            return problem
    needed = REQUIRED.get(event["event"])
    if needed:
        entity = (payload.get(needed) or {}).get("entity")
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str) or not entity["id"]:
            return f"{event['event']} needs payload.{needed}.entity with an id"
    return None
