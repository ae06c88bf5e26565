"""URLconf for store hosts (<slug>.<PLATFORM_DOMAIN> and custom domains), set per request by
webdpro.storefront.middleware.HostRoutingMiddleware. Static files are served by WhiteNoise before this.

The payments pages (namespace ``payments``: Checkout for a storefront order) are mounted here too, at
the same paths as in the root URLconf, so a customer on a store's own host pays without leaving it (the
session that placed the order is host-only).
"""
from django.urls import URLResolver, get_resolver, include, path

from dashboard.views import payments
from webdpro.health import healthz


def _shared(namespaces=("payments",)):
    return [entry for entry in get_resolver("webdpro.urls").url_patterns
            if isinstance(entry, URLResolver) and entry.namespace in namespaces]


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    *_shared(),
    path("", include("dashboard.views.storefront.urls")),
    path("pay/", include((payments.checkout_urlpatterns, "payments"))),
]

handler400 = "dashboard.views.errors.bad_request"
handler403 = "dashboard.views.errors.forbidden"
handler404 = "dashboard.views.storefront.errors.not_found"
handler500 = "dashboard.views.errors.server_error"
