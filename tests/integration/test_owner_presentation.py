"""What owners and customers read: actors on timelines, one "Preparing", "View store" links, labels."""

import re

import pytest
from django.urls import reverse

from tests.helpers import make_agent, make_owner, make_product, make_store, random_phone, sign_in
from webdpro.db import Order
from webdpro.delivery import services as delivery
from webdpro.orders import actions
from webdpro.orders.placement import Line, place_order


@pytest.fixture
def shop(dynamodb):
    owner, tenant = make_owner(name="Meena")
    store = make_store(tenant)
    return owner, tenant, store


def cod_order(store):
    dal = make_product(store, name="Toor dal", stock=9)
    return place_order(
        store=store,
        lines=[Line(dal.product_id, 2, dal.price)],
        customer_name="Asha Rao",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="COD",
    ).order


def timeline_html(html):
    return html[html.index('<ol class="timeline">') : html.index("</ol>", html.index('<ol class="timeline">'))]


def test_the_timeline_names_the_customer_and_shows_preparing_once(client, shop):
    owner, tenant, store = shop
    order = cod_order(store)
    order = actions.prepare_order(Order.get(order.order_id), by=owner.user_id)
    delivery.assign(Order.get(order.order_id), make_agent(tenant, name="Ravi"), by=owner.user_id)
    sign_in(client, owner)
    html = client.get(reverse("owner:order_detail", kwargs={"order_id": order.order_id})).content.decode()
    timeline = timeline_html(html)
    assert "Someone" not in html
    assert "by Asha Rao (customer)" in timeline and "by Meena" in timeline
    assert len(re.findall(r'badge-PREPARING">Preparing<', timeline)) == 1
    assert "Assigned to Ravi" in timeline
    assert re.search(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2} (am|pm)", timeline)  # 2 Dec 2026, 4:37 pm


def test_view_store_opens_locally_when_the_platform_domain_is_not_served_here(client, shop, settings):
    owner, _, store = shop
    settings.DEBUG, settings.STOREFRONT_LINKS = False, "auto"
    sign_in(client, owner)
    url = reverse("owner:store_detail", kwargs={"store_id": store.store_id})
    html = client.get(url).content.decode()
    assert f'id="view-store" href="/s/{store.slug}/"' in html
    on_platform = client.get(url, HTTP_HOST=f"app.{settings.PLATFORM_DOMAIN}").content.decode()
    assert f'id="view-store" href="https://{store.domain}/"' in on_platform
    listing = client.get(reverse("owner:stores")).content.decode()
    assert f'href="/s/{store.slug}/"' in listing


def test_the_order_desk_shows_labels_and_units(client, shop):
    owner, _, store = shop
    order = cod_order(store)
    sign_in(client, owner)
    html = client.get(reverse("owner:orders")).content.decode()
    row = html[html.index(f'id="order-row-{order.order_id}"') :]
    row = row[: row.index("</tr>")]
    assert "Cash on delivery" in row and ">COD<" not in row
    assert "2 units" in row and "2 items" not in row
    assert "Cash due on delivery" in row


def test_hidden_starter_products_are_not_out_of_stock_anywhere(client, shop):
    owner, _, store = shop
    make_product(store, name="Starter Ghee", stock=0, active=False)
    make_product(store, name="Real Sugar", stock=0, threshold=2)
    sign_in(client, owner)
    home = client.get(reverse("owner:home")).content.decode()
    assert "Real Sugar" in home and "Out of stock" in home and "Starter Ghee" not in home
    storefront = client.get(reverse("storefront:home", kwargs={"slug": store.slug})).content.decode()
    assert "Starter Ghee" not in storefront


def test_empty_stock_reads_out_of_stock_not_low(client, shop):
    owner, _, store = shop
    empty = make_product(store, name="Toor dal", stock=0, threshold=3)
    sign_in(client, owner)
    listing = client.get(reverse("owner:products", kwargs={"store_id": store.store_id})).content.decode()
    row = listing[listing.index(f'id="row-{empty.product_id}"') :]
    row = row[: row.index("</tr>")]
    assert "Out of stock" in row and "Low (" not in row
    detail = client.get(
        reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": empty.product_id})
    ).content.decode()
    assert "Out of stock" in detail and "Low (alert" not in detail


def test_the_revenue_card_keeps_paise(client, shop):
    owner, _, store = shop
    dal = make_product(store, name="Toor dal", price="49.50", stock=9)
    place_order(
        store=store,
        lines=[Line(dal.product_id, 1, dal.price)],
        customer_name="Asha Rao",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="COD",
    )
    sign_in(client, owner)
    home = client.get(reverse("owner:home")).content.decode()
    card = home[home.index("Revenue, last 30 days") :][:300]
    assert re.search(r"₹\d[\d,]*\.\d\d", card), card


def test_an_unpaid_order_reads_the_same_to_owner_and_customer(client, shop):
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import Client

    owner, _, store = shop
    dal = make_product(store, name="Toor dal", stock=9)
    order = place_order(
        store=store,
        lines=[Line(dal.product_id, 1, dal.price)],
        customer_name="Asha Rao",
        customer_phone=random_phone(),
        delivery_address="5 Park Street, Kolkata",
        pincode="700016",
        payment_method="UPI",
    ).order
    sign_in(client, owner)
    desk = client.get(reverse("owner:orders")).content.decode()
    detail = client.get(reverse("owner:order_detail", kwargs={"order_id": order.order_id})).content.decode()
    customer = Client()
    session = SessionStore()
    session["sf_orders"] = {store.store_id: [order.order_id]}
    session.save()
    customer.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    track = customer.get(
        reverse("storefront:track_order", kwargs={"slug": store.slug, "order_id": order.order_id})
    ).content.decode()
    for name, page in (("desk", desk), ("detail", detail), ("track", track)):
        assert "Awaiting payment" in page, name
        assert "Pending payment" not in page, (name, page[page.find("Pending payment") - 300 :][:400])


def test_the_navigation_marks_the_page_and_links_the_current_store(client, shop):
    """The nav (dashboard/views/owner/common.py OwnerNav): the top bar and "More", in the page's language."""
    owner, tenant, store = shop
    sign_in(client, owner)
    html = client.get(reverse("owner:products", kwargs={"store_id": store.store_id})).content.decode()
    products = reverse("owner:products", kwargs={"store_id": store.store_id})
    assert f'<a href="{products}" class="active" aria-current="page">Products</a>' in html
    assert f'<a href="{reverse("owner:orders")}" class="">Orders <span class="nav-count" id="nav-awaiting"' in html
    more = html[html.index('aria-label="More places"') :]
    assert f'<a href="{reverse("owner:coupons", kwargs={"store_id": store.store_id})}" class="">Coupons</a>' in more
    assert html.count('id="nav-awaiting"') == 1
    client.post(reverse("owner:language"), {"language": "hi"})
    hindi = client.get(reverse("owner:home")).content.decode()
    assert f'<a href="{reverse("owner:home")}" class="active" aria-current="page">होम</a>' in hindi
