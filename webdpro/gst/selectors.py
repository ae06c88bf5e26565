"""Reads for tax settings."""

from __future__ import annotations

from webdpro.db import Tenant, get_or_none

REGISTRATION_ATTRIBUTES = ["gstin", "gst_state"]


def registration(tenant_id: str) -> tuple[str | None, str | None]:
    """The tenant's (GSTIN, state code), or (None, None) when not GST-registered. One GetItem."""
    return registration_of(get_or_none(Tenant, tenant_id, attributes_to_get=REGISTRATION_ATTRIBUTES))


def registration_of(tenant) -> tuple[str | None, str | None]:
    """(GSTIN, state code) of a tenant read with at least REGISTRATION_ATTRIBUTES; (None, None) if none."""
    return (tenant.gstin, tenant.gst_state) if tenant and tenant.gstin else (None, None)
