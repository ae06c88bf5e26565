"""Switching a store's language offers to rewrite its generated text in the new language."""

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_owner, sign_in
from webdpro.db import Product
from webdpro.errors import Conflict, ValidationFailed
from webdpro.stores import selectors, services

PROMPT = "हमारी मिठाई की दुकान है, लड्डू, बर्फी और नमकीन बेचते हैं"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def inline_generation(settings):
    settings.STORE_GENERATION_ASYNC = False


@pytest.fixture
def owner_client(client):
    owner, tenant = make_owner(business_name="गुप्ता मिष्ठान")
    sign_in(client, owner)
    client.owner, client.tenant = owner, tenant
    return client


def new_store(client):
    response = client.post(reverse("owner:store_new"), {"prompt": PROMPT})
    assert response.status_code == 302
    return selectors.list_stores(client.tenant.tenant_id)[-1]


def url(name, store):
    return reverse(f"owner:{name}", kwargs={"store_id": store.store_id})


def products(store):
    return {p.product_id: p for p in Product.query(store.store_id)}


def test_switching_the_language_offers_to_rewrite_and_rewriting_keeps_the_owners_edits(owner_client):
    store = new_store(owner_client)
    assert store.store_type == "sweets" and store.language == "hi"
    page = owner_client.get(url("store_detail", store)).content.decode()
    assert "regenerate-offer" not in page  # text and language agree
    assert "Sweets &amp; namkeen" in page
    # The owner renames one product and rewrites the tagline, then switches the store to Bengali.
    before = products(store)
    own_id, own = next((pid, p) for pid, p in before.items() if p.name.startswith("काजू"))
    own.update(actions=[Product.name.set("स्पेशल काजू कतली")])
    config = services.store_config(store)
    response = owner_client.post(
        url("store_edit_basics", store),
        {
            "name": config["name"],
            "tagline": "1965 से शुद्ध देसी घी की मिठाइयाँ",
            "language": "bn",
            "categories": "\n".join(config["categories"]),
            "seo_title": config["seo"]["title"],
            "seo_description": config["seo"]["description"],
        },
        **HX,
    )
    card = response.content.decode()
    assert response.status_code == 200 and 'id="regenerate-offer"' in card
    assert "हिन्दी — Hindi" in card and "বাংলা — Bengali" in card
    store = selectors.get_store(store.tenant_id, store.store_id)
    with assert_max_calls(5):  # store, products Query, one transaction; then the page is reloaded
        response = owner_client.post(url("store_regenerate", store), {"language": "bn", "mode": "keep"}, **HX)
    assert response.status_code in (200, 204) and response["HX-Redirect"] == url("store_detail", store)
    store = selectors.get_store(store.tenant_id, store.store_id)
    config = services.store_config(store)
    assert store.language == "bn" and config["language"] == "bn"
    assert config["tagline"] == "1965 से शुद्ध देसी घी की मिठाइयाँ"  # the owner's own tagline is kept
    assert config["categories"] == ["মিষ্টি", "নোনতা", "উপহার বাক্স"]
    about = next(s for s in config["sections"] if s["type"] == "about")
    assert about["title"] == "আমাদের কথা"
    after = products(store)
    assert after[own_id].name == "स्पेशल काजू कतली"  # renamed by the owner: untouched
    renamed = [p for pid, p in after.items() if pid != own_id]
    assert all(any("\u0980" <= ch <= "\u09ff" for ch in p.name) for p in renamed)
    assert {p.category for p in renamed} <= set(config["categories"])
    assert all(p.description.endswith("বিক্রির আগে দেখে নিন।") for p in renamed)
    page = owner_client.get(url("store_detail", store)).content.decode()
    assert "regenerate-offer" not in page and "Your store&#x27;s text is now in বাংলা — Bengali" in page


def test_rewriting_everything_replaces_the_owners_text(owner_client):
    store = new_store(owner_client)
    config = services.store_config(store)
    config["tagline"] = "मेरी अपनी टैगलाइन"
    store = services.save_config(store, config, owner_client.owner)
    result = services.regenerate_content(store, "en", replace_edits=True, by=owner_client.owner)
    config = services.store_config(result.store)
    assert config["tagline"] == "Pure ghee mithai and crisp namkeen, made fresh daily"
    assert result.products == len(products(store))


def test_bad_language_and_stale_store_are_refused(owner_client):
    store = new_store(owner_client)
    response = owner_client.post(url("store_regenerate", store), {"language": "xx", "mode": "keep"}, **HX)
    assert response.status_code == 400 and "languages in the list" in response.content.decode()
    with pytest.raises(ValidationFailed) as info:
        services.regenerate_content(store, "ur", replace_edits=False)
    assert info.value.field == "language"
    stale = selectors.get_store(store.tenant_id, store.store_id)
    services.regenerate_content(store, "ta", replace_edits=False)
    with pytest.raises(Conflict):
        services.regenerate_content(stale, "te", replace_edits=False)
    assert selectors.get_store(store.tenant_id, store.store_id).language == "ta"


def test_another_owner_cannot_rewrite_the_store(owner_client, client):
    store = new_store(owner_client)
    other, _ = make_owner(phone="+919812345670")
    sign_in(client, other)
    response = client.post(url("store_regenerate", store), {"language": "en", "mode": "replace"})
    assert response.status_code == 404
    assert selectors.get_store(store.tenant_id, store.store_id).language == "hi"
