"""Request limits that hold under concurrency: one conditional ``ADD`` per limit.

Each limit is a counter item in ``webdpro-otp`` (pk ``rl#<name>#<subject>#<window start>``) for a fixed
window; taking a slot is ``UpdateItem ADD attempts 1`` on the condition ``attempts < limit`` (or no item
yet), so 30 parallel requests take at most ``limit`` slots and the rest are refused. DynamoDB's TTL on
``expires_at`` removes old windows. The storefront's checkout and order-tracking limits are in
``webdpro.ratelimits.storefront``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pynamodb.exceptions import UpdateError

from webdpro.accounts.errors import RateLimited
from webdpro.db import OtpRecord, is_condition_failure


@dataclass(frozen=True)
class Limit:
    name: str  # e.g. "checkout-ip"
    subject: str  # e.g. the store and the client's IP (/64)
    allowed: int
    window: int  # seconds
    message: str  # shown when refused; may use {minutes}

    def key(self, now: int) -> str:
        return f"rl#{self.name}#{self.subject[:300]}#{now - now % self.window}"

    def retry_after(self, now: int) -> int:
        return self.window - now % self.window


def take(*limits: Limit) -> None:
    """Take one slot of each limit, in order; RateLimited (429) for the first that is used up."""
    now = int(time.time())
    for limit in limits:
        _take_one(limit, now)


def _take_one(limit: Limit, now: int) -> None:
    start = now - now % limit.window
    try:
        OtpRecord(limit.key(now)).update(
            actions=[OtpRecord.attempts.add(1), OtpRecord.expires_at.set(start + 2 * limit.window)],
            condition=OtpRecord.attempts.does_not_exist() | (OtpRecord.attempts < limit.allowed),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            wait = limit.retry_after(now)
            minutes = max(1, -(-wait // 60))
            raise RateLimited(limit.message.format(minutes=minutes), retry_after=wait) from None
        raise
