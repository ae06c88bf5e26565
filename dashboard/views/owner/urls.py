"""The business owner's dashboard. Each area keeps its own ``urlpatterns`` in its module."""

from dashboard.views.owner import coupons, deliveries, home, orders, payments, payouts, products, stores, tax

app_name = "owner"
urlpatterns = [
    *home.urlpatterns,
    *stores.urlpatterns,
    *products.urlpatterns,
    *orders.urlpatterns,
    *deliveries.urlpatterns,
    *payouts.urlpatterns,
    *payments.urlpatterns,
    *coupons.urlpatterns,
    *tax.urlpatterns,
]
