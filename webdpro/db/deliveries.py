"""webdpro-deliveries: assignments, keyed by agent (agent_id, delivery_id)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import BooleanAttribute, MapAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class DeliveryStatus(models.TextChoices):
    """Where a delivery is (``delivery/transitions.py`` holds the moves between them)."""

    PENDING = "PENDING", _("To pick up")
    PICKED_UP = "PICKED_UP", _("Picked up")
    IN_TRANSIT = "IN_TRANSIT", _("In transit")
    DELIVERED = "DELIVERED", _("Delivered")
    FAILED = "FAILED", _("Failed")


class CollectionMethod(models.TextChoices):
    """How the money of a cash-on-delivery order was taken at the door (``Delivery.collection_method``)."""

    CASH = "CASH", _("Cash")
    UPI = "UPI", _("UPI at the door")


STATUSES = tuple(DeliveryStatus)


class Location(MapAttribute):
    lat = DecimalAttribute()
    lng = DecimalAttribute()
    accuracy = DecimalAttribute(null=True)
    at = UnicodeAttribute()


class DeliveryTenantIndex(GlobalSecondaryIndex):
    """The owner's view: all deliveries of a tenant, newest first."""

    class Meta:
        index_name = "tenant-index"
        projection = AllProjection()

    tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class Delivery(BaseModel):
    class Meta:
        logical_name = "deliveries"

    agent_id = UnicodeAttribute(hash_key=True)  # the agent's user_id
    delivery_id = UnicodeAttribute(range_key=True)
    order_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    store_id = UnicodeAttribute()
    status = UnicodeAttribute(default=DeliveryStatus.PENDING)
    customer_name = UnicodeAttribute(null=True)
    customer_phone = UnicodeAttribute(null=True)
    delivery_address = UnicodeAttribute(null=True)
    is_cod = BooleanAttribute(default=False)
    cod_amount = DecimalAttribute(null=True)
    cod_collected = BooleanAttribute(default=False)
    cod_collected_amount = DecimalAttribute(null=True)
    last_location = Location(null=True)
    picked_up_at = UnicodeAttribute(null=True)
    delivered_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    failure_reason = UnicodeAttribute(null=True)
    collection_method = UnicodeAttribute(null=True)  # CollectionMethod
    delivery_code_hash = UnicodeAttribute(null=True)
    proof_photo = UnicodeAttribute(null=True)
    # Wrong-code attempts, the owner's waiver of the code (with its reason).
    code_attempts = IntAttribute(default=0)
    code_waived_reason = UnicodeAttribute(null=True)
    code_waived_by = UnicodeAttribute(null=True)
    failed_at = UnicodeAttribute(null=True)
    code_sent_at = UnicodeAttribute(null=True)

    tenant_index = DeliveryTenantIndex()
