"""The one helper for a store's public address as a link for people on this deployment.

``STOREFRONT_LINKS`` decides: ``domain`` links to ``https://<custom domain or slug.PLATFORM_DOMAIN>/``;
``local`` links to this app's ``/s/<slug>/`` (which serves every published store); ``auto`` (default) is
``local`` under DEBUG or when the page was not served under ``PLATFORM_DOMAIN`` (so the store's own host
would not reach this deployment, e.g. ``make run`` on 127.0.0.1), else ``domain``.
"""

from __future__ import annotations

from django.conf import settings

MODES = ("auto", "local", "domain")


def public_address(store) -> str:
    """``https://<custom domain or slug.PLATFORM_DOMAIN>/``: the address customers are given."""
    return f"https://{store.custom_domain or store.domain}/"


def _served_here(host: str | None) -> bool:
    if not host:
        return False
    name = host.split(":", 1)[0].lower().rstrip(".")
    platform = settings.PLATFORM_DOMAIN
    return name == platform or name.endswith(f".{platform}")


def links_locally(host: str | None = None) -> bool:
    mode = getattr(settings, "STOREFRONT_LINKS", "auto")
    if mode == "local":
        return True
    if mode == "domain":
        return False
    return bool(settings.DEBUG) or not _served_here(host)


def storefront_url(store, host: str | None = None) -> str:
    """Where "View store" should go: ``/s/<slug>/`` locally, else the public address (see module doc)."""
    if links_locally(host) and store.slug:
        return f"/s/{store.slug}/"
    return public_address(store)
