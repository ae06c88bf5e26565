"""Reads for tax settings."""

from __future__ import annotations

from webdpro.db import Tenant, get_or_none


def registration(tenant_id: str) -> tuple[str | None, str | None]:
    """The tenant's (GSTIN, state code), or (None, None) when not GST-registered. One GetItem."""
    tenant = get_or_none(Tenant, tenant_id, attributes_to_get=["gstin", "gst_state"])
    return (tenant.gstin, tenant.gst_state) if tenant and tenant.gstin else (None, None)
