"""Order actions: conditional transitions, concurrency, stock returned on cancel, refunds, SMS."""

import sys
import threading
import types

import pytest

from tests.helpers import make_order, make_owner, make_product, make_store
from webdpro import sms
from webdpro.db import Order, Product
from webdpro.errors import Conflict
from webdpro.orders import actions
from webdpro.orders.workflow import OrderTransitionRefused


@pytest.fixture
def shop():
    owner, tenant = make_owner()
    store = make_store(tenant, name="Sharma Kirana")
    return owner, tenant, store


def fresh(order):
    return Order.get(order.order_id)


def test_happy_path_records_every_step_and_notifies(shop):
    owner, _, store = shop
    order = make_order(store, [make_product(store)], status="PENDING_PAYMENT")
    actions.confirm_order(order, by=owner.user_id)
    actions.prepare_order(fresh(order), by=owner.user_id)
    actions.dispatch_order(fresh(order), by=owner.user_id)
    actions.deliver_order(fresh(order), by=owner.user_id)
    stored = fresh(order)
    assert stored.status == "DELIVERED" and stored.delivered_at
    assert [h.status for h in stored.history] == [
        "PENDING_PAYMENT",
        "CONFIRMED",
        "PREPARING",
        "OUT_FOR_DELIVERY",
        "DELIVERED",
    ]
    assert all(h.by == owner.user_id for h in stored.history[1:])
    bodies = [m["body"] for m in sms.outbox if m["to"] == order.customer_phone]
    assert len(bodies) == 3  # confirmed, out for delivery, delivered (not preparing)
    assert "Sharma Kirana" in bodies[0] and order.order_id[-8:] in bodies[0] and "confirmed" in bodies[0]
    assert "out for delivery" in bodies[1] and "cash on delivery" in bodies[1]
    assert "delivered" in bodies[2]


def test_cannot_skip_a_step(shop):
    owner, _, store = shop
    order = make_order(store, status="CONFIRMED")
    with pytest.raises(OrderTransitionRefused):
        actions.deliver_order(order, by=owner.user_id)
    assert fresh(order).status == "CONFIRMED"


def test_stale_read_is_a_conflict_not_a_repeat(shop):
    owner, _, store = shop
    order = make_order(store, status="CONFIRMED")
    stale = fresh(order)
    actions.prepare_order(order, by=owner.user_id)
    with pytest.raises(Conflict):
        actions.prepare_order(stale, by="someone-else")
    assert [h.status for h in fresh(order).history].count("PREPARING") == 1


@pytest.mark.parametrize("action", ["prepare", "cancel"])
def test_two_people_at_once_one_wins(shop, action):
    owner, _, store = shop
    product = make_product(store, stock=5)
    order = make_order(store, [product], status="CONFIRMED", quantity=2)
    copies = [fresh(order) for _ in range(8)]
    barrier = threading.Barrier(len(copies))
    outcomes = []

    def act(copy, i):
        barrier.wait()
        try:
            actions.perform(action, copy, by=f"user{i}", reason="out of stock")
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=act, args=(c, i)) for i, c in enumerate(copies)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert outcomes.count("ok") == 1 and outcomes.count("conflict") == 7
    stored = fresh(order)
    assert len(stored.history) == 2
    if action == "cancel":  # stock returned exactly once
        assert Product.get(store.store_id, product.product_id).stock_quantity == 7


def test_cancel_returns_every_items_stock_in_the_same_transaction(shop):
    owner, _, store = shop
    rice, dal = make_product(store, "Rice", stock=4), make_product(store, "Dal", stock=0)
    order = make_order(store, [rice, dal], status="PREPARING", quantity=3)
    actions.cancel_order(order, by=owner.user_id, reason="customer called")
    assert Product.get(store.store_id, rice.product_id).stock_quantity == 7
    assert Product.get(store.store_id, dal.product_id).stock_quantity == 3
    stored = fresh(order)
    assert stored.status == "CANCELLED" and stored.cancel_reason == "customer called"
    assert stored.history[-1].by == owner.user_id
    assert any("cancelled" in m["body"] for m in sms.outbox)


def test_cancel_that_loses_the_race_returns_no_stock(shop):
    owner, _, store = shop
    rice = make_product(store, "Rice", stock=4)
    order = make_order(store, [rice], status="CONFIRMED", quantity=2)
    stale = fresh(order)
    actions.prepare_order(order, by=owner.user_id)
    with pytest.raises(Conflict):
        actions.cancel_order(stale, by=owner.user_id)
    assert Product.get(store.store_id, rice.product_id).stock_quantity == 4
    assert fresh(order).status == "PREPARING"


def test_cancel_skips_a_deleted_product_but_returns_the_rest(shop):
    owner, _, store = shop
    rice, gone = make_product(store, "Rice", stock=1), make_product(store, "Gone", stock=1)
    order = make_order(store, [rice, gone], status="CONFIRMED", quantity=1)
    gone.delete()
    actions.cancel_order(order, by=owner.user_id)
    assert Product.get(store.store_id, rice.product_id).stock_quantity == 2
    assert not Product.count(store.store_id, Product.product_id == gone.product_id)
    assert "removed product" in fresh(order).history[-1].note


def test_out_for_delivery_cancel_only_by_owner_with_reason(shop):
    owner, _, store = shop
    order = make_order(store, [make_product(store)], status="OUT_FOR_DELIVERY")
    with pytest.raises(OrderTransitionRefused, match="Only the owner"):
        actions.cancel_order(order, by="agent", reason="lost")
    with pytest.raises(OrderTransitionRefused, match="reason"):
        actions.cancel_order(order, by=owner.user_id, by_owner=True)
    actions.cancel_order(order, by=owner.user_id, reason="Customer refused at the door", by_owner=True)
    assert fresh(order).status == "CANCELLED"


def _paid(order):
    order.update(actions=[Order.payment_status.set("PAID")])
    return fresh(order)


def test_cancelling_a_paid_order_requests_a_refund(shop, monkeypatch):
    owner, _, store = shop
    order = _paid(make_order(store, [make_product(store)], status="CONFIRMED", payment_method="UPI"))
    calls = []
    module = types.ModuleType("webdpro.payments.refunds")
    module.request_refund = lambda o, reason, by: calls.append((o.order_id, o.status, reason, by))
    monkeypatch.setitem(sys.modules, "webdpro.payments.refunds", module)
    actions.cancel_order(order, by=owner.user_id, reason="out of stock")
    assert calls == [(order.order_id, "CANCELLED", "out of stock", owner.user_id)]
    assert "refunded" in sms.outbox[-1]["body"]


def test_cancelling_a_sandbox_paid_order_refunds_it_end_to_end(shop):
    """Real pieces: a UPI order paid through the sandbox gateway, cancelled by the owner → stock back,
    the refund goes through the gateway and refund.processed marks payment and order REFUNDED."""
    from webdpro.db import Payment
    from webdpro.payments.gateway import get_gateway
    from webdpro.payments.sandbox import sandbox_pay
    from webdpro.payments.services import start_order_checkout

    owner, _, store = shop
    product = make_product(store, stock=4)
    order = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI", quantity=2)
    payment = start_order_checkout(order)
    sandbox_pay(payment, "upi", get_gateway())
    paid = fresh(order)
    assert paid.status == "CONFIRMED" and paid.payment_status == "PAID"
    actions.cancel_order(paid, by=owner.user_id, reason="customer asked")
    cancelled = fresh(order)
    assert cancelled.status == "CANCELLED"
    assert Product.get(store.store_id, product.product_id).stock_quantity == 6  # make_order took none; 2 returned
    refunded = Payment.get(store.tenant_id, payment.payment_id)
    assert refunded.refund_id and refunded.status == "REFUNDED"
    assert cancelled.payment_status == "REFUNDED"


def test_refund_failure_keeps_the_cancellation_and_says_so(shop, monkeypatch):
    owner, _, store = shop
    order = _paid(make_order(store, [make_product(store)], status="CONFIRMED", payment_method="UPI"))
    module = types.ModuleType("webdpro.payments.refunds")

    def boom(*a):
        raise RuntimeError("gateway down")

    module.request_refund = boom
    monkeypatch.setitem(sys.modules, "webdpro.payments.refunds", module)
    with pytest.raises(actions.RefundFailed, match="cancelled"):
        actions.cancel_order(order, by=owner.user_id)
    assert fresh(order).status == "CANCELLED"


def test_sms_failure_never_breaks_the_write(shop, monkeypatch):
    owner, _, store = shop
    order = make_order(store, status="CONFIRMED")

    def broken(to, body):
        raise sms.SmsError("backend down")

    monkeypatch.setattr(sms, "send_sms", broken)
    actions.dispatch_order(order, by=owner.user_id)
    assert fresh(order).status == "OUT_FOR_DELIVERY"


def test_hindi_store_gets_hindi_sms(shop):
    owner, tenant, _ = shop
    store = make_store(tenant, name="शर्मा किराना", language="hi")
    order = make_order(store, status="PENDING_PAYMENT", payment_method="COD")
    actions.confirm_order(order, by=owner.user_id)
    body = sms.outbox[-1]["body"]
    assert "शर्मा किराना" in body and "पक्का" in body and order.order_id[-8:] in body
    assert store.domain in body  # where to track it


def test_available_actions():
    from types import SimpleNamespace as O

    assert actions.available_actions(O(status="CONFIRMED", payment_method="COD", payment_status="COD_PENDING")) == [
        "prepare",
        "dispatch",
        "cancel",
    ]
    assert actions.available_actions(O(status="PENDING_PAYMENT", payment_method="UPI", payment_status="PENDING")) == [
        "cancel"
    ]
    assert actions.available_actions(O(status="OUT_FOR_DELIVERY", payment_method="COD", payment_status="x")) == [
        "deliver",
        "cancel",
    ]
    assert actions.available_actions(O(status="DELIVERED", payment_method="COD", payment_status="x")) == []


def test_cancel_refuses_when_the_payment_changed_meanwhile(shop, monkeypatch):
    owner, _, store = shop
    product = make_product(store, stock=1)
    order = make_order(store, [product], status="CONFIRMED", payment_method="UPI")
    stale = fresh(order)  # read as unpaid
    order.update(actions=[Order.payment_status.set("PAID")])  # captured a moment later, status unchanged
    with pytest.raises(Conflict):
        actions.cancel_order(stale, by=owner.user_id)
    assert fresh(order).status == "CONFIRMED"
    assert Product.get(store.store_id, product.product_id).stock_quantity == 1
