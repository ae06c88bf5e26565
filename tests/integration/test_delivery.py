"""Delivery on DynamoDB Local: agents, assignment (transactions, conditions, races), the agent's steps,
proof of delivery, UPI at the door, cash limits, location, the owner's views and call budgets."""

import io
import json
import threading
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import (
    assert_max_calls,
    make_agent,
    make_order,
    make_owner,
    make_product,
    make_store,
    random_phone,
    sign_in,
)
from webdpro import clock, sms
from webdpro.db import Delivery, Order, Payment, Product, User
from webdpro.delivery import selectors, services
from webdpro.delivery.agents import selectors as agent_selectors
from webdpro.delivery.agents import services as agent_services
from webdpro.errors import Conflict, DomainError
from webdpro.ids import new_id


@pytest.fixture
def world():
    owner, tenant = make_owner()
    store = make_store(tenant, name="Sharma Kirana")
    product = make_product(store, price="250.00", stock=10)
    order = make_order(store, [product], status="CONFIRMED", payment_method="COD")
    agent = make_agent(tenant, name="Vijay")
    return {"owner": owner, "tenant": tenant, "store": store, "product": product, "order": order, "agent": agent}


def _code_from_outbox(phone):
    import re

    for message in reversed(sms.outbox):
        if message["to"] == phone and "delivery code" in message["body"]:
            return re.search(r"delivery code is (\d{4})", message["body"]).group(1)
    raise AssertionError("no delivery code SMS")


def _out_for_delivery(world, in_transit=True):
    order, agent = world["order"], world["agent"]
    delivery = services.assign(order, agent, world["owner"].user_id)
    services.pick_up(delivery, agent, store_name="Sharma Kirana")
    if in_transit:
        services.start_trip(delivery, agent)
    return delivery, _code_from_outbox(order.customer_phone)


# ------------------------------------------------------------------------------------------ agents


def test_owner_adds_an_agent_by_phone_normalised(world, client):
    sign_in(client, world["owner"])
    digits = random_phone()[3:]
    response = client.post(reverse("owner:agents"), {"name": "Ravi", "phone": f"{digits[:5]} {digits[5:]}"})
    assert response.status_code == 302
    user = User.get("+91" + digits)
    assert user.role == "DELIVERY_AGENT" and user.tenant_id == world["tenant"].tenant_id and user.name == "Ravi"
    page = client.get(reverse("owner:agents")).content.decode()
    assert "Ravi" in page


def test_a_phone_of_another_account_is_refused_clearly(world, client):
    sign_in(client, world["owner"])
    other_owner, _ = make_owner()
    response = client.post(reverse("owner:agents"), {"name": "X", "phone": other_owner.phone})
    assert response.status_code == 409
    assert "already belongs to a WebDPro business account" in response.content.decode()
    assert User.get(other_owner.phone).role == "BUSINESS_OWNER"
    response = client.post(reverse("owner:agents"), {"name": "X", "phone": "12345"})
    assert response.status_code == 400 and "phone number" in response.content.decode()


def test_deactivate_signs_the_agent_out_and_reactivate(world, client):
    agent = world["agent"]
    agent_client = sign_in(type(client)(), agent)
    assert agent_client.get(reverse("agent:home")).status_code == 200
    sign_in(client, world["owner"])
    client.post(reverse("owner:agent_active", args=[agent.user_id]), {"active": "0"})
    stored = User.get(agent.phone)
    assert stored.is_active is False and stored.session_version == 1
    assert agent_client.get(reverse("agent:home")).status_code == 302  # signed out
    client.post(reverse("owner:agent_active", args=[agent.user_id]), {"active": "1"})
    assert User.get(agent.phone).is_active is True


def test_cash_limit_is_a_decimal_and_validated(world, client):
    sign_in(client, world["owner"])
    agent = world["agent"]
    client.post(reverse("owner:agent_cash_limit", args=[agent.user_id]), {"cash_limit": "2,500.50"})
    assert User.get(agent.phone).cash_limit == Decimal("2500.50")
    response = client.post(reverse("owner:agent_cash_limit", args=[agent.user_id]), {"cash_limit": "-5"}, follow=True)
    assert "cannot be negative" in response.content.decode()
    client.post(reverse("owner:agent_cash_limit", args=[agent.user_id]), {"cash_limit": ""})
    assert User.get(agent.phone).cash_limit is None


def test_agents_page_load_has_a_fixed_call_budget(world, client):
    tenant, store = world["tenant"], world["store"]
    for i in range(4):
        a = make_agent(tenant, name=f"A{i}")
        o = make_order(store, [world["product"]])
        services.assign(o, a, "owner")
    sign_in(client, world["owner"])
    client.get(reverse("owner:agents"))
    with assert_max_calls(6) as counter:
        response = client.get(reverse("owner:agents"))
    assert response.status_code == 200
    assert counter["Query"] <= 4, counter.describe()
    assert response.content.decode().count('data-testid="agent-row"') == 5


# ------------------------------------------------------------------------------------------ assignment


def test_assign_creates_delivery_and_updates_order_in_one_transaction(world):
    order, agent = world["order"], world["agent"]
    delivery = services.assign(order, agent, world["owner"].user_id)
    stored = Order.get(order.order_id)
    assert stored.delivery_agent_id == agent.user_id and stored.delivery_id == delivery.delivery_id
    assert stored.delivery_status == "PENDING"
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    assert d.is_cod is True and d.cod_amount == order.total_amount == Decimal("280.00")
    assert d.tenant_id == world["tenant"].tenant_id and d.order_id == order.order_id
    assert "Assigned to Vijay" in stored.history[-1].note


def test_prepaid_order_is_not_cod(world):
    order = make_order(world["store"], [world["product"]], payment_method="UPI", status="PREPARING")
    order.update(actions=[Order.payment_status.set("PAID")])
    delivery = services.assign(order, world["agent"], "owner")
    assert delivery.is_cod is False and delivery.cod_amount is None


def test_reassign_moves_it_atomically(world):
    order, agent = world["order"], world["agent"]
    first = services.assign(order, agent, "owner")
    other = make_agent(world["tenant"], name="Suresh")
    second = services.assign(Order.get(order.order_id), other, "owner")
    with pytest.raises(Delivery.DoesNotExist):
        Delivery.get(agent.user_id, first.delivery_id)
    stored = Order.get(order.order_id)
    assert stored.delivery_agent_id == other.user_id and stored.delivery_id == second.delivery_id
    assert "Reassigned to Suresh" in stored.history[-1].note


def test_stale_reassign_is_refused_and_writes_nothing(world):
    order, agent = world["order"], world["agent"]
    stale = Order.get(order.order_id)  # read before anyone assigned it
    services.assign(order, agent, "owner")
    other = make_agent(world["tenant"], name="Suresh")
    with pytest.raises(Conflict):
        services.assign(stale, other, "owner")
    assert list(Delivery.query(other.user_id)) == []
    assert Order.get(order.order_id).delivery_agent_id == agent.user_id


def test_two_assignments_at_once_only_one_wins(world):
    order = world["order"]
    agents = [world["agent"], make_agent(world["tenant"], name="Suresh")]
    copies = [Order.get(order.order_id), Order.get(order.order_id)]
    barrier = threading.Barrier(2)
    results = []

    def run(i):
        barrier.wait()
        try:
            services.assign(copies[i], agents[i], "owner")
            results.append("ok")
        except Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(results) == ["conflict", "ok"]
    stored = Order.get(order.order_id)
    deliveries = [d for a in agents for d in Delivery.query(a.user_id)]
    assert len(deliveries) == 1 and deliveries[0].delivery_id == stored.delivery_id


def test_other_tenant_inactive_and_wrong_status_are_refused(world, client):
    order = world["order"]
    _, other_tenant = make_owner()
    stranger = make_agent(other_tenant)
    with pytest.raises(services.AssignmentRefused, match="your own"):
        services.assign(order, stranger, "owner")
    inactive = make_agent(world["tenant"], name="Sleepy")
    agent_services.set_active(inactive, False)
    with pytest.raises(services.AssignmentRefused, match="deactivated"):
        services.assign(order, User.get(inactive.phone), "owner")
    pending = make_order(world["store"], [world["product"]], status="PENDING_PAYMENT")
    with pytest.raises(services.AssignmentRefused, match="confirmed or preparing"):
        services.assign(pending, world["agent"], "owner")
    # Through the view: another tenant's agent id gets a clear message, nothing is written.
    sign_in(client, world["owner"])
    response = client.post(
        reverse("owner:delivery_assign", args=[order.order_id]), {"agent_id": stranger.user_id}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409 and "your own delivery agents" in response.content.decode()
    assert Order.get(order.order_id).delivery_agent_id is None


def test_agent_deactivated_between_read_and_write_is_refused(world):
    agent = world["agent"]
    stale_agent = User.get(agent.phone)
    agent_services.set_active(User.get(agent.phone), False)
    with pytest.raises(Conflict):
        services.assign(world["order"], stale_agent, "owner")
    assert Order.get(world["order"].order_id).delivery_agent_id is None


def test_cash_limit_blocks_cod_until_a_handover(world):
    agent, tenant = world["agent"], world["tenant"]
    agent_services.set_cash_limit(agent, "100")
    now = clock.now_iso()
    Payment(
        tenant.tenant_id,
        new_id(),
        kind="COD",
        payment_method="COD",
        status="CAPTURED",
        amount=Decimal("150.00"),
        collected_by=agent.user_id,
        created_at=now,
    ).save()
    assert agent_selectors.cash_held(agent.user_id) == Decimal("150.00")
    with pytest.raises(services.AssignmentRefused, match="above their limit"):
        services.assign(world["order"], User.get(agent.phone), "owner")
    prepaid = make_order(world["store"], [world["product"]], payment_method="UPI")
    prepaid.update(actions=[Order.payment_status.set("PAID")])
    services.assign(prepaid, User.get(agent.phone), "owner")  # non-COD is still fine
    Payment(
        tenant.tenant_id,
        new_id(),
        kind="HANDOVER",
        payment_method="COD",
        status="CAPTURED",
        amount=Decimal("100.00"),
        collected_by=agent.user_id,
        created_at=clock.now_iso(),
    ).save()
    assert agent_selectors.cash_held(agent.user_id) == Decimal("50.00")
    services.assign(world["order"], User.get(agent.phone), "owner")


def test_assign_form_partial_and_unassigned_list(world, client):
    sign_in(client, world["owner"])
    response = client.get(reverse("owner:deliveries"))
    page = response.content.decode()
    assert response.status_code == 200 and world["order"].order_id[-8:] in page and "Vijay" in page
    response = client.get(reverse("owner:delivery_assign", args=[world["order"].order_id]))
    assert 'name="agent_id"' in response.content.decode()
    response = client.post(
        reverse("owner:delivery_assign", args=[world["order"].order_id]),
        {"agent_id": world["agent"].user_id},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "assigned to Vijay" in response.content.decode()
    assert json.loads(response["HX-Trigger"]) == {"delivery-assigned": {}}
    assert Order.get(world["order"].order_id).delivery_agent_id == world["agent"].user_id
    page = client.get(reverse("owner:deliveries")).content.decode()
    assert 'data-testid="unassigned-row"' not in page and 'data-testid="delivery-row"' in page


# ------------------------------------------------------------------------------------------ steps


def test_pick_up_sends_a_code_and_moves_the_order(world):
    order, agent = world["order"], world["agent"]
    delivery = services.assign(order, agent, "owner")
    services.pick_up(delivery, agent, store_name="Sharma Kirana")
    stored = Order.get(order.order_id)
    assert stored.status == "OUT_FOR_DELIVERY" and stored.delivery_status == "PICKED_UP"
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    code = _code_from_outbox(order.customer_phone)
    assert d.status == "PICKED_UP" and d.picked_up_at and d.delivery_code_hash
    assert code not in d.delivery_code_hash and d.delivery_code_hash == services.code_hash(d.delivery_id, code)


def test_pick_up_of_a_cancelled_order_is_refused(world):
    order, agent = world["order"], world["agent"]
    delivery = services.assign(order, agent, "owner")
    Order.get(order.order_id).update(actions=[Order.status.set("CANCELLED")])
    with pytest.raises(DomainError):
        services.pick_up(delivery, agent)
    assert Delivery.get(agent.user_id, delivery.delivery_id).status == "PENDING"


def test_deliver_cod_cash_writes_delivery_order_and_payment_together(world):
    delivery, code = _out_for_delivery(world)
    agent, order = world["agent"], world["order"]
    result = services.deliver(
        Delivery.get(agent.user_id, delivery.delivery_id), agent, code=code, method="CASH", amount="280"
    )
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    o = Order.get(order.order_id)
    assert (
        d.status == "DELIVERED" and d.delivered_at and d.cod_collected and d.cod_collected_amount == Decimal("280.00")
    )
    assert d.collection_method == "CASH"
    assert (
        o.status == "DELIVERED" and o.delivered_at and o.delivery_status == "DELIVERED" and o.payment_status == "PAID"
    )
    p = Payment.get(world["tenant"].tenant_id, result.payment.payment_id)
    assert (p.kind, p.payment_method, p.status, p.amount, p.amount_due, p.collected_by, p.order_id, p.store_id) == (
        "COD",
        "COD",
        "CAPTURED",
        Decimal("280.00"),
        Decimal("280.00"),
        agent.user_id,
        order.order_id,
        order.store_id,
    )
    assert agent_selectors.cash_held(agent.user_id) == Decimal("280.00")
    assert Product.get(world["store"].store_id, world["product"].product_id).stock_quantity == 10


def test_cod_amount_is_required_and_a_difference_must_be_confirmed(world):
    delivery, code = _out_for_delivery(world)
    agent = world["agent"]
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    with pytest.raises(DomainError, match="Enter the cash"):
        services.deliver(d, agent, code=code, method="CASH", amount="")
    with pytest.raises(services.AmountDifference, match="short"):
        services.deliver(d, agent, code=code, method="CASH", amount="250")
    assert Delivery.get(agent.user_id, delivery.delivery_id).status == "IN_TRANSIT"
    services.deliver(d, agent, code=code, method="CASH", amount="250", confirm_difference=True)
    o = Order.get(world["order"].order_id)
    assert "₹30.00 short" in o.history[-1].note
    payment = next(Payment.order_index.query(o.order_id))
    assert payment.amount == Decimal("250.00") and payment.amount_due == Decimal("280.00") and "Short" in payment.note


def test_wrong_code_is_refused_and_the_delivery_stays_in_transit(world, client):
    delivery, code = _out_for_delivery(world)
    wrong = "0000" if code != "0000" else "1111"
    sign_in(client, world["agent"])
    response = client.post(
        reverse("agent:deliver", args=[delivery.delivery_id]), {"code": wrong, "method": "CASH", "amount": "280"}
    )
    assert response.status_code == 422
    assert "That delivery code is wrong" in response.content.decode()
    assert Delivery.get(world["agent"].user_id, delivery.delivery_id).status == "IN_TRANSIT"
    assert Order.get(world["order"].order_id).status == "OUT_FOR_DELIVERY"
    assert list(Payment.order_index.query(world["order"].order_id)) == []


def test_too_many_wrong_codes_lock_until_owner_waives(world, client):
    delivery, code = _out_for_delivery(world)
    agent = world["agent"]
    wrong = "0000" if code != "0000" else "1111"
    for _ in range(services.MAX_CODE_ATTEMPTS):
        with pytest.raises(services.WrongDeliveryCode):
            services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code=wrong, amount="280")
    with pytest.raises(services.WrongDeliveryCode, match="Too many"):
        services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code=code, amount="280")
    sign_in(client, world["owner"])
    client.post(
        reverse("owner:delivery_waive_code", args=[world["order"].order_id]),
        {"reason": "Customer is elderly and has no phone"},
    )
    o = Order.get(world["order"].order_id)
    assert "without the code allowed: Customer is elderly" in o.history[-1].note
    services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code="", amount="280")
    assert Order.get(world["order"].order_id).status == "DELIVERED"


def test_upi_at_the_door_is_money_received_by_the_store(world, client):
    delivery, code = _out_for_delivery(world)
    agent = world["agent"]
    sign_in(client, agent)
    qr = client.get(reverse("agent:upi", args=[delivery.delivery_id]))
    body = qr.content.decode()
    assert qr.status_code == 200 and "<svg" in body
    assert (
        f"upi://pay?pa=sharmakirana@upi&amp;pn=Sharma%20Kirana&amp;am=280.00&amp;cu=INR&amp;tn=Order%20{world['order'].order_id[-8:]}&amp;tr={world['order'].order_id}"
        in body
    )
    response = client.post(reverse("agent:deliver", args=[delivery.delivery_id]), {"code": code, "method": "UPI"})
    assert response.status_code == 302
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    assert d.collection_method == "UPI" and d.cod_collected_amount == Decimal("280.00")
    p = next(Payment.order_index.query(world["order"].order_id))
    assert p.payment_method == "UPI" and p.kind == "COD" and p.collected_by is None
    assert agent_selectors.cash_held(agent.user_id) == Decimal("0.00")


def test_upi_qr_explains_when_the_store_has_no_upi_id(world, client):
    store = world["store"]
    config = store.config.as_dict() if hasattr(store.config, "as_dict") else dict(store.config)
    config["payments"] = {"cod": True, "upi": False, "card": False}
    store.update(actions=[type(store).config.set(config)])
    delivery, _ = _out_for_delivery(world)
    sign_in(client, world["agent"])
    response = client.get(reverse("agent:upi", args=[delivery.delivery_id]))
    assert response.status_code == 409 and "no UPI ID" in response.content.decode()


def test_failed_delivery_returns_the_order_to_the_owner_and_keeps_stock(world):
    delivery, _ = _out_for_delivery(world, in_transit=False)
    agent, order = world["agent"], world["order"]
    with pytest.raises(DomainError, match="why"):
        services.fail(Delivery.get(agent.user_id, delivery.delivery_id), agent, "")
    services.fail(Delivery.get(agent.user_id, delivery.delivery_id), agent, "Customer not at home")
    o = Order.get(order.order_id)
    assert o.status == "PREPARING" and o.delivery_agent_id is None and o.delivery_id is None
    assert o.delivery_status == "FAILED" and "Customer not at home" in o.history[-1].note
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    assert d.status == "FAILED" and d.failure_reason == "Customer not at home"
    assert Product.get(world["store"].store_id, world["product"].product_id).stock_quantity == 10
    (waiting,) = [x for x in selectors.unassigned_orders(world["tenant"].tenant_id) if x.order_id == order.order_id]
    # the list shows the failed delivery, read as a row of what it shows: not the lines, timeline or GST
    assert waiting.delivery_status == "FAILED" and waiting.delivery_agent_id is None and waiting.projected
    assert (waiting.total_amount, waiting.customer_name) == (o.total_amount, o.customer_name)
    assert not hasattr(waiting, "items") and not hasattr(waiting, "history")
    other = make_agent(world["tenant"], name="Suresh")
    services.assign(o, other, "owner")  # can be reassigned
    assert Order.get(order.order_id).delivery_agent_id == other.user_id


def test_steps_through_the_agent_views(world, client):
    order, agent = world["order"], world["agent"]
    delivery = services.assign(order, agent, "owner")
    sign_in(client, agent)
    home = client.get(reverse("agent:home")).content.decode()
    assert "Customer" in home and "₹280.00" in home
    page = client.get(reverse("agent:delivery", args=[delivery.delivery_id])).content.decode()
    assert f'href="tel:{order.customer_phone}"' in page
    assert "https://www.google.com/maps/search/?api=1&amp;query=1%20Test%20Road" in page
    assert client.post(reverse("agent:pick_up", args=[delivery.delivery_id])).status_code == 302
    assert client.post(reverse("agent:start_trip", args=[delivery.delivery_id])).status_code == 302
    page = client.get(reverse("agent:delivery", args=[delivery.delivery_id])).content.decode()
    assert "data-location-url" in page
    # repeating a step is refused clearly, nothing changes
    response = client.post(reverse("agent:pick_up", args=[delivery.delivery_id]))
    assert response.status_code == 409 and "already been picked up" in response.content.decode()
    code = _code_from_outbox(order.customer_phone)
    response = client.post(
        reverse("agent:deliver", args=[delivery.delivery_id]), {"code": code, "method": "CASH", "amount": "300"}
    )
    assert (
        response.status_code == 422
        and "extra" in response.content.decode()
        and 'name="confirm"' in response.content.decode()
    )
    response = client.post(
        reverse("agent:deliver", args=[delivery.delivery_id]),
        {"code": code, "method": "CASH", "amount": "300", "confirm": "1"},
    )
    assert response.status_code == 302
    assert Order.get(order.order_id).status == "DELIVERED"


def test_location_is_validated_and_stored_as_decimals(world, client):
    delivery, _ = _out_for_delivery(world, in_transit=False)
    sign_in(client, world["agent"])
    url = reverse("agent:location", args=[delivery.delivery_id])
    assert client.post(url, {"lat": "12.97", "lng": "77.59"}).status_code == 409  # not in transit yet
    services.start_trip(Delivery.get(world["agent"].user_id, delivery.delivery_id), world["agent"])
    assert client.post(url, {"lat": "91", "lng": "77.59"}).status_code == 400
    assert client.post(url, {"lat": "12.97", "lng": "nan"}).status_code == 400
    assert client.post(url, {"lat": "12.971599", "lng": "77.594566", "accuracy": "15.5"}).status_code == 200
    loc = Delivery.get(world["agent"].user_id, delivery.delivery_id).last_location
    assert loc.lat == Decimal("12.971599") and loc.lng == Decimal("77.594566") and loc.accuracy == Decimal("15.5")
    assert isinstance(loc.lat, Decimal) and loc.at
    sign_in(client, world["owner"])
    page = client.get(reverse("owner:deliveries")).content.decode()
    assert "12.971599, 77.594566" in page and "query=12.971599,77.594566" in page and "just now" in page
    part = client.get(reverse("owner:order_delivery", args=[world["order"].order_id])).content.decode()
    assert "12.971599" in part and "In transit" in part


def test_proof_photo_is_validated_resized_and_served_to_owner(world, client, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    delivery, code = _out_for_delivery(world)
    sign_in(client, world["agent"])
    url = reverse("agent:photo", args=[delivery.delivery_id])
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(url, {"photo": bad})
    assert response.status_code == 400 and "not a photo" in response.content.decode()
    buf = io.BytesIO()
    Image.new("RGB", (3000, 2000), "red").save(buf, format="PNG")
    response = client.post(url, {"photo": SimpleUploadedFile("p.png", buf.getvalue(), content_type="image/png")})
    assert response.status_code == 302
    d = Delivery.get(world["agent"].user_id, delivery.delivery_id)
    stored = Image.open(tmp_path / d.proof_photo)
    assert stored.format == "JPEG" and max(stored.size) == services.PHOTO_MAX_SIDE
    sign_in(client, world["owner"])
    response = client.get(reverse("owner:delivery_photo", args=[world["order"].order_id]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    "fmt, ok", [("JPEG", True), ("WEBP", True), ("TIFF", False), ("ICO", False), ("PPM", False), ("BMP", False)]
)
def test_proof_photos_are_jpeg_png_or_webp_only(world, client, tmp_path, settings, fmt, ok):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    delivery, _ = _out_for_delivery(world)
    sign_in(client, world["agent"])
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buf, format=fmt)
    upload = SimpleUploadedFile("photo.jpg", buf.getvalue(), content_type="image/jpeg")  # the name lies
    response = client.post(reverse("agent:photo", args=[delivery.delivery_id]), {"photo": upload})
    stored = Delivery.get(world["agent"].user_id, delivery.delivery_id).proof_photo
    if ok:
        assert response.status_code == 302 and stored
    else:
        assert response.status_code == 400 and "JPEG, PNG or WebP" in response.content.decode()
        assert not stored


def test_two_agents_cannot_see_or_change_each_others_deliveries(world, client):
    order, agent = world["order"], world["agent"]
    delivery = services.assign(order, agent, "owner")
    colleague = make_agent(world["tenant"], name="Suresh")
    other_client = sign_in(type(client)(), colleague)
    assert order.order_id[-8:] not in other_client.get(reverse("agent:home")).content.decode()
    for name in ("agent:delivery", "agent:upi", "agent:photo"):
        assert other_client.get(reverse(name, args=[delivery.delivery_id])).status_code == 404
    for name in (
        "agent:pick_up",
        "agent:start_trip",
        "agent:deliver",
        "agent:fail",
        "agent:location",
        "agent:resend_code",
    ):
        assert (
            other_client.post(
                reverse(name, args=[delivery.delivery_id]), {"reason": "x", "lat": "1", "lng": "1"}
            ).status_code
            == 404
        )
    assert Delivery.get(agent.user_id, delivery.delivery_id).status == "PENDING"
    mine = sign_in(type(client)(), agent)
    assert order.order_id[-8:] in mine.get(reverse("agent:home")).content.decode()


def test_agent_pages_call_budget(world, client):
    delivery, _ = _out_for_delivery(world)
    sign_in(client, world["agent"])
    with assert_max_calls(3):
        assert client.get(reverse("agent:home")).status_code == 200
    with assert_max_calls(5):
        assert client.get(reverse("agent:delivery", args=[delivery.delivery_id])).status_code == 200


def test_owner_deliveries_call_budget_does_not_grow_with_rows(world, client):
    for i in range(5):
        services.assign(
            make_order(world["store"], [world["product"]]), make_agent(world["tenant"], name=f"B{i}"), "owner"
        )
    sign_in(client, world["owner"])
    with assert_max_calls(6) as counter:
        response = client.get(reverse("owner:deliveries") + "?status=PENDING")
    assert response.status_code == 200 and response.content.decode().count('data-testid="delivery-row"') == 5
    assert counter["Query"] <= 4


def test_owner_filters_by_agent_and_status(world, client):
    delivery, code = _out_for_delivery(world)
    services.deliver(
        Delivery.get(world["agent"].user_id, delivery.delivery_id), world["agent"], code=code, amount="280"
    )
    other = make_agent(world["tenant"], name="Suresh")
    services.assign(make_order(world["store"], [world["product"]]), other, "owner")
    sign_in(client, world["owner"])
    page = client.get(reverse("owner:deliveries"), {"agent": world["agent"].user_id}).content.decode()
    assert page.count('data-testid="delivery-row"') == 1 and "Cash ₹280.00" in page
    page = client.get(reverse("owner:deliveries"), {"status": "PENDING"}).content.decode()
    assert page.count('data-testid="delivery-row"') == 1 and "Suresh" in page


def test_order_cancelled_while_out_is_closed_by_the_agent(world, client):
    delivery, _ = _out_for_delivery(world)
    Order.get(world["order"].order_id).update(
        actions=[Order.status.set("CANCELLED"), Order.cancel_reason.set("Customer moved")]
    )
    sign_in(client, world["agent"])
    page = client.get(reverse("agent:delivery", args=[delivery.delivery_id])).content.decode()
    assert "The store cancelled this order: Customer moved" in page and 'name="code"' not in page
    assert client.post(reverse("agent:close_cancelled", args=[delivery.delivery_id])).status_code == 302
    d = Delivery.get(world["agent"].user_id, delivery.delivery_id)
    assert d.status == "FAILED" and d.failure_reason == "Order cancelled by the store"
    assert Order.get(world["order"].order_id).status == "CANCELLED"
    assert world["order"].order_id[-8:] not in client.get(reverse("agent:home")).content.decode().split("Done today")[0]


def test_resend_code_replaces_the_old_code(world):
    delivery, old = _out_for_delivery(world)
    agent = world["agent"]
    sms.outbox.clear()
    Delivery.get(agent.user_id, delivery.delivery_id).update(
        actions=[Delivery.code_sent_at.set(clock.ago_iso(minutes=2))]
    )
    services.resend_code(Delivery.get(agent.user_id, delivery.delivery_id), agent)
    new = _code_from_outbox(world["order"].customer_phone)
    d = Delivery.get(agent.user_id, delivery.delivery_id)
    assert d.delivery_code_hash == services.code_hash(d.delivery_id, new)
    if new != old:
        with pytest.raises(services.WrongDeliveryCode):
            services.deliver(d, agent, code=old, amount="280")


def test_thirty_parallel_wrong_codes_check_exactly_five(world, monkeypatch):
    """Each guess takes a try with a conditional ADD (code_attempts < 5) before the code is compared."""
    import threading

    delivery, code = _out_for_delivery(world)
    agent = world["agent"]
    guesses = [f"{n:04d}" for n in range(10000) if f"{n:04d}" != code][:30]
    compared, lock = [], threading.Lock()
    real_hash = services.code_hash

    def counting_hash(delivery_id, value):
        with lock:
            compared.append(value)
        return real_hash(delivery_id, value)

    monkeypatch.setattr(services, "code_hash", counting_hash)
    outcomes, barrier = [], threading.Barrier(len(guesses))

    def guess(value):
        fresh = Delivery.get(agent.user_id, delivery.delivery_id)
        barrier.wait()
        try:
            services.deliver(fresh, agent, code=value, amount="280")
            outcomes.append("delivered")
        except services.WrongDeliveryCode as exc:
            outcomes.append("locked" if "Too many" in str(exc) else "wrong")

    threads = [threading.Thread(target=guess, args=(g,)) for g in guesses]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(compared) == services.MAX_CODE_ATTEMPTS == 5
    assert sorted(outcomes).count("wrong") == 5 and outcomes.count("locked") == 25
    assert Delivery.get(agent.user_id, delivery.delivery_id).code_attempts == 5
    monkeypatch.setattr(services, "code_hash", real_hash)
    with pytest.raises(services.WrongDeliveryCode, match="Too many"):
        services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code=code, amount="280")


def test_a_resent_code_does_not_give_the_tries_back(world):
    delivery, code = _out_for_delivery(world)
    agent = world["agent"]
    wrong = "0000" if code != "0000" else "1111"
    for _ in range(3):
        with pytest.raises(services.WrongDeliveryCode):
            services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code=wrong, amount="280")
    Delivery.get(agent.user_id, delivery.delivery_id).update(
        actions=[Delivery.code_sent_at.set(clock.ago_iso(minutes=2))]
    )
    services.resend_code(Delivery.get(agent.user_id, delivery.delivery_id), agent)
    new = _code_from_outbox(world["order"].customer_phone)
    assert Delivery.get(agent.user_id, delivery.delivery_id).code_attempts == 3
    wrong = "0000" if new != "0000" else "1111"
    for left in (1, 0):
        with pytest.raises(services.WrongDeliveryCode, match=f"{left} tr"):
            services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code=wrong, amount="280")
    with pytest.raises(services.WrongDeliveryCode, match="Too many"):
        services.deliver(Delivery.get(agent.user_id, delivery.delivery_id), agent, code=new, amount="280")


def test_order_desk_partials_render_with_just_the_order(world, client):
    from django.template.loader import render_to_string

    order = world["order"]
    html = render_to_string("owner/deliveries/_order_delivery.html", {"order": order})
    assert reverse("owner:order_delivery", args=[order.order_id]) in html
    html = render_to_string("owner/deliveries/_assign_form.html", {"order": order})
    assert reverse("owner:delivery_assign", args=[order.order_id]) in html and 'hx-trigger="load"' in html
    sign_in(client, world["owner"])
    part = client.get(reverse("owner:order_delivery", args=[order.order_id])).content.decode()
    assert "Not assigned to an agent yet" in part and reverse("owner:delivery_assign", args=[order.order_id]) in part
    services.assign(order, world["agent"], "owner")
    with assert_max_calls(5):
        part = client.get(
            reverse("owner:order_delivery", args=[order.order_id]), HTTP_HX_REQUEST="true"
        ).content.decode()
    assert "<html" not in part
    assert "To pick up" in part and "Vijay" in part and "₹280.00 due" in part


def test_board_offers_reassign_for_pending_and_a_delivery_page(world, client):
    order = world["order"]
    delivery = services.assign(order, world["agent"], "owner")
    other = make_agent(world["tenant"], name="Suresh")
    sign_in(client, world["owner"])
    page = client.get(reverse("owner:deliveries")).content.decode()
    assert "Reassign" in page and f'value="{other.user_id}"' in page
    response = client.post(reverse("owner:delivery_assign", args=[order.order_id]), {"agent_id": other.user_id})
    assert response.status_code == 302
    assert Order.get(order.order_id).delivery_agent_id == other.user_id
    with pytest.raises(Delivery.DoesNotExist):
        Delivery.get(world["agent"].user_id, delivery.delivery_id)
    page = client.get(reverse("owner:order_delivery", args=[order.order_id]))
    body = page.content.decode()
    assert page.status_code == 200 and "Timeline" in body and "Reassigned to Suresh" in body and "<html" in body


def test_resend_is_rate_limited(world):
    delivery, _ = _out_for_delivery(world)
    agent = world["agent"]
    with pytest.raises(services.StepRefused, match="less than 60 seconds"):  # just sent at pick-up
        services.resend_code(Delivery.get(agent.user_id, delivery.delivery_id), agent)
    Delivery.get(agent.user_id, delivery.delivery_id).update(
        actions=[Delivery.code_sent_at.set(clock.ago_iso(minutes=2))]
    )
    services.resend_code(Delivery.get(agent.user_id, delivery.delivery_id), agent)
    with pytest.raises(services.StepRefused, match="less than 60 seconds"):
        services.resend_code(Delivery.get(agent.user_id, delivery.delivery_id), agent)


def test_owner_takes_an_order_back_from_an_agent_on_the_road(world, client):
    delivery, _ = _out_for_delivery(world)
    sign_in(client, world["owner"])
    part = client.get(reverse("owner:order_delivery", args=[world["order"].order_id]), HTTP_HX_REQUEST="true")
    assert "Take the order back" in part.content.decode()
    for reason in ("", "x" * 301):  # no reason, or one too long: refused in place with a 4xx, nothing changes
        refused = client.post(reverse("owner:delivery_take_back", args=[world["order"].order_id]), {"reason": reason})
        assert refused.status_code == 400 and 'data-testid="delivery-error"' in refused.content.decode()
        assert Order.get(world["order"].order_id).status == "OUT_FOR_DELIVERY"
    response = client.post(
        reverse("owner:delivery_take_back", args=[world["order"].order_id]), {"reason": "Bike broke down"}
    )
    assert response.status_code == 302
    o = Order.get(world["order"].order_id)
    assert o.status == "PREPARING" and o.delivery_agent_id is None
    assert o.history[-1].note == "Taken back from the agent by Owner: Bike broke down"
    assert Delivery.get(world["agent"].user_id, delivery.delivery_id).status == "FAILED"


@pytest.mark.parametrize(
    ("delivery_status", "method", "order_status", "order_delivery_status", "expected"),
    [
        ("PENDING", None, "CONFIRMED", "PENDING", {"delivery_open", "can_assign"}),
        ("IN_TRANSIT", None, "OUT_FOR_DELIVERY", "IN_TRANSIT", {"delivery_open", "delivery_on_the_road"}),
        ("PICKED_UP", "CASH", "OUT_FOR_DELIVERY", "PICKED_UP", {"delivery_open", "delivery_on_the_road"}),
        ("DELIVERED", "UPI", "DELIVERED", "DELIVERED", {"paid_by_upi_at_door"}),
        ("FAILED", None, "PREPARING", "FAILED", {"last_delivery_failed", "can_assign"}),
    ],
)
def test_the_order_delivery_card_gets_yes_no_answers(
    delivery_status, method, order_status, order_delivery_status, expected
):
    from types import SimpleNamespace

    from dashboard.views.owner.deliveries import _delivery_flags

    order = SimpleNamespace(status=order_status, delivery_status=order_delivery_status)
    delivery = SimpleNamespace(status=delivery_status, collection_method=method)
    assert {name for name, yes in _delivery_flags(order, delivery).items() if yes} == expected
    no_delivery = _delivery_flags(SimpleNamespace(status="CANCELLED", delivery_status=None), None)
    assert not any(no_delivery.values())
