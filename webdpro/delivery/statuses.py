"""Delivery statuses, for the web layer (views never import ``webdpro.db``). They are defined with the
deliveries table in :mod:`webdpro.db.deliveries`."""

from webdpro.db.deliveries import (  # noqa: F401 (re-exported)
    DELIVERED,
    FAILED,
    IN_TRANSIT,
    PENDING,
    PICKED_UP,
    STATUSES,
)
