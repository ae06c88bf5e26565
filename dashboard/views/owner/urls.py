"""The business owner's dashboard. Each area keeps its own ``urlpatterns`` in its module."""

from dashboard.views.owner import (
    coupons,
    customers,
    deliveries,
    home,
    orders,
    payments,
    payouts,
    poster,
    products,
    publish_fee,
    store_rules,
    stores,
    tax,
    variants,
)

app_name = "owner"
urlpatterns = [
    *home.urlpatterns,
    *stores.urlpatterns,
    *publish_fee.urlpatterns,
    *store_rules.urlpatterns,
    *products.urlpatterns,
    *orders.urlpatterns,
    *deliveries.urlpatterns,
    *payouts.urlpatterns,
    *payments.urlpatterns,
    *coupons.urlpatterns,
    *tax.urlpatterns,
    *customers.urlpatterns,
    *poster.urlpatterns,
    *variants.urlpatterns,
]
