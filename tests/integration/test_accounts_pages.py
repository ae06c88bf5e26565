"""create_superadmin, the customer's orders across stores, and the role homes."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.helpers import (
    assert_max_calls,
    make_customer,
    make_order,
    make_owner,
    make_product,
    make_store,
    random_ip,
    random_phone,
    sign_in,
)
from webdpro import clock
from webdpro.db import Order, User
from webdpro.phones import display_phone


# --- create_superadmin -----------------------------------------------------------------------------
def test_create_superadmin_normalises_and_is_idempotent(capsys):
    phone = random_phone()
    local = "0" + phone[3:8] + " " + phone[8:]  # "0XXXXX XXXXX"
    call_command("create_superadmin", "--phone", local, "--name", "Asha")
    out = capsys.readouterr().out
    assert f"Created super admin Asha ({display_phone(phone)})" in out
    user = User.get(phone)
    assert (user.role, user.name, user.is_active) == ("SUPER_ADMIN", "Asha", True)
    call_command("create_superadmin", "--phone", phone, "--name", "Asha")
    assert "is already a super admin (Asha); nothing changed." in capsys.readouterr().out
    assert User.get(phone).user_id == user.user_id
    user.update(actions=[User.is_active.set(False)])
    call_command("create_superadmin", "--phone", f"+91 {phone[3:8]}-{phone[8:]}", "--name", "Asha K")
    assert "reactivated and renamed to Asha K" in capsys.readouterr().out
    assert User.get(phone).is_active


def test_create_superadmin_promotes_only_when_asked(capsys):
    owner, _ = make_owner(name="Ravi")
    with pytest.raises(CommandError, match="already belongs to a business owner .*--promote"):
        call_command("create_superadmin", "--phone", owner.phone, "--name", "Ravi")
    assert User.get(owner.phone).role == "BUSINESS_OWNER"
    call_command("create_superadmin", "--phone", owner.phone, "--name", "Ravi", "--promote")
    assert "Promoted" in capsys.readouterr().out and User.get(owner.phone).role == "SUPER_ADMIN"


def test_create_superadmin_refuses_a_bad_phone():
    with pytest.raises(CommandError, match="not valid"):
        call_command("create_superadmin", "--phone", "12345", "--name", "X")


def test_a_new_superadmin_can_sign_in_to_the_console(capsys):
    from tests.helpers import last_sms_code

    phone = random_phone()
    call_command("create_superadmin", "--phone", phone, "--name", "Asha")
    web = Client(REMOTE_ADDR=random_ip())
    web.post("/accounts/signin/", {"phone": phone})
    assert web.post("/accounts/verify/", {"code": last_sms_code(phone)})["Location"] == "/console/"
    assert web.get("/console/").status_code == 200


# --- customer orders -------------------------------------------------------------------------------
def _order_at(store, product, phone, minutes_ago):
    order = make_order(store, [product], customer_phone=phone)
    created = clock.ago_iso(minutes=minutes_ago)
    order.update(actions=[Order.created_at.set(created)])
    return order


def test_customer_sees_their_orders_across_stores_newest_first_paginated():
    customer = make_customer(name="Priya")
    _, tenant_a = make_owner(business_name="A")
    _, tenant_b = make_owner(business_name="B")
    store_a, store_b = make_store(tenant_a, name="Anand Sweets"), make_store(tenant_b, name="Bharat Medicals")
    pa, pb = (
        make_product(store_a, name="Kaju Katli", price="450.00"),
        make_product(store_b, name="Crocin", price="30.00"),
    )
    orders = [
        _order_at(store_a if i % 2 else store_b, pa if i % 2 else pb, customer.phone, minutes_ago=i) for i in range(23)
    ]
    stranger = make_order(store_a, [pa], customer_phone=random_phone())
    web = sign_in(Client(), customer)
    with assert_max_calls(3):
        page = web.get("/my/orders/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Anand Sweets" in body and "Bharat Medicals" in body and "Kaju Katli × 1" in body
    assert "₹480.00" in body  # 450 + 30 delivery, Indian format
    shown = [o.order_id[-8:] for o in orders]
    positions = [body.find(f"#{s}") for s in shown[:20]]
    assert all(p > 0 for p in positions) and positions == sorted(positions)  # newest (0 minutes ago) first
    assert f"#{shown[20]}" not in body and stranger.order_id[-8:] not in body
    assert "Show older orders" in body
    import re

    after = re.search(r'href="\?after=([^"]+)"', body).group(1)
    with assert_max_calls(3):
        more = web.get(f"/my/orders/?after={after}", HTTP_HX_REQUEST="true")
    more_body = more.content.decode()
    assert "<html" not in more_body
    assert all(f"#{s}" in more_body for s in shown[20:]) and f"#{shown[19]}" not in more_body
    assert "Show older orders" not in more_body


def test_customer_orders_refuse_a_forged_cursor_and_show_an_empty_state():
    customer = make_customer()
    web = sign_in(Client(), customer)
    empty = web.get("/my/orders/")
    assert empty.status_code == 200 and "No orders yet." in empty.content.decode()
    forged = web.get("/my/orders/?after=not-a-cursor")
    assert forged.status_code == 400 and "That page link is not valid" in forged.content.decode()


def test_my_orders_show_the_signed_in_persons_own_purchases_whatever_their_role():
    """An owner or agent may also be a customer of any store: "My orders" lists their phone's orders."""
    owner, tenant = make_owner()
    from tests.helpers import make_order, make_product, make_store

    store = make_store(tenant)
    bought = make_order(store, [make_product(store)], customer_phone=owner.phone)
    other = make_order(store, [make_product(store)])
    page = sign_in(Client(), owner).get("/my/orders/")
    assert page.status_code == 200
    assert bought.order_id[-8:] in page.content.decode() and other.order_id[-8:] not in page.content.decode()
    assert Client().get("/my/orders/")["Location"].startswith("/accounts/signin/?next=%2Fmy%2Forders%2F")


def test_my_orders_link_each_order_to_its_tracking_page_which_opens_for_the_signed_in_buyer():
    customer = make_customer(name="Priya")
    _, tenant = make_owner()
    store = make_store(tenant, name="Anand Sweets")
    order = make_order(store, [make_product(store)], customer_phone=customer.phone)
    web = sign_in(Client(), customer)
    body = web.get("/my/orders/").content.decode()
    track = f"/s/{store.slug}/track/{order.order_id}/"
    assert f'href="{track}"' in body and "Track this order" in body
    page = web.get(track)
    assert page.status_code == 200 and order.order_id[-8:] in page.content.decode()
    # Someone else, signed in or not, still gets a 404 for that order.
    assert Client().get(track).status_code == 404
    assert sign_in(Client(), make_customer()).get(track).status_code == 404


# --- roles and homes -------------------------------------------------------------------------------
def test_each_home_admits_only_its_role():
    from tests.helpers import make_agent, make_superadmin

    owner, tenant = make_owner()
    people = {
        "BUSINESS_OWNER": owner,
        "DELIVERY_AGENT": make_agent(tenant),
        "SUPER_ADMIN": make_superadmin(),
        "CUSTOMER": make_customer(),
    }
    homes = {
        "BUSINESS_OWNER": "/dashboard/",
        "DELIVERY_AGENT": "/agent/",
        "SUPER_ADMIN": "/console/",
        "CUSTOMER": "/my/orders/",
    }
    for role, person in people.items():
        web = sign_in(Client(), person)
        for home_role, url in homes.items():
            status = web.get(url).status_code
            allowed = home_role == role or home_role == "CUSTOMER"  # everyone may see their own purchases
            assert status == (200 if allowed else 403), f"{role} at {url}: {status}"
        assert Client().get(homes[role]).status_code == 302  # anonymous → sign-in


def test_user_and_tenant_are_loaded_once_per_request():
    from tests.helpers import count_calls, make_agent

    owner, tenant = make_owner()
    for person, url in ((owner, "/dashboard/"), (make_agent(tenant), "/agent/")):
        web = sign_in(Client(), person)
        with count_calls() as calls:
            assert web.get(url).status_code == 200
        assert calls["GetItem"] == 2, calls.describe()  # the user once, the tenant once
