"""The delivery journey in Chromium on a phone-sized screen: the owner assigns a COD order, the agent
picks it up, shares location, enters the delivery code and the cash, and the owner sees it delivered."""

import re

import pytest

from tests.helpers import make_agent, make_order, make_owner, make_product, make_store

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user):
    """The same signed-cookie session tests.helpers.sign_in builds, put into the browser context."""
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


def _tile_png():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (230, 236, 230)).save(buf, format="PNG")
    return buf.getvalue()


def _shot(page, name):
    """Screenshots for a human look (DELIVERY_SCREENSHOTS=1): test-artifacts/<name>.png."""
    import os

    if os.environ.get("DELIVERY_SCREENSHOTS"):
        os.makedirs("test-artifacts", exist_ok=True)
        page.screenshot(path=f"test-artifacts/{name}.png", full_page=True)


def test_agent_delivers_a_cod_order_on_a_phone_and_the_owner_sees_it(new_page, live_server):
    from webdpro import sms

    owner, tenant = make_owner(name="Ramesh")
    store = make_store(tenant, name="Sharma Kirana")
    product = make_product(store, name="Toor Dal 1 kg", price="250.00")
    order = make_order(store, [product], status="CONFIRMED", payment_method="COD")
    agent = make_agent(tenant, name="Vijay")

    # The owner assigns the order from the deliveries page (HTMX form).
    owner_page, owner_errors = new_page()
    _sign_in(owner_page, live_server, owner)
    owner_page.goto("/dashboard/deliveries/")
    row = owner_page.locator('[data-testid="unassigned-row"]', has_text=order.order_id[-8:])
    row.locator("select[name=agent_id]").select_option(label="Vijay")
    row.get_by_role("button", name="Assign").click()
    owner_page.get_by_text(f"Order {order.order_id[-8:]} assigned to Vijay.").wait_for()

    # The agent, on a 360 px phone with location allowed.
    page, errors = new_page(mobile=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 12.971599, "longitude": 77.594566, "accuracy": 20})
    _sign_in(page, live_server, agent)
    page.goto("/agent/")
    card = page.locator('[data-testid="delivery-card"]', has_text="₹280.00")
    card.click()
    assert page.locator('[data-testid="cod-due"]').inner_text().replace("\n", " ").endswith("₹280.00")
    assert page.locator("a[href^='tel:']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Picked up").click()
    page.get_by_text("The customer got a 4-digit delivery code by SMS").wait_for()
    page.get_by_role("button", name=re.compile("Start trip")).click()
    page.get_by_text("Sharing your location with the store").wait_for()
    _shot(page, "agent-in-transit")

    # The same page on a phone where location is not allowed: a clear note, the delivery still works.
    denied, denied_errors = new_page(mobile=True)
    _sign_in(denied, live_server, agent)
    denied.goto(page.url)
    denied.get_by_text("Location permission denied").wait_for()
    assert denied.locator('[data-testid="location-status"]').get_attribute("data-state") == "off"
    denied_errors.assert_none()
    denied.context.close()

    # While in transit the owner sees the agent on the map (tiles served locally by the test).
    owner_page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=_tile_png()),
    )
    owner_page.goto("/dashboard/deliveries/")
    owner_page.locator("#delivery-map .leaflet-marker-icon").wait_for()
    assert owner_page.locator("#delivery-map .leaflet-marker-icon").count() == 1
    _shot(owner_page, "owner-map")

    code = next(
        re.search(r"delivery code is (\d{4})", m["body"]).group(1)
        for m in reversed(sms.outbox)
        if m["to"] == order.customer_phone and "delivery code" in m["body"]
    )
    # A wrong code first: refused, still in transit.
    page.locator("#code").fill("0000" if code != "0000" else "1111")
    page.locator("#amount").fill("280")
    page.get_by_role("button", name="Delivered").click()
    assert "That delivery code is wrong" in page.locator('[data-testid="step-error"]').inner_text()
    assert page.locator('[data-testid="delivery-status"]').inner_text() == "In transit"
    page.locator("#code").fill(code)
    page.locator("#amount").fill("280")
    page.get_by_role("button", name="Delivered").click()
    page.get_by_text("Cash ₹280.00 recorded").wait_for()
    assert "Cash collected: ₹280.00" in page.locator('[data-testid="delivered-summary"]').inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, "agent-delivered")
    # The only console error allowed is the browser's note about the expected 422 (wrong code) page.
    assert [e for e in errors if "status of 422" not in e] == [], errors

    # The owner sees it delivered with the cash recorded and the last location.
    owner_page.goto("/dashboard/deliveries/")
    row = owner_page.locator('[data-testid="delivery-row"]', has_text=order.order_id[-8:])
    assert row.locator('[data-testid="delivery-status"]').inner_text() == "Delivered"
    assert row.locator('[data-testid="cash-recorded"]').inner_text() == "Cash ₹280.00"
    assert "12.971599, 77.594566" in row.inner_text()
    _shot(owner_page, "owner-deliveries")
    owner_errors.assert_none()
