"""A Hindi sweet shop switches to Tamil on a phone: the editor offers to rewrite the generated text, and
"keep my changes" rewrites it in Tamil while the owner's own tagline stays."""

import os

import pytest

from tests.browser.test_store_journey import signed_in_context
from tests.helpers import make_owner
from webdpro.db import Product
from webdpro.stores import selectors, services

pytestmark = pytest.mark.browser

PROMPT = "हमारी मिठाई की दुकान है, लड्डू, बर्फी और नमकीन बेचते हैं"


def test_switching_a_sweet_shop_to_tamil_rewrites_its_text(new_page, live_server, settings):
    settings.STORE_GENERATION_ASYNC = False
    owner, tenant = make_owner(name="Suresh", business_name="गुप्ता मिष्ठान")
    store = services.create_store(tenant, PROMPT, owner)
    store = selectors.get_store(tenant.tenant_id, store.store_id)
    assert (store.store_type, store.language) == ("sweets", "hi")
    page, errors = new_page(mobile=True)
    signed_in_context(page, live_server, owner)
    page.goto(f"/dashboard/stores/{store.store_id}/", timeout=30_000)
    assert "Sweets & namkeen" in page.locator(".store-head").inner_text()
    assert page.locator("#regenerate-offer").count() == 0

    # The owner writes their own tagline and switches the store to Tamil.
    page.locator("#section-basics > summary").click()
    page.locator("#f-tagline").fill("1965 से शुद्ध देसी घी की मिठाइयाँ")
    page.locator("#f-language").select_option("ta")
    page.locator("#card-basics button[type=submit]", has_text="Save").click()
    offer = page.locator("#regenerate-offer")
    offer.wait_for()
    assert "हिन्दी — Hindi" in offer.inner_text() and "தமிழ் — Tamil" in offer.inner_text()
    box = page.get_by_role("button", name="Rewrite, keep my changes").bounding_box()
    assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/store-language-offer.png", full_page=True)

    page.get_by_role("button", name="Rewrite, keep my changes").click()
    page.locator(".alert-success", has_text="தமிழ் — Tamil").wait_for()
    assert page.locator("#regenerate-offer").count() == 0
    page.locator("#section-basics > summary").click()
    assert page.locator("#f-tagline").input_value() == "1965 से शुद्ध देसी घी की मिठाइयाँ"
    assert page.locator("#f-categories").input_value().splitlines() == ["இனிப்புகள்", "காரவகைகள்", "பரிசுப் பெட்டிகள்"]
    config = selectors.get_store(tenant.tenant_id, store.store_id).config_dict
    assert config["language"] == "ta"
    names = [p.name for p in Product.query(store.store_id)]
    assert names and all(any("\u0b80" <= ch <= "\u0bff" for ch in n) for n in names)
    page.screenshot(path="test-artifacts/store-language-tamil.png", full_page=True)
    errors.assert_none()
