"""The store as a storefront request reads it.

Every request reads the store: one GetItem keyed by tenant and store (never kept between requests, so a change
shows on the next page). What the storefront works out from that item — the model, its settings as plain data,
the theme's colours, a digest of the settings for the kept frame fragments — cost ~0.15 ms of CPU a request
(a PynamoDB ``Store`` with its config maps, a copy of the config, the colour contrasts). The process keeps it
per store for as long as DynamoDB answers the very same item, compared attribute by attribute with the item
it was worked out from; any other answer is worked out again.

What :func:`read` returns is shared by the requests that read the same item: read it, never change it (edit
a store through ``webdpro.stores.services`` on a store read for writing).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from webdpro.db import Store
from webdpro.db.rows import get_item
from webdpro.storefront import config as sfconfig

KEPT_MAX = 5000  # stores one process keeps (cleared when full)


@dataclass(frozen=True)
class StoreRead:
    store: Store
    config: dict  # store.config_read: plain dicts and lists, read-only
    theme: dict  # sfconfig.theme(config)
    digest: bytes  # of the settings as read (Storefront.frame_key)


_kept: dict = {}  # (tenant_id, store_id) → (the raw item, its StoreRead)


def read(tenant_id: str, store_id: str) -> StoreRead | None:
    """The tenant's store as the storefront works with it, or None when the tenant has no such store."""
    raw = get_item(Store, tenant_id, store_id)
    if raw is None:
        return None
    key = (tenant_id, store_id)
    kept = _kept.get(key)
    if kept is not None and kept[0] == raw:
        return kept[1]
    found = derived(Store.from_raw_data(raw))
    if len(_kept) >= KEPT_MAX:
        _kept.clear()
    _kept[key] = (raw, found)
    return found


def derived(store: Store) -> StoreRead:
    """What the storefront works out from ``store`` (a store read some other way, e.g. with a checkout's
    products)."""
    config = store.config_read
    digest = hashlib.blake2b(repr(config).encode(), digest_size=16).digest()
    return StoreRead(store, config, sfconfig.theme(config), digest)
