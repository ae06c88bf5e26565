"""The shop's own rules, through place_order on DynamoDB Local: pickup, delivery area, minimum order, opening
hours (refuse or schedule), manual acceptance — each refusal before anything is written."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro import clock, sms
from webdpro.db import Order, Product, User
from webdpro.db.orders import OrderStatus
from webdpro.demo import demo_config
from webdpro.errors import ValidationFailed
from webdpro.orders import actions, expiry
from webdpro.orders.placement import Line, place_order
from webdpro.orders.rules import BelowMinimum, OutsideHours
from webdpro.orders.workflow import OrderTransitionRefused
from webdpro.sms import whatsapp
from webdpro.stores.area import OutsideArea

EVERY_DAY_7_TO_22 = {day: [["07:00", "22:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def store_with(**changes):
    _, tenant = make_owner()
    config = demo_config("Rules Shop")
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            config.setdefault(section, {})[name] = value
        else:
            config[section] = value
    from webdpro.stores.schema import validate_config

    validate_config(config)
    return make_store(tenant, name="Rules Shop", config=config), tenant


def at_ist(monkeypatch, year, month, day, hour, minute=0):
    moment = datetime(year, month, day, hour, minute, tzinfo=clock.IST)
    monkeypatch.setattr(clock, "now", lambda: moment)
    return moment


def order(store, product, quantity=1, **extra):
    data = dict(
        customer_name="Meena",
        customer_phone=random_phone(),
        delivery_address="12 MG Road, Bengaluru",
        pincode="560001",
        payment_method="COD",
    )
    data.update(extra)
    return place_order(store=store, lines=[Line(product.product_id, quantity, Decimal(product.price))], **data)


def stock(product):
    return Product.get(product.store_id, product.product_id, consistent_read=True).stock_quantity


def nothing_written(product, phone, before):
    assert stock(product) == before
    assert User.count(phone) == 0


def test_pickup_order_has_no_address_no_fee_and_a_code_by_sms(dynamodb):
    store, _ = store_with(delivery__enabled=False, delivery__pickup=True)
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    placed = order(store, rice, 2, delivery_address="", pincode="")
    saved = Order.get(placed.order.order_id)
    assert saved.fulfilment == "PICKUP" and saved.delivery_address == "" and not saved.pincode
    assert saved.delivery_fee == Decimal("0.00") and saved.total_amount == Decimal("200.00")
    assert saved.status == OrderStatus.CONFIRMED and len(saved.pickup_code) == 4
    (message,) = [m for m in sms.outbox if m["to"] == saved.customer_phone]
    assert saved.pickup_code in message["body"] and "pickup" in message["body"]


def test_pickup_goes_through_its_own_workflow_and_checks_the_code(dynamodb):
    store, _ = store_with(delivery__pickup=True)
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    placed = order(store, rice, fulfilment="PICKUP", delivery_address="", pincode="")
    saved = Order.get(placed.order.order_id)
    assert actions.available_actions(saved) == ["prepare", "ready", "cancel"]
    actions.prepare_order(saved, "owner")
    with pytest.raises(OrderTransitionRefused):
        actions.dispatch_order(Order.get(saved.order_id), "owner")  # no agent, no delivery for pickup
    actions.ready_order(Order.get(saved.order_id), "owner")
    ready = Order.get(saved.order_id)
    assert ready.status == OrderStatus.READY_FOR_PICKUP and ready.delivery_agent_id is None
    assert any(ready.pickup_code in m["body"] and "ready" in m["body"] for m in sms.outbox)
    wrong = "0000" if ready.pickup_code != "0000" else "1111"
    with pytest.raises(actions.WrongPickupCode):
        actions.hand_over_order(ready, "owner", wrong)
    actions.hand_over_order(Order.get(saved.order_id), "owner", ready.pickup_code)
    done = Order.get(saved.order_id)
    assert done.status == OrderStatus.PICKED_UP and done.delivered_at
    assert [h.status for h in done.history] == [
        OrderStatus.CONFIRMED,
        OrderStatus.PREPARING,
        OrderStatus.READY_FOR_PICKUP,
        OrderStatus.PICKED_UP,
    ]


def test_both_modes_need_a_choice_and_delivery_still_needs_an_address(dynamodb):
    store, _ = store_with(delivery__pickup=True)
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    with pytest.raises(ValidationFailed) as exc:
        order(store, rice)
    assert exc.value.field == "fulfilment"
    with pytest.raises(ValidationFailed) as exc:
        order(store, rice, fulfilment="DELIVERY", delivery_address="", pincode="")
    assert exc.value.field == "delivery_address"
    placed = order(store, rice, fulfilment="DELIVERY")
    assert placed.order.delivery_fee == Decimal("30.00") and placed.order.fulfilment == "DELIVERY"


def test_delivery_only_store_refuses_pickup(dynamodb):
    store, _ = store_with()
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    with pytest.raises(ValidationFailed) as exc:
        order(store, rice, fulfilment="PICKUP")
    assert exc.value.field == "fulfilment"


def test_pin_outside_the_list_is_refused_before_any_write(dynamodb):
    store, _ = store_with(delivery__area="pins", delivery__pincodes=["560001", "560034"], delivery__pickup=True)
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    phone = random_phone()
    with pytest.raises(OutsideArea) as exc:
        order(store, rice, fulfilment="DELIVERY", pincode="560095", customer_phone=phone)
    assert exc.value.field == "pincode" and exc.value.status_code == 400
    assert exc.value.message == "We deliver to 560001, 560034 only; choose pickup instead"
    nothing_written(rice, phone, 5)
    assert order(store, rice, fulfilment="DELIVERY", pincode="560034").created


def test_radius_from_the_store_pin_uses_the_offline_pin_data(dynamodb):
    # 560001 (MG Road) → 560034 (Koramangala) ≈ 7 km; → 560066 (Whitefield) ≈ 16 km.
    store, _ = store_with(delivery__area="radius", delivery__store_pincode="560001", delivery__radius_km="10")
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    assert order(store, rice, pincode="560034").created
    phone = random_phone()
    with pytest.raises(OutsideArea) as exc:
        order(store, rice, pincode="560066", customer_phone=phone)
    assert exc.value.message == "We deliver within 10 km of 560001 only."
    nothing_written(rice, phone, 4)


def test_under_the_minimum_is_refused_with_how_much_to_add(dynamodb):
    store, _ = store_with(orders={"min_order": "135.00"})
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    phone = random_phone()
    with pytest.raises(BelowMinimum) as exc:
        order(store, rice, customer_phone=phone)
    assert "Add ₹35.00 more to order" in exc.value.message
    nothing_written(rice, phone, 5)
    assert order(store, rice, 2).created


def test_outside_hours_refused(dynamodb, monkeypatch):
    store, _ = store_with(hours={"week": EVERY_DAY_7_TO_22, "outside": "refuse"})
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    at_ist(monkeypatch, 2026, 12, 2, 4, 32)  # 04:32 IST, a Wednesday
    phone = random_phone()
    with pytest.raises(OutsideHours) as exc:
        order(store, rice, customer_phone=phone)
    assert exc.value.status_code == 409 and "7 am today" in exc.value.message
    nothing_written(rice, phone, 5)
    at_ist(monkeypatch, 2026, 12, 2, 7, 0)
    assert order(store, rice).order.scheduled_for is None


def test_outside_hours_scheduled_for_the_next_opening_and_holidays_skip(dynamodb, monkeypatch):
    hours = {"week": EVERY_DAY_7_TO_22, "holidays": ["2026-12-03"], "outside": "schedule"}
    store, _ = store_with(hours=hours)
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    at_ist(monkeypatch, 2026, 12, 2, 22, 30)  # after closing; tomorrow is a holiday
    placed = order(store, rice)
    opening = datetime(2026, 12, 4, 7, 0, tzinfo=clock.IST)
    assert placed.order.scheduled_for == clock.iso(opening)
    assert Order.get(placed.order.order_id).scheduled_for == clock.iso(opening)
    (message,) = [m for m in sms.outbox if m["to"] == placed.order.customer_phone]
    assert "Scheduled for 7 am on Friday" in message["body"]


def test_manual_acceptance_accept_and_reject_with_stock_back(dynamodb):
    store, _ = store_with(orders={"acceptance": "manual", "accept_minutes": 20})
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    first = Order.get(order(store, rice).order.order_id)
    second = Order.get(order(store, rice, 2).order.order_id)
    assert first.status == OrderStatus.PLACED and first.acceptance == "MANUAL"
    assert clock.parse(first.accept_by) - clock.parse(first.created_at) <= timedelta(minutes=20, seconds=2)
    assert actions.available_actions(first) == ["accept", "reject"]
    assert stock(rice) == 2
    actions.perform("accept", first, "owner")
    assert Order.get(first.order_id).status == OrderStatus.CONFIRMED
    with pytest.raises(OrderTransitionRefused):
        actions.perform("reject", second, "owner", reason="")
    actions.perform("reject", second, "owner", reason="Out of fresh stock")
    rejected = Order.get(second.order_id)
    assert rejected.status == OrderStatus.CANCELLED and rejected.cancel_reason == "Out of fresh stock"
    assert stock(rice) == 4
    assert any("Out of fresh stock" in m["body"] for m in sms.outbox if m["to"] == second.customer_phone)


def test_not_accepted_in_time_is_rejected_by_the_expiry_job(dynamodb):
    store, tenant = store_with(orders={"acceptance": "manual", "accept_minutes": 15})
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    placed = Order.get(order(store, rice, 3).order.order_id)
    late = clock.iso(clock.now() + timedelta(minutes=16))
    stats = expiry.expire_due(tenant_id=tenant.tenant_id, now=clock.parse(late))
    assert stats["expired"] == 1
    rejected = Order.get(placed.order_id)
    assert rejected.status == OrderStatus.CANCELLED and "15 minutes" in rejected.cancel_reason
    assert stock(rice) == 5


def test_new_order_alert_to_the_owner_by_whatsapp(dynamodb):
    whatsapp.outbox.clear()
    store, tenant = store_with(orders={"alerts": "whatsapp", "customer_channel": "whatsapp"})
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    placed = order(store, rice)
    (alert,) = [m for m in whatsapp.outbox if m["template"] == "new_order_alert"]
    assert alert["to"] == tenant.owner_phone and "new order" in alert["body"]
    (update,) = [m for m in whatsapp.outbox if m["template"] == "order_update"]
    assert update["to"] == placed.order.customer_phone
    assert not [m for m in sms.outbox if m["to"] == placed.order.customer_phone]


def test_pickup_orders_need_no_agent(dynamodb):
    from tests.helpers import make_agent
    from webdpro.delivery import services as delivery
    from webdpro.delivery.selectors import unassigned_orders

    store, tenant = store_with(delivery__pickup=True)
    rice = make_product(store, name="Rice", price="100.00", stock=5)
    pickup = order(store, rice, fulfilment="PICKUP", delivery_address="", pincode="").order
    delivered = order(store, rice, fulfilment="DELIVERY").order
    waiting = [o.order_id for o in unassigned_orders(tenant.tenant_id)]
    assert delivered.order_id in waiting and pickup.order_id not in waiting
    with pytest.raises(delivery.AssignmentRefused, match="no delivery agent"):
        delivery.assign(Order.get(pickup.order_id), make_agent(tenant), "owner")
