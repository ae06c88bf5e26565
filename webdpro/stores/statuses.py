"""Store statuses, for the web layer (views never import ``webdpro.db``). They are defined with the stores
table in :mod:`webdpro.db.stores`; the moves between them are :mod:`webdpro.stores.transitions`."""

from webdpro.db.stores import STATUSES, StoreStatus  # noqa: F401 (re-exported)
