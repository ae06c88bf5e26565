"""Checkout and order-tracking limits: per session, per IP (IPv6 /64) and per phone, as conditional
writes that hold under 30 parallel requests; a refused checkout is a 429 and writes no order."""

from __future__ import annotations

import re
import threading

import pytest
from django.test import Client

from tests.helpers import make_owner, make_product, make_store, random_ip, random_phone
from webdpro.db import Order
from webdpro.ids import new_id


@pytest.fixture
def shop(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, slug=f"limits-{new_id()[-6:].lower()}")
    return store, make_product(store, name="Atta 5 kg", price="250.00", stock=500)


def url(store, path=""):
    return f"/s/{store.slug}/{path}"


def ready_to_pay(store, product, ip):
    """A browser with the product in its cart and a fresh checkout token."""
    client = Client(REMOTE_ADDR=ip)
    client.post(url(store, "cart/add/"), {"product_id": product.product_id, "quantity": 1})
    html = client.get(url(store, "checkout/")).content.decode()
    return client, re.search(r'name="token" value="([^"]+)"', html).group(1)


def place(client, store, token, phone=None):
    return client.post(
        url(store, "checkout/"),
        {
            "customer_name": "Priya Nair",
            "customer_phone": (phone or random_phone())[3:],
            "delivery_address": "Flat 4B, Lake View, Indiranagar",
            "pincode": "560038",
            "payment_method": "COD",
            "token": token,
        },
    )


def orders_of(store):
    return list(Order.store_index.query(store.store_id))


def place_all_at_once(store, browsers, **fields) -> list[int]:
    """Every browser's place-order POST at the same moment (one thread each, released together): statuses."""
    statuses, barrier = [], threading.Barrier(len(browsers))

    def checkout(client, token):
        barrier.wait()
        statuses.append(place(client, store, token, **fields).status_code)

    threads = [threading.Thread(target=checkout, args=b) for b in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def test_thirty_parallel_checkouts_from_one_ip_stop_at_the_limit(shop, settings):
    settings.CHECKOUTS_PER_IP = 5
    store, product = shop
    ip = random_ip()
    browsers = [ready_to_pay(store, product, ip) for _ in range(30)]
    statuses = place_all_at_once(store, browsers)
    assert sorted(statuses) == [302] * 5 + [429] * 25
    assert len(orders_of(store)) == 5
    assert place(*ready_to_pay_on(store, product, random_ip())).status_code == 302  # another network


def test_thirty_parallel_checkouts_from_one_ip_on_different_products_stop_at_the_limit(shop, settings, monkeypatch):
    """The IP's counter is taken in each order's transaction: orders of different products from one address
    share only that item. Its writers are queued like a hot product's (its key goes to the hot-item policy)
    and the limit holds exactly."""
    from webdpro.db import together

    settings.CHECKOUTS_PER_IP = 5
    store, _ = shop
    ip = random_ip()
    browsers = [ready_to_pay(store, make_product(store, name=f"Item {n}", stock=3), ip) for n in range(30)]
    seen = []
    real = together.retry_hot_transaction

    def recorded(write, keys, **kwargs):
        seen.append(list(keys))
        return real(write, keys=keys, **kwargs)

    monkeypatch.setattr(together, "retry_hot_transaction", recorded)

    statuses = place_all_at_once(store, browsers)
    assert sorted(statuses) == [302] * 5 + [429] * 25
    assert len(orders_of(store)) == 5
    shared = {keys[-1] for keys in seen}
    assert len(seen) == 30 and len(shared) == 1 and "#checkout-ip#" in shared.pop()


def test_thirty_parallel_checkouts_with_one_phone_stop_at_its_limit(shop, settings):
    """The phone's and the session's limits are taken together in one transaction: they hold too."""
    settings.CHECKOUTS_PER_PHONE = 5
    store, product = shop
    phone = random_phone()
    browsers = [ready_to_pay(store, product, random_ip()) for _ in range(30)]
    statuses = place_all_at_once(store, browsers, phone=phone)
    assert sorted(statuses) == [302] * 5 + [429] * 25
    assert len(orders_of(store)) == 5


def test_a_refused_checkout_is_a_429_page_and_writes_nothing(shop, settings):
    settings.CHECKOUTS_PER_SESSION = 1
    store, product = shop
    client, token = ready_to_pay(store, product, random_ip())
    assert place(client, store, token).status_code == 302
    client.post(url(store, "cart/add/"), {"product_id": product.product_id, "quantity": 1})
    token = re.search(r'name="token" value="([^"]+)"', client.get(url(store, "checkout/")).content.decode()).group(1)
    response = place(client, store, token)
    assert response.status_code == 429
    assert "Too many orders were placed from here" in response.content.decode()
    assert len(orders_of(store)) == 1


def test_one_phone_is_limited_across_sessions_and_networks(shop, settings):
    settings.CHECKOUTS_PER_PHONE = 2
    store, product = shop
    phone = random_phone()
    results = [place(*ready_to_pay_on(store, product, random_ip()), phone=phone) for _ in range(3)]
    assert [r.status_code for r in results] == [302, 302, 429]
    assert "this mobile number" in results[-1].content.decode()


def test_ipv6_clients_share_their_slash_64(shop, settings):
    settings.CHECKOUTS_PER_IP = 2
    store, product = shop
    results = [place(*ready_to_pay_on(store, product, f"2001:db8:1:2::{n}")) for n in range(1, 4)]
    assert [r.status_code for r in results] == [302, 302, 429]
    assert place(*ready_to_pay_on(store, product, "2001:db8:1:3::1")).status_code == 302


def ready_to_pay_on(store, product, ip):
    client, token = ready_to_pay(store, product, ip)
    return client, store, token


def test_order_tracking_is_limited_per_session_and_ip(shop, settings):
    settings.TRACKING_PER_IP = 3
    store, _ = shop
    ip = random_ip()
    statuses = [
        Client(REMOTE_ADDR=ip)
        .post(url(store, "track/"), {"order_ref": "ABCDEFGH", "phone": random_phone()})
        .status_code
        for _ in range(4)
    ]
    assert statuses == [404, 404, 404, 429]
