"""Delivery statuses and collection methods, for the web layer (views never import ``webdpro.db``). They are
defined with the deliveries table in :mod:`webdpro.db.deliveries`."""

from webdpro.db.deliveries import STATUSES, CollectionMethod, DeliveryStatus  # noqa: F401 (re-exported)
