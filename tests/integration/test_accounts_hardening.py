"""Accounts hardening: a customer's record never blocks another role; private pages are never cached."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import (
    last_sms_code,
    make_customer,
    make_order,
    make_owner,
    make_product,
    make_store,
    random_ip,
    random_phone,
    sign_in,
)
from webdpro.accounts.services import PhoneTaken, create_user
from webdpro.db import User
from webdpro.db.users import Role
from webdpro.orders.placement import Line, place_order


def _place(phone, name="Shopper"):
    """A storefront order: it leaves a CUSTOMER record for the phone (created in the order's transaction)."""
    owner, tenant = make_owner()
    store = make_store(tenant)
    product = make_product(store)
    return place_order(
        store=store,
        lines=[Line(product.product_id, 1, product.price)],
        customer_name=name,
        customer_phone=phone,
        delivery_address="9 Residency Road, Bengaluru",
        pincode="560025",
        payment_method="COD",
    ).order


def _storefront_customer(phone):
    """What a storefront order leaves behind: a CUSTOMER record for the phone, and the order."""
    order = _place(phone)
    assert User.get(phone).role == Role.CUSTOMER and User.get(phone).name == "Shopper"
    return order


def test_a_storefront_customer_can_still_sign_up_as_an_owner():
    phone = random_phone()
    order = _storefront_customer(phone)
    customer = User.get(phone)
    browser = Client(REMOTE_ADDR=random_ip())
    old_session = Client(REMOTE_ADDR=random_ip())
    sign_in(old_session, customer)
    response = browser.post(
        "/accounts/signup/", {"phone": phone, "name": "Asha", "business_name": "Asha Sweets", "email": ""}
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/verify/"
    response = browser.post("/accounts/verify/", {"code": last_sms_code(phone)})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    owner = User.get(phone)
    assert owner.role == "BUSINESS_OWNER" and owner.user_id == customer.user_id and owner.tenant_id
    # Still a customer too: their orders are on "My orders"; the old customer session has ended.
    assert order.order_id[-8:] in browser.get("/my/orders/").content.decode()
    assert old_session.get("/my/orders/").status_code == 302


def test_a_storefront_customer_can_be_added_as_an_agent():
    phone = random_phone()
    _storefront_customer(phone)
    owner, tenant = make_owner()
    client = Client()
    sign_in(client, owner)
    response = client.post(reverse("owner:agents"), {"name": "Ravi", "phone": phone})
    assert response.status_code == 302
    agent = User.get(phone)
    assert agent.role == Role.DELIVERY_AGENT and agent.tenant_id == tenant.tenant_id and agent.name == "Ravi"


def test_an_owner_or_agent_ordering_on_a_storefront_keeps_their_role():
    owner, _ = make_owner()
    before = User.get(owner.phone).attribute_values
    _place(owner.phone, "Me shopping")
    after = User.get(owner.phone).attribute_values
    assert after == before  # role, name, user id, sessions: every attribute as it was
    assert after["role"] == "BUSINESS_OWNER"


def test_real_accounts_still_block_and_a_deactivated_customer_too():
    owner, _ = make_owner()
    with pytest.raises(PhoneTaken):
        create_user(owner.phone, Role.DELIVERY_AGENT, name="X", tenant_id="T")
    customer = make_customer()
    customer.update(actions=[User.is_active.set(False)])
    with pytest.raises(PhoneTaken):
        make_owner(phone=customer.phone)
    assert User.get(customer.phone).role == Role.CUSTOMER


# --- Cache-Control -----------------------------------------------------------------------------------
def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_signed_in_pages_and_exports_are_private_and_not_stored():
    owner, tenant = make_owner()
    store = make_store(tenant)
    make_order(store, [make_product(store)])
    client = Client()
    sign_in(client, owner)
    for url in ["/dashboard/", "/dashboard/orders/", "/dashboard/orders/export.csv", "/dashboard/payments/export.csv"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= _cache_control(response), url
        assert "public" not in _cache_control(response)


def test_public_pages_for_anonymous_visitors_stay_cacheable():
    response = Client().get("/")
    assert "no-store" not in _cache_control(response)
