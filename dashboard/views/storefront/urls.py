"""The public storefront: /s/<slug>/… locally, or <slug>.<PLATFORM_DOMAIN> / a custom domain by host.

The same patterns serve both: webdpro/urls.py includes them under ``s/<slug:slug>/``; for store hosts
``HostRoutingMiddleware`` sets ``request.urlconf`` to ``host_urls`` which includes them at the root.
Views take ``slug=None`` (host mode) and build links with ``Storefront.url`` / ``{% sfurl %}``.
"""

from django.urls import path

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.views.storefront import views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("category/", views.category, name="category"),
    path("search/", views.search, name="search"),
    path("p/<ulid:product_id>/", views.product, name="product"),
    path("cart/", views.cart, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("cart/coupon/", views.cart_coupon, name="cart_coupon"),
    path("checkout/", views.checkout, name="checkout"),
    path("order/<ulid:order_id>/", views.confirmation, name="confirmation"),
    path("track/", views.track, name="track"),
    path("track/<ulid:order_id>/", views.track_order, name="track_order"),
    path("track/<ulid:order_id>/invoice.pdf", views.order_invoice, name="order_invoice"),
]
