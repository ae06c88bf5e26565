"""The super admin console."""
from django.urls import path

from dashboard.views.superadmin import views

app_name = "console"
urlpatterns = [path("", views.home, name="home")]
