"""webdpro-audit (added table): every super admin action, newest first.

Partition ``tenant_id`` (the tenant the action concerns, or ``"PLATFORM"`` for people without a
tenant and platform-wide actions), sort key ``audit_id`` (a ULID, so time-ordered). The sparse-free
``feed-index`` (constant ``feed = "ALL"``, ``audit_id``) is the platform-wide feed, newest first.
Entries are written in the same transaction as the action they record.
"""

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.base import BaseModel

PLATFORM = "PLATFORM"
FEED_ALL = "ALL"


class AuditFeedIndex(GlobalSecondaryIndex):
    """The console's platform-wide audit feed, newest first (admin actions are a few per minute)."""

    class Meta:
        index_name = "feed-index"
        projection = AllProjection()

    feed = UnicodeAttribute(hash_key=True)
    audit_id = UnicodeAttribute(range_key=True)


class AuditEntry(BaseModel):
    class Meta:
        logical_name = "audit"

    tenant_id = UnicodeAttribute(hash_key=True)  # a tenant id or "PLATFORM"
    audit_id = UnicodeAttribute(range_key=True)  # ULID: time-ordered
    feed = UnicodeAttribute(default=FEED_ALL)
    action = UnicodeAttribute()  # e.g. tenant.plan, tenant.suspend, store.reactivate, user.role
    actor_user_id = UnicodeAttribute()
    actor_phone = UnicodeAttribute(null=True)
    actor_name = UnicodeAttribute(null=True)
    target_type = UnicodeAttribute()  # tenant / store / user / platform
    target_id = UnicodeAttribute()
    target_label = UnicodeAttribute(null=True)  # business name, store name, phone: what people read
    summary = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    before = UnicodeAttribute(null=True)  # JSON snapshot of the changed fields
    after = UnicodeAttribute(null=True)  # JSON snapshot of the changed fields
    created_at = UnicodeAttribute()

    feed_index = AuditFeedIndex()
