"""One helper for "View store": local /s/<slug>/ under DEBUG or off PLATFORM_DOMAIN, else the store's domain."""

from types import SimpleNamespace

import pytest

from webdpro.stores.links import public_address, storefront_url

STORE = SimpleNamespace(slug="gupta", domain="gupta.webdpro.in", custom_domain=None)


@pytest.mark.parametrize(
    ("mode", "debug", "host", "expected"),
    [
        ("auto", True, "app.webdpro.in", "/s/gupta/"),
        ("auto", False, "127.0.0.1:8000", "/s/gupta/"),
        ("auto", False, None, "/s/gupta/"),
        ("auto", False, "app.webdpro.in", "https://gupta.webdpro.in/"),
        ("auto", False, "webdpro.in", "https://gupta.webdpro.in/"),
        ("auto", False, "evilwebdpro.in", "/s/gupta/"),
        ("local", False, "app.webdpro.in", "/s/gupta/"),
        ("domain", True, "127.0.0.1:8000", "https://gupta.webdpro.in/"),
    ],
)
def test_view_store_link(settings, mode, debug, host, expected):
    settings.STOREFRONT_LINKS, settings.DEBUG, settings.PLATFORM_DOMAIN = mode, debug, "webdpro.in"
    assert storefront_url(STORE, host=host) == expected


def test_a_custom_domain_is_the_public_address(settings):
    settings.STOREFRONT_LINKS = "domain"
    store = SimpleNamespace(slug="gupta", domain="gupta.webdpro.in", custom_domain="shop.example.com")
    assert storefront_url(store) == public_address(store) == "https://shop.example.com/"
