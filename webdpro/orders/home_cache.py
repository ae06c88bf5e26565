"""The owner home's cached closed days: a generation per tenant, bumped when a status change makes the
cached figures wrong.

The closed days (before today, IST) are one paginated Query kept in the cache under the tenant's current
generation. A status change calls :func:`order_changed`, which keeps them when they already count the
order as it now stands:

* an order created today (IST) is not in the closed days: it drops only the cached today (read again
  whole on the next home read; in between, today is topped up with the orders created since);
* an order the closed days counted as cancelled because its payment or acceptance window was over
  (:func:`remember_counted_cancelled`, or already over when their read started: :func:`mark_read_started`),
  now written as CANCELLED by the expiry.

Any other change bumps the generation (the next home read re-reads the closed days). Below the selectors
(which key the cache with it) and the actions and expiry (which call it), so neither imports the other.
"""

from __future__ import annotations

from django.core.cache import cache

from webdpro import clock
from webdpro.db.orders import OrderStatus

COUNTED_SECONDS = 24 * 3600


def _key(tenant_id: str) -> str:
    return f"orders:home:gen:{tenant_id}"


def _counted_key(tenant_id: str, gen: str) -> str:
    return f"orders:home:counted-cancelled:{tenant_id}:{gen}"


def _today_key(tenant_id: str) -> str:
    return f"orders:home:today-gen:{tenant_id}"


def today_generation(tenant_id: str) -> str:
    """The generation of the tenant's cached today (bumped by any status change of a today's order)."""
    value = cache.get(_today_key(tenant_id))
    if value is None:
        value = clock.now_iso()
        cache.set(_today_key(tenant_id), value, None)
    return value


def generation(tenant_id: str) -> str:
    """The tenant's current generation (set on first use)."""
    value = cache.get(_key(tenant_id))
    if value is None:
        value = clock.now_iso()
        cache.set(_key(tenant_id), value, None)
    return value


def forget_home_stats(tenant_id: str) -> None:
    """Drop this process's cached closed days of the home page (the next home read re-reads them)."""
    cache.set(_key(tenant_id), clock.now_iso(), None)


def _read_key(tenant_id: str, gen: str) -> str:
    return f"orders:home:read-started:{tenant_id}:{gen}"


def mark_read_started(tenant_id: str, gen: str, at: str, payment_cutoff: str) -> None:
    """The closed days cached under ``gen`` are being read from ``at`` on, when an unpaid order created
    before ``payment_cutoff`` was overdue: any order overdue by then is counted cancelled."""
    cache.add(_read_key(tenant_id, gen), (at, payment_cutoff), COUNTED_SECONDS)


def _due_when_read(order, gen: str) -> bool:
    """Whether ``order``, just cancelled, was already past its payment or acceptance window when the days
    cached under ``gen`` started to be read (so they count it cancelled, even if it was read as awaiting)."""
    started = cache.get(_read_key(order.tenant_id, gen))
    history = order.history or []
    before = history[-2].status if started and len(history) >= 2 else None
    if before == OrderStatus.PENDING_PAYMENT:
        return (order.created_at or "~") < started[1]
    if before == OrderStatus.PLACED:
        return bool(order.accept_by) and order.accept_by < started[0]
    return False


def remember_counted_cancelled(tenant_id: str, gen: str, order_ids) -> None:
    """The closed days cached under ``gen`` count these due orders as cancelled already."""
    ids = set(order_ids)
    if not ids:
        return
    key = _counted_key(tenant_id, gen)
    cache.set(key, (cache.get(key) or frozenset()) | ids, COUNTED_SECONDS)


def order_changed(order) -> None:
    """After ``order``'s status changed: keep the cached closed days if they count it right, else drop them."""
    created = order.created_at or ""
    if created and clock.local_date(created) >= clock.local_today():
        cache.set(_today_key(order.tenant_id), clock.now_iso(), None)  # today is read whole next time
        return
    if order.status == OrderStatus.CANCELLED:
        gen = generation(order.tenant_id)
        counted = cache.get(_counted_key(order.tenant_id, gen)) or frozenset()
        if order.order_id in counted or _due_when_read(order, gen):
            return
    forget_home_stats(order.tenant_id)
