"""Platform-wide reads for operator jobs (expire_orders, predict_stock, the console's rollups).

The only reads that walk every tenant or store live here: no tenant page ever calls them. Any area may
use them without depending on the console (``webdpro.superadmin``).
"""

from __future__ import annotations

from webdpro.db import DomainClaim, Store, Tenant
from webdpro.db.domains import CUSTOM


def all_tenant_ids(page_size: int = 100):
    """Every tenant id (a projected Scan of the small tenants table), page by page."""
    return (t.tenant_id for t in Tenant.scan(attributes_to_get=["tenant_id"], page_size=page_size))


def all_stores(page_size: int = 100):
    """Every store of every tenant (a Scan of the stores table), page by page."""
    return Store.scan(page_size=page_size)


def custom_domain_claims():
    """Every custom-domain claim, for the daily re-verification (a paginated Scan of the small domains
    table, filtered to kind CUSTOM)."""
    return DomainClaim.scan(DomainClaim.kind == CUSTOM)
