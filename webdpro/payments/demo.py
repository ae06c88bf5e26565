"""Demo payments for ``make run``: the delivered COD order's cash (collected ₹10 short, so the
reconciliation page has a mismatch to show) and a part handover."""

from __future__ import annotations

from decimal import Decimal

from webdpro import clock
from webdpro.db import Order, Payment
from webdpro.db.deliveries import CollectionMethod
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.ids import new_id


def seed_payments(tenant_id: str, agent_user_id: str) -> int:
    written = 0
    for order in Order.tenant_index.query(tenant_id):
        if order.status == OrderStatus.DELIVERED and order.payment_method == PaymentMethod.COD:
            now = clock.now_iso()
            short = order.total_amount - Decimal("10.00")
            Payment(
                tenant_id,
                new_id(),
                kind=PaymentKind.COD,
                order_id=order.order_id,
                store_id=order.store_id,
                amount=short,
                amount_due=order.total_amount,
                payment_method=PaymentMethod.COD,
                status=PaymentStatus.CAPTURED,
                collected_by=agent_user_id,
                created_at=now,
            ).save()
            Payment(
                tenant_id,
                new_id(),
                kind=PaymentKind.HANDOVER,
                collected_by=agent_user_id,
                amount=Decimal("100.00"),
                payment_method=CollectionMethod.CASH,
                status=PaymentStatus.CAPTURED,
                created_at=clock.now_iso(),
                note="demo handover",
            ).save()
            written += 2
    return written


DEMO_PAYOUT = {
    "legal_business_name": "Sharma Kirana Store",
    "business_type": "proprietorship",
    "category": "groceries",
    "contact_name": "Ramesh Sharma",
    "email": "ramesh@example.com",
    "phone": "9000000002",
    "pan": "ABCPS1234K",
    "gstin": "",
    "street": "12, 100 Feet Road, Indiranagar",
    "city": "Bengaluru",
    "state": "Karnataka",
    "postal_code": "560038",
    "beneficiary_name": "Ramesh Sharma",
    "ifsc": "HDFC0000317",
    "account_number": "50100234567891",
}


def seed_payouts(tenant, store, products, customer_phone: str, count: int = 3) -> int:
    """Sandbox only: an activated payout account and ``count`` UPI orders paid, delivered, released and
    settled through the same services as real ones, so the settlements ledger is not empty."""
    from webdpro.db import Tenant
    from webdpro.db.orders import OrderItem, StatusChange
    from webdpro.orders.actions import deliver_order, dispatch_order
    from webdpro.payments import payouts
    from webdpro.payments.gateway import get_gateway
    from webdpro.payments.sandbox import sandbox_pay
    from webdpro.payments.services import start_order_checkout

    gateway = get_gateway()
    if not gateway.is_sandbox:
        return 0
    payouts.submit_onboarding(Tenant.get(tenant.tenant_id), DEMO_PAYOUT, gateway=gateway)
    gateway.route.tick(everything=True)
    for i in range(count):
        picks = products[i * 2 : i * 2 + 2]
        items = [
            OrderItem(product_id=p.product_id, name=p.name, price=p.price, quantity=1, line_total=p.price)
            for p in picks
        ]
        subtotal = sum((item.line_total for item in items), Decimal("0.00"))
        now = clock.now_iso()
        order = Order(
            new_id(),
            tenant_id=tenant.tenant_id,
            store_id=store.store_id,
            status=OrderStatus.PENDING_PAYMENT,
            items=items,
            subtotal=subtotal,
            delivery_fee=Decimal("30.00"),
            total_amount=subtotal + Decimal("30.00"),
            customer_name="Priya Nair",
            customer_phone=customer_phone,
            delivery_address="Flat 4B, Lake View Apartments, Indiranagar, Bengaluru",
            pincode="560038",
            payment_method=PaymentMethod.UPI,
            payment_status=OrderPaymentStatus.PENDING,
            created_at=now,
            updated_at=now,
            history=[StatusChange(status=OrderStatus.PENDING_PAYMENT, at=now, by="customer", note="demo data")],
        )
        order.save()
        sandbox_pay(start_order_checkout(order, gateway), PaymentMethod.UPI, gateway)
        order = Order.get(order.order_id, consistent_read=True)
        if order.status == OrderStatus.CONFIRMED:
            dispatch_order(order, "demo")
            deliver_order(Order.get(order.order_id, consistent_read=True), "demo")
    gateway.route.tick(everything=True)
    return count
