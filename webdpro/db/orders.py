"""webdpro-orders: customer orders, keyed by order_id, listed through GSIs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class OrderStatus(models.TextChoices):
    """Where an order is (``orders/workflow.py`` holds the moves between them); labels as the owner reads
    them, and :attr:`customer_label` in the customer's own wording (the storefront, tracking, the timeline)."""

    PENDING_PAYMENT = "PENDING_PAYMENT", _("Awaiting payment")
    PLACED = "PLACED", _("Awaiting acceptance")  # stores that accept orders by hand
    CONFIRMED = "CONFIRMED", _("Confirmed")
    PREPARING = "PREPARING", _("Preparing")
    OUT_FOR_DELIVERY = "OUT_FOR_DELIVERY", _("Out for delivery")
    READY_FOR_PICKUP = "READY_FOR_PICKUP", _("Ready for pickup")
    DELIVERED = "DELIVERED", _("Delivered")
    PICKED_UP = "PICKED_UP", _("Picked up")
    CANCELLED = "CANCELLED", _("Cancelled")

    @property
    def customer_label(self) -> str:
        """What the customer reads for this status: :data:`CUSTOMER_ORDER_STATUS_LABELS`."""
        return CUSTOMER_ORDER_STATUS_LABELS[self]


# The customer's wording of each order status, where the owner's label (above) would read oddly to them.
CUSTOMER_ORDER_STATUS_LABELS = {
    **dict(OrderStatus.choices),
    OrderStatus.PLACED: _("Waiting for the shop to accept"),
    OrderStatus.PREPARING: _("Being prepared"),
}


class OrderPaymentStatus(models.TextChoices):
    """Whether the order's money has arrived."""

    PENDING = "PENDING", _("Awaiting payment")
    PAID = "PAID", _("Paid")
    FAILED = "FAILED", _("Payment failed")
    COD_PENDING = "COD_PENDING", _("Cash due on delivery")
    REFUNDED = "REFUNDED", _("Refunded")


class PaymentMethod(models.TextChoices):
    """How the customer chose to pay at checkout."""

    UPI = "UPI", _("UPI")
    CARD = "CARD", _("Card")
    COD = "COD", _("Cash on delivery")


class Fulfilment(models.TextChoices):
    """How the order reaches the customer (an order without one, from before pickup existed, is delivered)."""

    DELIVERY = "DELIVERY", _("Delivery")
    PICKUP = "PICKUP", _("Pickup")


STATUSES = tuple(OrderStatus)
FULFILMENTS = tuple(Fulfilment)

PAYMENT_METHODS = tuple(PaymentMethod)


class OrderItem(MapAttribute):
    product_id = UnicodeAttribute()
    name = UnicodeAttribute()
    price = DecimalAttribute()
    quantity = IntAttribute()
    line_total = DecimalAttribute()
    variant_id = UnicodeAttribute(null=True)  # the product's variant (webdpro/products/variants.py)
    variant_label = UnicodeAttribute(null=True)  # e.g. "1 kg / Red"
    # GST (webdpro/orders/tax.py), fixed at placement; absent on orders of stores without GST.
    hsn_code = UnicodeAttribute(null=True)
    gst_rate = IntAttribute(null=True)
    discount = DecimalAttribute(null=True)  # this line's share of the coupon discount
    taxable_value = DecimalAttribute(null=True)
    cgst = DecimalAttribute(null=True)
    sgst = DecimalAttribute(null=True)
    igst = DecimalAttribute(null=True)


class DeliveryTax(MapAttribute):
    """GST on the delivery fee (webdpro/orders/tax.py rule 4: composite supply, the principal supply's rate)."""

    sac = UnicodeAttribute()  # 996813, local delivery services
    gst_rate = IntAttribute()
    taxable_value = DecimalAttribute()
    cgst = DecimalAttribute()
    sgst = DecimalAttribute()
    igst = DecimalAttribute()


class StatusChange(MapAttribute):
    """One step of the order's timeline."""

    status = UnicodeAttribute()
    at = UnicodeAttribute()
    by = UnicodeAttribute(null=True)  # user_id, "customer", "system"
    note = UnicodeAttribute(null=True)


class StoreIndex(GlobalSecondaryIndex):
    """A store's orders, newest first (sorted by created_at)."""

    class Meta:
        index_name = "store-index"
        projection = AllProjection()

    store_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class TenantIndex(GlobalSecondaryIndex):
    """All of a tenant's orders across stores, newest first (sorted by created_at)."""

    class Meta:
        index_name = "tenant-index"
        projection = AllProjection()

    tenant_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CustomerIndex(GlobalSecondaryIndex):
    """A customer's orders across stores, newest first ("My orders")."""

    class Meta:
        index_name = "customer-index"
        projection = AllProjection()

    customer_phone = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class AwaitingIndex(GlobalSecondaryIndex):
    """Sparse: a tenant's orders waiting for the shop to accept them (``awaiting_tenant`` is set only
    while an order is PLACED). The navigation's count is one Select=COUNT Query."""

    class Meta:
        index_name = "awaiting-index"
        projection = KeysOnlyProjection()

    awaiting_tenant = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class InvoiceDueIndex(GlobalSecondaryIndex):
    """Sparse: a tenant's orders waiting for their invoice number (``invoice_due`` = tenant_id from placement
    until numbered, or until the order can no longer become a sale), oldest first. Read by the numbering
    job (``webdpro.orders.invoices.number_due``); projects what numbering needs."""

    class Meta:
        index_name = "invoice-due-index"
        projection = IncludeProjection(["store_id", "seller_gstin", "payment_method", "payment_status", "status"])

    invoice_due = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class Order(BaseModel):
    class Meta:
        logical_name = "orders"

    order_id = UnicodeAttribute(hash_key=True)
    tenant_id = UnicodeAttribute()
    store_id = UnicodeAttribute()
    status = UnicodeAttribute()
    items = ListAttribute(of=OrderItem, default=list)
    subtotal = DecimalAttribute()
    delivery_fee = DecimalAttribute()
    total_amount = DecimalAttribute()
    customer_name = UnicodeAttribute()
    customer_phone = UnicodeAttribute()  # E.164
    delivery_address = UnicodeAttribute()
    payment_method = UnicodeAttribute()
    payment_status = UnicodeAttribute()
    razorpay_payment_id = UnicodeAttribute(null=True)
    delivery_agent_id = UnicodeAttribute(null=True)
    delivered_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    pincode = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    history = ListAttribute(of=StatusChange, default=list)
    cancel_reason = UnicodeAttribute(null=True)
    razorpay_order_id = UnicodeAttribute(null=True)
    delivery_id = UnicodeAttribute(null=True)
    delivery_status = UnicodeAttribute(null=True)
    fulfilment = UnicodeAttribute(null=True)  # a Fulfilment (absent on older orders: DELIVERY)
    pickup_code = UnicodeAttribute(null=True)  # PICKUP: the code the customer shows at the counter
    scheduled_for = UnicodeAttribute(null=True)  # placed while closed: the opening it is scheduled for
    acceptance = UnicodeAttribute(null=True)  # MANUAL: the owner accepts it (PLACED → CONFIRMED)
    accept_by = UnicodeAttribute(null=True)  # PLACED: auto-rejected by the expiry job after this instant
    awaiting_tenant = UnicodeAttribute(null=True)  # = tenant_id while PLACED (sparse awaiting-index)
    coupon_code = UnicodeAttribute(null=True)  # the code applied (webdpro-coupons)
    discount = DecimalAttribute(null=True)  # rupees off the items; total = subtotal - discount + delivery_fee
    # GST and the invoice (webdpro/orders/tax.py, invoices.py): a snapshot taken at placement.
    seller_gstin = UnicodeAttribute(null=True)  # None: the store was not GST-registered (bill of supply)
    seller_state = UnicodeAttribute(null=True)  # GST state code
    buyer_state = UnicodeAttribute(null=True)  # from the delivery PIN code
    tax_kind = UnicodeAttribute(null=True)  # INTRA (CGST + SGST) | INTER (IGST)
    prices_include_tax = BooleanAttribute(null=True)
    tax_total = DecimalAttribute(null=True)  # total = subtotal - discount + (tax_total if prices exclude it) + fee
    delivery_tax = DeliveryTax(null=True)  # GST on the delivery fee (part of tax_total); None without a fee
    invoice_kind = UnicodeAttribute(null=True)  # TAX_INVOICE | BILL_OF_SUPPLY
    invoice_fy = UnicodeAttribute(null=True)  # financial year, e.g. 2026-27 (April–March, IST)
    invoice_seq = IntAttribute(null=True)  # 1, 2, … per store, series and financial year, no gaps
    invoice_due = UnicodeAttribute(null=True)  # = tenant_id until numbered (sparse invoice-due-index)

    store_index = StoreIndex()
    tenant_index = TenantIndex()
    customer_index = CustomerIndex()
    awaiting_index = AwaitingIndex()
    invoice_due_index = InvoiceDueIndex()
