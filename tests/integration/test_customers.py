"""A store's customers: written with each order, searched by phone or name without a Scan, exported."""

import csv
import io
from decimal import Decimal

import pytest

from tests.helpers import assert_max_calls, make_owner, make_product, make_store, sign_in
from webdpro.customers import selectors
from webdpro.orders.placement import Line, place_order


@pytest.fixture(scope="module")
def setup(dynamodb):
    user, tenant = make_owner()
    shop = make_store(tenant, name="Customer Shop")
    other = make_store(make_owner()[1], name="Other Shop")
    item = make_product(shop, name="Milk", price="30.00", stock=100)
    other_item = make_product(other, name="Curd", price="40.00", stock=100)

    def buy(store, product, name, phone, qty=1):
        return place_order(
            store=store,
            lines=[Line(product.product_id, qty, product.price)],
            customer_name=name,
            customer_phone=phone,
            delivery_address="3 Church Street, Bengaluru",
            pincode="560001",
            payment_method="COD",
        ).order

    orders = [
        buy(shop, item, "Priya Sharma", "+919876500001", 2),
        buy(shop, item, "Priya  Sharma", "+919876500001", 1),
        buy(shop, item, "Rahul Verma", "+919812300002", 1),
        buy(other, other_item, "Priya Sharma", "+919876500001", 1),
    ]
    return user, shop, orders


def test_customer_item_counts_orders_and_spend_per_store(setup):
    _, shop, orders = setup
    priya = selectors.get_customer(shop.store_id, "+919876500001")
    # 2 × 30 + 30 delivery = 90, then 30 + 30 = 60
    assert priya.orders_count == 2 and priya.total_spent == Decimal("150.00")
    assert priya.last_order_id == orders[1].order_id and priya.first_order_at == orders[0].created_at
    assert [o.order_id for o in selectors.customer_orders(shop.store_id, "+919876500001")] == [
        orders[1].order_id,
        orders[0].order_id,
    ]


def test_search_by_phone_name_and_newest_first_without_scan(setup):
    _, shop, _ = setup
    with assert_max_calls(1):
        assert [c.name for c in selectors.search(shop.store_id, "98765").items] == ["Priya Sharma"]
    with assert_max_calls(1):
        assert [c.phone for c in selectors.search(shop.store_id, "+91 98123 00002").items] == ["+919812300002"]
    with assert_max_calls(1):
        assert [c.phone for c in selectors.search(shop.store_id, "rahul").items] == ["+919812300002"]
    with assert_max_calls(1):
        assert [c.phone for c in selectors.search(shop.store_id, "PRIYA SH").items] == ["+919876500001"]
    assert [c.phone for c in selectors.search(shop.store_id).items] == ["+919812300002", "+919876500001"]
    assert selectors.search(shop.store_id, "nobody").items == []


def test_owner_pages_and_csv(client, setup):
    user, shop, _ = setup
    sign_in(client, user)
    base = f"/dashboard/stores/{shop.store_id}/customers/"
    page = client.get(base + "?q=rahul").content.decode()
    assert "Rahul Verma" in page and "Priya Sharma" not in page
    detail = client.get(base + "+919876500001/")
    assert detail.status_code == 200 and "₹150.00" in detail.content.decode()
    assert client.get(base + "+919999999999/").status_code == 404
    assert client.get(base + "not-a-phone/").status_code == 404
    response = client.get(base + "export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["name", "phone", "orders", "total_spent"]
    assert sorted(r[1] for r in rows[1:]) == ["+919812300002", "+919876500001"]
    forged = client.get(base + "?cursor=forged")
    assert forged.status_code == 400 and "That page link is not valid any more" in forged.content.decode()
    intruder, _t = make_owner()
    sign_in(client, intruder)
    assert client.get(base).status_code == 404
