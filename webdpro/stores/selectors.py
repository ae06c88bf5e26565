"""Reads of stores. Every read is keyed by tenant (GetItem/Query), or by hostname for the storefront."""

from __future__ import annotations

import threading
import time

from webdpro.db import DomainClaim, Store, get_or_none, get_or_not_found
from webdpro.db.rows import query_page, row_reader


def get_store(tenant_id: str, store_id: str) -> Store:
    """The tenant's store, or NotFound (another tenant's store id looks exactly like a missing one)."""
    return get_or_not_found(Store, tenant_id, store_id, message="Store not found.")


# What the owner's navigation shows of each store: the switcher, the current store's name, links by store id
# and the suspension notices (owner/base.html).
NAV_ATTRIBUTES = ("tenant_id", "store_id", "name", "status", "suspension_reason")


def list_store_names(tenant_id: str, config: tuple[str, ...] = ()) -> list:
    """The tenant's stores as the navigation shows them (:data:`NAV_ATTRIBUTES`), oldest first: one
    projected Query into read-only rows, for pages that need no more of a store than that. ``config``: keys
    of the store's config map read too (document paths ``config.<key>``), so such a row's ``config`` and
    ``config_dict`` hold those keys only (the products list's categories)."""
    names = NAV_ATTRIBUTES + ("config",) if config else NAV_ATTRIBUTES
    read = row_reader(Store, names, borrow=("config_dict",) if config else ())
    projection = (*NAV_ATTRIBUTES, *(f"config.{key}" for key in config))
    found, start = [], None
    while True:
        items, start = query_page(Store, tenant_id, names=projection, start=start)
        found.extend(read(raw) for raw in items)
        if not start:
            return found


def list_stores(tenant_id: str) -> list[Store]:
    """All of a tenant's stores, oldest first (one Query; plans cap stores at a few dozen)."""
    return list(Store.query(tenant_id))


_cache: dict[str, tuple[float, tuple[str, str] | None]] = {}
_cache_lock = threading.Lock()
HOST_CACHE_SECONDS = 30


def resolve_domain(hostname: str, use_cache: bool = True) -> tuple[str, str] | None:
    """Hostname → (tenant_id, store_id) through the domains table (one GetItem, cached briefly). A custom
    domain resolves only once its DNS proof is VERIFIED (``webdpro.stores.domains``)."""
    hostname = (hostname or "").lower().split(":")[0].rstrip(".")
    if not hostname:
        return None
    now = time.monotonic()
    if use_cache:
        with _cache_lock:
            hit = _cache.get(hostname)
        if hit and hit[0] > now:
            return hit[1]
    claim = get_or_none(DomainClaim, hostname)
    value = (claim.tenant_id, claim.store_id) if claim is not None and claim.routable else None  # custom: once verified
    with _cache_lock:
        _cache[hostname] = (now + HOST_CACHE_SECONDS, value)
    return value


def forget_domain(hostname: str) -> None:
    """Drop a cached hostname (after a slug or custom domain changes)."""
    with _cache_lock:
        _cache.pop((hostname or "").lower(), None)


def clear_domain_cache() -> None:
    with _cache_lock:
        _cache.clear()
