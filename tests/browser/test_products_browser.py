"""The owner's products journey in Chromium: inline price edit with HTMX, then the product's chart."""

from decimal import Decimal
from urllib.parse import urlparse

import pytest

from tests.helpers import make_order, make_owner, make_product, make_store

pytestmark = pytest.mark.browser


def browser_sign_in(page, live_server, user):
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from dashboard.auth import SESSION_PHONE, SESSION_VERSION

    session = SessionStore()
    session[SESSION_PHONE] = user.phone
    session[SESSION_VERSION] = user.session_version or 0
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "domain": urlparse(live_server.url).hostname,
                "path": "/",
            }
        ]
    )


def test_inline_price_edit_then_product_chart(new_page, live_server):
    from webdpro.db import Product
    from webdpro.products.prediction import refresh

    owner, tenant = make_owner()
    store = make_store(tenant)
    product = make_product(store, name="Toor Dal 1 kg", price="165.00", stock=12)
    make_product(store, name="Basmati Rice 5 kg", price="545.00")
    for _ in range(3):
        make_order(store, [product], status="DELIVERED", quantity=2)
    refresh(store.store_id)

    page, errors = new_page()
    browser_sign_in(page, live_server, owner)
    page.goto(f"/dashboard/stores/{store.store_id}/products/")
    row = page.locator(f"#row-{product.product_id}")
    row.locator('input[name="price"]').fill("1,299.50")
    with page.expect_response(lambda r: "/inline/" in r.url and r.status == 200):
        row.get_by_role("button", name="Save").click()
    page.locator(f"#row-{product.product_id}").get_by_text("₹1,299.50").wait_for()
    assert page.url.endswith("/products/")  # swapped in place, no navigation
    assert Product.get(store.store_id, product.product_id).price == Decimal("1299.50")

    # A bad price shows the error in the row, without a page load.
    row = page.locator(f"#row-{product.product_id}")
    row.locator('input[name="price"]').fill("0")
    row.get_by_role("button", name="Save").click()
    page.locator(f"#row-{product.product_id}").get_by_text("more than ₹0").wait_for()
    # Chromium logs every 4xx response as a console error; that one 422 is the expected refusal.
    assert all("422" in e for e in errors), errors
    errors.clear()

    page.get_by_role("link", name="Toor Dal 1 kg", exact=True).click()
    page.locator("#forecast-chart").wait_for()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('forecast-chart'))")
    assert page.evaluate("Chart.getChart(document.getElementById('forecast-chart')).data.datasets.length") == 3
    errors.assert_none()
