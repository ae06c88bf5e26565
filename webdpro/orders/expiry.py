"""Unpaid orders expire: a PENDING_PAYMENT order older than ``ORDER_PAYMENT_TIMEOUT_MINUTES`` (default 30)
becomes CANCELLED through :mod:`webdpro.orders.workflow`, and its stock goes back, in ONE transaction.
An order the shop did not accept in time (PLACED past its ``accept_by``) is rejected the same way, through
the owner's cancel path (:func:`webdpro.orders.actions.cancel_order`: stock back, refund if paid, SMS).

Idempotent: the status change is conditional (``status = PENDING_PAYMENT``), so a payment captured a
moment earlier, a second sweep or a concurrent ``expire_orders`` run simply finds nothing to do.

Two ways in:

* **sweep on read** — :func:`sweep` / :func:`sweep_one` take orders a page has just read (the tracking
  page, the owner's order desk) and expire the ones that are due before they are shown. No extra reads;
  one transaction per expired order. The dashboard home, which tallies whole days, counts due orders as
  cancelled and hands their ids to :func:`expire_later` (one background thread per tenant, off the
  request path).
* **``python manage.py expire_orders``** — :func:`find_due` finds candidates with a Query on the orders
  ``tenant-index`` (or ``store-index`` for one store) with a ``created_at`` key range
  ``[now - lookback, now]`` and a ``status IN (PENDING_PAYMENT, PLACED)`` filter (then :func:`is_due`),
  page by page — never a Scan of the orders table. Without ``--tenant``/``--store`` the command walks the
  tenants table page by page (an admin job, not a tenant page: the tenants table holds one small item per business) and
  queries each tenant. Orders older than the lookback (default 7 days) are left to the sweep on read,
  or to ``--lookback-hours`` on a one-off run.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext, ngettext

from webdpro import clock, platform
from webdpro.db import Order, get_or_none
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.orders.cancellation import OrderChanged, cancel_and_restock

log = logging.getLogger("webdpro.orders")

DEFAULT_TIMEOUT_MINUTES = 30
DEFAULT_LOOKBACK_HOURS = 24 * 7
QUERY_PAGE = 200
SWEEP_LIMIT = 5  # orders expired per page read (one transaction each); the rest are shown as cancelled
LATER_LIMIT = 500  # orders one background run expires (the rest wait for the next read or the job)


def timeout_minutes() -> int:
    return int(getattr(settings, "ORDER_PAYMENT_TIMEOUT_MINUTES", DEFAULT_TIMEOUT_MINUTES) or DEFAULT_TIMEOUT_MINUTES)


def cutoff_iso(now=None) -> str:
    """Orders created before this instant and still unpaid are due."""
    return clock.iso((now or clock.now()) - timedelta(minutes=timeout_minutes()))


def payment_deadline(order: Order):
    """When an unpaid order's window to pay ends (the instant :func:`is_due` starts to hold)."""
    return clock.parse(order.created_at) + timedelta(minutes=timeout_minutes())


def is_due(order: Order, now=None) -> bool:
    if order.status == OrderStatus.PLACED:
        return bool(order.accept_by) and order.accept_by < clock.iso(now or clock.now())
    return order.status == OrderStatus.PENDING_PAYMENT and (order.created_at or "") < cutoff_iso(now)


def _accept_minutes(order: Order) -> int:
    start = max(order.created_at or "", order.scheduled_for or "")
    return max(1, round((clock.parse(order.accept_by) - clock.parse(start)).total_seconds() / 60))


def reject_unaccepted(order: Order) -> bool:
    """A PLACED order past its acceptance deadline: rejected (stock back, refund if paid, customer told)."""
    from webdpro.errors import Conflict, DomainError
    from webdpro.orders.actions import RefundFailed, cancel_order

    note = gettext("Not accepted by the shop within %(minutes)s minutes") % {"minutes": _accept_minutes(order)}
    try:
        cancel_order(order, "system", note, by_owner=True)
    except RefundFailed:
        log.exception("unaccepted order rejected, refund not started", extra={"order_id": order.order_id})
    except (Conflict, DomainError):
        return False  # accepted or changed a moment ago
    return True


def expire(order: Order, now=None) -> bool:
    """Cancel one due order and return its stock. True if this call expired it, False if it was not due
    or someone else changed it first (paid, cancelled, expired by another sweep)."""
    if not is_due(order, now):
        return False
    if order.status == OrderStatus.PLACED:
        return reject_unaccepted(order)
    minutes = timeout_minutes()
    note = ngettext(
        "Payment not received within %(n)s minute", "Payment not received within %(n)s minutes", minutes
    ) % {"n": minutes}
    try:
        cancel_and_restock(order, "system", note, extra_actions=[Order.payment_status.set(OrderPaymentStatus.FAILED)])
    except OrderChanged:
        return False  # paid or cancelled meanwhile: nothing to do
    order.payment_status = OrderPaymentStatus.FAILED
    log.info("order expired", extra={"order_id": order.order_id, "store_id": order.store_id})
    return True


_UNREAD = object()


def sweep_one(order: Order, now=None, *, whole=_UNREAD) -> Order:
    """Expire ``order`` if it is due (sweep on read); returns the order as it now stands. A partial order
    (a list page's projection) is read whole first — or taken from ``whole``, read already with others —
    since expiring it returns its items' stock."""
    if is_due(order, now):
        if getattr(order, "projected", False):
            if whole is _UNREAD:
                whole = get_or_none(Order, order.order_id, consistent_read=True)
            if whole is None or not is_due(whole, now):
                return whole or order
            order = whole
        if not expire(order, now):
            return get_or_none(Order, order.order_id, consistent_read=True) or order
    return order


def shown_as_expired(order: Order) -> Order:
    """A due order past this request's budget: shown as cancelled (the next read or the job writes it)."""
    order.status = OrderStatus.CANCELLED
    if (
        order.payment_status not in (OrderPaymentStatus.PAID, OrderPaymentStatus.REFUNDED)
        and order.payment_method != PaymentMethod.COD
    ):
        order.payment_status = OrderPaymentStatus.FAILED
    return order


def sweep(orders, now=None, limit: int = SWEEP_LIMIT) -> list[Order]:
    """Expire the due orders among ``orders`` (a page a selector is about to return) and return the list.

    Bounded work per request: at most ``limit`` orders are expired (one transaction each; the projected
    ones among them read whole in one BatchGetItem); any other due order is shown as cancelled and left
    to the next read or the ``expire_orders`` job. Nothing is read when no order is due."""
    orders = list(orders)
    whole = _read_whole([o for o in orders if is_due(o, now)][: max(limit, 0)])
    out = []
    for order in orders:
        if is_due(order, now):
            if limit <= 0:
                order = shown_as_expired(order)
            elif order.order_id in whole:
                order = sweep_one(order, now, whole=whole[order.order_id])
            else:
                order = sweep_one(order, now)
            limit -= 1
        out.append(order)
    return out


def _read_whole(due: list[Order]) -> dict:
    """The projected orders among ``due`` read whole, with one BatchGetItem (None for one gone since)."""
    ids = [o.order_id for o in due if getattr(o, "projected", False)]
    if not ids:
        return {}
    found = {o.order_id: o for o in Order.batch_get(ids, consistent_read=True)}
    return {order_id: found.get(order_id) for order_id in ids}


def due_ids(raw_items, now=None) -> list[str]:
    """Ids of due orders among raw DynamoDB items that carry order_id, status, created_at (and accept_by)."""
    cutoff, at = cutoff_iso(now), clock.iso(now or clock.now())
    ids = []
    for raw in raw_items:
        status = raw.get("status", {}).get("S")
        if status == OrderStatus.PENDING_PAYMENT and raw["created_at"]["S"] < cutoff:
            ids.append(raw["order_id"]["S"])
        elif status == OrderStatus.PLACED and raw.get("accept_by", {}).get("S", "~") < at:
            ids.append(raw["order_id"]["S"])
    return ids


def expire_ids(order_ids, now=None, limit: int = SWEEP_LIMIT) -> int:
    """Expire up to ``limit`` due orders by id (one BatchGetItem, then one transaction each)."""
    ids = list(dict.fromkeys(order_ids))[:limit]
    if not ids:
        return 0
    return sum(1 for order in Order.batch_get(ids, consistent_read=True) if expire(order, now))


def find_due(
    *, tenant_id: str | None = None, store_id: str | None = None, now=None, lookback_hours: int = DEFAULT_LOOKBACK_HOURS
):
    """Due orders of one tenant (tenant-index) or one store (store-index), by created_at key range."""
    now = now or clock.now()
    upper = clock.iso(now)
    lower = clock.iso(now - timedelta(hours=lookback_hours))
    if lower >= upper:
        return
    condition = Order.created_at.between(lower, upper)
    pending = Order.status.is_in(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED)
    if store_id:
        results = Order.store_index.query(store_id, condition, filter_condition=pending, page_size=QUERY_PAGE)
    elif tenant_id:
        results = Order.tenant_index.query(tenant_id, condition, filter_condition=pending, page_size=QUERY_PAGE)
    else:
        raise ValueError("find_due needs a tenant_id or a store_id")
    for order in results:
        if is_due(order, now):
            yield order


def expire_due(
    *, tenant_id: str | None = None, store_id: str | None = None, now=None, lookback_hours: int = DEFAULT_LOOKBACK_HOURS
) -> dict:
    """Expire every due order of a tenant/store, or of every tenant when neither is given."""
    stats = {"tenants": 0, "found": 0, "expired": 0}
    if tenant_id or store_id:
        tenants = [tenant_id]
    else:
        tenants = platform.all_tenant_ids(page_size=QUERY_PAGE)  # operator job: every tenant
    for tid in tenants:
        stats["tenants"] += 1
        for order in list(find_due(tenant_id=tid, store_id=store_id, now=now, lookback_hours=lookback_hours)):
            stats["found"] += 1
            if expire(order, now):
                stats["expired"] += 1
    return stats


# --- off the request path -------------------------------------------------------------------------

_later: dict[str, set[str]] = {}
_handed: set[str] = set()  # ids already given to a background run in this process
_later_lock = threading.Lock()
_threads: list[threading.Thread] = []
HANDED_MAX = 100_000


def expire_later(tenant_id: str, order_ids) -> None:
    """Expire these due orders in a background thread (one per tenant at a time; ids handed while it
    runs join it). Each id is handed once per process: a page that keeps showing it as cancelled (a
    cached tally) does not start the work again. Failures are logged, never raised."""
    with _later_lock:
        ids = set(order_ids) - _handed
        if not ids:
            return
        if len(_handed) > HANDED_MAX:
            _handed.clear()
        _handed.update(ids)
        pending = _later.get(tenant_id)
        if pending is not None:  # a run for this tenant is going: join it
            pending.update(ids)
            return
        _later[tenant_id] = ids
        thread = threading.Thread(target=_expire_pending, args=(tenant_id,), name="expire-due", daemon=True)
        _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
        thread.start()


def _expire_pending(tenant_id: str) -> None:
    done = 0
    while done < LATER_LIMIT:
        with _later_lock:
            ids = sorted(_later.get(tenant_id) or ())[:100]
            if not ids:
                _later.pop(tenant_id, None)
                return
            _later[tenant_id].difference_update(ids)
        try:
            done += expire_ids(ids, limit=len(ids))
        except Exception as exc:  # noqa: BLE001 — the job retries; a page must never see this
            log.warning("background expiry failed", extra={"tenant_id": tenant_id, "error": repr(exc)})
    with _later_lock:
        left = _later.pop(tenant_id, set())
        _handed.difference_update(left)  # not done here: a later read may hand them again


def wait_for_background(timeout: float = 30) -> None:
    """Wait for the background expiry runs of this process (tests, management commands)."""
    for thread in list(_threads):
        thread.join(timeout)
