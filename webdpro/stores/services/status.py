"""Store status changes (publish, unpublish, suspend, paid), each through :mod:`webdpro.stores.transitions`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.accounts.plans import get_plan
from webdpro.db import Store, Tenant, conflict_on_condition
from webdpro.db.stores import StoreStatus
from webdpro.errors import Conflict, Forbidden
from webdpro.stores import transitions
from webdpro.stores.services.common import PaymentRequired, _by, _is_console, _text, live_url_for, log
from webdpro.stores.transitions import CONSOLE, OWNER, PAYMENTS


def _set_status(store: Store, target: str, actions: list, by) -> Store:
    now = clock.now_iso()
    with conflict_on_condition(_("The store's status changed in the meantime. Reload the page and try again.")):
        store.update(
            actions=[Store.status.set(target), Store.updated_at.set(now), *actions],
            condition=Store.status == store.status,
        )
    log.info("store status changed", extra={"store_id": store.store_id, "status": target, "by": _by(by)})
    return store


def mark_paid(store: Store, by) -> Store:
    """DRAFT → PAID after the publish fee was captured (payments). Idempotent for webhook retries."""
    if store.status in (StoreStatus.PAID, StoreStatus.PUBLISHED):
        return store
    transitions.check(store, StoreStatus.PAID, CONSOLE if _is_console(by) else PAYMENTS)
    return _set_status(store, StoreStatus.PAID, [], by)


@dataclass
class PublishFee:
    fee: Decimal
    due: bool


def publish_fee(store: Store, tenant: Tenant | None = None) -> PublishFee:
    """The plan's one-time publish fee and whether this store still owes it (not if it was published before)."""
    tenant = tenant or Tenant.get(store.tenant_id)
    fee = get_plan(tenant.plan).publish_fee
    return PublishFee(fee=fee, due=fee > 0 and store.status == StoreStatus.DRAFT and not store.published_at)


def publish(store: Store, by, tenant: Tenant | None = None) -> Store:
    """PAID → PUBLISHED; a DRAFT publishes at once when no fee is due (fee 0, or published before),
    otherwise :class:`PaymentRequired`. Sets ``live_url``, and ``published_at`` the first time only."""
    if store.status == StoreStatus.PUBLISHED:
        return store
    actor = CONSOLE if _is_console(by) else OWNER
    transitions.check(store, StoreStatus.PUBLISHED, actor)
    if store.status == StoreStatus.DRAFT:
        fee = publish_fee(store, tenant)
        if fee.due:
            from webdpro.money import format_inr

            raise PaymentRequired(
                _("Publishing needs a one-time fee of %(format_inr)s.") % {"format_inr": format_inr(fee.fee)},
                fee=fee.fee,
            )
    if not store.config:
        raise Conflict(_("The store has no content yet."))
    now = clock.now_iso()
    live = live_url_for(store)
    _set_status(
        store,
        StoreStatus.PUBLISHED,
        [Store.live_url.set(live), Store.published_at.set(Store.published_at | now), Store.status_message.remove()],
        by,
    )
    store.status, store.live_url = StoreStatus.PUBLISHED, live
    store.published_at = store.published_at or now
    store.status_message = None
    return store


def unpublish(store: Store, by) -> Store:
    """PUBLISHED → DRAFT: the storefront stops answering (except preview links); the address is kept."""
    transitions.check(store, StoreStatus.DRAFT, CONSOLE if _is_console(by) else OWNER)
    _set_status(store, StoreStatus.DRAFT, [Store.live_url.remove()], by)
    store.status, store.live_url = StoreStatus.DRAFT, None
    return store


def suspend(store: Store, by, reason: str) -> Store:
    """Console only: any status → SUSPENDED, remembering the previous status."""
    if not _is_console(by):
        raise Forbidden(_("Only WebDPro's support team can suspend a store."))
    reason = _text(reason, _("reason"), 300, required=True, field="reason")
    if store.status == StoreStatus.SUSPENDED:
        return store
    transitions.check(store, StoreStatus.SUSPENDED, CONSOLE)
    previous = StoreStatus.DRAFT if store.status == StoreStatus.GENERATING else store.status
    _set_status(
        store, StoreStatus.SUSPENDED, [Store.previous_status.set(previous), Store.suspension_reason.set(reason)], by
    )
    store.status, store.previous_status, store.suspension_reason = StoreStatus.SUSPENDED, previous, reason
    return store


def unsuspend(store: Store, by) -> Store:
    if not _is_console(by):
        raise Forbidden(_("Only WebDPro's support team can lift a suspension."))
    if store.status != StoreStatus.SUSPENDED:
        return store
    target = (
        store.previous_status
        if store.previous_status in (StoreStatus.DRAFT, StoreStatus.PAID, StoreStatus.PUBLISHED)
        else StoreStatus.DRAFT
    )
    transitions.check(store, target, CONSOLE)
    _set_status(store, target, [Store.previous_status.remove(), Store.suspension_reason.remove()], by)
    store.status, store.previous_status, store.suspension_reason = target, None, None
    return store
