"""What each hot page reads: the user and tenant in one call, the store found among the tenant's stores
the navigation reads anyway, people's names only when the timeline names someone not in hand."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dashboard.auth import SESSION_TENANT
from tests.helpers import assert_max_calls, make_agent, make_order, make_owner, make_product, make_store, sign_in
from webdpro.db import Order
from webdpro.db.orders import StatusChange


@pytest.fixture
def shop(dynamodb):
    owner, tenant = make_owner(name="Meera", plan="PRO")
    store = make_store(tenant, name="Main Bazaar")
    client = Client()
    sign_in(client, owner)
    client.get(reverse("owner:orders"))  # the first page names the tenant in the session
    return client, owner, tenant, store


def tables_read(counter):
    out = []
    for op, params in counter.calls:
        body = json.loads(params["body"])
        names = body.get("RequestItems") or {body.get("TableName"): None}
        out.append((op, sorted(name.rsplit("-", 1)[-1] for name in names)))
    return out


def test_user_and_tenant_are_one_call_once_the_session_names_the_tenant(shop):
    client, owner, tenant, store = shop
    with assert_max_calls(3) as counter:
        response = client.get(reverse("owner:orders"))
    assert response.status_code == 200 and "Meera" in response.content.decode()
    assert tables_read(counter)[0] == ("BatchGetItem", ["tenants", "users"])
    assert counter["GetItem"] == 0


def test_a_session_naming_another_tenant_still_gets_the_users_own(shop):
    client, owner, tenant, store = shop
    _, other = make_owner(business_name="Someone Else Traders")
    session = client.session
    session[SESSION_TENANT] = other.tenant_id
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.session[SESSION_TENANT] == other.tenant_id
    body = client.get(reverse("owner:home")).content.decode()
    assert "Test Business" in body and "Someone Else Traders" not in body
    assert client.session[SESSION_TENANT] == tenant.tenant_id


def test_products_list_finds_its_store_among_the_tenants_stores(shop):
    client, owner, tenant, store = shop
    for i in range(3):
        make_product(store, name=f"Rice {i}")
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:products", kwargs={"store_id": store.store_id})).content.decode()
    assert "Rice 2" in body
    assert ("GetItem", ["stores"]) not in tables_read(counter)
    _, other = make_owner()
    assert client.get(reverse("owner:products", kwargs={"store_id": make_store(other).store_id})).status_code == 404


def test_products_list_reads_the_stores_as_the_navigation_shows_them_with_their_categories(shop):
    """The list shows no more of its store than the navigation (and its category filter): the stores are read
    projected, the config map as its categories only, and the switcher and filter show them."""
    from webdpro.demo import demo_config
    from webdpro.stores.selectors import NAV_ATTRIBUTES

    client, owner, tenant, store = shop
    second = make_store(tenant, name="Second <Bazaar>", config={**demo_config("x"), "categories": ["Zeera & Co"]})
    make_product(second, name="Rice", category="Atta")
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:products", kwargs={"store_id": second.store_id})).content.decode()
    queries = [json.loads(p["body"]) for op, p in counter.calls if op == "Query"]
    (query,) = [q for q in queries if q["TableName"].endswith("stores")]
    names = query["ExpressionAttributeNames"]
    paths = {".".join(names[n] for n in path.split(".")) for path in query["ProjectionExpression"].split(", ")}
    assert paths == {*NAV_ATTRIBUTES, "config.categories"}
    assert '<option value="Atta" >Atta</option>' in body  # a category of the page's products
    assert '<option value="Zeera &amp; Co" >Zeera &amp; Co</option>' in body  # one of the store's config
    assert "Second &lt;Bazaar&gt;" in body and "Main Bazaar" in body  # the list's store, the switcher


def test_order_detail_names_the_owner_without_reading_the_people(shop):
    client, owner, tenant, store = shop
    order = make_order(store, products=[make_product(store)])
    order.update(
        actions=[
            Order.history.set([*order.history, StatusChange(status="PREPARING", at=order.created_at, by=owner.user_id)])
        ]
    )
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:order_detail", kwargs={"order_id": order.order_id})).content.decode()
    assert "Meera" in body
    assert ("Query", ["users"]) not in tables_read(counter)


def test_pages_without_a_store_of_their_own_read_the_stores_as_the_navigation_shows_them(shop):
    """Order detail and home read the tenant's stores projected (names, status, suspension), not whole."""
    from webdpro.stores.selectors import NAV_ATTRIBUTES

    client, owner, tenant, store = shop
    second = make_store(tenant, name="Second Bazaar")
    order = make_order(second, products=[make_product(second)])
    for url in (reverse("owner:order_detail", kwargs={"order_id": order.order_id}), reverse("owner:home")):
        with assert_max_calls(6) as counter:  # home's first visit reads its 30 days (test_owner_home)
            body = client.get(url).content.decode()
        queries = [json.loads(p["body"]) for op, p in counter.calls if op == "Query"]
        (query,) = [q for q in queries if q["TableName"].endswith("stores")]
        names = query["ExpressionAttributeNames"]
        assert {names[n] for n in query["ProjectionExpression"].replace(" ", "").split(",")} == set(NAV_ATTRIBUTES)
        assert "Main Bazaar" in body and "Second Bazaar" in body  # the switcher (and the order's store)
    # The slip prints the store's address: it reads the stores whole, once.
    with assert_max_calls(4) as counter:
        client.get(reverse("owner:order_slip", kwargs={"order_id": order.order_id}))
    assert [t for t in tables_read(counter) if t == ("Query", ["stores"])] == [("Query", ["stores"])]


def test_order_detail_reads_the_people_when_an_agent_acted(shop):
    client, owner, tenant, store = shop
    agent = make_agent(tenant, name="Ravi Kumar")
    unnamed = make_agent(tenant, name=None)  # named by the phone
    order = make_order(store, products=[make_product(store)])
    steps = [StatusChange(status="PREPARING", at=order.created_at, by=who.user_id) for who in (agent, unnamed)]
    order.update(actions=[Order.history.set([*order.history, *steps])])
    with assert_max_calls(5) as counter:
        body = client.get(reverse("owner:order_detail", kwargs={"order_id": order.order_id})).content.decode()
    assert "Ravi Kumar" in body and f"by {unnamed.phone}" in body
    assert ("Query", ["users"]) in tables_read(counter)


def test_get_many_reads_several_tables_in_one_call_in_the_order_asked(shop):
    from webdpro.db import Store, Tenant, get_many

    client, owner, tenant, store = shop
    with assert_max_calls(1) as counter:
        found = get_many(
            (Tenant, "01NOSUCHTENANT0000000000000"),
            (Store, tenant.tenant_id, store.store_id),
            (Tenant, tenant.tenant_id),
        )
    assert counter["BatchGetItem"] == 1
    assert found[0] is None and found[1].name == "Main Bazaar" and found[2].tenant_id == tenant.tenant_id


def test_products_list_projects_what_its_rows_show(shop):
    from webdpro.products.selectors import LIST_ATTRIBUTES

    client, owner, tenant, store = shop
    sugar = make_product(store, name="Sugar", stock=2, threshold=5)
    with assert_max_calls(4) as counter:
        body = client.get(reverse("owner:products", kwargs={"store_id": store.store_id})).content.decode()
    queries = [json.loads(p["body"]) for op, p in counter.calls if op == "Query"]
    (query,) = [q for q in queries if q["TableName"].endswith("products")]
    names = query["ExpressionAttributeNames"]
    projected = {names[n] for n in query["ProjectionExpression"].replace(" ", "").split(",")}
    assert projected == set(LIST_ATTRIBUTES) and "prediction" not in projected
    assert "Sugar" in body and "badge-warn" in body and 'class="is-low"' in body  # is_low_stock on a row
    for name in ("owner:product_inline", "owner:product_detail", "owner:product_edit"):
        assert reverse(name, kwargs={"store_id": store.store_id, "product_id": sugar.product_id}) in body


def test_storefront_lists_read_only_what_a_card_shows(shop):
    from webdpro.storefront.products import CARD_ATTRIBUTES, SEARCH_ATTRIBUTES

    client, owner, tenant, store = shop
    soap = make_product(store, name="Neem Soap", category="Household", stock=3)
    make_product(store, name="Lemon Soap", category="Household", stock=0)
    anon = Client()
    for path, wanted in (
        ("", CARD_ATTRIBUTES),
        ("category/?c=Household", CARD_ATTRIBUTES),
        ("search/?q=soap", SEARCH_ATTRIBUTES),
        (f"p/{soap.product_id}/", CARD_ATTRIBUTES),
    ):
        with assert_max_calls(4) as counter:
            response = anon.get(f"/s/{store.slug}/{path}")
        assert response.status_code == 200
        queries = [json.loads(p["body"]) for op, p in counter.calls if op == "Query"]
        (query,) = [q for q in queries if q["TableName"].endswith("products")]
        names = query["ExpressionAttributeNames"]
        projected = {names[n] for n in query["ProjectionExpression"].replace(" ", "").split(",")}
        assert projected == set(wanted) and "prediction" not in projected, path
    body = anon.get(f"/s/{store.slug}/category/?c=Household").content.decode()
    assert "Neem Soap" in body and "Only 3 left" in body and "Out of stock" in body  # in_stock on a row
