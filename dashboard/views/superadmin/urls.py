"""The super admin console (namespace ``console``, under /console/). Every view: superadmin_required."""

from django.urls import path

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.views.superadmin import views

app_name = "console"
STORE = "tenants/<ulid:tenant_id>/stores/<ulid:store_id>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("refresh/", views.refresh_stats, name="refresh"),
    path("tenants/", views.tenants, name="tenants"),
    path("tenants/<ulid:tenant_id>/", views.tenant_detail, name="tenant"),
    path("tenants/<ulid:tenant_id>/plan/", views.tenant_plan, name="tenant_plan"),
    path("tenants/<ulid:tenant_id>/subscription/", views.tenant_subscription, name="tenant_subscription"),
    path("tenants/<ulid:tenant_id>/suspend/", views.tenant_suspend, name="tenant_suspend"),
    path("tenants/<ulid:tenant_id>/reactivate/", views.tenant_reactivate, name="tenant_reactivate"),
    path(STORE + "suspend/", views.store_suspend, name="store_suspend"),
    path(STORE + "reactivate/", views.store_reactivate, name="store_reactivate"),
    path("users/", views.users, name="users"),
    path("users/<phone:phone>/", views.user_detail, name="user"),
    path("users/<phone:phone>/active/", views.user_active, name="user_active"),
    path("users/<phone:phone>/role/", views.user_role, name="user_role"),
    path("audit/", views.audit_log, name="audit"),
]
