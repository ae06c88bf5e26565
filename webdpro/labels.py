"""Words for people: every label shown for a status, method, kind, plan or role, by vocabulary. The labels
of statuses live on their TextChoices in ``webdpro.db`` (the customer's wording of an order status too:
``OrderStatus.customer_label``); this module gathers them, with the vocabularies that have no TextChoices.

Templates use ``{{ code|label:"order_status" }}`` (dashboard/templatetags/labels.py); code uses
``label("order_status", code)``. CSV exports may keep the codes, in their own column.
"""

from django.utils.translation import gettext_lazy as _

from webdpro.db.deliveries import CollectionMethod, DeliveryStatus
from webdpro.db.orders import CUSTOMER_ORDER_STATUS_LABELS, OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus, RefundStatus
from webdpro.db.stock_movements import LABELS as MOVEMENT_LABELS
from webdpro.db.stores import StoreStatus
from webdpro.db.tenants import PlanCode, SubscriptionStatus
from webdpro.db.users import Role

# The areas read their words from here (orders/workflow, delivery/selectors, payments/reconciliation,
# superadmin/services), so this module imports no area: it sits below them all.
ORDER_STATUS_LABELS = dict(OrderStatus.choices)  # the labels live on the TextChoices
DELIVERY_STATUS_LABELS = dict(DeliveryStatus.choices)
MISMATCH_LABELS = {
    "COD_SHORT": _("Cash short"),
    "COD_OVER": _("Cash over"),
    "CAPTURED_NOT_PAID": _("Payment received, order not paid"),
    "PAID_NOT_CAPTURED": _("Order paid, no payment received"),
    "REFUND_DUE": _("Refund due"),
}
ROLE_LABELS = dict(Role.choices)
SUBSCRIPTION_LABELS = dict(SubscriptionStatus.choices)
PLAN_LABELS = dict(PlanCode.choices)

VOCABULARIES = {
    "order_status": ORDER_STATUS_LABELS,
    "customer_order_status": CUSTOMER_ORDER_STATUS_LABELS,
    "order_payment_status": dict(OrderPaymentStatus.choices),
    "payment_method": dict(PaymentMethod.choices),
    "collection_method": dict(CollectionMethod.choices),
    "payment_status": dict(PaymentStatus.choices),
    "payment_kind": dict(PaymentKind.choices),
    "refund_status": dict(RefundStatus.choices),
    "delivery_status": DELIVERY_STATUS_LABELS,
    "store_status": dict(StoreStatus.choices),
    "subscription_status": SUBSCRIPTION_LABELS,
    "plan": PLAN_LABELS,
    "role": ROLE_LABELS,
    "stock_movement": MOVEMENT_LABELS,
    "mismatch": MISMATCH_LABELS,
    "tenant_status": {"ACTIVE": _("Active"), "SUSPENDED": _("Suspended")},
}


def label(vocabulary: str, code) -> str:
    """The label of ``code`` in ``vocabulary``; an unknown code is humanised ("SOME_CODE" → "Some code")."""
    if code is None or code == "":
        return ""
    words = VOCABULARIES[vocabulary]
    value = getattr(code, "value", code)
    if value in words:
        return str(words[value])
    if str(value).upper() in words:  # gateways report methods in lower case ("upi")
        return str(words[str(value).upper()])
    return str(value).replace("_", " ").capitalize()


def choices(vocabulary: str) -> list[tuple[str, str]]:
    return [(code, str(text)) for code, text in VOCABULARIES[vocabulary].items()]


def all_codes() -> set[str]:
    """Every code of every vocabulary (the raw-code page test looks for these)."""
    return {str(code) for words in VOCABULARIES.values() for code in words}
