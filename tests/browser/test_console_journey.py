"""Acceptance (issue 10): a super admin suspends a tenant; its storefront answers 503 and its owner
cannot publish; reactivation restores every store to its previous status."""

import pytest
from django.urls import reverse

from tests.helpers import make_order, make_owner, make_product, make_store, make_superadmin
from webdpro.db import Store, Tenant

pytestmark = pytest.mark.browser


def signed_in(new_page, live_server, user):
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from dashboard.auth import SESSION_PHONE, SESSION_VERSION

    page, errors = new_page()
    session = SessionStore()
    session[SESSION_PHONE] = user.phone
    session[SESSION_VERSION] = user.session_version or 0
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm prompts
    return page, errors


def test_super_admin_suspends_and_reactivates_a_tenant(new_page, live_server):
    admin = make_superadmin(name="Asha Admin")
    owner, tenant = make_owner(name="Ravi", business_name="Ravi Fresh Mart", plan="PRO")
    published = make_store(tenant, name="Ravi Fresh Mart", status="PUBLISHED")
    draft = make_store(tenant, name="Ravi Bakery", status="DRAFT")
    paid = make_store(tenant, name="Ravi Pharmacy", status="PAID")
    make_order(published, [make_product(published, price="240.00")])
    before = {s.store_id: s.status for s in (published, draft, paid)}

    page, errors = signed_in(new_page, live_server, admin)
    page.goto("/console/")
    assert page.locator("h1").inner_text() == "Platform overview"
    page.goto("/console/tenants/")
    page.fill("#q", "ravi fresh")
    page.click("button:has-text('Search')")
    page.click("a:has-text('Ravi Fresh Mart')")
    assert page.locator("#tenant-name").inner_text() == "Ravi Fresh Mart"
    assert page.locator("#stat-stores").inner_text() == "3 / 5"
    assert page.locator("#stat-gmv").inner_text() == "₹270.00"

    page.fill("#reason", "KYC documents expired. Upload them to continue selling.")
    page.click("button:has-text('Suspend business')")
    page.wait_for_selector("#tenant-suspended")
    assert "KYC documents expired" in page.locator(".alert-error").first.inner_text()
    assert page.locator(".store-status").all_inner_texts() == ["Suspended"] * 3
    stores = {s.store_id: s for s in Store.query(tenant.tenant_id)}
    assert {sid: s.status for sid, s in stores.items()} == dict.fromkeys(before, "SUSPENDED")
    assert {sid: s.previous_status for sid, s in stores.items()} == before
    assert Tenant.get(tenant.tenant_id).is_suspended

    # The owner cannot publish a SUSPENDED store.
    from webdpro.errors import DomainError
    from webdpro.stores.services import publish

    with pytest.raises(DomainError):
        publish(Store.get(tenant.tenant_id, paid.store_id), owner)
    assert Store.get(tenant.tenant_id, paid.store_id).status == "SUSPENDED"

    # Its storefront answers 503 "temporarily unavailable".
    storefront_url = reverse("storefront:home", kwargs={"slug": published.slug})
    visitor, _ = new_page(mobile=True)
    response = visitor.goto(storefront_url)
    assert response.status == 503
    assert "unavailable" in visitor.content().lower()

    page.click("button:has-text('Reactivate business')")
    page.wait_for_selector("#tenant-suspended", state="detached")
    assert page.locator(".store-status").all_inner_texts() == ["Published", "Draft", "Paid, not yet published"]
    assert {s.store_id: s.status for s in Store.query(tenant.tenant_id)} == before
    assert not Tenant.get(tenant.tenant_id).is_suspended

    page.goto(f"/console/audit/?tenant={tenant.tenant_id}")
    actions = page.locator(".audit-entry").evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert actions == ["tenant.reactivate", "tenant.suspend"]
    # Reactivated: the storefront is back.
    response = visitor.goto(storefront_url)
    assert response.status == 200
    errors.assert_none()
