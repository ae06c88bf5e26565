"""Storefront pieces that need no DynamoDB: host classification, theme colours, cart arithmetic, fees."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch

from webdpro.storefront import config as sfconfig
from webdpro.storefront.middleware import classify


@override_settings(
    PLATFORM_DOMAIN="webdpro.in",
    PLATFORM_HOSTS=["app.example.net", "127.0.0.1", ".webdpro.in"],
    PLATFORM_APP_SUBDOMAINS=["www", "app"],
)
@pytest.mark.parametrize(
    "host, kind",
    [
        ("app.example.net", "app"),
        ("127.0.0.1", "app"),
        ("webdpro.in", "app"),
        ("www.webdpro.in", "app"),
        ("app.webdpro.in", "app"),
        ("ravi-kirana.webdpro.in", "subdomain"),
        ("shop.ravi.com", "custom"),
        ("evilwebdpro.in", "custom"),
    ],
)
def test_classify_hosts(host, kind):
    assert classify(host) == kind


def test_theme_is_validated_and_kept_readable():
    theme = sfconfig.theme(
        {"theme": {"primary": "#fde047", "accent": "red;}body{x", "background": "#ffffff", "text": "#eeeeee"}}
    )
    assert theme["primary"] == "#fde047" and theme["on_primary"] == "#111111"  # dark ink on yellow
    assert theme["accent"] == sfconfig.DEFAULT_THEME["accent"]  # not a colour: never reaches the <style>
    assert theme["text"] == "#111111"  # light grey on white fails contrast: dark ink instead
    assert theme["link"] == "#111111"  # yellow links on white would be unreadable
    assert sfconfig.contrast(theme["text"], theme["background"]) >= 4.5


def test_whatsapp_number():
    assert sfconfig.whatsapp_number({"contact": {"whatsapp": "+91 90000 00002"}}) == "919000000002"
    assert sfconfig.whatsapp_number({"contact": {"whatsapp": "98765 43210"}}) == "919876543210"
    assert sfconfig.whatsapp_number({"contact": {}}) is None


def test_cart_in_a_session():
    from webdpro.storefront.cart import Cart

    session = {}
    cart = Cart(session, "S1")
    cart.set("P1", 2, "165.50")
    cart.set("P2", 150, Decimal("10"))  # capped at 99
    cart.save()
    again = Cart(session, "S1")
    assert again.count == 101 and again.total == Decimal("1321.00")
    assert Cart(session, "S2").count == 0  # carts are per store
    again.set("P1", 0, "1")
    assert "P1" not in again


def test_delivery_fee_rules():
    from webdpro.db import Store
    from webdpro.orders.placement import delivery_fee

    def S(delivery):  # noqa: N802
        return Store("t", "s", config={"delivery": delivery})

    assert delivery_fee(S({"fee": "30.00", "free_above": "499.00"}), Decimal("498.99")) == Decimal("30.00")
    assert delivery_fee(S({"fee": "30.00", "free_above": "499.00"}), Decimal("499.00")) == Decimal("0.00")
    assert delivery_fee(S({"fee": "25", "free_above": ""}), Decimal("10000")) == Decimal("25.00")
    assert delivery_fee(S({}), Decimal("1")) == Decimal("0.00")


@pytest.mark.parametrize("slug", ["ravi-kirana", None])
def test_storefront_links_match_reverse_and_reverse_once_per_name(slug, monkeypatch):
    """``Storefront.url`` fills ids into one link per name and request; every link is what ``reverse`` gives."""
    from types import SimpleNamespace

    from django.urls import reverse

    from dashboard.views.storefront import common

    def expected(name, **kwargs):
        prefix = {"slug": slug} if slug else {}
        return reverse(f"storefront:{name}", kwargs={**prefix, **kwargs}, urlconf=urlconf)

    urlconf = None if slug else "dashboard.views.storefront.host_urls"
    monkeypatch.setattr(common, "reverse", lambda *a, **k: calls.append(a) or reverse(*a, **k, urlconf=urlconf))
    monkeypatch.setattr(common, "_links", {})  # the process's links, as a fresh worker starts (other tests fill them)
    calls = []
    store = SimpleNamespace(store_id="S")
    sf = common.Storefront(store, {}, {}, "en", slug or "ravi-kirana", slug is None, False, None)
    ids = ["01JAAAAAAAAAAAAAAAAAAAAAAA", "01JBBBBBBBBBBBBBBBBBBBBBBB", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"]
    for product_id in ids:
        assert sf.url("product", product_id=product_id) == expected("product", product_id=product_id)
        assert sf.url("cart_add") == expected("cart_add")
    assert sf.url("track_order", order_id=ids[0]) == expected("track_order", order_id=ids[0])
    assert len(calls) == 3  # product, cart_add, track_order: once each
    with pytest.raises(NoReverseMatch):
        sf.url("product", product_id="not-an-id")  # a malformed id still fails as reverse() fails
