"""URLconf for store hosts (<slug>.<PLATFORM_DOMAIN> and custom domains), set per request by
webdpro.storefront.middleware.HostRoutingMiddleware. Static files are served by WhiteNoise before this.

The customer's payments pages (namespace ``payments``: Checkout for a storefront order) are mounted here
too, at the same paths as in the root URLconf (``/pay/…``), so a customer on a store's own host pays without
leaving it (the session that placed the order is host-only).
"""

from django.urls import include, path

from dashboard.views import payments
from webdpro.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Only the customer's Checkout pages (pay, callback, sandbox): the owner's publish-fee page stays on
    # the app host, where sign-in exists.
    path("pay/", include((payments.checkout_urlpatterns, "payments"))),
    path("", include("dashboard.views.storefront.urls")),
]

handler400 = "dashboard.views.errors.bad_request"
handler403 = "dashboard.views.errors.forbidden"
handler404 = "dashboard.views.storefront.errors.not_found"
handler500 = "dashboard.views.errors.server_error"
