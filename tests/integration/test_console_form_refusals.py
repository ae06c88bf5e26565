"""The console's inputs parsed by Django forms (dashboard/views/superadmin/forms.py): a bad value answers 4xx with the
field named on the page and writes nothing to DynamoDB; a bad list filter is refused (400 naming the filter, as on
the order desk); an unknown business or person is still a 404 whatever the body."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.helpers import make_customer, make_owner, make_store, make_superadmin, refused, sign_in
from webdpro.db import Store, Tenant, User
from webdpro.superadmin import services

UNKNOWN_TENANT = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
TOO_LONG = "x" * 501


@pytest.fixture
def admin(client):
    user = make_superadmin(name="Asha Admin")
    sign_in(client, user)
    return user


@pytest.fixture
def business():
    owner, tenant = make_owner(plan="PRO")
    store = make_store(tenant, name="Main Bazaar", status="PUBLISHED")
    return {"owner": owner, "tenant": Tenant.get(tenant.tenant_id), "store": store}


# --- Actions on a business -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "names"),
    [
        ("tenant_plan", {"plan": "GOLD"}, "Choose the plan from the list."),
        ("tenant_plan", {}, "Choose the plan from the list."),
        ("tenant_subscription", {"status": "BOGUS"}, "Choose the subscription status from the list."),
        ("tenant_subscription", {"status": "PENDING"}, "Choose the subscription status from the list."),
        ("tenant_subscription", {}, "Choose the subscription status from the list."),
        ("tenant_suspend", {"reason": TOO_LONG}, "The reason is too long: at most 500 characters."),
        ("tenant_suspend", {"reason": "   "}, "Give a reason: the owner sees it."),
        ("tenant_suspend", {}, "Give a reason: the owner sees it."),
    ],
)
def test_business_actions_refuse_a_bad_field(client, admin, business, name, data, names):
    tenant = business["tenant"]
    url = reverse(f"console:{name}", kwargs={"tenant_id": tenant.tenant_id})
    refused(client, "post", url, data, names=names)
    fresh = Tenant.get(tenant.tenant_id)
    assert (fresh.plan, fresh.subscription_status, fresh.is_suspended) == (
        tenant.plan,
        tenant.subscription_status,
        tenant.is_suspended,
    )


def test_a_refused_reason_is_kept_in_its_box(client, admin, business):
    url = reverse("console:tenant_suspend", kwargs={"tenant_id": business["tenant"].tenant_id})
    body = refused(
        client, "post", url, {"reason": "Fraud " + TOO_LONG}, names="The reason is too long"
    ).content.decode()
    assert f">Fraud {TOO_LONG}</textarea>" in body


def test_reactivation_refuses_a_too_long_note_and_takes_a_good_one(client, admin, business):
    tenant = business["tenant"]
    services.suspend_tenant(tenant.tenant_id, "Unpaid invoices", admin)
    url = reverse("console:tenant_reactivate", kwargs={"tenant_id": tenant.tenant_id})
    response = refused(client, "post", url, {"note": TOO_LONG}, names="The note is too long: at most 500 characters.")
    body = response.content.decode()
    assert f'value="{TOO_LONG}"' in body
    assert Tenant.get(tenant.tenant_id).is_suspended
    assert client.post(url, {"note": "  Paid   in full "}).status_code == 302
    assert not Tenant.get(tenant.tenant_id).is_suspended


@pytest.mark.parametrize(
    ("data", "names"),
    [({"reason": TOO_LONG}, "The reason is too long"), ({}, "Give a reason: the owner sees it.")],
)
def test_store_suspension_refuses_a_bad_reason(client, admin, business, data, names):
    store = business["store"]
    url = reverse("console:store_suspend", kwargs={"tenant_id": store.tenant_id, "store_id": store.store_id})
    refused(client, "post", url, data, names=names)
    assert Store.get(store.tenant_id, store.store_id).status == "PUBLISHED"


@pytest.mark.parametrize("name", ["tenant_plan", "tenant_subscription", "tenant_suspend", "tenant_reactivate"])
def test_an_empty_body_to_an_unknown_business_is_a_404(client, admin, name):
    assert client.post(reverse(f"console:{name}", kwargs={"tenant_id": UNKNOWN_TENANT}), {}).status_code == 404


# --- Actions on a person ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "names"),
    [
        ("user_active", {"active": "yes"}, "Choose the active switch from the list."),
        ("user_active", {}, "Choose the active switch from the list."),
        ("user_role", {"role": "KING"}, "Choose the role from the list."),
        ("user_role", {"role": "super_admin"}, "Choose the role from the list."),
        ("user_role", {}, "Choose the role from the list."),
    ],
)
def test_person_actions_refuse_a_bad_field(client, admin, business, name, data, names):
    owner = business["owner"]
    refused(client, "post", reverse(f"console:{name}", kwargs={"phone": owner.phone}), data, names=names)
    fresh = User.get(owner.phone)
    assert (fresh.role, fresh.is_active, fresh.session_version) == ("BUSINESS_OWNER", True, 0)


@pytest.mark.parametrize("name", ["user_active", "user_role"])
def test_an_empty_body_to_an_unknown_person_is_a_404(client, admin, name):
    assert client.post(reverse(f"console:{name}", kwargs={"phone": "+919999999999"}), {}).status_code == 404


# --- Lists and searches (query strings) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"plan": "GOLD"}, "Choose the plan from the list."),
        ({"status": "PENDING"}, "Choose the subscription status from the list."),
        ({"status": "a\x00b"}, "Choose the subscription status from the list."),
        ({"cursor": "9" * 5000}, "That page link is not valid any more."),
        ({"cursor": "not-a-cursor"}, "That page link is not valid any more."),
    ],
)
def test_the_businesses_list_refuses_a_bad_filter(client, admin, data, names):
    refused(client, "get", reverse("console:tenants"), data, names=names)
    partial = refused(
        client,
        "get",
        reverse("console:tenants"),
        data,
        names=names,
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="tenant-results",
    )
    assert "<html" not in partial.content.decode()


def test_the_businesses_search_is_cut_to_a_name_length_and_keeps_the_filters(client, admin, business):
    name = business["tenant"].business_name
    response = client.get(reverse("console:tenants"), {"q": name + " " * 3 + "y" * 500, "plan": "PRO"})
    assert response.status_code == 200
    assert response.context["q"] == (name + "   " + "y" * 500)[:120]
    response = client.get(reverse("console:tenants"), {"q": name.upper(), "plan": "PRO", "status": "ACTIVE"})
    body = response.content.decode()
    assert response.status_code == 200 and name in body
    assert '<option value="PRO" selected>' in body and '<option value="ACTIVE" selected>' in body


@pytest.mark.parametrize(
    ("phone", "names"),
    [
        ("12", "That phone number is not valid."),
        ("abcdefghij", "Enter a valid phone number"),
        ("9" * 40, "The phone number is too long: at most 32 characters."),
    ],
)
def test_the_people_search_refuses_a_bad_phone(client, admin, phone, names):
    body = refused(client, "get", reverse("console:users"), {"phone": phone}, names=names).content.decode()
    assert f'value="{phone}"' in body  # kept as typed


def test_the_people_search_finds_a_phone_typed_any_way_and_says_when_nobody_uses_it(client, admin):
    customer = make_customer(name="Priya")
    local = customer.phone[3:]
    response = client.get(reverse("console:users"), {"phone": f" +91 {local[:5]} {local[5:]} "})
    assert response.status_code == 302 and response["Location"].endswith(f"/users/{customer.phone}/")
    assert client.get(reverse("console:users"), {"phone": ""}).status_code == 200
    body = client.get(reverse("console:users"), {"phone": "098000 00017"}).content.decode()
    assert "No account uses +91 98000 00017." in body


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"tenant": "../../etc/passwd"}, "Enter a business id or its owner's phone number."),
        ({"tenant": "A" * 40}, "Enter a business id or its owner's phone number."),
        ({"tenant": "1234567"}, "That phone number is not valid."),
        ({"cursor": "not-a-cursor"}, "That page link is not valid any more."),
    ],
)
def test_the_audit_log_refuses_a_bad_filter(client, admin, data, names):
    refused(client, "get", reverse("console:audit"), data, names=names)


def test_the_audit_log_reads_a_business_id_an_owner_phone_or_the_platform(client, admin, business):
    tenant, owner = business["tenant"], business["owner"]
    services.change_plan(tenant.tenant_id, "ENTERPRISE", admin)
    customer = make_customer()
    services.set_user_active(customer.phone, False, admin)
    for query in (tenant.tenant_id, owner.phone[3:]):
        response = client.get(reverse("console:audit"), {"tenant": query})
        assert response.status_code == 200 and response.context["tenant"].tenant_id == tenant.tenant_id
        assert [e["item"].action for e in response.context["entries"]] == ["tenant.plan"]
    platform = client.get(reverse("console:audit"), {"tenant": "PLATFORM"})
    assert platform.status_code == 200
    entries = platform.context["entries"]
    assert customer.phone in {e["item"].target_id for e in entries}
    assert all(not e["concerns_business"] for e in entries)
    nobody = client.get(reverse("console:audit"), {"tenant": "+91 98000 00017"})
    assert nobody.status_code == 404 and "No account uses +91 98000 00017." in nobody.content.decode()
