"""webdpro-domains (added table): one item per hostname a store answers on.

Claimed with ``attribute_not_exists(domain)`` in the same transaction as the store update, so two
stores can never hold one subdomain or custom domain; the storefront resolves a Host with a GetItem.
"""

from pynamodb.attributes import UnicodeAttribute

from webdpro.db.base import BaseModel

SUBDOMAIN, CUSTOM = "SUBDOMAIN", "CUSTOM"


class DomainClaim(BaseModel):
    class Meta:
        logical_name = "domains"

    domain = UnicodeAttribute(hash_key=True)  # lower-case hostname, e.g. ravi-kirana.webdpro.in
    tenant_id = UnicodeAttribute()
    store_id = UnicodeAttribute()
    kind = UnicodeAttribute(default=SUBDOMAIN)
    created_at = UnicodeAttribute()
