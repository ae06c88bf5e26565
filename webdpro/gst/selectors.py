"""Reads for tax settings."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from webdpro.db import Tenant


def registration(tenant_id: str) -> tuple[str | None, str | None]:
    """The tenant's (GSTIN, state code), or (None, None) when not GST-registered. One GetItem."""
    try:
        tenant = Tenant.get(tenant_id, attributes_to_get=["gstin", "gst_state"])
    except DoesNotExist:
        return None, None
    return (tenant.gstin, tenant.gst_state) if tenant.gstin else (None, None)
