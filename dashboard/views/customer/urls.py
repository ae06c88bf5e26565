"""A signed-in customer's own pages."""

from django.urls import path

from dashboard.views.customer import views

app_name = "customer"
urlpatterns = [path("orders/", views.orders, name="orders")]
