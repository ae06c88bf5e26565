"""webdpro-payments: payment records and reconciliation (tenant_id, payment_id)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute
from webdpro.db.base import BaseModel


class PaymentStatus(models.TextChoices):
    """Where a payment row is."""

    CREATED = "CREATED", _("Started")
    CAPTURED = "CAPTURED", _("Received")
    FAILED = "FAILED", _("Failed")
    REFUNDED = "REFUNDED", _("Refunded")


class PaymentKind(models.TextChoices):
    """What a payment row is for."""

    ORDER = "ORDER", _("Order payment")
    COD = "COD", _("Cash on delivery")
    HANDOVER = "HANDOVER", _("Cash handover")
    PUBLISH_FEE = "PUBLISH_FEE", _("Publish fee")
    SUBSCRIPTION = "SUBSCRIPTION", _("Subscription")


class RefundStatus(models.TextChoices):
    """Where a refund of a captured payment is (``Payment.refund_status``; absent when none was asked for)."""

    PENDING = "PENDING", _("Refund pending")
    PROCESSED = "PROCESSED", _("Refunded")
    FAILED = "FAILED", _("Refund failed")


class RazorpayOrderIndex(GlobalSecondaryIndex):
    """Webhooks and the Checkout callback find the payment by Razorpay order id."""

    class Meta:
        index_name = "razorpay-order-index"
        projection = AllProjection()

    razorpay_order_id = UnicodeAttribute(hash_key=True)


class OrderIndex(GlobalSecondaryIndex):
    """The payments of one order (order detail, refunds)."""

    class Meta:
        index_name = "order-index"
        projection = AllProjection()

    order_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CollectedByIndex(GlobalSecondaryIndex):
    """Cash held by an agent: the COD collections and handovers of one agent, newest first."""

    class Meta:
        index_name = "collected_by-index"
        projection = AllProjection()

    collected_by = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class BillingIndex(GlobalSecondaryIndex):
    """Payments to WebDPro (publish fees, subscription charges) of one tenant, newest first. Sparse: only
    those rows carry ``billing_tenant_id``."""

    class Meta:
        index_name = "billing-index"
        projection = AllProjection()

    billing_tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class Payment(BaseModel):
    class Meta:
        logical_name = "payments"

    tenant_id = UnicodeAttribute(hash_key=True)
    payment_id = UnicodeAttribute(range_key=True)  # Razorpay order id, or a ULID for COD
    order_id = UnicodeAttribute(null=True)
    store_id = UnicodeAttribute(null=True)
    amount = DecimalAttribute()
    currency = UnicodeAttribute(default="INR")
    payment_method = UnicodeAttribute(null=True)  # UPI / CARD / COD
    status = UnicodeAttribute(default=PaymentStatus.CREATED)
    razorpay_order_id = UnicodeAttribute(null=True)
    razorpay_payment_id = UnicodeAttribute(null=True)
    collected_by = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    kind = UnicodeAttribute(default=PaymentKind.ORDER)
    amount_due = DecimalAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    # Why an attempt failed, and the refund of a captured payment.
    error = UnicodeAttribute(null=True)
    refund_id = UnicodeAttribute(null=True)
    refund_status = UnicodeAttribute(null=True)  # PENDING / PROCESSED / FAILED
    refund_reason = UnicodeAttribute(null=True)
    refunded_by = UnicodeAttribute(null=True)
    recorded_by = UnicodeAttribute(null=True)  # who recorded a HANDOVER (owner's user_id)
    # Razorpay Route: the linked account the order's transfer goes to (none: held by
    # WebDPro) and the platform's commission, fixed when the Razorpay order is created.
    route_account_id = UnicodeAttribute(null=True)
    commission = DecimalAttribute(null=True)
    # Payments to WebDPro (PUBLISH_FEE, SUBSCRIPTION) carry their tenant again, for billing-index.
    billing_tenant_id = UnicodeAttribute(null=True)

    razorpay_order_index = RazorpayOrderIndex()
    order_index = OrderIndex()
    collected_by_index = CollectedByIndex()
    billing_index = BillingIndex()
