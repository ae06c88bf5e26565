"""The super admin console (issue 10): tenants, plans, suspension, people, audit, overview."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import (
    assert_max_calls,
    make_agent,
    make_customer,
    make_order,
    make_owner,
    make_product,
    make_store,
    make_superadmin,
    random_phone,
    sign_in,
)
from webdpro import clock
from webdpro.db import AuditEntry, Order, PlatformStat, Store, Tenant, User
from webdpro.db.stats import ACTIVE, SUPERADMINS
from webdpro.errors import Conflict, DomainError, ValidationFailed
from webdpro.superadmin import rollup, selectors, services


@pytest.fixture
def admin(client):
    user = make_superadmin(name="Asha Admin")
    sign_in(client, user)
    return user


@pytest.fixture
def isolated_tables(dynamodb):
    """Fresh tables under their own prefix for one test (the super-admin set is platform-wide)."""
    from webdpro import db
    from webdpro.db import tables

    prefix = f"i{uuid.uuid4().hex[:8]}-"
    db.configure(host=dynamodb["endpoint"], prefix=prefix, retries=1)
    tables.create_tables(prefix, log=lambda m: None)
    try:
        yield prefix
    finally:
        tables.delete_tables(prefix)
        db.configure(host=dynamodb["endpoint"], prefix=dynamodb["prefix"], retries=1)


def audit_of(tenant_id):
    return list(AuditEntry.query(tenant_id, scan_index_forward=False))


def tenant_with(stores=(), plan="PRO", name=None):
    owner, tenant = make_owner(business_name=name or f"Biz {uuid.uuid4().hex[:6]}", plan=plan)
    made = [make_store(tenant, name=f"Store {i} ({status.lower()})", status=status) for i, status in enumerate(stores)]
    return owner, Tenant.get(tenant.tenant_id), made


# --- Pages and budgets ---------------------------------------------------------------------------


def test_every_console_page_renders_for_a_super_admin(client, admin):
    owner, tenant, stores = tenant_with(["PUBLISHED"])
    for url in [
        reverse("console:home"),
        reverse("console:tenants"),
        reverse("console:tenant", kwargs={"tenant_id": tenant.tenant_id}),
        reverse("console:users"),
        reverse("console:user", kwargs={"phone": owner.phone}),
        reverse("console:audit"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert (
        tenant.business_name
        in client.get(reverse("console:tenant", kwargs={"tenant_id": tenant.tenant_id})).content.decode()
    )


def test_unknown_tenant_and_user_are_404(client, admin):
    assert client.get(reverse("console:tenant", kwargs={"tenant_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"})).status_code == 404
    assert client.get(reverse("console:user", kwargs={"phone": "+919999999999"})).status_code == 404
    assert (
        client.post(
            reverse("console:tenant_suspend", kwargs={"tenant_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}), {"reason": "x"}
        ).status_code
        == 404
    )


def test_owner_agent_and_customer_get_403_on_console_actions(client):
    owner, tenant, stores = tenant_with(["PUBLISHED"])
    agent = make_agent(tenant)
    for user in (owner, agent, make_customer()):
        client.cookies.clear()
        sign_in(client, user)
        response = client.post(
            reverse("console:tenant_suspend", kwargs={"tenant_id": tenant.tenant_id}), {"reason": "takeover"}
        )
        assert response.status_code == 403
    assert Tenant.get(tenant.tenant_id).is_suspended is False
    assert Store.get(tenant.tenant_id, stores[0].store_id).status == "PUBLISHED"


def test_tenant_detail_is_a_fixed_number_of_calls(client, admin):
    owner, tenant, stores = tenant_with(["PUBLISHED", "DRAFT", "PAID"])
    product = make_product(stores[0])
    for _ in range(12):
        make_order(stores[0], [product])
    make_agent(tenant)
    url = reverse("console:tenant", kwargs={"tenant_id": tenant.tenant_id})
    client.get(url)
    with assert_max_calls(8):  # user, tenant, people, stores, orders, payments, audit (+1 spare)
        response = client.get(url)
    assert response.status_code == 200


# --- Tenants list ----------------------------------------------------------------------------------


def test_tenant_search_by_name_is_case_insensitive_and_by_phone_normalised(client, admin):
    marker = uuid.uuid4().hex[:8]
    owner, tenant = make_owner(business_name=f"Gupta Sweets {marker}")
    make_owner(business_name=f"Other {uuid.uuid4().hex[:6]}")
    response = client.get(reverse("console:tenants"), {"q": f"gupta SWEETS {marker.upper()}"})
    body = response.content.decode()
    assert f"Gupta Sweets {marker}" in body
    local = owner.phone[3:]  # "98765 43210"-style, no +91
    response = client.get(reverse("console:tenants"), {"q": f"{local[:5]} {local[5:]}"})
    assert f"Gupta Sweets {marker}" in response.content.decode()
    with assert_max_calls(2):  # phone search: User GetItem + Tenant GetItem, no Scan
        page = selectors.list_tenants(q="0" + local)
    assert [t.tenant_id for t in page.items] == [tenant.tenant_id]


def test_tenant_list_filters_by_plan_and_subscription(client, admin):
    marker = uuid.uuid4().hex[:8]
    _, pro = make_owner(business_name=f"Filter {marker} on-pro", plan="PRO")
    _, free = make_owner(business_name=f"Filter {marker} on-free")
    services.set_subscription_status(free.tenant_id, "EXPIRED", admin)
    names = lambda **kw: {t.business_name for t in selectors.list_tenants(q=f"filter {marker}", **kw).items}  # noqa: E731
    assert names(plan="PRO") == {f"Filter {marker} on-pro"}
    assert names(subscription="EXPIRED") == {f"Filter {marker} on-free"}
    assert names(plan="PRO", subscription="EXPIRED") == set()
    response = client.get(
        reverse("console:tenants"),
        {"plan": "PRO", "q": f"Filter {marker}"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="tenant-results",
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()  # the partial only
    assert client.get(reverse("console:tenants"), {"plan": "GOLD"}).status_code == 400


def test_tenant_list_paginates_with_a_signed_cursor(client, admin):
    marker = uuid.uuid4().hex[:8]
    made = {make_owner(business_name=f"Page {marker} {i}")[1].tenant_id for i in range(5)}
    seen, cursor, pages = [], None, 0
    while True:
        page = selectors.list_tenants(q=f"page {marker}", cursor=cursor, page_size=2)
        seen += [t.tenant_id for t in page.items]
        pages += 1
        cursor = page.next_cursor
        if not cursor:
            break
        assert pages < 50
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    first = selectors.list_tenants(page_size=1)
    assert first.next_cursor
    response = client.get(reverse("console:tenants"), {"cursor": first.next_cursor[:-3] + "xyz"})
    assert response.status_code == 400 and "not valid" in response.content.decode()


# --- Tenant detail: orders and GMV ---------------------------------------------------------------


def test_tenant_detail_sums_last_30_days_gmv_exactly_without_cancelled(client, admin):
    owner, tenant, stores = tenant_with(["PUBLISHED"])
    product = make_product(stores[0], price="100.10")
    kept = [make_order(stores[0], [product]) for _ in range(3)]  # 130.10 each
    make_order(stores[0], [product], status="CANCELLED")
    old = make_order(stores[0], [product])
    old.created_at = clock.iso(clock.now() - timedelta(days=40))
    old.save()
    activity = selectors.tenant_activity(tenant.tenant_id)
    assert activity.orders == 3 and activity.cancelled == 1
    assert activity.gmv == Decimal("390.30") and isinstance(activity.gmv, Decimal)
    assert sum(n for n, _ in activity.by_day.values()) == 3
    body = client.get(reverse("console:tenant", kwargs={"tenant_id": tenant.tenant_id})).content.decode()
    assert "₹390.30" in body and 'id="tenant-chart-data"' in body
    assert len(kept) == 3


# --- Plans ---------------------------------------------------------------------------------------


def test_plan_change_sets_max_stores_and_is_audited(client, admin):
    owner, tenant, _ = tenant_with(["PUBLISHED"], plan="FREE")
    response = client.post(
        reverse("console:tenant_plan", kwargs={"tenant_id": tenant.tenant_id}), {"plan": "ENTERPRISE"}
    )
    assert response.status_code == 302
    fresh = Tenant.get(tenant.tenant_id)
    assert (fresh.plan, fresh.max_stores) == ("ENTERPRISE", 25)
    entry = audit_of(tenant.tenant_id)[0]
    assert entry.action == "tenant.plan" and entry.actor_user_id == admin.user_id
    assert '"plan": "FREE"' in entry.before and '"plan": "ENTERPRISE"' in entry.after


def test_downgrade_below_store_count_is_refused_with_a_clear_message(client, admin):
    owner, tenant, _ = tenant_with(["PUBLISHED", "DRAFT", "PAID"], plan="PRO")
    response = client.post(reverse("console:tenant_plan", kwargs={"tenant_id": tenant.tenant_id}), {"plan": "FREE"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "has 3 stores; the Free plan allows 1" in body and "delete 2 stores" in body
    fresh = Tenant.get(tenant.tenant_id)
    assert (fresh.plan, fresh.max_stores) == ("PRO", 5)
    assert audit_of(tenant.tenant_id) == []


def test_downgrade_is_enforced_by_the_write_condition_not_a_prior_read(monkeypatch, admin):
    owner, tenant, _ = tenant_with(["PUBLISHED"], plan="PRO")
    real_get = selectors.get_tenant
    calls = []

    def stale_read(tenant_id):  # the owner opens a second store right after the console read
        result = real_get(tenant_id)
        if not calls:
            make_store(result, name="Raced in")
        calls.append(1)
        return result

    monkeypatch.setattr(selectors, "get_tenant", stale_read)
    with pytest.raises(services.DowngradeRefused, match="has 2 stores"):
        services.change_plan(tenant.tenant_id, "FREE", admin)
    assert Tenant.get(tenant.tenant_id).plan == "PRO"


def test_subscription_status_is_set_and_validated(client, admin):
    _, tenant, _ = tenant_with([], plan="PRO")
    url = reverse("console:tenant_subscription", kwargs={"tenant_id": tenant.tenant_id})
    assert client.post(url, {"status": "CANCELLED"}).status_code == 302
    assert Tenant.get(tenant.tenant_id).subscription_status == "CANCELLED"
    assert client.post(url, {"status": "BOGUS"}).status_code == 400
    assert audit_of(tenant.tenant_id)[0].action == "tenant.subscription"


# --- Suspension ----------------------------------------------------------------------------------


def test_suspend_and_reactivate_tenant_restores_every_previous_status(client, admin):
    owner, tenant, stores = tenant_with(["PUBLISHED", "DRAFT", "PAID", "GENERATING"], plan="PRO")
    alone = make_store(Tenant.get(tenant.tenant_id), name="Alone", status="PUBLISHED")
    services.suspend_store(tenant.tenant_id, alone.store_id, "Counterfeit goods", admin)
    agent = make_agent(tenant)
    url = reverse("console:tenant_suspend", kwargs={"tenant_id": tenant.tenant_id})
    assert client.post(url, {"reason": "  "}).status_code == 400  # a reason is required
    response = client.post(url, {"reason": "Unpaid invoices since October"})
    assert response.status_code == 302
    fresh = Tenant.get(tenant.tenant_id)
    assert fresh.is_suspended and fresh.suspension_reason == "Unpaid invoices since October"
    after = {s.store_id: s for s in Store.query(tenant.tenant_id)}
    for store in stores:
        s = after[store.store_id]
        assert (s.status, s.previous_status, s.suspension_reason) == (
            "SUSPENDED",
            store.status,
            "Unpaid invoices since October",
        )
    assert after[alone.store_id].suspension_reason == "Counterfeit goods"  # its own suspension is kept
    # The tenant's people are signed out (session_version bumped).
    assert User.get(owner.phone).session_version == 1 and User.get(agent.phone).session_version == 1
    # Idempotent: suspending again changes nothing.
    assert services.suspend_tenant(tenant.tenant_id, "Unpaid invoices since October", admin).changed is False

    response = client.post(reverse("console:tenant_reactivate", kwargs={"tenant_id": tenant.tenant_id}))
    assert response.status_code == 302
    fresh = Tenant.get(tenant.tenant_id)
    assert not fresh.is_suspended and fresh.suspension_reason is None
    restored = {s.store_id: s for s in Store.query(tenant.tenant_id)}
    for store in stores:
        s = restored[store.store_id]
        assert (s.status, s.previous_status, s.suspension_reason) == (store.status, None, None)
    assert restored[alone.store_id].status == "SUSPENDED"  # suspended on its own: stays so
    assert services.reactivate_tenant(tenant.tenant_id, admin).changed is False
    actions = [e.action for e in audit_of(tenant.tenant_id)]
    assert actions[:3] == ["tenant.reactivate", "tenant.suspend", "store.suspend"]


def test_tenant_suspension_goes_in_chunks_and_a_half_done_run_is_finished_by_a_retry(monkeypatch, admin):
    owner, tenant, stores = tenant_with(
        ["PUBLISHED", "DRAFT", "PAID", "PUBLISHED", "DRAFT", "PUBLISHED", "PAID"], plan="ENTERPRISE"
    )
    monkeypatch.setattr(services, "MAX_TRANSACTION_ITEMS", 3)
    import webdpro.superadmin.services as module

    real = module.transact_write
    count = {"n": 0}

    def crash_on_second(*args, **kwargs):
        count["n"] += 1
        if count["n"] == 2:
            raise RuntimeError("worker killed half-way")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "transact_write", crash_on_second)
    with pytest.raises(RuntimeError):
        services.suspend_tenant(tenant.tenant_id, "Fraud review", admin)
    partial = [s.status for s in Store.query(tenant.tenant_id)]
    assert Tenant.get(tenant.tenant_id).is_suspended and 0 < partial.count("SUSPENDED") < len(stores)
    monkeypatch.setattr(module, "transact_write", real)
    outcome = services.suspend_tenant(tenant.tenant_id, "Fraud review", admin)
    assert outcome.changed
    final = {s.store_id: s for s in Store.query(tenant.tenant_id)}
    assert all(s.status == "SUSPENDED" for s in final.values())
    assert {sid: s.previous_status for sid, s in final.items()} == {s.store_id: s.status for s in stores}
    services.reactivate_tenant(tenant.tenant_id, admin)
    assert {s.store_id: s.status for s in Store.query(tenant.tenant_id)} == {s.store_id: s.status for s in stores}


def test_a_store_changed_during_suspension_is_reread_not_overwritten(monkeypatch, admin):
    owner, tenant, stores = tenant_with(["DRAFT"], plan="PRO")
    real = selectors.tenant_stores
    state = {"first": True}

    def racing(tenant_id):  # the owner pays for the store between our read and our write
        result = real(tenant_id)
        if state.pop("first", False):
            Store(tenant_id, stores[0].store_id).update(actions=[Store.status.set("PAID")])
        return result

    monkeypatch.setattr(selectors, "tenant_stores", racing)
    services.suspend_tenant(tenant.tenant_id, "Review", admin)
    store = Store.get(tenant.tenant_id, stores[0].store_id)
    assert (store.status, store.previous_status) == ("SUSPENDED", "PAID")


def test_single_store_suspend_and_reactivate(client, admin):
    owner, tenant, stores = tenant_with(["PUBLISHED", "DRAFT"], plan="PRO")
    store = stores[1]
    url = reverse("console:store_suspend", kwargs={"tenant_id": tenant.tenant_id, "store_id": store.store_id})
    assert client.post(url, {"reason": "Prohibited items listed"}).status_code == 302
    s = Store.get(tenant.tenant_id, store.store_id)
    assert (s.status, s.previous_status, s.suspension_reason) == ("SUSPENDED", "DRAFT", "Prohibited items listed")
    assert Store.get(tenant.tenant_id, stores[0].store_id).status == "PUBLISHED"
    # The owner sees the reason on their dashboard.
    sign_in(client, owner)
    body = client.get(reverse("owner:home")).content.decode()
    assert "Prohibited items listed" in body and "suspended" in body
    sign_in(client, admin)
    # While the business is suspended the store cannot come back on its own.
    services.suspend_tenant(tenant.tenant_id, "Billing", admin)
    response = client.post(
        reverse("console:store_reactivate", kwargs={"tenant_id": tenant.tenant_id, "store_id": store.store_id})
    )
    assert response.status_code == 409 and "Reactivate the business first" in response.content.decode()
    services.reactivate_tenant(tenant.tenant_id, admin)
    assert Store.get(tenant.tenant_id, store.store_id).status == "SUSPENDED"  # its own suspension stays
    assert Store.get(tenant.tenant_id, stores[0].store_id).status == "PUBLISHED"
    response = client.post(
        reverse("console:store_reactivate", kwargs={"tenant_id": tenant.tenant_id, "store_id": store.store_id})
    )
    assert response.status_code == 302
    s = Store.get(tenant.tenant_id, store.store_id)
    assert (s.status, s.previous_status, s.suspension_reason) == ("DRAFT", None, None)
    assert [e.action for e in audit_of(tenant.tenant_id)][0] == "store.reactivate"


def test_store_of_another_tenant_is_404(client, admin):
    _, tenant_a, stores_a = tenant_with(["PUBLISHED"])
    _, tenant_b, _ = tenant_with(["PUBLISHED"])
    url = reverse("console:store_suspend", kwargs={"tenant_id": tenant_b.tenant_id, "store_id": stores_a[0].store_id})
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert Store.get(tenant_a.tenant_id, stores_a[0].store_id).status == "PUBLISHED"


# --- People --------------------------------------------------------------------------------------


def test_find_user_by_phone_in_any_format(client, admin):
    customer = make_customer(name="Priya")
    local = customer.phone[3:]
    response = client.get(reverse("console:users"), {"phone": f"0{local[:5]}-{local[5:]}"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "console:user", kwargs={"phone": customer.phone}
    )
    assert client.get(reverse("console:users"), {"phone": "12"}).status_code == 400
    assert "No account uses" in client.get(reverse("console:users"), {"phone": "+91 98000 00017"}).content.decode()


def test_deactivate_signs_the_user_out_and_reactivate_lets_them_back(client, admin):
    from django.test import Client

    owner, tenant, _ = tenant_with(["PUBLISHED"])
    theirs = sign_in(Client(), owner)
    assert theirs.get(reverse("owner:home")).status_code == 200
    assert (
        client.post(reverse("console:user_active", kwargs={"phone": owner.phone}), {"active": "0"}).status_code == 302
    )
    user = User.get(owner.phone)
    assert user.is_active is False and user.session_version == 1
    assert theirs.get(reverse("owner:home")).status_code == 302  # signed out
    assert (
        client.post(reverse("console:user_active", kwargs={"phone": owner.phone}), {"active": "1"}).status_code == 302
    )
    assert User.get(owner.phone).is_active is True
    assert [e.action for e in audit_of(tenant.tenant_id)][:2] == ["user.reactivate", "user.deactivate"]


def test_change_role_respects_tenant_membership(client, admin):
    owner, tenant, _ = tenant_with([])
    agent = make_agent(tenant)
    url = reverse("console:user_role", kwargs={"phone": agent.phone})
    assert client.post(url, {"role": "CUSTOMER"}).status_code == 400
    assert client.post(url, {"role": "BUSINESS_OWNER"}).status_code == 302
    fresh = User.get(agent.phone)
    assert fresh.role == "BUSINESS_OWNER" and fresh.session_version == 1
    customer = make_customer()
    assert (
        client.post(
            reverse("console:user_role", kwargs={"phone": customer.phone}), {"role": "DELIVERY_AGENT"}
        ).status_code
        == 400
    )
    entry = audit_of("PLATFORM")
    assert all(e.target_id != customer.phone for e in entry)  # refused: nothing recorded


def test_the_last_super_admin_cannot_be_demoted_or_deactivated(isolated_tables, client):
    only = make_superadmin(name="Only One")
    sign_in(client, only)
    response = client.post(reverse("console:user_role", kwargs={"phone": only.phone}), {"role": "CUSTOMER"})
    assert response.status_code == 409 and "last active super admin" in response.content.decode()
    response = client.post(reverse("console:user_active", kwargs={"phone": only.phone}), {"active": "0"})
    assert response.status_code == 409 and "last active super admin" in response.content.decode()
    assert User.get(only.phone).role == "SUPER_ADMIN" and User.get(only.phone).is_active
    # With a second super admin (promoted in the console), one of them may go.
    customer = make_customer(name="Next Admin")
    assert (
        client.post(reverse("console:user_role", kwargs={"phone": customer.phone}), {"role": "SUPER_ADMIN"}).status_code
        == 302
    )
    assert PlatformStat.get(SUPERADMINS, ACTIVE).phones == {only.phone, customer.phone}
    assert client.post(reverse("console:user_active", kwargs={"phone": only.phone}), {"active": "0"}).status_code == 302
    assert PlatformStat.get(SUPERADMINS, ACTIVE).phones == {customer.phone}
    sign_in(client, User.get(customer.phone))
    body = client.get(reverse("console:users")).content.decode()
    listed = body.split('class="superadmins"')[1].split("</ul>")[0]
    assert "Next Admin" in listed and "Only One" not in listed
    entry = AuditEntry.query("PLATFORM", scan_index_forward=False).next()
    assert entry.action == "user.deactivate" and '"is_active": false' in entry.after
    with pytest.raises(services.LastSuperAdmin):
        services.change_role(customer.phone, "CUSTOMER", User.get(customer.phone))


def test_two_concurrent_demotions_leave_one_super_admin(isolated_tables):
    a, b = make_superadmin(name="A"), make_superadmin(name="B")
    services.sync_superadmin_registry({a.phone, b.phone})
    barrier = threading.Barrier(2)
    results = {}

    def demote(actor, target):
        barrier.wait()
        try:
            results[target.phone] = services.change_role(target.phone, "CUSTOMER", actor).changed
        except DomainError as exc:
            results[target.phone] = exc

    threads = [threading.Thread(target=demote, args=(a, b)), threading.Thread(target=demote, args=(b, a))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    successes = [phone for phone, result in results.items() if result is True]
    assert len(successes) <= 1, results
    active = [u for u in (User.get(a.phone), User.get(b.phone)) if u.role == "SUPER_ADMIN" and u.is_active]
    assert len(active) >= 1
    assert PlatformStat.get(SUPERADMINS, ACTIVE).phones == {u.phone for u in active}
    for result in results.values():
        if result is not True:
            assert isinstance(result, (services.LastSuperAdmin, Conflict))


def test_registry_is_rebuilt_from_users_when_missing(isolated_tables):
    a, b = make_superadmin(name="A"), make_superadmin(name="B")
    assert services.change_role(b.phone, "CUSTOMER", a).changed
    assert PlatformStat.get(SUPERADMINS, ACTIVE).phones == {a.phone}


# --- Audit log -----------------------------------------------------------------------------------


def test_audit_log_filters_by_tenant_newest_first_and_paginates(client, admin):
    owner, tenant, stores = tenant_with(["PUBLISHED"], plan="FREE")
    _, other, _ = tenant_with([], plan="FREE")
    services.change_plan(tenant.tenant_id, "PRO", admin)
    services.set_subscription_status(tenant.tenant_id, "EXPIRED", admin)
    services.suspend_store(tenant.tenant_id, stores[0].store_id, "Listing review", admin)
    services.change_plan(other.tenant_id, "PRO", admin)
    page = selectors.audit_page(tenant.tenant_id, page_size=2)
    assert [e.action for e in page.items] == ["store.suspend", "tenant.subscription"]
    rest = selectors.audit_page(tenant.tenant_id, cursor=page.next_cursor, page_size=2)
    assert [e.action for e in rest.items] == ["tenant.plan"] and rest.next_cursor is None
    with pytest.raises(ValidationFailed):
        selectors.audit_page(other.tenant_id, cursor=page.next_cursor)  # a cursor is bound to its filter
    with assert_max_calls(3):
        body = client.get(reverse("console:audit"), {"tenant": tenant.tenant_id}).content.decode()
    assert "Listing review" in body and other.business_name not in body
    by_phone = client.get(reverse("console:audit"), {"tenant": owner.phone[3:]}).content.decode()  # owner's phone
    assert "Listing review" in by_phone and other.business_name not in by_phone
    feed = selectors.audit_page(page_size=50)
    ids = [e.audit_id for e in feed.items]
    assert ids == sorted(ids, reverse=True)
    assert {tenant.tenant_id, other.tenant_id} <= {e.tenant_id for e in feed.items}


# --- Overview ------------------------------------------------------------------------------------


def test_overview_reads_rollups_only_and_refresh_recomputes(client, admin):
    _, tenant, stores = tenant_with(["PUBLISHED"], plan="ENTERPRISE")
    product = make_product(stores[0], price="250.00")
    before = rollup.compute()
    make_order(stores[0], [product])
    make_order(stores[0], [product], status="CANCELLED")
    response = client.post(reverse("console:refresh"))
    assert response.status_code == 302
    after = rollup.compute()
    today = max(after["daily"])
    assert after["daily"][today]["orders"] - before["daily"][today]["orders"] == 1
    assert after["daily"][today]["gmv"] - before["daily"][today]["gmv"] == Decimal("280.00")
    assert after["daily"][today]["cancelled"] - before["daily"][today]["cancelled"] == 1
    with assert_max_calls(4):  # session user, DAILY Query, SNAPSHOT GetItem, stuck transfers Query — any platform size
        response = client.get(reverse("console:home"))
    body = response.content.decode()
    assert response.status_code == 200 and 'id="platform-chart-data"' in body
    data = selectors.overview()
    assert data.counts("tenants_by_plan")["ENTERPRISE"] >= 1 and data.counts("stores_by_status")["PUBLISHED"] >= 1
    assert f'data-plan="ENTERPRISE">{data.counts("tenants_by_plan")["ENTERPRISE"]}<' in body
    stored = PlatformStat.get("DAILY", today.isoformat())
    assert stored.gmv >= Decimal("280.00") and isinstance(stored.gmv, Decimal)


def test_rollup_command_runs(capsys):
    from django.core.management import call_command

    call_command("rollup_platform_stats", "--days", "7")
    assert "rollup:" in capsys.readouterr().out


def test_orders_older_than_the_window_are_not_in_the_rollup():
    _, tenant, stores = tenant_with(["PUBLISHED"])
    product = make_product(stores[0], price="999.00")
    order = make_order(stores[0], [product])
    order.created_at = clock.iso(clock.now() - timedelta(days=45))
    order.save()
    figures = rollup.compute()
    assert len(figures["daily"]) == 30
    assert Order.get(order.order_id).created_at < min(figures["daily"]).isoformat()
    assert random_phone().startswith("+91")


def test_user_page_is_a_fixed_number_of_calls(client, admin):
    owner, tenant, _ = tenant_with(["PUBLISHED"])
    url = reverse("console:user", kwargs={"phone": owner.phone})
    with assert_max_calls(3):  # session user, the person, their business
        response = client.get(url)
    assert response.status_code == 200 and tenant.business_name in response.content.decode()


def test_a_store_suspended_on_its_own_during_a_business_suspension_stays_suspended(admin):
    owner, tenant, stores = tenant_with(["PUBLISHED", "PAID"], plan="PRO")
    services.suspend_tenant(tenant.tenant_id, "Billing", admin)
    services.suspend_store(tenant.tenant_id, stores[1].store_id, "Fake reviews", admin)
    s = Store.get(tenant.tenant_id, stores[1].store_id)
    assert (s.status, s.previous_status, s.suspension_reason, s.suspended_with_tenant) == (
        "SUSPENDED",
        "PAID",
        "Fake reviews",
        None,
    )
    services.reactivate_tenant(tenant.tenant_id, admin)
    assert Store.get(tenant.tenant_id, stores[0].store_id).status == "PUBLISHED"
    assert Store.get(tenant.tenant_id, stores[1].store_id).status == "SUSPENDED"
    services.reactivate_store(tenant.tenant_id, stores[1].store_id, admin)
    assert Store.get(tenant.tenant_id, stores[1].store_id).status == "PAID"
