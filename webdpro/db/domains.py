"""webdpro-domains (added table): one item per hostname a store answers on.

Claimed with ``attribute_not_exists(domain)`` in the same transaction as the store update, so two
stores can never hold one subdomain or custom domain; the storefront resolves a Host with a GetItem.
"""

from pynamodb.attributes import UnicodeAttribute

from webdpro.db.base import BaseModel

SUBDOMAIN, CUSTOM = "SUBDOMAIN", "CUSTOM"
# A custom domain is routed only once VERIFIED (DNS proves the owner controls it: webdpro.stores.domains).
PENDING, VERIFIED = "PENDING", "VERIFIED"


class DomainClaim(BaseModel):
    class Meta:
        logical_name = "domains"

    domain = UnicodeAttribute(hash_key=True)  # lower-case hostname, e.g. ravi-kirana.webdpro.in
    tenant_id = UnicodeAttribute()
    store_id = UnicodeAttribute()
    kind = UnicodeAttribute(default=SUBDOMAIN)
    created_at = UnicodeAttribute()
    # Added, custom domains only: the DNS proof (see webdpro/stores/domains.py and tables/README.md).
    status = UnicodeAttribute(null=True)  # PENDING | VERIFIED
    token = UnicodeAttribute(null=True)  # expected in TXT _webdpro-challenge.<domain>
    pending_since = UnicodeAttribute(null=True)  # claimed or unrouted at; lapses 7 days later
    verified_at = UnicodeAttribute(null=True)
    checked_at = UnicodeAttribute(null=True)
    check_result = UnicodeAttribute(null=True)  # what the last check found, for the owner

    @property
    def routable(self) -> bool:
        return self.kind != CUSTOM or self.status == VERIFIED
