"""A customer's journey on a phone: add two products, check out with cash on delivery, see it, track it."""

import re

import pytest

from tests.helpers import make_owner, make_product, make_store
from webdpro.db import Order, Product

pytestmark = pytest.mark.browser


def test_customer_buys_two_products_with_cod_and_tracks_the_order(new_page):
    _, tenant = make_owner()
    store = make_store(tenant, name="Gupta General Store", slug="gupta-browser")
    dal = make_product(store, name="Toor Dal 1 kg", price="165.00", stock=10, category="Staples")
    atta = make_product(store, name="Chakki Atta 5 kg", price="265.00", stock=3, category="Staples")
    make_product(store, name="Sold Out Ghee", price="329.00", stock=0, category="Staples")

    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    assert page.locator("h1").first.inner_text() == "Gupta General Store"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll at 390 px
    sold_out = page.locator(".sf-card", has_text="Sold Out Ghee")
    assert sold_out.get_by_role("button", name="Out of stock").is_disabled()

    # Add the dal from the home page (HTMX: the badge and the sticky cart bar update in place).
    page.locator(".sf-card", has_text="Toor Dal 1 kg").get_by_role("button", name=re.compile("Add")).click()
    page.wait_for_selector("#sf-toast:has-text('Added Toor Dal 1 kg')")
    assert page.locator("#cart-badge [aria-hidden]").inner_text() == "1"
    assert page.locator("#sf-cartbar").is_visible()

    # Open the atta's page, choose 2 and add.
    page.locator(".sf-card", has_text="Chakki Atta 5 kg").get_by_role("link", name="Chakki Atta 5 kg").click()
    page.get_by_label("Quantity").select_option("2")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_selector("#cart-badge[data-count='3']")

    page.locator("#sf-cartbar a").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    assert "₹695.00" in page.locator(".sf-totals").inner_text()  # 165 + 2 × 265, free delivery above ₹499
    page.get_by_role("link", name="Checkout").click()

    page.get_by_label("Your name").fill("Priya Nair")
    page.get_by_label("Mobile number").fill("98765 43210")
    page.get_by_label("Delivery address").fill("Flat 4B, Lake View Apartments, Indiranagar, Bengaluru")
    page.get_by_label("PIN code").fill("560038")
    page.get_by_label("Cash on delivery").check()
    page.get_by_role("button", name=re.compile("Place order")).click()

    page.wait_for_selector("text=Thank you! Your order is placed.")
    number = page.locator("#order-number").inner_text()
    assert re.fullmatch(r"#[0-9A-Z]{8}", number)
    orders = list(Order.customer_index.query("+919876543210", filter_condition=Order.store_id == store.store_id))
    assert len(orders) == 1 and orders[0].status == "CONFIRMED" and orders[0].payment_status == "COD_PENDING"
    assert Product.get(store.store_id, atta.product_id).stock_quantity == 1
    assert Product.get(store.store_id, dal.product_id).stock_quantity == 9
    assert page.locator("#cart-badge").get_attribute("data-count") == "0"

    # Track it: first directly (this session placed it), then by number + phone from a new phone.
    page.get_by_role("link", name="Track this order").click()
    assert "Confirmed" in page.locator("#order-status").inner_text()
    errors.assert_none()

    other, other_errors = new_page(mobile=True)
    other.goto(f"/s/{store.slug}/track/")
    other.get_by_label("Order number").fill(number)
    other.get_by_label("Mobile number used for the order").fill("9876543210")
    other.get_by_role("button", name="Find my order").click()
    other.wait_for_selector("#order-status")
    assert number in other.locator("h1").inner_text()
    assert "Chakki Atta 5 kg × 2" in other.locator(".sf-summary-lines").inner_text()
    other_errors.assert_none()
