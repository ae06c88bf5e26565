"""The business owner's dashboard. Each area keeps its own ``urlpatterns`` in its module."""

from dashboard.views.owner import (
    coupons,
    customers,
    deliveries,
    home,
    orders,
    payments,
    payouts,
    products,
    store_rules,
    stores,
    tax,
)

app_name = "owner"
urlpatterns = [
    *home.urlpatterns,
    *stores.urlpatterns,
    *store_rules.urlpatterns,
    *products.urlpatterns,
    *orders.urlpatterns,
    *deliveries.urlpatterns,
    *payouts.urlpatterns,
    *payments.urlpatterns,
    *coupons.urlpatterns,
    *tax.urlpatterns,
    *customers.urlpatterns,
]
