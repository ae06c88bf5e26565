"""No Content-Security-Policy violation anywhere on the main journeys (owner, agent, customer, console).

Chromium reports each blocked script, handler, eval, frame or image on the console; the walk collects
every console message and ``securitypolicyviolation`` event and fails on any."""

from __future__ import annotations

import pytest

from tests.helpers import make_agent, make_order, make_owner, make_product, make_store, make_superadmin
from webdpro.ids import new_id
from webdpro.payments import access

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user):
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from dashboard.auth import SESSION_PHONE, SESSION_VERSION

    page.context.clear_cookies()
    if user is None:
        return
    store = SessionStore()
    store[SESSION_PHONE] = user.phone
    store[SESSION_VERSION] = user.session_version or 0
    store.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": live_server.url}]
    )


def _watch(page):
    seen = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_main_journeys_have_no_csp_violations(new_page, live_server):
    owner, tenant = make_owner(name="Csp Owner")
    store = make_store(tenant, name="Csp Store", slug=f"csp-{new_id()[-6:].lower()}")
    product = make_product(store, name="Csp Dal", stock=20)
    order = make_order(store, [product], status="CONFIRMED")
    agent = make_agent(tenant, name="Csp Agent")
    unpaid = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI")
    page, _ = new_page()
    violations = _watch(page)
    visits = {
        owner: [
            "/dashboard/",
            "/dashboard/stores/",
            "/dashboard/stores/new/",
            f"/dashboard/stores/{store.store_id}/",
            f"/dashboard/stores/{store.store_id}/products/",
            "/dashboard/orders/",
            f"/dashboard/orders/{order.order_id}/",
            f"/dashboard/orders/{order.order_id}/slip/",
            "/dashboard/deliveries/",
            "/dashboard/agents/",
            "/dashboard/payments/",
            "/dashboard/billing/",
        ],
        agent: ["/agent/"],
        make_superadmin(): ["/console/", "/console/tenants/", f"/console/tenants/{tenant.tenant_id}/"],
        None: [
            "/",
            "/accounts/signin/",
            "/accounts/signup/",
            f"/s/{store.slug}/",
            f"/s/{store.slug}/p/{product.product_id}/",
            access.signed_pay_url(unpaid.order_id),
        ],
    }
    opened = []
    for user, urls in visits.items():
        _sign_in(page, live_server, user)
        for url in urls:
            response = page.goto(url)
            page.wait_for_load_state("load")
            opened.append((url, response.status if response else None))
    # The customer's journey: cart, checkout, the pay page (sandbox Checkout).
    page.goto(f"/s/{store.slug}/p/{product.product_id}/")
    page.get_by_role("button", name="Add to cart").first.click()
    page.goto(f"/s/{store.slug}/checkout/")
    page.wait_for_load_state("load")
    assert all(status and status < 500 for _, status in opened), opened
    assert not violations, "\n".join(violations)
