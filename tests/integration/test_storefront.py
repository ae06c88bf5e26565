"""The public storefront through the Django test client: routing, pages, cart, checkout, tracking."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, random_phone
from webdpro import clock
from webdpro.db import DomainClaim, Order, Product
from webdpro.ids import new_id
from webdpro.stores import preview
from webdpro.stores.selectors import clear_domain_cache


@pytest.fixture(scope="module")
def shop(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, name="Sharma Kirana", slug=f"sharma-{new_id()[-6:].lower()}")
    products = {
        "dal": make_product(store, name="Toor Dal 1 kg", price="165.00", stock=12, category="Staples"),
        "rice": make_product(store, name="Basmati Rice 5 kg", price="545.00", stock=2, category="Staples"),
        "milk": make_product(store, name="Toned Milk 1 L", price="56.00", stock=0, category="Dairy"),
        "hidden": make_product(store, name="Secret Pickle", price="99.00", stock=5, active=False, category="Staples"),
    }
    return store, products


def url(store, path=""):
    return f"/s/{store.slug}/{path}"


def test_home_renders_the_store_from_its_config(client, shop):
    store, products = shop
    response = client.get(url(store))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sharma Kirana" in html and "Popular this week" in html and "Shop by category" in html
    assert "Toor Dal 1 kg" in html and "₹165.00" in html
    assert "Secret Pickle" not in html  # inactive products are never shown
    assert "--sf-primary:#15803d" in html  # theme colours as CSS variables
    assert '<meta property="og:title" content="Sharma Kirana — groceries delivered">' in html
    assert 'name="description" content="Order dal, rice, atta' in html
    assert "https://wa.me/919000000002" in html
    assert 'lang="en"' in html


def test_out_of_stock_is_shown_and_cannot_be_added(client, shop):
    store, products = shop
    html = client.get(url(store, f"p/{products['milk'].product_id}/")).content.decode()
    assert "Out of stock" in html and "Add to cart" not in html
    response = client.post(
        url(store, "cart/add/"), {"product_id": products["milk"].product_id, "quantity": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409 and "out of stock" in response.content.decode()
    assert client.get(url(store, f"p/{products['hidden'].product_id}/")).status_code == 404


def test_cart_add_is_capped_by_stock_and_updates_the_badge(client, shop):
    store, products = shop
    rice = products["rice"]
    response = client.post(
        url(store, "cart/add/"), {"product_id": rice.product_id, "quantity": 5}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only 2 of Basmati Rice 5 kg available" in html
    assert 'id="cart-badge"' in html and 'hx-swap-oob="true"' in html and 'data-count="2"' in html
    cart = client.get(url(store, "cart/")).content.decode()
    assert "Basmati Rice 5 kg" in cart and "₹1,090.00" in cart
    # Update to 1, then remove, from the cart page (HTMX fragments).
    html = client.post(
        url(store, "cart/update/"),
        {"product_id": rice.product_id, "quantity": 1, "from": "cart"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'id="cart-body"' in html and "₹545.00" in html and 'data-count="1"' in html
    html = client.post(
        url(store, "cart/remove/"), {"product_id": rice.product_id, "from": "cart"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Your cart is empty." in html


def test_category_and_search(client, shop):
    store, products = shop
    html = client.get(url(store, "category/"), {"c": "Staples"}).content.decode()
    assert (
        "Toor Dal 1 kg" in html and "Basmati Rice" in html and "Toned Milk" not in html and "Secret Pickle" not in html
    )
    html = client.get(url(store, "search/"), {"q": "basmati"}).content.decode()
    assert "Basmati Rice 5 kg" in html and "Toor Dal" not in html
    html = client.get(url(store, "search/"), {"q": "pickle"}).content.decode()
    assert "No products match" in html


def checkout_form(client, store):
    html = client.get(url(store, "checkout/")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return html, token


def test_cod_checkout_confirmation_and_tracking(client, shop):
    store, products = shop
    dal = products["dal"]
    start = Product.get(store.store_id, dal.product_id).stock_quantity
    client.post(url(store, "cart/add/"), {"product_id": dal.product_id, "quantity": 2})
    html, token = checkout_form(client, store)
    assert "Cash on delivery" in html and "UPI" in html and "₹330.00" in html and "₹30.00" in html
    phone = random_phone()
    response = client.post(
        url(store, "checkout/"),
        {
            "customer_name": "Priya Nair",
            "customer_phone": phone[3:],
            "delivery_address": "Flat 4B, Lake View, Indiranagar",
            "pincode": "560038",
            "payment_method": "COD",
            "token": token,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    order_id = response["Location"].rstrip("/").split("/")[-1]
    order = Order.get(order_id)
    assert order.customer_phone == phone and order.status == "CONFIRMED" and order.total_amount == Decimal("360.00")
    assert Product.get(store.store_id, dal.product_id).stock_quantity == start - 2
    page = client.get(response["Location"]).content.decode()
    assert "Your order is placed" in page and f"#{order_id[-8:]}" in page and "₹360.00" in page
    # The customer sees the tracking page directly; a stranger does not.
    assert client.get(url(store, f"track/{order_id}/")).status_code == 200
    stranger = Client()
    assert stranger.get(url(store, f"track/{order_id}/")).status_code == 404
    assert stranger.get(url(store, f"order/{order_id}/")).status_code == 404
    # Tracking by short number + phone.
    wrong = stranger.post(url(store, "track/"), {"order_ref": order_id[-8:], "phone": random_phone()})
    assert wrong.status_code == 404 and "find an order with that number" in wrong.content.decode()
    found = stranger.post(url(store, "track/"), {"order_ref": "#" + order_id[-8:].lower(), "phone": phone})
    assert found.status_code == 302
    assert "Confirmed" in stranger.get(found["Location"]).content.decode()


def test_double_submit_of_checkout_makes_one_order(client, shop):
    store, products = shop
    client.post(url(store, "cart/add/"), {"product_id": products["dal"].product_id, "quantity": 1})
    _, token = checkout_form(client, store)
    phone = random_phone()
    data = {
        "customer_name": "Ravi",
        "customer_phone": phone,
        "delivery_address": "12 MG Road, Bengaluru",
        "pincode": "560001",
        "payment_method": "COD",
        "token": token,
    }
    cookies = client.cookies  # the second submit carries the same (pre-order) session, like a double click
    twin = Client()
    twin.cookies = cookies.__class__(cookies)
    first = client.post(url(store, "checkout/"), data)
    second = twin.post(url(store, "checkout/"), data)
    again = client.post(url(store, "checkout/"), data)  # and once more after the cart was emptied
    assert first.status_code == second.status_code == again.status_code == 302
    assert first["Location"] == second["Location"] == again["Location"]
    assert len(list(Order.customer_index.query(phone))) == 1


def test_price_change_at_checkout_updates_the_cart_with_a_clear_message(client, shop):
    store, _ = shop
    item = make_product(store, name="Ghee 500 ml", price="329.00", stock=4, category="Staples")
    client.post(url(store, "cart/add/"), {"product_id": item.product_id, "quantity": 1})
    _, token = checkout_form(client, store)
    Product(store.store_id, item.product_id).update(actions=[Product.price.set(Decimal("349.00"))])
    response = client.post(
        url(store, "checkout/"),
        {
            "customer_name": "Asha",
            "customer_phone": random_phone(),
            "delivery_address": "5 Park Street, Kolkata",
            "pincode": "700016",
            "payment_method": "COD",
            "token": token,
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "The price of Ghee 500 ml changed from ₹329.00 to ₹349.00" in html
    assert "₹349.00" in client.get(url(store, "cart/")).content.decode()
    assert Product.get(store.store_id, item.product_id).stock_quantity == 4


def test_checkout_validation_errors_stay_on_the_page(client, shop):
    store, products = shop
    client.post(url(store, "cart/add/"), {"product_id": products["dal"].product_id, "quantity": 1})
    _, token = checkout_form(client, store)
    response = client.post(
        url(store, "checkout/"),
        {
            "customer_name": "",
            "customer_phone": "12",
            "delivery_address": "x",
            "pincode": "0123",
            "payment_method": "COD",
            "token": token,
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid mobile number" in html and "6-digit PIN code" in html and "full delivery address" in html


def test_upi_order_waits_for_payment(client, shop):
    store, products = shop
    client.post(url(store, "cart/add/"), {"product_id": products["dal"].product_id, "quantity": 1})
    _, token = checkout_form(client, store)
    response = client.post(
        url(store, "checkout/"),
        {
            "customer_name": "Priya",
            "customer_phone": random_phone(),
            "delivery_address": "Flat 4B, Lake View, Indiranagar",
            "pincode": "560038",
            "payment_method": "UPI",
            "token": token,
        },
    )
    assert response.status_code == 302
    location = response["Location"]
    if "/order/" in location:  # payments:pay is not on this branch yet: the confirmation says so
        assert "complete your payment" in client.get(location).content.decode()
    order = Order.get(location.rstrip("/").split("/")[-1])
    assert order.status == "PENDING_PAYMENT"


# --- Routing and statuses -------------------------------------------------------------------------------


def test_host_routing_subdomain_custom_domain_unknown_and_app(shop):
    store, _ = shop
    client = Client()
    host = f"{store.slug}.{settings.PLATFORM_DOMAIN}"
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200 and "Sharma Kirana" in response.content.decode()
    assert 'href="/cart/"' in response.content.decode()  # links without the /s/<slug>/ prefix on the store's host
    assert client.get("/cart/", HTTP_HOST=host).status_code == 200
    unknown = client.get("/", HTTP_HOST=f"no-such-shop-{new_id()[-6:].lower()}.{settings.PLATFORM_DOMAIN}")
    assert unknown.status_code == 404 and "find this shop" in unknown.content.decode()
    assert client.get("/no/such/page/", HTTP_HOST=host).status_code == 404
    custom = f"shop-{new_id()[-6:].lower()}.example.com"
    claim = DomainClaim(
        custom, tenant_id=store.tenant_id, store_id=store.store_id, kind="CUSTOM", created_at=clock.now_iso()
    )
    claim.save()
    clear_domain_cache()
    assert client.get("/", HTTP_HOST=custom).status_code == 400  # claimed but not proven: not served
    claim.update(actions=[DomainClaim.status.set("VERIFIED")])
    clear_domain_cache()
    assert client.get("/", HTTP_HOST=custom).status_code == 200
    assert client.get("/", HTTP_HOST="evil.example.org").status_code == 400  # not ours: DisallowedHost
    assert client.get("/", HTTP_HOST="testserver").status_code == 200  # the app itself
    assert "Your shop online" in client.get("/", HTTP_HOST=f"www.{settings.PLATFORM_DOMAIN}").content.decode()


def test_suspended_store_answers_503_with_a_clear_message(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, name="Closed Shop", status="SUSPENDED")
    item = make_product(store)
    client = Client()
    for path in ("", f"p/{item.product_id}/", "cart/", "checkout/", "track/"):
        response = client.get(url(store, path))
        assert response.status_code == 503, path
        assert "Closed Shop is temporarily unavailable" in response.content.decode()
        assert "not taking orders right now" in response.content.decode()
    response = client.get("/", HTTP_HOST=f"{store.slug}.{settings.PLATFORM_DOMAIN}")
    assert response.status_code == 503


def test_unknown_slug_is_a_friendly_404(client):
    response = client.get("/s/there-is-no-such-store/")
    assert response.status_code == 404 and "find this shop" in response.content.decode()


def test_draft_store_only_with_its_preview_link(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, name="Draft Shop", status="DRAFT")
    item = make_product(store)
    client = Client()
    assert client.get(url(store)).status_code == 404
    assert client.get(url(store) + "?preview=forged").status_code == 404
    _, other_tenant = make_owner()
    other = make_store(other_tenant, status="DRAFT")
    assert client.get(url(store) + "?preview=" + preview.make_token(other.tenant_id, other.store_id)).status_code == 404
    token = preview.make_token(store.tenant_id, store.store_id)
    response = client.get(url(store) + "?preview=" + token)
    assert response.status_code == 200 and "Preview" in response.content.decode()
    assert client.get(url(store, f"p/{item.product_id}/")).status_code == 200  # remembered for the visit
    client.post(url(store, "cart/add/"), {"product_id": item.product_id})
    html = client.get(url(store, "checkout/")).content.decode()
    assert "orders cannot be placed yet" in html
    assert Client().get(url(store, f"p/{item.product_id}/")).status_code == 404


def test_another_stores_ids_404_on_this_storefront(client, shop):
    store, _ = shop
    _, tenant = make_owner()
    other = make_store(tenant)
    secret = make_product(other, name="Other Store Product")
    order = make_order(other, [secret])
    assert client.get(url(store, f"p/{secret.product_id}/")).status_code == 404
    assert client.post(url(store, "cart/add/"), {"product_id": secret.product_id}).status_code == 404
    assert (
        client.post(url(store, "track/"), {"order_ref": order.order_id, "phone": order.customer_phone}).status_code
        == 404
    )


def test_hindi_store_speaks_hindi(dynamodb):
    from webdpro.demo import demo_config

    _, tenant = make_owner()
    config = demo_config("शर्मा किराना")
    config["language"] = "hi"
    store = make_store(tenant, name="Hindi Shop", language="hi", config=config)
    make_product(store, stock=0)
    html = Client().get(url(store)).content.decode()
    assert 'lang="hi"' in html
    assert "कार्ट" in html and "स्टॉक में नहीं" in html  # "Cart", "Out of stock"


# --- DynamoDB budget ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_shop(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, name="Big Shop")
    now = clock.now_iso()
    categories = ["Staples", "Dairy", "Snacks", "Household"]
    with Product.batch_write() as batch:
        for i in range(400):
            batch.save(
                Product(
                    store.store_id,
                    new_id(),
                    name=f"Item {i:04d}",
                    description="A good thing",
                    price=Decimal("10.00") + i,
                    category=categories[i % 4],
                    images=[],
                    stock_quantity=i % 7,
                    low_stock_threshold=3,
                    is_active=(i % 5 != 0),
                    created_at=now,
                    tenant_id=store.tenant_id,
                )
            )
    product = make_product(store, name="Needle", category="Snacks")
    return store, product


def test_each_page_makes_a_small_fixed_number_of_calls(big_shop):
    store, product = big_shop
    client = Client()
    client.get(url(store))  # warm the domain cache
    budgets = [
        ("", 3),
        ("category/?c=Snacks", 4),
        ("search/?q=needle", 4),
        (f"p/{product.product_id}/", 3),
        ("track/", 1),
    ]
    for path, limit in budgets:
        with assert_max_calls(limit) as calls:
            response = client.get(url(store, path))
        assert response.status_code == 200, path
        assert calls["Query"] <= 3 and calls["Scan"] == 0, (path, calls.describe())
    client.post(url(store, "cart/add/"), {"product_id": product.product_id})
    for path in ("cart/", "checkout/"):
        with assert_max_calls(2) as calls:
            assert client.get(url(store, path)).status_code == 200
    html = client.get(url(store)).content.decode()
    assert html.count('class="sf-card"') == 12


def test_home_reads_a_few_more_products_than_it_shows(big_shop):
    """Featured: 12 cards from one Query of 16 (a few more for the inactive ones the filter drops)."""
    from webdpro.db.calls import count_dynamodb_calls
    from webdpro.storefront.products import FEATURED_MARGIN

    store, product = big_shop
    client = Client()
    client.get(url(store))
    with count_dynamodb_calls() as calls:
        html = client.get(url(store)).content.decode()
    assert html.count('class="sf-card"') == 12
    assert calls["Query"] == 1 and calls.items_read <= 1 + 12 + FEATURED_MARGIN, calls.describe()
    link = f'href="/s/{store.slug}/p/{product.product_id}/"'
    assert html.count(link) == 2  # the newest: its picture and its name link to it
    assert "₹" in html and 'name="csrfmiddlewaretoken"' in html


def test_storefront_links_are_worked_out_once_per_store_and_process(big_shop, monkeypatch):
    from dashboard.views.storefront import common

    store, product = big_shop
    client = Client()
    for path in ("", f"p/{product.product_id}/"):
        client.get(url(store, path))
    reversed_names = []
    original = common.reverse
    monkeypatch.setattr(common, "reverse", lambda name, **kw: reversed_names.append(name) or original(name, **kw))
    html = client.get(url(store, f"p/{product.product_id}/")).content.decode()
    assert reversed_names == [] and f'href="/s/{store.slug}/cart/"' in html


def test_category_pages_through_with_a_signed_cursor(big_shop):
    store, _ = big_shop
    client = Client()
    seen, next_url, pages = set(), url(store, "category/?c=Dairy"), 0
    while next_url and pages < 10:
        html = client.get(next_url).content.decode()
        seen.update(re.findall(r'href="/s/[^/]+/p/([0-9A-Z]+)/"', html))
        found = re.search(r'class="sf-btn" href="([^"]+)"[^>]*>Show more', html)
        next_url = found.group(1).replace("&amp;", "&") if found else None
        pages += 1
    expected = {
        p.product_id for p in Product.category_index.query(store.store_id, Product.category == "Dairy") if p.is_active
    }
    assert seen == expected
    tampered = client.get(url(store, "category/?c=Dairy&cursor=bogus"))
    assert tampered.status_code == 200  # a bad cursor starts from the beginning


def test_whole_purchase_on_the_stores_own_host(shop):
    store, products = shop
    client = Client(HTTP_HOST=f"{store.slug}.{settings.PLATFORM_DOMAIN}")
    client.post("/cart/add/", {"product_id": products["dal"].product_id, "quantity": 1})
    html = client.get("/checkout/").content.decode()
    assert 'action="/checkout/"' in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    phone = random_phone()
    response = client.post(
        "/checkout/",
        {
            "customer_name": "Meera",
            "customer_phone": phone,
            "delivery_address": "22 Park Road, Pune",
            "pincode": "411001",
            "payment_method": "COD",
            "token": token,
        },
    )
    assert response.status_code == 302 and response["Location"].startswith("/order/")
    assert "Your order is placed" in client.get(response["Location"]).content.decode()


def test_a_forged_or_expired_checkout_token_places_nothing(client, shop):
    store, products = shop
    client.post(url(store, "cart/add/"), {"product_id": products["dal"].product_id, "quantity": 1})
    phone = random_phone()
    response = client.post(
        url(store, "checkout/"),
        {
            "customer_name": "Ravi",
            "customer_phone": phone,
            "delivery_address": "12 MG Road, Bengaluru",
            "pincode": "560001",
            "payment_method": "COD",
            "token": "forged",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and "checkout form has expired" in html
    assert re.search(r'name="token" value="[^"]+:[^"]+"', html)  # a fresh signed token to try again
    assert list(Order.customer_index.query(phone)) == []


def test_create_tables_adds_an_index_missing_from_an_existing_table(dynamodb):
    """Local data made before the products category-index existed gets the index on the next start."""
    import copy

    from webdpro.db import tables

    prefix = f"x{new_id()[-6:].lower()}-"
    ddb = tables.client()
    spec = copy.deepcopy(tables.specs(prefix)["products"])
    spec.pop("GlobalSecondaryIndexes")
    spec["AttributeDefinitions"] = [a for a in spec["AttributeDefinitions"] if a["AttributeName"] != "category"]
    ddb.create_table(**spec)
    try:
        tables.create_tables(prefix, ddb=ddb, log=lambda m: None)
        live = ddb.describe_table(TableName=spec["TableName"])["Table"]
        assert [g["IndexName"] for g in live["GlobalSecondaryIndexes"]] == ["category-index"]
        assert not [p for p in tables.drift(prefix, ddb=ddb) if "products" in p]
    finally:
        tables.delete_tables(prefix, ddb=ddb)


def test_a_change_to_the_store_shows_on_the_next_page(dynamodb):
    """The storefront keeps what it works out from the store's item (webdpro/storefront/store.py) only while
    DynamoDB answers the same item: a change, even deep in the settings, shows on the very next request."""
    from webdpro.db import Store
    from webdpro.demo import demo_config

    _, tenant = make_owner()
    store = make_store(tenant, name="Kept Kirana")
    client = Client()
    html = client.get(url(store)).content.decode()
    assert "--sf-primary:#15803d" in html and "Now open till midnight" not in html
    assert client.get(url(store)).content.decode().count("Kept Kirana") == html.count("Kept Kirana")
    config = demo_config("Kept Kirana")
    config["theme"]["primary"] = "#1d4ed8"
    config["tagline"] = "Now open till midnight"
    Store(tenant.tenant_id, store.store_id).update(actions=[Store.config.set(config)])
    html = client.get(url(store)).content.decode()
    assert "--sf-primary:#1d4ed8" in html and "Now open till midnight" in html
    Store(tenant.tenant_id, store.store_id).update(actions=[Store.status.set("SUSPENDED")])
    assert client.get(url(store)).status_code == 503


def test_the_page_masks_one_csrf_token_for_its_forms_and_htmx(client, shop):
    store, products = shop
    for page in (url(store), url(store, f"p/{products['dal'].product_id}/")):
        html = client.get(page).content.decode()
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        tokens |= set(re.findall(r'"X-CSRFToken": "([^"]+)"', html))
        assert len(tokens) == 1 and len(html.split('name="csrfmiddlewaretoken"')) > 2, page


def test_the_product_page_kept_per_product_shows_each_change_and_each_visitors_cart(dynamodb):
    """The product page keeps what it prints of the product ({% frame product_key %}): a change of stock or
    price prints it again, and the visitor's own cart, token and page are printed for each request."""
    _, tenant = make_owner()
    store = make_store(tenant, name="Kept Kirana")
    item = make_product(store, name="Kept Dal", price="99.00", stock=9, category="Staples")
    page = url(store, f"p/{item.product_id}/")
    buyer, other = Client(), Client()
    assert "In stock" in buyer.get(page).content.decode()
    buyer.post(url(store, "cart/add/"), {"product_id": item.product_id, "quantity": 2})
    assert "2 already in your cart." in buyer.get(page).content.decode()
    assert "already in your cart" not in other.get(page).content.decode()
    Product(store.store_id, item.product_id).update(
        actions=[Product.stock_quantity.set(3), Product.price.set(Decimal("89.50"))]
    )
    html = other.get(page).content.decode()
    assert "Only 3 left" in html and "₹89.50" in html and "In stock" not in html
    assert '<option value="3">3</option></select>' in html
