"""webdpro-tenants: one item per business (tenant)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import BooleanAttribute, MapAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class SubscriptionStatus(models.TextChoices):
    """The tenant's paid plan: waiting for its first payment, running, or stopped."""

    PENDING = "PENDING", _("Waiting for payment")
    ACTIVE = "ACTIVE", _("Active")
    CANCELLED = "CANCELLED", _("Cancelled")
    EXPIRED = "EXPIRED", _("Expired")


class PlanCode(models.TextChoices):
    """The tenant's plan; what each plan allows and costs is ``webdpro.accounts.plans.PLANS``."""

    FREE = "FREE", _("Free")
    PRO = "PRO", _("Pro")
    ENTERPRISE = "ENTERPRISE", _("Enterprise")


class PayoutStatus(models.TextChoices):
    """Activation of the tenant's Razorpay Route linked account (the "Get paid" page)."""

    NOT_STARTED = "NOT_STARTED", _("Not started")
    UNDER_REVIEW = "UNDER_REVIEW", _("Under review")
    ACTIVATED = "ACTIVATED", _("Activated")
    NEEDS_CLARIFICATION = "NEEDS_CLARIFICATION", _("Needs clarification")


class PayoutDetails(MapAttribute):
    """What the owner submitted, minus secrets: the bank account is kept as its last 4 digits only."""

    legal_business_name = UnicodeAttribute()
    business_type = UnicodeAttribute()
    category = UnicodeAttribute(null=True)
    contact_name = UnicodeAttribute()
    email = UnicodeAttribute()
    phone = UnicodeAttribute()
    pan_last4 = UnicodeAttribute(null=True)
    gstin = UnicodeAttribute(null=True)
    beneficiary_name = UnicodeAttribute()
    ifsc = UnicodeAttribute()
    account_last4 = UnicodeAttribute()
    street = UnicodeAttribute(null=True)
    city = UnicodeAttribute(null=True)
    state = UnicodeAttribute(null=True)
    postal_code = UnicodeAttribute(null=True)


class PayoutAccountIndex(GlobalSecondaryIndex):
    """Route webhooks (product.route.*, settlement.processed) name the linked account: find its tenant."""

    class Meta:
        index_name = "payout_account-index"
        projection = AllProjection()

    payout_account_id = UnicodeAttribute(hash_key=True)


class Tenant(BaseModel):
    class Meta:
        logical_name = "tenants"

    tenant_id = UnicodeAttribute(hash_key=True)
    owner_user_id = UnicodeAttribute(null=True)
    business_name = UnicodeAttribute()
    plan = UnicodeAttribute(default=PlanCode.FREE)  # a PlanCode
    subscription_status = UnicodeAttribute(default=SubscriptionStatus.ACTIVE)
    razorpay_customer_id = UnicodeAttribute(null=True)
    store_count = IntAttribute(default=0)
    max_stores = IntAttribute(default=1)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    # The owner's phone for the console search, suspension, billing.
    owner_phone = UnicodeAttribute(null=True)
    is_suspended = BooleanAttribute(default=False)
    suspension_reason = UnicodeAttribute(null=True)
    razorpay_subscription_id = UnicodeAttribute(null=True)
    pending_plan = UnicodeAttribute(null=True)  # the plan of a subscription waiting for its first payment
    gstin = UnicodeAttribute(null=True)  # GST registration (webdpro/gst): set → stores issue tax invoices
    gst_state = UnicodeAttribute(null=True)  # GST state code, the GSTIN's first two digits
    # Razorpay Route: the linked account, its activation, and running totals.
    payout_account_id = UnicodeAttribute(null=True)
    payout_stakeholder_id = UnicodeAttribute(null=True)
    payout_product_id = UnicodeAttribute(null=True)
    payout_status = UnicodeAttribute(default=PayoutStatus.NOT_STARTED)
    payout_reason = UnicodeAttribute(null=True)  # Razorpay's reason when it needs clarification
    payout_details = PayoutDetails(null=True)
    payout_updated_at = UnicodeAttribute(null=True)
    payout_event_at = IntAttribute(null=True)  # created_at of the last Route webhook applied (they come unordered)
    commission_total = DecimalAttribute(null=True)  # commission on online orders not reversed (rupees)
    platform_held_total = DecimalAttribute(null=True)  # online payments held by WebDPro (no payout account)

    payout_account_index = PayoutAccountIndex()
