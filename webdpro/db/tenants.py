"""webdpro-tenants: one item per business (tenant)."""

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute

from webdpro.db.attributes import IntAttribute
from webdpro.db.base import BaseModel


class Tenant(BaseModel):
    class Meta:
        logical_name = "tenants"

    tenant_id = UnicodeAttribute(hash_key=True)
    owner_user_id = UnicodeAttribute(null=True)
    business_name = UnicodeAttribute()
    plan = UnicodeAttribute(default="FREE")  # FREE / PRO / ENTERPRISE
    subscription_status = UnicodeAttribute(default="ACTIVE")  # ACTIVE / CANCELLED / EXPIRED
    razorpay_customer_id = UnicodeAttribute(null=True)
    store_count = IntAttribute(default=0)
    max_stores = IntAttribute(default=1)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    # Added attributes (not keys): owner's phone for the console search, suspension, billing.
    owner_phone = UnicodeAttribute(null=True)
    is_suspended = BooleanAttribute(default=False)
    suspension_reason = UnicodeAttribute(null=True)
    razorpay_subscription_id = UnicodeAttribute(null=True)
