"""The owner home's cached closed days: a generation per tenant, bumped after every order status change.

Below the selectors (which key the cache with it) and the actions and expiry (which bump it), so that
neither has to import the other.
"""

from __future__ import annotations

from django.core.cache import cache

from webdpro import clock


def _key(tenant_id: str) -> str:
    return f"orders:home:gen:{tenant_id}"


def generation(tenant_id: str) -> str:
    """The tenant's current generation (set on first use)."""
    value = cache.get(_key(tenant_id))
    if value is None:
        value = clock.now_iso()
        cache.set(_key(tenant_id), value, None)
    return value


def forget_home_stats(tenant_id: str) -> None:
    """Drop this process's cached closed days of the home page (called after every status change)."""
    cache.set(_key(tenant_id), clock.now_iso(), None)
