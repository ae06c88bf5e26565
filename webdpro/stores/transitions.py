"""Store status transitions, in one place.

Every status change goes through :func:`check` (called by the named functions in
:mod:`webdpro.stores.services`: ``create_store``, ``retry_generation``, ``mark_paid``, ``publish``,
``unpublish``, ``suspend``, ``unsuspend``), which refuses anything not in :data:`ALLOWED`; the write itself
is conditional on the status it was read in, so two racing changes cannot both win.

Actors: ``owner`` (the store's business owner, from the dashboard), ``system`` (generation and its
recovery), ``payments`` (a captured publish fee: ``mark_paid``), ``console`` (super admins).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from webdpro.db.stores import StoreStatus
from webdpro.errors import Conflict, Forbidden

OWNER, SYSTEM, PAYMENTS, CONSOLE = "owner", "system", "payments", "console"

ALLOWED: dict[tuple[str, str], frozenset[str]] = {
    # generated, failed, timed out or recovered when stale
    (StoreStatus.GENERATING, StoreStatus.DRAFT): frozenset({SYSTEM}),
    (StoreStatus.DRAFT, StoreStatus.GENERATING): frozenset({OWNER}),  # retry a failed generation
    (StoreStatus.DRAFT, StoreStatus.PAID): frozenset({PAYMENTS, CONSOLE}),  # the publish fee was captured
    (StoreStatus.PAID, StoreStatus.PUBLISHED): frozenset({OWNER, PAYMENTS, CONSOLE}),
    # Publish at once: the plan's fee is 0, or the store was published (and paid for) before.
    (StoreStatus.DRAFT, StoreStatus.PUBLISHED): frozenset({OWNER, CONSOLE}),
    (StoreStatus.PUBLISHED, StoreStatus.DRAFT): frozenset({OWNER, CONSOLE}),  # unpublish
    # Suspension is the console's alone; lifting it restores the status before it.
    **{
        (status, StoreStatus.SUSPENDED): frozenset({CONSOLE})
        for status in (StoreStatus.GENERATING, StoreStatus.DRAFT, StoreStatus.PAID, StoreStatus.PUBLISHED)
    },
    **{
        (StoreStatus.SUSPENDED, status): frozenset({CONSOLE})
        for status in (StoreStatus.GENERATING, StoreStatus.DRAFT, StoreStatus.PAID, StoreStatus.PUBLISHED)
    },
}


class StoreTransitionRefused(Conflict):
    pass


class StoreSuspended(Forbidden):
    pass


LABELS = {
    StoreStatus.GENERATING: "being generated",
    StoreStatus.DRAFT: "a draft",
    StoreStatus.PAID: "paid, not yet published",
    StoreStatus.PUBLISHED: "published",
    StoreStatus.SUSPENDED: "suspended",
}


def allowed(current: str, target: str, actor: str) -> bool:
    return actor in ALLOWED.get((current, target), frozenset())


def check(store, target: str, actor: str) -> None:
    """Raise a user-facing error unless ``actor`` may move ``store`` to ``target``."""
    current = store.status
    if allowed(current, target, actor):
        return
    if current == StoreStatus.SUSPENDED and actor != CONSOLE:
        reason = f" Reason: {store.suspension_reason}." if store.suspension_reason else ""
        raise StoreSuspended(
            _(
                "This store has been suspended by WebDPro and cannot be published or "
                "changed in status until the suspension is lifted.%(reason)s Contact "
                "support if you think this is a mistake."
            )
            % {"reason": reason}
        )
    if target == StoreStatus.SUSPENDED or current == StoreStatus.SUSPENDED:
        raise Forbidden(_("Only WebDPro's support team can suspend a store or lift a suspension."))
    if current == StoreStatus.GENERATING:
        raise StoreTransitionRefused(_("The store is still being generated. Wait a few seconds and try again."))
    raise StoreTransitionRefused(
        _("The store is %(get)s; it cannot become %(get2)s from here.")
        % {"get": LABELS.get(current, current), "get2": LABELS.get(target, target)}
    )
