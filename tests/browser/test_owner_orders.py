"""The owner's order journey in a real browser: move an order on the desk with HTMX, read its timeline."""

import pytest

from tests.helpers import make_order, make_owner, make_product, make_store

pytestmark = pytest.mark.browser


def sign_in_browser(page, live_server, user):
    """Set the signed session cookie in the browser context (what sign-in would do)."""
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from dashboard.auth import SESSION_PHONE, SESSION_VERSION

    store = SessionStore()
    store[SESSION_PHONE] = user.phone
    store[SESSION_VERSION] = user.session_version or 0
    store.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": live_server.url}]
    )


def test_owner_prepares_an_order_on_the_desk_and_sees_the_timeline(new_page, live_server):
    owner, tenant = make_owner(name="Meera")
    store = make_store(tenant, name="Main Bazaar")
    order = make_order(store, [make_product(store, name="Toor Dal 1kg")], status="CONFIRMED")
    page, errors = new_page()
    sign_in_browser(page, live_server, owner)
    page.goto("/dashboard/orders/")
    row = page.locator(f"#order-row-{order.order_id}")
    assert row.locator("[data-status]").inner_text() == "Confirmed"
    row.get_by_role("button", name="Start preparing").click()
    page.wait_for_selector(f"#order-row-{order.order_id} [data-status=PREPARING]")
    row = page.locator(f"#order-row-{order.order_id}")
    assert row.locator("[data-status]").inner_text() == "Preparing"
    assert row.get_by_role("button", name="Start preparing").count() == 0  # no way to repeat the step
    assert page.url.endswith("/dashboard/orders/")  # swapped in place, no reload
    row.get_by_role("link", name=f"#{order.order_id[-8:]}").click()
    page.wait_for_selector(".timeline")
    steps = page.locator(".timeline-step").all_inner_texts()
    assert len(steps) == 2 and "Confirmed" in steps[0] and "Preparing" in steps[1] and "by Meera" in steps[1]
    assert "Toor Dal 1kg" in page.content()
    errors.assert_none()


def test_the_desk_poll_after_the_session_ended_loads_the_sign_in_page(new_page, live_server):
    """The desk polls with HTMX; once the session is gone, the poll's answer (HX-Redirect on a 200) makes the
    browser load sign-in as a full page, instead of swapping the sign-in page into the order table."""
    owner, tenant = make_owner(name="Meera")
    make_store(tenant, name="Main Bazaar")
    page, errors = new_page()
    sign_in_browser(page, live_server, owner)
    page.goto("/dashboard/orders/?status=CONFIRMED")
    page.wait_for_selector("#order-poller", state="attached")
    page.context.clear_cookies()
    # The request the 15 s timer sends: the poller's GET, from the poller, into the order rows.
    page.evaluate(
        """() => { const el = htmx.find('#order-poller');
        htmx.ajax('GET', el.getAttribute('hx-get'), {source: el, target: '#order-rows', swap: 'afterbegin'}); }"""
    )
    page.wait_for_url("**/accounts/signin/**")
    assert "next=%2Fdashboard%2Forders%2F%3Fstatus%3DCONFIRMED" in page.url
    assert page.locator("#order-poller").count() == 0  # a whole new page, not a fragment in the desk
