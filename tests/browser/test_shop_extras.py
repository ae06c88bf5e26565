"""Issue 18 journeys on a phone: coupons (and, as they land, variants, invoices, the poster)."""

import re

import pytest
from pypdf import PdfReader

from tests.helpers import make_owner, make_product, make_store
from webdpro.coupons import services as coupons
from webdpro.db import Order

pytestmark = pytest.mark.browser


def test_customer_applies_a_coupon_and_sees_the_discount(new_page):
    _, tenant = make_owner()
    store = make_store(tenant, name="Coupon Kirana", slug="coupon-browser")
    make_product(store, name="Kaju 500 g", price="450.00", stock=10, category="Dry fruits")
    coupons.create_coupon(store, {"code": "KAJU10", "kind": "PERCENT", "value": "10", "max_discount": "30"})

    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    page.locator(".sf-card", has_text="Kaju 500 g").get_by_role("button", name=re.compile("Add")).click()
    page.wait_for_selector("#sf-toast:has-text('Added Kaju 500 g')")
    page.goto(f"/s/{store.slug}/cart/")
    page.get_by_label("Coupon code").fill("nope99")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_selector("#coupon_code_error:has-text('no code NOPE99')")
    page.get_by_label("Coupon code").fill("kaju10")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_selector("#discount-amount")
    assert page.locator("#discount-amount").inner_text() == "-₹30.00"  # 10 % = 45, capped at 30
    assert "₹450.00" in page.locator(".sf-total").inner_text()  # 450 - 30 + 30 delivery
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Checkout").click()
    page.get_by_label("Your name").fill("Meera")
    page.get_by_label("Mobile number").fill("98111 22334")
    page.get_by_label("Delivery address").fill("22 Temple Road, Mylapore, Chennai")
    page.get_by_label("PIN code").fill("600004")
    page.get_by_label("Cash on delivery").check()
    page.get_by_role("button", name=re.compile("Place order · ₹450.00")).click()
    page.wait_for_selector("text=Thank you! Your order is placed.")
    assert "Discount (KAJU10)" in page.locator(".sf-totals").inner_text()
    orders = list(Order.customer_index.query("+919811122334", filter_condition=Order.store_id == store.store_id))
    assert len(orders) == 1 and orders[0].discount == 30 and orders[0].coupon_code == "KAJU10"
    # The bill (this store is not GST-registered) downloads from the tracking page.
    page.goto(f"/s/{store.slug}/track/{orders[0].order_id}/")
    with page.expect_download() as download:
        page.locator("#invoice-download").click()
    path = download.value.path()
    text = PdfReader(path).pages[0].extract_text()
    assert "Bill of supply" in text and "KAJU10" in text and "₹450.00" in text
    assert all("status of 400" in e for e in errors), errors  # only the refused code's answer


def test_owner_prints_the_store_poster(new_page, live_server):
    from tests.browser.test_products_browser import browser_sign_in

    owner, tenant = make_owner()
    store = make_store(tenant, name="Poster Provisions", slug="poster-browser")
    page, errors = new_page(mobile=True)
    browser_sign_in(page, live_server, owner)
    page.goto(f"/dashboard/stores/{store.store_id}/")
    page.locator("#poster-link").click()
    page.locator("#poster-image").evaluate("img => img.decode()")  # wait for the PNG (no eval: the CSP forbids it)
    assert page.evaluate("document.getElementById('poster-image').naturalWidth") == 1240  # the PNG loaded
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    share = page.locator("#share-store").get_attribute("href")
    assert share.startswith("https://wa.me/?text=") and "poster-browser" in share
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; true")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.locator("#poster-image").is_visible() and not page.locator("#print-poster").is_visible()
    errors.assert_none()


def test_customer_chooses_a_variant_and_buys_it(new_page):
    from webdpro.db import Product
    from webdpro.products import variants

    _, tenant = make_owner()
    store = make_store(tenant, name="Variant Browser Store", slug="variant-browser")
    product = make_product(store, name="Cotton Kurta", price="499.00", stock=0, category="Clothes")
    rows = [
        {"opt_0": "M", "opt_1": "Blue", "price": "499", "stock": "3"},
        {"opt_0": "L", "opt_1": "Blue", "price": "549", "stock": "2"},
        {"opt_0": "L", "opt_1": "Red", "price": "549", "stock": "0"},
    ]
    product = variants.set_variants(store, product, ["Size", "Colour", ""], rows)
    large_blue = [v for v in variants.variants_of(product) if v.label == "L / Blue"][0]

    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    page.locator(".sf-card", has_text="Cotton Kurta").get_by_role("link", name=re.compile("Choose options")).click()
    picker = page.locator("#variant-picker")
    assert picker.get_by_label(re.compile("L / Red")).is_disabled()  # out of stock
    picker.get_by_label(re.compile("L / Blue")).check()
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_selector("#sf-toast:has-text('Added Cotton Kurta (L / Blue)')")
    page.goto(f"/s/{store.slug}/cart/")
    assert "Cotton Kurta (L / Blue)" in page.locator(".sf-lines").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Checkout").click()
    page.get_by_label("Your name").fill("Sana")
    page.get_by_label("Mobile number").fill("98450 11223")
    page.get_by_label("Delivery address").fill("12 Commercial Street, Bengaluru")
    page.get_by_label("PIN code").fill("560001")
    page.get_by_label("Cash on delivery").check()
    page.get_by_role("button", name=re.compile("Place order")).click()
    page.wait_for_selector("text=Thank you! Your order is placed.")
    assert "Cotton Kurta (L / Blue)" in page.locator(".sf-summary-lines").inner_text()
    after = Product.get(store.store_id, product.product_id, consistent_read=True)
    assert [v.stock for v in variants.variants_of(after)] == [3, 1, 0]
    assert large_blue.stock == 2
    errors.assert_none()
