"""URLconf for store hosts (<slug>.<PLATFORM_DOMAIN> and custom domains), set per request by
webdpro.storefront.middleware.HostRoutingMiddleware. Static files are served by WhiteNoise before this."""
from django.urls import include, path

from dashboard.views import payments
from webdpro.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("dashboard.views.storefront.urls")),
    path("pay/", include((payments.checkout_urlpatterns, "payments"))),
]

handler400 = "dashboard.views.errors.bad_request"
handler403 = "dashboard.views.errors.forbidden"
handler404 = "dashboard.views.storefront.errors.not_found"
handler500 = "dashboard.views.errors.server_error"
