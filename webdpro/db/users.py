"""webdpro-users: every person, keyed by E.164 phone."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class Role(models.TextChoices):
    """What a person is to WebDPro (``dashboard/auth.py`` sends each role to its own pages)."""

    SUPER_ADMIN = "SUPER_ADMIN", _("Super admin")
    BUSINESS_OWNER = "BUSINESS_OWNER", _("Business owner")
    DELIVERY_AGENT = "DELIVERY_AGENT", _("Delivery agent")
    CUSTOMER = "CUSTOMER", _("Customer")


ROLES = tuple(Role)


class UserTenantIndex(GlobalSecondaryIndex):
    """A tenant's people (owner and delivery agents), oldest first. Sparse: no tenant, no entry."""

    class Meta:
        index_name = "tenant-index"
        projection = AllProjection()

    tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class UserIdIndex(GlobalSecondaryIndex):
    """Resolve an internal user_id (as stored on orders and deliveries) to the user."""

    class Meta:
        index_name = "user_id-index"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)


class User(BaseModel):
    class Meta:
        logical_name = "users"

    phone = UnicodeAttribute(hash_key=True)  # E.164
    user_id = UnicodeAttribute()
    role = UnicodeAttribute()  # a Role
    tenant_id = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    cognito_sub = UnicodeAttribute(null=True)
    is_active = BooleanAttribute(default=True)
    created_at = UnicodeAttribute()
    # Bumped to revoke every signed session of the user; the agent's cash limit.
    session_version = IntAttribute(default=0)
    cash_limit = DecimalAttribute(null=True)
    handover_seq = IntAttribute(null=True)  # bumped by each cash handover: serialises them per agent
    updated_at = UnicodeAttribute(null=True)
    language = UnicodeAttribute(null=True)  # chosen language: the agent's phone view, the owner's dashboard
    # Signed-out sessions: "<epoch expiry>:<session id>"; a cookie carrying one of these ids is refused.
    revoked_sessions = UnicodeSetAttribute(null=True)

    tenant_index = UserTenantIndex()
    user_id_index = UserIdIndex()
