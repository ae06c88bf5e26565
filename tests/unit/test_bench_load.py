"""The bench writes orders as raw DynamoDB items: they must be what the Order model itself writes."""

import random
from datetime import datetime, timezone
from decimal import Decimal
from types import SimpleNamespace

from bench import load
from webdpro import clock
from webdpro.db import Order
from webdpro.ids import new_id


def _shape():
    stores = [SimpleNamespace(store_id=new_id()) for _ in range(2)]
    catalogue = {
        s.store_id: [
            SimpleNamespace(product_id=new_id(), name=f"Toor Dal {j}", price=Decimal(20 + j) + Decimal("0.50"))
            for j in range(6)
        ]
        for s in stores
    }
    return {
        "rng": random.Random(3),
        "stores": stores,
        "catalogue": catalogue,
        "customers": ["+919700000001", "+919700000002"],
        "now": datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
        "span": 60 * 24 * 3600,
        "tenant_id": "T1",
        "owner_id": "U1",
        "agent_id": "A1",
        "iso": clock.iso,
        "new_id": new_id,
        "unpaid_since": datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc),  # a 30-minute payment window
    }


def test_raw_bench_orders_are_what_the_model_writes():
    shape = _shape()
    shape["span"] = 3600  # one hour: half the orders are still inside their payment window
    statuses = set()
    for i in range(200):
        raw = load._order(i, 200, shape)
        order = Order.from_raw_data(raw)
        assert order.serialize() == raw
        assert order.total_amount == order.subtotal + order.delivery_fee
        assert order.subtotal == sum(line.price * line.quantity for line in order.items)
        assert order.delivery_fee == (0 if order.subtotal >= 499 else 30)
        assert (order.delivery_agent_id is not None) == (order.status in ("OUT_FOR_DELIVERY", "DELIVERED"))
        assert [h.status for h in order.history] == ["CONFIRMED", order.status]
        statuses.add(order.status)
    assert statuses == {s for s, _ in load.STATUS_WEIGHTS}


def test_only_orders_inside_their_payment_window_wait_for_a_payment():
    """As in a running shop, where expire_orders cancels an unpaid order when its window closes: an older
    order the weights made PENDING_PAYMENT is loaded CANCELLED with its payment FAILED, and cash on delivery
    never waits for a payment (so an order detail in the bench never expires an order on the way)."""
    shape = _shape()
    seen = set()
    for i in range(2000):
        order = Order.from_raw_data(load._order(i, 2000, shape))
        created = clock.parse(order.created_at)
        if order.status == "PENDING_PAYMENT":
            assert created >= shape["unpaid_since"] and order.payment_method != "COD"
        seen.add((order.status, order.payment_status))
    assert ("CANCELLED", "FAILED") in seen
    assert not any(status == "PENDING_PAYMENT" for status, _ in seen)  # 60 days, 2,000 orders: none this recent
