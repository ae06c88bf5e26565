"""Host routing and Host validation for storefronts.

``HostRoutingMiddleware`` runs first. For each request it looks at the Host header:

* a host of the app itself (``settings.PLATFORM_HOSTS`` minus store subdomains, the bare
  ``PLATFORM_DOMAIN`` and ``www./app./…`` in ``PLATFORM_APP_SUBDOMAINS``) → the normal URLconf;
* ``<slug>.<PLATFORM_DOMAIN>`` → the storefront URLconf (``request.urlconf``), store looked up in the
  domains table (one GetItem, cached 30 s by ``resolve_domain``); an unknown slug gets the storefront's
  friendly 404;
* any other host → served only if it is a custom domain claimed in the domains table; otherwise a 400
  (``DisallowedHost``), exactly as Django's ``ALLOWED_HOSTS`` check would answer. That is why
  ``ALLOWED_HOSTS`` is ``["*"]`` in settings: this middleware does the check, with the domains table.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port, validate_host

from webdpro.stores.selectors import resolve_domain

HOST_URLCONF = "dashboard.views.storefront.host_urls"
HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")


def classify(domain: str) -> str:
    """'app' (serve the app), 'subdomain' (a store under the platform domain) or 'custom'."""
    platform = settings.PLATFORM_DOMAIN
    explicit = [h for h in settings.PLATFORM_HOSTS if not h.startswith(".") and h != "*"]
    if domain in explicit or domain == platform:
        return "app"
    if domain.endswith("." + platform):
        label = domain[: -len(platform) - 1]
        if label in settings.PLATFORM_APP_SUBDOMAINS:
            return "app"
        return "subdomain"
    if validate_host(domain, settings.PLATFORM_HOSTS):
        return "app"
    return "custom"


class HostRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request._get_raw_host()
        domain, _port = split_domain_port(raw)
        if not domain:
            raise DisallowedHost(f"Invalid HTTP_HOST header: {raw!r}.")
        kind = classify(domain)
        request.storefront_host = None
        request.storefront_claim = None
        if kind != "app":
            if not HOSTNAME.match(domain):
                raise DisallowedHost(f"Invalid HTTP_HOST header: {raw!r}.")
            claim = resolve_domain(domain)
            if claim is None and kind == "custom":
                raise DisallowedHost(f"Invalid HTTP_HOST header: {raw!r}. It is not a WebDPro store's domain.")
            request.urlconf = HOST_URLCONF
            request.storefront_host = domain
            request.storefront_claim = claim
        return self.get_response(request)
