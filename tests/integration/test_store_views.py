"""The owner's store pages through the Django test client: create, progress, edit, domains, publish."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_owner, make_store, make_superadmin, sign_in
from webdpro.accounts import plans
from webdpro.db import Product, Store
from webdpro.stores import selectors, services

HINDI_PROMPT = "मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def inline_generation(settings):
    settings.STORE_GENERATION_ASYNC = False


@pytest.fixture
def owner_client(client):
    owner, tenant = make_owner(business_name="शर्मा किराना")
    sign_in(client, owner)
    client.owner, client.tenant = owner, tenant
    return client


def create(client, prompt=HINDI_PROMPT):
    # user, tenant, free-slug probe, create transaction; generation (inline here): transaction, read
    with assert_max_calls(6):
        response = client.post(reverse("owner:store_new"), {"prompt": prompt})
    assert response.status_code == 302, response.content[:500]
    store = selectors.list_stores(client.tenant.tenant_id)[-1]
    assert response["Location"] == reverse("owner:store_detail", kwargs={"store_id": store.store_id})
    return store


def url(name, store):
    return reverse(f"owner:{name}", kwargs={"store_id": store.store_id})


def test_new_store_from_a_hindi_sentence(owner_client):
    store = create(owner_client)
    with assert_max_calls(6):
        page = owner_client.get(url("store_detail", store))
    html = page.content.decode()
    assert page.status_code == 200
    assert "शर्मा किराना" in html and "श्रेणी के अनुसार खरीदें" in html
    assert f"/s/{store.slug}/?preview=" in html and "Copy" in html
    products = list(Product.query(store.store_id))
    assert products and not any(p.is_active for p in products)
    assert f"0/{len(products)} active" in html or "hidden until you review" in html


def test_stores_list_shows_badges_and_limit(owner_client):
    page = owner_client.get(reverse("owner:stores"))
    assert "0 of 1 store" in page.content.decode() and reverse("owner:store_new") in page.content.decode()
    store = create(owner_client)
    with assert_max_calls(4):
        page = owner_client.get(reverse("owner:stores"))
    html = page.content.decode()
    assert "badge-DRAFT" in html and store.name in html and "1 of 1 store" in html
    assert "Kirana / grocery · Hindi" in html
    assert "disabled" in html and "You have used all 1 store" in html
    refused = owner_client.post(reverse("owner:store_new"), {"prompt": "another shop"})
    assert refused.status_code == 409 and "Free plan allows 1 store" in refused.content.decode()


def test_empty_prompt_shows_message_in_place(owner_client):
    response = owner_client.post(reverse("owner:store_new"), {"prompt": " "}, **HX)
    assert response.status_code == 400 and "one sentence" in response.content.decode()
    assert selectors.list_stores(owner_client.tenant.tenant_id) == []


def test_generating_page_polls_and_refreshes_when_done(owner_client, settings):
    store = services.create_store(owner_client.tenant, "a kirana", owner_client.owner, generate=False)
    page = owner_client.get(url("store_detail", store))
    assert page.status_code == 200 and 'hx-trigger="every 1s"' in page.content.decode()
    with assert_max_calls(3):
        poll = owner_client.get(url("store_status", store), **HX)
    assert poll.status_code == 200 and "generation-progress" in poll.content.decode() and "HX-Refresh" not in poll
    services.run_generation(store.tenant_id, store.store_id, store.updated_at, store.prompt, "X", None)
    poll = owner_client.get(url("store_status", store), **HX)
    assert poll["HX-Refresh"] == "true"


def test_stale_generating_store_recovers_on_read(owner_client):
    from webdpro import clock

    store = services.create_store(owner_client.tenant, "a kirana", owner_client.owner, generate=False)
    store.update(actions=[Store.updated_at.set(clock.ago_iso(seconds=200))])
    page = owner_client.get(url("store_detail", store))
    html = page.content.decode()
    assert "did not finish in time" in html and "Try again" in html
    retried = owner_client.post(url("store_retry", store))
    assert retried.status_code == 302
    fresh = selectors.get_store(store.tenant_id, store.store_id)
    assert fresh.status == "DRAFT" and fresh.status_message is None


def test_theme_edit_saves_one_card_and_validates_in_place(owner_client):
    store = create(owner_client)
    colours = {"primary": "#aa0000", "accent": "#00aa00", "background": "#ffffff", "text": "#111111"}
    with assert_max_calls(5):
        response = owner_client.post(url("store_edit_theme", store), colours, **HX)
    assert (
        response.status_code == 200
        and 'id="card-theme"' in response.content.decode()
        and "Saved." in response.content.decode()
    )
    assert "<html" not in response.content.decode()
    assert (selectors.get_store(store.tenant_id, store.store_id)).config_dict["theme"]["primary"] == "#aa0000"
    bad = owner_client.post(url("store_edit_theme", store), {**colours, "text": "#fefefe"}, **HX)
    assert (
        bad.status_code == 400 and "hard to read" in bad.content.decode() and 'id="card-theme"' in bad.content.decode()
    )
    bad = owner_client.post(url("store_edit_theme", store), {**colours, "primary": "red"}, **HX)
    assert bad.status_code == 400


def test_sections_reorder_hide_and_edit(owner_client):
    store = create(owner_client, "A kirana called Section Test Kirana")
    sections = (selectors.get_store(store.tenant_id, store.store_id)).config_dict["sections"]
    data = {"section_type": [s["type"] for s in sections], "move": "about:up"}
    for s in sections:
        data[f"title_{s['type']}"] = s["title"]
        if s["type"] != "featured":
            data[f"visible_{s['type']}"] = "on"
    data["text_about"] = "Since 1998 in Jaipur."
    response = owner_client.post(url("store_edit_sections", store), data, **HX)
    assert response.status_code == 200
    saved = (selectors.get_store(store.tenant_id, store.store_id)).config_dict["sections"]
    types = [s["type"] for s in saved]
    assert types.index("about") == [s["type"] for s in sections].index("about") - 1
    assert next(s for s in saved if s["type"] == "featured")["visible"] is False
    assert next(s for s in saved if s["type"] == "about")["text"] == "Since 1998 in Jaipur."


def test_contact_delivery_payments_basics(owner_client):
    store = create(owner_client)
    ok = owner_client.post(
        url("store_edit_contact", store),
        {"phone": "098765 43210", "whatsapp": "", "address": "Jaipur", "hours": "9–9"},
        **HX,
    )
    assert ok.status_code == 200
    bad = owner_client.post(
        url("store_edit_contact", store), {"phone": "12345", "whatsapp": "", "address": "", "hours": ""}, **HX
    )
    assert bad.status_code == 400 and "field-error" in bad.content.decode() and 'value="12345"' in bad.content.decode()
    ok = owner_client.post(
        url("store_edit_delivery", store),
        {"fee": "35", "free_above": "₹1,000", "radius_km": "4", "enabled": "on"},
        **HX,
    )
    assert ok.status_code == 200
    bad = owner_client.post(
        url("store_edit_delivery", store), {"fee": "abc", "free_above": "0", "radius_km": "4", "enabled": "on"}, **HX
    )
    assert bad.status_code == 400 and "rupees" in bad.content.decode()
    bad = owner_client.post(url("store_edit_payments", store), {"upi_id": ""}, **HX)
    assert bad.status_code == 400 and "at least one" in bad.content.decode()
    ok = owner_client.post(
        url("store_edit_payments", store), {"cod": "on", "upi": "on", "upi_id": "sharma@okaxis"}, **HX
    )
    assert ok.status_code == 200
    ok = owner_client.post(
        url("store_edit_basics", store),
        {
            "name": "Sharma Kirana",
            "tagline": "Fresh",
            "language": "en",
            "categories": "Staples\nSpices\n\nStaples",
            "seo_title": "",
            "seo_description": "",
        },
        **HX,
    )
    assert ok.status_code == 200
    fresh = selectors.get_store(store.tenant_id, store.store_id)
    config = fresh.config_dict
    assert config["contact"]["phone"] == "+919876543210"
    assert config["delivery"] == {"fee": "35.00", "free_above": "1000.00", "radius_km": "4", "enabled": True}
    assert config["payments"] == {"cod": True, "upi": True, "card": False, "upi_id": "sharma@okaxis"}
    assert fresh.name == "Sharma Kirana" and fresh.language == "en" and config["categories"] == ["Staples", "Spices"]
    assert config["sections"][0]["title"] == "Sharma Kirana"  # the hero follows the name
    bad = owner_client.post(url("store_edit_basics", store), {"name": "", "language": "en"}, **HX)
    assert bad.status_code == 400 and "Enter the store name" in bad.content.decode()


def test_non_htmx_post_redirects_with_message(owner_client):
    store = create(owner_client)
    response = owner_client.post(
        url("store_edit_contact", store), {"phone": "", "whatsapp": "", "address": "x", "hours": ""}
    )
    assert response.status_code == 302
    bad = owner_client.post(
        url("store_edit_contact", store), {"phone": "1", "whatsapp": "", "address": "x", "hours": ""}
    )
    assert bad.status_code == 400 and "<html" in bad.content.decode()


def test_domain_change_and_custom_domain(owner_client):
    store = create(owner_client)
    other = make_store(make_owner()[1], slug="already-taken-slug")
    taken = owner_client.post(url("store_domain", store), {"slug": other.slug, "custom_domain": ""}, **HX)
    assert taken.status_code == 409 and "is taken" in taken.content.decode()
    ok = owner_client.post(
        url("store_domain", store), {"slug": "my-new-kirana", "custom_domain": "shop.sharma.in"}, **HX
    )
    assert ok.status_code == 200, ok.content.decode()[:400]
    fresh = selectors.get_store(store.tenant_id, store.store_id)
    assert (fresh.slug, fresh.domain, fresh.custom_domain) == (
        "my-new-kirana",
        "my-new-kirana.webdpro.in",
        "shop.sharma.in",
    )
    # Claimed, shown with its DNS records, but not served until they are verified (test_custom_domains.py).
    assert selectors.resolve_domain("shop.sharma.in", use_cache=False) is None
    assert "_webdpro-challenge.shop.sharma.in" in ok.content.decode()
    bad = owner_client.post(url("store_domain", store), {"slug": "my-new-kirana", "custom_domain": "localhost"}, **HX)
    assert bad.status_code == 400 and "domain like" in bad.content.decode()


def test_publish_without_a_fee_shows_live_url(owner_client):
    from webdpro.accounts.plans import PRO
    from webdpro.db import Tenant

    owner_client.tenant.update(actions=[Tenant.plan.set(PRO.code), Tenant.max_stores.set(PRO.max_stores)])
    store = create(owner_client)
    response = owner_client.post(url("store_publish", store), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    fresh = selectors.get_store(store.tenant_id, store.store_id)
    assert fresh.status == "PUBLISHED" and fresh.live_url == f"https://{fresh.domain}/" and fresh.published_at
    assert fresh.live_url in html and "View store" in html
    # Unpublish, and the address is editable again.
    response = owner_client.post(url("store_unpublish", store), **HX)
    assert response.status_code == 200 and selectors.get_store(store.tenant_id, store.store_id).status == "DRAFT"


def test_publish_with_a_fee_sends_the_owner_to_payment(owner_client, monkeypatch):
    monkeypatch.setitem(plans.PLANS, "FREE", plans.Plan("FREE", "Free", 1, Decimal("0.00"), Decimal("299.00")))
    store = create(owner_client)
    page = owner_client.get(url("store_detail", store)).content.decode()
    assert "Pay ₹299.00 and publish" in page
    response = owner_client.post(url("store_publish", store), **HX)
    assert response["HX-Redirect"] == reverse("owner:publish_fee", kwargs={"store_id": store.store_id})
    assert selectors.get_store(store.tenant_id, store.store_id).status == "DRAFT"


def test_suspended_store_shows_clear_message_and_cannot_publish(owner_client):
    store = create(owner_client)
    services.suspend(selectors.get_store(store.tenant_id, store.store_id), make_superadmin(), "Unpaid dues")
    page = owner_client.get(url("store_detail", store)).content.decode()
    assert "suspended by WebDPro" in page and "Unpaid dues" in page and "publish-button" not in page
    response = owner_client.post(url("store_publish", store), **HX)
    assert response.status_code == 409 and "suspended" in response.content.decode()
    response = owner_client.post(url("store_publish", store))
    assert response.status_code == 403
    assert selectors.get_store(store.tenant_id, store.store_id).status == "SUSPENDED"


def test_another_tenants_store_is_404(owner_client):
    _, other_tenant = make_owner()
    other = make_store(other_tenant)
    for name in ("store_detail", "store_status"):
        assert owner_client.get(url(name, other)).status_code == 404
    for name in ("store_publish", "store_edit_theme", "store_domain", "store_retry"):
        assert owner_client.post(url(name, other), {}).status_code == 404
