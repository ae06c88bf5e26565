"""Per-variant low stock and forecasts at 360 px: the low-stock page, the dashboard home's widget and the
product page's forecast per variant fit a phone (no sideways scroll, 44 px tap targets)."""

import pytest
from django.urls import reverse

from tests.browser.test_phone_walk import CHECK, phone, sign_in  # noqa: F401  (phone is a fixture)
from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro.orders.placement import Line, place_order
from webdpro.products import prediction, variants

pytestmark = pytest.mark.browser


def test_variant_low_stock_and_forecast_pages_fit_a_phone(phone, live_server):  # noqa: F811
    owner, tenant = make_owner(name="Anil", plan="PRO")
    store = make_store(tenant, name="Anil Kirana")
    product = make_product(store, name="Toor Dal", price="99.00", stock=0, threshold=5)
    rows = [{"opt_0": "500 g", "price": "99", "stock": "40"}, {"opt_0": "1 kg", "price": "180.50", "stock": "9"}]
    product = variants.set_variants(store, product, ["Weight", "", ""], rows)
    big = variants.variants_of(product)[1]
    for _ in range(5):
        place_order(
            store=store,
            lines=[Line(product.product_id, 1, big.price, big.variant_id)],
            customer_name="Kiran",
            customer_phone=random_phone(),
            delivery_address="9 Residency Road, Bengaluru",
            pincode="560025",
            payment_method="COD",
        )
    prediction.refresh(store.store_id, [product.product_id])
    sign_in(phone, live_server, owner)
    pages = {
        "low_stock": reverse("owner:low_stock", kwargs={"store_id": store.store_id}),
        "home": reverse("owner:home"),
        "product_detail": reverse("owner:product_detail", args=[store.store_id, product.product_id]),
    }
    for name, url in pages.items():
        assert phone.goto(url).status == 200
        phone.wait_for_load_state("load")
        assert phone.evaluate(CHECK) == [], name
        if name != "product_detail":
            assert phone.get_by_text("Toor Dal — 1 kg").first.is_visible()
    assert phone.locator("#variant-forecast [data-variant]").count() == 2
