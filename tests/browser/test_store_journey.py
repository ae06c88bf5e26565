"""The owner's main journey: one Hindi sentence → a Hindi grocery draft → new colour → published."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.helpers import make_owner, sign_in
from webdpro.db import Product
from webdpro.stores import selectors

pytestmark = pytest.mark.browser

PROMPT = "मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं"


def signed_in_context(page, live_server, user):
    client = sign_in(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_owner_generates_edits_and_publishes_a_hindi_store(new_page, live_server):
    owner, tenant = make_owner(name="Ramesh", business_name="गुप्ता किराना")
    page, errors = new_page()
    signed_in_context(page, live_server, owner)

    page.goto("/dashboard/stores/")
    page.get_by_role("link", name="+ New store").click()
    page.fill("#prompt", PROMPT)
    page.get_by_role("button", name="Generate my store").click()

    # Generation runs in the background; the page polls with htmx and reloads into the editor.
    page.wait_for_selector("#card-theme", state="attached", timeout=30_000)  # sections start folded
    store = selectors.list_stores(tenant.tenant_id)[0]
    assert store.status == "DRAFT" and store.store_type == "grocery" and store.language == "hi"
    assert "गुप्ता किराना" in page.locator("h1").inner_text()
    assert page.locator("#f-language").input_value() == "hi"
    assert "अनाज और दालें" in page.locator("#f-categories").input_value()
    assert page.locator("#f-title-categories").input_value() == "श्रेणी के अनुसार खरीदें"
    products = list(Product.query(store.store_id))
    assert len(products) >= 8 and not any(p.is_active for p in products)
    assert "hidden until you review" in page.locator("#card-publish").inner_text()
    assert f"/s/{store.slug}/?preview=" in page.locator("#preview-link").input_value()

    # A new main colour, saved with htmx (the page does not reload).
    page.evaluate("window.__same_page = true")
    page.locator("#section-theme > summary").click()
    page.locator("#f-primary").fill("#9d174d")
    page.get_by_role("button", name="Save colours").click()
    page.locator("#card-theme .alert-success").wait_for()
    assert page.evaluate("window.__same_page") is True
    fresh = selectors.get_store(tenant.tenant_id, store.store_id)
    assert fresh.config_dict["theme"]["primary"] == "#9d174d"

    # Publish: the FREE plan's one-time fee (₹199) is paid on the sandbox checkout, then the store is live.
    page.locator("#publish-button").click()
    page.wait_for_url("**/publish-fee/**")
    assert "SANDBOX" in page.content() and "₹199.00" in page.content()
    page.get_by_role("button", name="Pay ₹199.00 (sandbox)").click()
    page.wait_for_url(f"**/dashboard/stores/{store.store_id}/**")
    page.locator("#view-store").wait_for()
    live_url = f"https://{store.slug}.{settings.PLATFORM_DOMAIN}/"
    # The live server is not under PLATFORM_DOMAIN: "View store" opens the store here, at /s/<slug>/.
    assert page.locator("#view-store").get_attribute("href") == f"/s/{store.slug}/"
    assert page.locator("#live-url").get_attribute("href") == live_url
    assert page.locator("#publish-status").inner_text() == "Published"
    fresh = selectors.get_store(tenant.tenant_id, store.store_id)
    assert fresh.status == "PUBLISHED" and fresh.live_url == live_url and fresh.published_at
    errors.assert_none()

    # The live storefront itself is the storefront area's page.
    storefront = reverse("storefront:home", kwargs={"slug": store.slug})
    page.goto(storefront)
    assert "गुप्ता किराना" in page.content()
    errors.assert_none()
