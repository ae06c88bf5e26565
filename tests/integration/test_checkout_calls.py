"""The place-order POST: a fixed, small number of DynamoDB calls (issue 20: checkout on a hot product)."""

from tests.helpers import count_calls, make_owner, make_product, make_store, random_phone
from tests.integration.test_storefront import checkout_form, url
from webdpro.ids import new_id


def test_place_order_post_calls(client, dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, name="Hot Shop", slug=f"hot-{new_id()[-6:].lower()}")
    box = make_product(store, name="Mango Box", price="500.00", stock=50)
    client.post(url(store, "cart/add/"), {"product_id": box.product_id, "quantity": 1})
    _, token = checkout_form(client, store)
    data = {
        "customer_name": "Priya Nair",
        "customer_phone": random_phone()[3:],
        "delivery_address": "Flat 4B, Lake View, Indiranagar",
        "pincode": "560038",
        "payment_method": "COD",
        "token": token,
    }
    with count_calls() as counter:
        response = client.post(url(store, "checkout/"), data)
    assert response.status_code == 302
    assert counter["Scan"] == 0 and counter["Query"] == 0
    # store, products (one BatchGetItem), tenant (GST registration), the customer's user (conditional
    # put), the order transaction, the store for the redirect, and the checkout rate limits (one UpdateItem
    # per session, IP and phone counter). The invoice is numbered later, off the request.
    assert counter.total <= 9, counter.describe()
    assert counter["UpdateItem"] <= 3 and counter["BatchGetItem"] == 1
    assert counter["TransactWriteItems"] == 1
    assert "invoice-counters" not in " ".join(counter.tables())
