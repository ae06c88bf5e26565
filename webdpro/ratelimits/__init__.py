"""Request limits that hold under concurrency: one conditional ``ADD`` per limit.

Each limit is a counter item in ``webdpro-otp`` (pk ``rl#<name>#<subject>#<window start>``) for a fixed
window; taking a slot is ``UpdateItem ADD attempts 1`` on the condition ``attempts < limit`` (or no item
yet), so 30 parallel requests take at most ``limit`` slots and the rest are refused. Limits on items that
no other client shares can be taken inside a transaction with other writes (:class:`Slots`: the
storefront's checkout takes its per-session and per-phone slots in the order's transaction). DynamoDB's TTL
on ``expires_at`` removes old windows. The storefront's checkout and order-tracking limits are in
``webdpro.ratelimits.storefront``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pynamodb.exceptions import UpdateError

from webdpro.accounts.errors import RateLimited
from webdpro.db import CONDITION_FAILED, OtpRecord, is_condition_failure
from webdpro.db.compiled import UpdateTemplate, slot


@dataclass(frozen=True)
class Limit:
    name: str  # e.g. "checkout-ip"
    subject: str  # e.g. the store and the client's IP (/64)
    allowed: int
    window: int  # seconds
    message: str  # shown when refused; may use {minutes}
    shared: bool = False  # many clients' requests take it (an IP), not one client's (a session, a phone)

    def key(self, now: int) -> str:
        return f"rl#{self.name}#{self.subject[:300]}#{now - now % self.window}"

    def retry_after(self, now: int) -> int:
        return self.window - now % self.window


def take(*limits: Limit) -> None:
    """Take one slot of each limit, in order; RateLimited (429) for the first that is used up."""
    now = int(time.time())
    for limit in limits:
        _take_one(limit, now)


@dataclass(frozen=True)
class Slots:
    """Limits whose slots are taken inside a transaction with other writes — all of it, or none. Concurrent
    transactions on one item conflict: a ``shared`` limit's counter (an IP) is named by :meth:`shared_keys`
    so that the caller queues its writers like those of any contested item (``retry_hot_transaction``)."""

    limits: tuple[Limit, ...]
    now: int = field(default_factory=lambda: int(time.time()))

    def add_to_transaction(self, tx) -> None:
        """Add one conditional ``ADD`` per limit; added last, their reasons are the transaction's last."""
        for limit in self.limits:
            tx.update_from(
                _SLOT, limit.key(self.now), expires_at=_expires_at(limit, self.now), allowed=limit.allowed, count=1
            )

    def shared_keys(self) -> list[str]:
        """The counters other clients write too (for ``retry_hot_transaction``'s one writer per key)."""
        return [limit.key(self.now) for limit in self.limits if limit.shared]

    def refusal(self, reasons) -> RateLimited | None:
        """RateLimited for the first limit whose condition cancelled the transaction (``reasons``: the
        transaction's cancellation reasons, in PynamoDB's order), else None."""
        mine = list(reasons)[-len(self.limits) :] if self.limits else []
        for limit, reason in zip(self.limits, mine, strict=False):
            if reason is not None and reason.code == CONDITION_FAILED:
                return _refused(limit, self.now)
        return None


def _expires_at(limit: Limit, now: int) -> int:
    """A window's counter is kept for one more window (DynamoDB's TTL removes it after)."""
    return now - now % limit.window + 2 * limit.window


def _actions(expires_at, count=1) -> list:
    return [OtpRecord.attempts.add(count), OtpRecord.expires_at.set(expires_at)]


def _room(allowed):
    return OtpRecord.attempts.does_not_exist() | (OtpRecord.attempts < allowed)


def _slots_together(uses: list[dict]) -> dict | None:
    """Several transactions' slots of one limit written as one update (``webdpro.db.together``): ``count``
    slots fit while ``attempts + count <= allowed``, i.e. ``attempts < allowed - count + 1``; more than the
    limit allows at all cannot be one update."""
    first = uses[0]
    if any(use["expires_at"] != first["expires_at"] or use["allowed"] != first["allowed"] for use in uses):
        return None
    count = sum(use["count"] for use in uses)
    if count > first["allowed"]:
        return None
    return {"expires_at": first["expires_at"], "allowed": first["allowed"] - count + 1, "count": count}


# The same update for slots taken in a transaction (the checkout's hot path), its expressions built once.
_SLOT = UpdateTemplate(
    OtpRecord,
    actions=_actions(slot("expires_at", OtpRecord.expires_at), slot("count", OtpRecord.attempts)),
    condition=_room(slot("allowed", OtpRecord.attempts)),
    merge=_slots_together,
)


def _refused(limit: Limit, now: int) -> RateLimited:
    wait = limit.retry_after(now)
    minutes = max(1, -(-wait // 60))
    return RateLimited(limit.message.format(minutes=minutes), retry_after=wait)


def _take_one(limit: Limit, now: int) -> None:
    try:
        OtpRecord(limit.key(now)).update(actions=_actions(_expires_at(limit, now)), condition=_room(limit.allowed))
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise _refused(limit, now) from None
        raise
