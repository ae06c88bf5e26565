"""The product form's price goes through webdpro.money.parse_rupees: Indian and plain notations are read
exactly, and ambiguous input (a decimal comma, spaces inside digits) is refused with the field named, never
saved 100× off."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import make_owner, make_product, make_store, sign_in
from webdpro.db import Product


@pytest.fixture
def shop(client, dynamodb):
    owner, tenant = make_owner()
    store = make_store(tenant)
    sign_in(client, owner)
    return store


def new_product(client, store, price, name="Toor dal"):
    url = reverse("owner:product_new", kwargs={"store_id": store.store_id})
    data = {"name": name, "price": price, "stock_quantity": 5, "low_stock_threshold": 2, "is_active": "on"}
    return client.post(url, data)


def prices(store):
    return sorted(p.price for p in Product.query(store.store_id))


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("49.50", Decimal("49.50")),
        ("₹49.50", Decimal("49.50")),
        ("1,234.50", Decimal("1234.50")),
        ("1,23,456", Decimal("123456.00")),
    ],
)
def test_prices_typed_the_indian_way_are_read_exactly(client, shop, typed, saved):
    response = new_product(client, shop, typed)
    assert response.status_code == 302, response.content.decode()[:500]
    assert prices(shop) == [saved]


@pytest.mark.parametrize("typed", ["49,50", "4 9"])
def test_ambiguous_prices_are_refused_with_a_message(client, shop, typed):
    response = new_product(client, shop, typed)
    assert response.status_code in (400, 422)
    errors = response.context["form"].errors
    assert list(errors) == ["price"] and errors["price"][0]  # the price field, with a message
    assert errors["price"][0] in response.content.decode()
    assert prices(shop) == []


@pytest.mark.parametrize("typed", ["49,50", "4 9"])
def test_editing_a_price_refuses_the_same_input(client, shop, typed):
    product = make_product(shop, price="100.00")
    url = reverse("owner:product_inline", kwargs={"store_id": shop.store_id, "product_id": product.product_id})
    response = client.post(url, {"field": "price", "price": typed})
    assert response.status_code in (400, 422)
    assert prices(shop) == [Decimal("100.00")]
