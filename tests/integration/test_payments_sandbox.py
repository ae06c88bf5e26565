"""The sandbox (no Razorpay keys): the same signature checks and the same webhook handler."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, sign_in
from webdpro.db import Order, Payment, Store, Tenant
from webdpro.payments import access
from webdpro.payments.gateway import get_gateway


@pytest.fixture(autouse=True)
def sandbox(settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert get_gateway().is_sandbox


@pytest.fixture
def shop():
    owner, tenant = make_owner()
    store = make_store(tenant)
    return owner, tenant, store, make_product(store, price="250.50")


def pending_order(store, product, method="UPI"):
    return make_order(store, [product], status="PENDING_PAYMENT", payment_method=method)


def test_session_that_placed_the_order_may_pay(shop, client):
    _, _, store, product = shop
    order = pending_order(store, product)
    url = reverse("payments:pay", kwargs={"order_id": order.order_id})
    assert client.get(url).status_code == 404
    session = client.session
    access.allow_in_session(session, order.order_id)
    session.save()
    client.cookies["sessionid"] = session.session_key
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "SANDBOX — no real money" in html and "checkout.razorpay.com" not in html
    assert "₹280.50" in html


def test_sandbox_pay_confirms_through_signature_and_webhooks(shop, client):
    _, tenant, store, product = shop
    order = pending_order(store, product)
    client.get(access.signed_pay_url(order.order_id))
    with assert_max_calls(4):
        page = client.get(reverse("payments:pay", kwargs={"order_id": order.order_id}))
    assert page.status_code == 200
    with assert_max_calls(4):  # again: the Razorpay order is reused (GetItem, no new gateway order)
        assert client.get(reverse("payments:pay", kwargs={"order_id": order.order_id})).status_code == 200
    rzp = Order.get(order.order_id).razorpay_order_id
    assert rzp.startswith("order_SBX")
    with assert_max_calls(30):
        response = client.post(
            reverse("payments:sandbox", kwargs={"order_id": order.order_id}), {"action": "pay", "method": "UPI"}
        )
    assert response.status_code == 302
    order = Order.get(order.order_id)
    payment = Payment.get(tenant.tenant_id, rzp)
    assert order.status == "CONFIRMED" and order.payment_status == "PAID"
    assert payment.status == "CAPTURED" and payment.razorpay_payment_id.startswith("pay_SBX")
    assert payment.amount == Decimal("280.50")
    # The sandbox delivered payment.captured and order.paid through the webhook handler (recorded once each).
    page = client.get(response["Location"]).content.decode()
    assert "Payment received" in page


def test_sandbox_failure_leaves_the_order_pending_with_a_retry(shop, client):
    _, tenant, store, product = shop
    order = pending_order(store, product, method="CARD")
    client.get(access.signed_pay_url(order.order_id))
    client.get(reverse("payments:pay", kwargs={"order_id": order.order_id}))
    client.post(reverse("payments:sandbox", kwargs={"order_id": order.order_id}), {"action": "fail", "method": "CARD"})
    fresh = Order.get(order.order_id)
    assert fresh.status == "PENDING_PAYMENT" and fresh.payment_status == "FAILED"
    assert Payment.get(tenant.tenant_id, fresh.razorpay_order_id).status == "FAILED"
    html = client.get(reverse("payments:pay", kwargs={"order_id": order.order_id})).content.decode()
    assert "Payment failed" in html and "Retry" in html
    rzp = fresh.razorpay_order_id
    client.post(reverse("payments:sandbox", kwargs={"order_id": order.order_id}), {"action": "pay", "method": "CARD"})
    fresh = Order.get(order.order_id)
    assert fresh.status == "CONFIRMED" and fresh.payment_status == "PAID"
    assert fresh.razorpay_order_id == rzp  # the retry reused the Razorpay order: it can only be paid once
    assert Payment.get(tenant.tenant_id, rzp).status == "CAPTURED"


def test_cancelled_order_cannot_be_paid(shop, client):
    _, _, store, product = shop
    order = make_order(store, [product], status="CANCELLED", payment_method="UPI")
    client.get(access.signed_pay_url(order.order_id))
    html = client.get(reverse("payments:pay", kwargs={"order_id": order.order_id})).content.decode()
    assert "cancelled" in html and "Pay ₹" not in html
    response = client.post(reverse("payments:sandbox", kwargs={"order_id": order.order_id}), {"action": "pay"})
    assert response.status_code == 302 and Order.get(order.order_id).status == "CANCELLED"


def test_sandbox_refund_is_processed_by_the_webhook_handler(shop, client):
    from webdpro.payments.refunds import request_refund

    _, tenant, store, product = shop
    order = pending_order(store, product)
    client.get(access.signed_pay_url(order.order_id))
    client.get(reverse("payments:pay", kwargs={"order_id": order.order_id}))
    client.post(reverse("payments:sandbox", kwargs={"order_id": order.order_id}), {"action": "pay"})
    payment = request_refund(Order.get(order.order_id), "Customer cancelled", by="owner")
    assert payment.status == "REFUNDED" and payment.refund_id.startswith("rfnd_SBX")
    assert Order.get(order.order_id).payment_status == "REFUNDED"


def test_publish_fee_moves_the_store_to_paid_and_published(client, monkeypatch):
    from webdpro.accounts import plans

    monkeypatch.setitem(plans.PLANS, "FREE", replace(plans.FREE, publish_fee=Decimal("199.00")))
    owner, tenant = make_owner()
    store = make_store(tenant, status="DRAFT")
    sign_in(client, owner)
    url = reverse("owner:publish_fee", kwargs={"store_id": store.store_id})
    page = client.get(url)
    assert page.status_code == 200 and "₹199.00" in page.content.decode() and "SANDBOX" in page.content.decode()
    client.post(url, {"action": "fail"})
    assert Store.get(tenant.tenant_id, store.store_id).status == "DRAFT"
    response = client.post(url, {"action": "pay", "method": "UPI"})
    assert response.status_code == 302
    published = Store.get(tenant.tenant_id, store.store_id)
    assert published.status == "PUBLISHED" and published.published_at and published.live_url
    fees = [p for p in Payment.query(tenant.tenant_id) if p.kind == "PUBLISH_FEE"]
    assert [(p.status, p.amount) for p in fees] == [("CAPTURED", Decimal("199.00"))]


def test_a_store_published_before_is_never_charged_the_fee_again(client, monkeypatch):
    """One rule for "fee due" (stores.services.publish_fee): the editor and the fee page agree, and a store
    that was published once (then unpublished) republishes without a second charge, even if the owner
    opens the fee page directly."""
    from webdpro import clock
    from webdpro.accounts import plans

    monkeypatch.setitem(plans.PLANS, "FREE", replace(plans.FREE, publish_fee=Decimal("199.00")))
    owner, tenant = make_owner()
    store = make_store(tenant, status="DRAFT")
    store.update(actions=[Store.published_at.set(clock.now_iso())])
    sign_in(client, owner)
    editor = client.get(reverse("owner:store_detail", kwargs={"store_id": store.store_id})).content.decode()
    assert "one-time fee" not in editor and "Pay ₹199.00" not in editor
    page = client.get(reverse("owner:publish_fee", kwargs={"store_id": store.store_id}), follow=True)
    assert page.redirect_chain[-1][0] == reverse("owner:store_detail", kwargs={"store_id": store.store_id})
    assert "published before, so there is no fee to pay" in page.content.decode()
    assert [p for p in Payment.query(tenant.tenant_id) if p.kind == "PUBLISH_FEE"] == []
    client.post(reverse("owner:store_publish", kwargs={"store_id": store.store_id}))
    assert Store.get(tenant.tenant_id, store.store_id).status == "PUBLISHED"


def test_a_never_published_draft_owes_the_fee_in_the_editor_and_on_the_fee_page(client, monkeypatch):
    from webdpro.accounts import plans

    monkeypatch.setitem(plans.PLANS, "FREE", replace(plans.FREE, publish_fee=Decimal("199.00")))
    owner, tenant = make_owner()
    store = make_store(tenant, status="DRAFT")
    sign_in(client, owner)
    editor = client.get(reverse("owner:store_detail", kwargs={"store_id": store.store_id})).content.decode()
    assert "Pay ₹199.00 and publish" in editor
    assert client.get(reverse("owner:publish_fee", kwargs={"store_id": store.store_id})).status_code == 200


def test_publish_fee_is_owner_only_and_tenant_checked(client):
    owner, tenant = make_owner()
    other_owner, other = make_owner()
    store = make_store(other, status="DRAFT")
    url = reverse("owner:publish_fee", kwargs={"store_id": store.store_id})
    assert client.get(url).status_code == 302  # anonymous → sign in
    sign_in(client, owner)
    assert client.get(url).status_code == 404


def test_billing_upgrade_and_cancel_in_the_sandbox(client):
    owner, tenant = make_owner()
    sign_in(client, owner)
    page = client.get(reverse("owner:billing"))
    assert page.status_code == 200 and "Choose Pro" in page.content.decode()
    page = client.post(reverse("owner:billing"), {"action": "upgrade", "plan": "PRO"})
    assert page.status_code == 200 and "Subscribe to Pro" in page.content.decode()
    tenant = Tenant.get(tenant.tenant_id)
    assert tenant.razorpay_customer_id.startswith("cust_SBX") and tenant.subscription_status == "PENDING"
    client.post(reverse("owner:billing"), {"action": "sandbox_pay"})
    tenant = Tenant.get(tenant.tenant_id)
    assert (tenant.plan, tenant.max_stores, tenant.subscription_status) == ("PRO", 5, "ACTIVE")
    html = client.get(reverse("owner:billing")).content.decode()
    assert "₹499.00" in html and "Cancel subscription" in html
    again = client.post(reverse("owner:billing"), {"action": "upgrade", "plan": "ENTERPRISE"})
    assert again.status_code == 409
    client.post(reverse("owner:billing"), {"action": "cancel"})
    tenant = Tenant.get(tenant.tenant_id)
    assert (tenant.plan, tenant.subscription_status) == ("FREE", "CANCELLED")


# --- From the storefront's checkout (app host and the store's own host) -------------------------------


def _place_upi_order(client, prefix, product, host=None):
    import re

    from tests.helpers import random_phone

    extra = {"HTTP_HOST": host} if host else {}
    client.post(f"{prefix}cart/add/", {"product_id": product.product_id, "quantity": 1}, **extra)
    html = client.get(f"{prefix}checkout/", **extra).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return client.post(
        f"{prefix}checkout/",
        {
            "customer_name": "Priya",
            "customer_phone": random_phone(),
            "delivery_address": "Flat 4B, Lake View, Indiranagar",
            "pincode": "560038",
            "payment_method": "UPI",
            "token": token,
        },
        **extra,
    )


def test_storefront_upi_order_is_paid_in_the_same_session(client, shop):
    _, _, store, product = shop
    response = _place_upi_order(client, f"/s/{store.slug}/", product)
    assert response.status_code == 302 and response["Location"].startswith("/pay/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "SANDBOX" in page.content.decode()
    order_id = response["Location"].rstrip("/").split("/")[-1]
    done = client.post(reverse("payments:sandbox", kwargs={"order_id": order_id}), {"action": "pay"})
    html = client.get(done["Location"]).content.decode()
    assert "Payment received" in html and f"/s/{store.slug}/order/{order_id}/" in html
    assert Order.get(order_id).status == "CONFIRMED"
    # Another browser cannot open it.
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


def test_storefront_on_its_own_host_pays_on_that_host(client, shop, settings):
    _, _, store, product = shop
    host = f"{store.slug}.{settings.PLATFORM_DOMAIN}"
    response = _place_upi_order(client, "/", product, host=host)
    assert response.status_code == 302 and response["Location"].startswith("/pay/"), response.get("Location")
    page = client.get(response["Location"], HTTP_HOST=host)
    assert page.status_code == 200 and "SANDBOX" in page.content.decode()
    order_id = response["Location"].rstrip("/").split("/")[-1]
    done = client.post(response["Location"] + "sandbox/", {"action": "pay"}, HTTP_HOST=host)
    html = client.get(done["Location"], HTTP_HOST=host).content.decode()
    assert "Payment received" in html and f'href="/order/{order_id}/"' in html
    # Another store's host does not serve this order, even to the same session.
    _, other_tenant = make_owner()
    other = make_store(other_tenant)
    assert client.get(response["Location"], HTTP_HOST=f"{other.slug}.{settings.PLATFORM_DOMAIN}").status_code == 404
    assert client.get("/pay/store/x/fee/", HTTP_HOST=host).status_code == 404  # owner pages stay on the app host


def test_an_unpaid_order_past_its_payment_window_is_not_offered_checkout(shop, client):
    from webdpro.db.orders import Order as O

    _, _, store, product = shop
    order = pending_order(store, product)
    order.update(actions=[O.created_at.set(clock_ago(minutes=600))])
    client.get(access.signed_pay_url(order.order_id))
    html = client.get(reverse("payments:pay", kwargs={"order_id": order.order_id})).content.decode()
    assert "time to pay for this order has run out" in html and "Pay ₹" not in html
    assert Order.get(order.order_id).razorpay_order_id is None
    fresh = pending_order(store, product)
    client.get(access.signed_pay_url(fresh.order_id))
    assert "Please pay by" in client.get(reverse("payments:pay", kwargs={"order_id": fresh.order_id})).content.decode()


def clock_ago(**delta):
    from webdpro import clock

    return clock.ago_iso(**delta)


def test_manual_acceptance_store_paid_online_waits_for_the_owner_and_a_rejection_refunds(client):
    from webdpro.demo import demo_config
    from webdpro.orders import actions
    from webdpro.orders.placement import Line, place_order
    from webdpro.orders.selectors import awaiting_count
    from webdpro.stores.schema import validate_config

    _, tenant = make_owner()
    config = demo_config("Manual Online")
    config["orders"] = {"acceptance": "manual", "accept_minutes": 10}
    store = make_store(tenant, config=validate_config(config))
    product = make_product(store, price="250.50", stock=3)
    placed = place_order(
        store=store,
        lines=[Line(product.product_id, 1, Decimal("250.50"))],
        customer_name="Kavya",
        customer_phone="+919812345678",
        delivery_address="7 Lake Road, Bengaluru",
        pincode="560001",
        payment_method="UPI",
    ).order
    assert placed.status == "PENDING_PAYMENT" and awaiting_count(tenant.tenant_id) == 0
    client.get(access.signed_pay_url(placed.order_id))
    client.get(reverse("payments:pay", kwargs={"order_id": placed.order_id}))
    client.post(reverse("payments:sandbox", kwargs={"order_id": placed.order_id}), {"action": "pay", "method": "UPI"})
    paid = Order.get(placed.order_id)
    assert paid.status == "PLACED" and paid.payment_status == "PAID" and paid.accept_by
    assert awaiting_count(tenant.tenant_id) == 1
    actions.reject_order(paid, "owner", "Shop closing early")
    rejected = Order.get(placed.order_id)
    assert rejected.status == "CANCELLED" and rejected.payment_status == "REFUNDED"
    assert awaiting_count(tenant.tenant_id) == 0
