from django.urls import include, path

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <storeslug:…>, …)
from dashboard.views import public, webhooks
from webdpro.health import healthz

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("dashboard.views.accounts.urls")),
    path("dashboard/", include("dashboard.views.owner.urls")),
    path("agent/", include("dashboard.views.agent.urls")),
    path("console/", include("dashboard.views.superadmin.urls")),
    path("my/", include("dashboard.views.customer.urls")),
    path("s/<storeslug:slug>/", include("dashboard.views.storefront.urls")),
    path("pay/", include("dashboard.views.payments")),
    path("webhooks/razorpay/", webhooks.razorpay_webhook, name="razorpay_webhook"),
]

handler400 = "dashboard.views.errors.bad_request"
handler403 = "dashboard.views.errors.forbidden"
handler404 = "dashboard.views.errors.not_found"
handler500 = "dashboard.views.errors.server_error"

# Uploaded media (product photos) in development; production serves them from S3 (django-storages).
from django.conf import settings as _settings  # noqa: E402
from django.conf.urls.static import static as _static  # noqa: E402

urlpatterns += _static(_settings.MEDIA_URL, document_root=_settings.MEDIA_ROOT)
