"""Demo payments for ``make run``: the delivered COD order's cash (collected ₹10 short, so the
reconciliation page has a mismatch to show) and a part handover."""

from __future__ import annotations

from decimal import Decimal

from webdpro import clock
from webdpro.db import Order, Payment
from webdpro.ids import new_id


def seed_payments(tenant_id: str, agent_user_id: str) -> int:
    written = 0
    for order in Order.tenant_index.query(tenant_id):
        if order.status == "DELIVERED" and order.payment_method == "COD":
            now = clock.now_iso()
            short = order.total_amount - Decimal("10.00")
            Payment(
                tenant_id,
                new_id(),
                kind="COD",
                order_id=order.order_id,
                store_id=order.store_id,
                amount=short,
                amount_due=order.total_amount,
                payment_method="COD",
                status="CAPTURED",
                collected_by=agent_user_id,
                created_at=now,
            ).save()
            Payment(
                tenant_id,
                new_id(),
                kind="HANDOVER",
                collected_by=agent_user_id,
                amount=Decimal("100.00"),
                payment_method="CASH",
                status="CAPTURED",
                created_at=clock.now_iso(),
                note="demo handover",
            ).save()
            written += 2
    return written
