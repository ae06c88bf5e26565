"""The shop's rules in a real browser: a pickup-only checkout, a closed shop saying when it opens, and a
shop that accepts orders by hand — accept one, reject one from the desk, and the new-order alert on an
open dashboard page within one polling interval."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.test_owner_orders import sign_in_browser
from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro import clock
from webdpro.demo import demo_config
from webdpro.orders.placement import Line, place_order
from webdpro.stores.schema import validate_config

pytestmark = pytest.mark.browser
WEEK = {day: [["07:00", "22:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def shop(tenant, **sections):
    config = demo_config("Rules Browser Shop")
    for key, value in sections.items():
        config[key] = {**config.get(key, {}), **value} if isinstance(config.get(key), dict) else value
    return make_store(tenant, name="Rules Browser Shop", config=validate_config(config))


def test_pickup_only_checkout_has_no_address_fields(new_page):
    _, tenant = make_owner()
    store = shop(tenant, delivery={"enabled": False, "pickup": True})
    make_product(store, name="Filter Coffee", price="90.00", stock=5)
    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    page.get_by_role("button", name="Add").first.click()
    page.wait_for_selector("#cart-badge[data-count='1']")
    page.goto(f"/s/{store.slug}/checkout/")
    assert page.locator("[name=delivery_address]").count() == 0 and page.locator("[name=pincode]").count() == 0
    assert page.locator("#pickup-note").is_visible()
    page.fill("[name=customer_name]", "Lakshmi")
    page.fill("[name=customer_phone]", random_phone()[3:])
    page.get_by_label("Cash on delivery").check()
    page.click("#place-order")
    page.wait_for_selector("#pickup-code")
    assert "Pickup at the shop" in page.content()
    errors.assert_none()


def test_checkout_totals_follow_the_delivery_or_pickup_choice(new_page):
    _, tenant = make_owner()
    store = shop(tenant, delivery={"enabled": True, "pickup": True, "fee": "30.00", "free_above": "0"})
    make_product(store, name="Masala Dosa Batter", price="90.00", stock=5)
    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    page.get_by_role("button", name="Add").first.click()
    page.wait_for_selector("#cart-badge[data-count='1']")
    page.goto(f"/s/{store.slug}/checkout/")
    page.get_by_label("Delivery to my address").check()
    expect(page.locator("#total-delivery")).to_be_visible()
    expect(page.locator("#total-delivery")).to_have_text("₹120.00")
    expect(page.locator("#total-pickup")).to_be_hidden()
    expect(page.locator("#place-order")).to_have_accessible_name("Place order · ₹120.00")
    page.get_by_label("I'll pick it up at the shop (no delivery fee)").check()
    expect(page.locator("#total-pickup")).to_be_visible()
    expect(page.locator("#total-pickup")).to_have_text("₹90.00")
    expect(page.locator("#total-delivery")).to_be_hidden()
    expect(page.locator("#place-order")).to_have_accessible_name("Place order · ₹90.00")
    errors.assert_none()


def test_closed_shop_shows_when_it_opens(new_page):
    _, tenant = make_owner()
    today = clock.local().date().isoformat()
    store = shop(tenant, hours={"week": WEEK, "holidays": [today], "outside": "refuse"})
    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    assert page.locator("#sf-hours").inner_text() == "Closed · opens 7 am tomorrow"
    errors.assert_none()


def _place(store, product, name):
    return place_order(
        store=store,
        lines=[Line(product.product_id, 1, Decimal(product.price))],
        customer_name=name,
        customer_phone=random_phone(),
        delivery_address="12 MG Road, Bengaluru",
        pincode="560001",
        payment_method="COD",
    ).order


def test_manual_acceptance_from_the_desk_and_the_new_order_alert(new_page, live_server, settings):
    settings.OWNER_ALERT_POLL_SECONDS = 2
    owner, tenant = make_owner(name="Farah")
    store = shop(tenant, orders={"acceptance": "manual", "alerts": "off"})
    rice = make_product(store, name="Sona Masoori 5kg", price="420.00", stock=10)
    page, errors = new_page()
    page.add_init_script(
        "window.__notified = []; window.Notification = function (title) { window.__notified.push(title); };"
        "window.Notification.permission = 'granted'; window.Notification.requestPermission = function () {};"
    )
    sign_in_browser(page, live_server, owner)
    page.goto("/dashboard/")
    page.locator("#nav-awaiting").wait_for(state="attached")
    first = _place(store, rice, "Anil")
    second = _place(store, rice, "Bina")
    alert = page.locator(".owner-alert").first
    alert.wait_for(timeout=2 * 2000 + 3000)  # within one polling interval (plus the request)
    assert "waiting for you to accept" in alert.inner_text()
    expect(page.locator("#nav-awaiting")).to_have_text("2", timeout=6000)
    for _ in range(30):  # the notifications come with the alerts (no string predicates: the CSP forbids eval)
        if len(page.evaluate("window.__notified")) == 2:
            break
        page.wait_for_timeout(200)
    assert len(page.evaluate("window.__notified")) == 2
    assert page.locator(".owner-alert").count() == 2

    page.goto("/dashboard/orders/")
    row = page.locator(f"#order-row-{first.order_id}")
    row.get_by_role("button", name="Accept").click()
    page.wait_for_selector(f"#order-row-{first.order_id} [data-status=CONFIRMED]")
    page.once("dialog", lambda dialog: dialog.accept("Out of rice today"))
    second_row = page.locator(f"#order-row-{second.order_id}")
    if not second_row.get_by_role("button", name="Reject").is_visible():
        second_row.locator("details.more summary").click()  # the desk keeps rarer actions under "More"
    second_row.get_by_role("button", name="Reject").click()
    page.wait_for_selector(f"#order-row-{second.order_id} [data-status=CANCELLED]")
    expect(page.locator("#nav-awaiting")).to_be_hidden(timeout=6000)
    from webdpro.db import Order, Product

    assert Order.get(second.order_id).cancel_reason == "Out of rice today"
    assert Product.get(store.store_id, rice.product_id).stock_quantity == 9
    errors.assert_none()
