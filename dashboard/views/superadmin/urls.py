"""The super admin console (namespace ``console``, under /console/). Every view: superadmin_required."""

from django.urls import path

from dashboard.views.superadmin import views

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
    path("refresh/", views.refresh_stats, name="refresh"),
    path("tenants/", views.tenants, name="tenants"),
    path("tenants/<str:tenant_id>/", views.tenant_detail, name="tenant"),
    path("tenants/<str:tenant_id>/plan/", views.tenant_plan, name="tenant_plan"),
    path("tenants/<str:tenant_id>/subscription/", views.tenant_subscription, name="tenant_subscription"),
    path("tenants/<str:tenant_id>/suspend/", views.tenant_suspend, name="tenant_suspend"),
    path("tenants/<str:tenant_id>/reactivate/", views.tenant_reactivate, name="tenant_reactivate"),
    path("tenants/<str:tenant_id>/stores/<str:store_id>/suspend/", views.store_suspend, name="store_suspend"),
    path("tenants/<str:tenant_id>/stores/<str:store_id>/reactivate/", views.store_reactivate, name="store_reactivate"),
    path("users/", views.users, name="users"),
    path("users/<str:phone>/", views.user_detail, name="user"),
    path("users/<str:phone>/active/", views.user_active, name="user_active"),
    path("users/<str:phone>/role/", views.user_role, name="user_role"),
    path("audit/", views.audit_log, name="audit"),
]
