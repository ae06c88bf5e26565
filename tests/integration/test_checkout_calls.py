"""The place-order POST: a fixed, small number of DynamoDB calls (issue 20: checkout on a hot product)."""

import json

from tests.helpers import count_calls, make_owner, make_product, make_store, random_phone
from tests.integration.test_storefront import checkout_form, url
from webdpro.ids import new_id


def place_counted(client, store, stock=50):
    """A cash-on-delivery place-order POST of one box from ``store``, its DynamoDB calls counted."""
    box = make_product(store, name="Mango Box", price="500.00", stock=stock)
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
    return counter


def test_place_order_post_calls(client, dynamodb):
    _, tenant = make_owner()
    counter = place_counted(client, make_store(tenant, name="Hot Shop", slug=f"hot-{new_id()[-6:].lower()}"))
    # 1. the store, the products and the tenant's GST registration (one consistent BatchGetItem); 2. the order
    # transaction: order, stock, customer record, stock movement, the customer's user and the session's, the
    # phone's and the IP's checkout limits. The invoice is numbered later, off the request; the SMS reuses the
    # store already read.
    assert counter.describe() == "BatchGetItem×1, TransactWriteItems×1"
    assert [op for op, _ in counter.calls] == ["BatchGetItem", "TransactWriteItems"]
    (order_tx,) = [json.loads(params["body"]) for op, params in counter.calls if op == "TransactWriteItems"]
    assert len(order_tx["TransactItems"]) == 8
    updates = [item["Update"] for item in order_tx["TransactItems"] if "Update" in item]
    limits = [update["Key"]["pk"]["S"] for update in updates if update["TableName"].endswith("-otp")]
    assert [key.split("#")[1] for key in limits] == ["checkout-session", "checkout-phone", "checkout-ip"]
    (batch,) = [json.loads(params["body"]) for op, params in counter.calls if op == "BatchGetItem"]
    assert sorted(t.rsplit("-", 1)[-1] for t in batch["RequestItems"]) == ["products", "stores", "tenants"]
    assert all(request["ConsistentRead"] for request in batch["RequestItems"].values())
    assert counter["Scan"] == 0 and counter["Query"] == 0


def test_the_owners_new_order_alert_costs_no_call(client, dynamodb):
    """With new-order alerts on, the alert goes to the owner's phone read by the checkout's BatchGetItem (the
    tenant is in it): still two calls, no GetItem of the tenant for the alert."""
    from tests.integration.test_store_rules_placement import store_with
    from webdpro.sms import whatsapp

    whatsapp.outbox.clear()
    store, tenant = store_with(orders={"alerts": "whatsapp"})
    counter = place_counted(client, store, stock=5)
    assert counter.describe() == "BatchGetItem×1, TransactWriteItems×1"
    (alert,) = [m for m in whatsapp.outbox if m["template"] == "new_order_alert"]
    assert alert["to"] == tenant.owner_phone


def test_an_alert_outside_checkout_reads_the_owners_phone(dynamodb):
    """A caller that has not read the tenant (a payment captured later) gets the phone read for it."""
    from tests.integration.test_store_rules_placement import order, store_with
    from webdpro.orders import alerts
    from webdpro.sms import whatsapp

    store, tenant = store_with(orders={"alerts": "whatsapp"})
    placed = order(store, make_product(store, name="Rice", price="100.00", stock=5))
    whatsapp.outbox.clear()
    with count_calls() as counter:
        assert alerts.new_order(placed.order, store)
    assert counter.describe() == "GetItem×1"
    (alert,) = [m for m in whatsapp.outbox if m["template"] == "new_order_alert"]
    assert alert["to"] == tenant.owner_phone


def test_checkout_page_after_the_cart_sold_out_says_why(client, dynamodb):
    """A buyer whose only product sold out between adding it and opening checkout lands on the cart page told
    that it is out of stock (not merely "Your cart is empty."); the bench counts such a buyer as sold out."""
    from webdpro.db import Product

    _, tenant = make_owner()
    store = make_store(tenant, name="Hot Shop", slug=f"hot-{new_id()[-6:].lower()}")
    box = make_product(store, name="Last Mango Box", price="500.00", stock=1)
    client.post(url(store, "cart/add/"), {"product_id": box.product_id, "quantity": 1})
    Product(store.store_id, box.product_id).update(actions=[Product.stock_quantity.set(0)])
    response = client.get(url(store, "checkout/"), follow=True)
    assert response.redirect_chain[-1][0] == url(store, "cart/")
    html = response.content.decode()
    assert "Last Mango Box is out of stock and was removed from your cart." in html
    assert 'name="token"' not in html  # no checkout form
