"""The delivery agent's phone view."""
from django.urls import path

from dashboard.views.agent import views

app_name = "agent"
urlpatterns = [path("", views.home, name="home")]
