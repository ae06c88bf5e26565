"""The order CSV export (webdpro/orders/export.py): columns, quoting, paging, streaming, search."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, sign_in
from webdpro import clock
from webdpro.db import Order
from webdpro.orders import export, selectors


@pytest.fixture
def shop(client):
    owner, tenant = make_owner(name="Meera", plan="PRO")
    store = make_store(tenant, name="Main Bazaar")
    sign_in(client, owner)
    return client, tenant, store


def read_csv(response):
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_each_column_from_the_order(shop):
    client, tenant, store = shop
    rice = make_product(store, name="=Rice", price="45.50")
    order = make_order(store, [rice], quantity=2, payment_method="UPI")
    order.update(actions=[Order.customer_name.set("@Asha"), Order.created_at.set("2026-03-10T18:29:00.000000Z")])
    (row,) = read_csv(client.get(reverse("owner:orders_export")))
    assert list(row) == list(export.HEADER)
    assert row["order_id"] == order.order_id and row["short_id"] == order.order_id[-8:]
    assert row["created_at_ist"] == "2026-03-10 23:59" and row["store"] == "Main Bazaar"
    assert row["customer_name"] == "'@Asha" and row["items"] == "2 × =Rice"  # no cell starts a formula
    assert (row["subtotal"], row["delivery_fee"], row["total_amount"]) == ("91.00", "30.00", "121.00")
    assert row["status"] == "CONFIRMED" and row["payment_method"] == "UPI" and row["pincode"] == "560001"


def test_pages_of_the_query_stream_as_they_come_newest_first(shop, monkeypatch):
    client, tenant, store = shop
    made = [make_order(store) for _ in range(5)]
    monkeypatch.setattr(export, "PAGE", 2)
    chunks = list(export.csv_chunks(tenant.tenant_id, selectors.DeskFilters(), {}))
    assert len(chunks) == 1 + 3  # header, then one chunk per Query page (2 + 2 + 1)
    rows = list(csv.DictReader(io.StringIO("".join(chunks)[1:])))
    assert [r["order_id"] for r in rows] == [o.order_id for o in reversed(made)]
    assert sum(len(p) for p in export.raw_pages(tenant.tenant_id, selectors.DeskFilters(), max_rows=3)) == 3


def test_filters_apply_and_the_range_is_a_key_condition(shop):
    client, tenant, store = shop
    old = make_order(store)
    old.update(actions=[Order.created_at.set(clock.iso(clock.now() - timedelta(days=10)))])
    new = make_order(store, payment_method="UPI")
    make_order(store, payment_method="COD")
    since = (clock.local_today() - timedelta(days=7)).isoformat()
    with assert_max_calls(5) as counter:
        rows = read_csv(client.get(reverse("owner:orders_export"), {"from": since, "method": "UPI"}))
    assert [r["order_id"] for r in rows] == [new.order_id]
    assert counter["Query"] == 2 and counter["Scan"] == 0  # the tenant's stores, then one orders Query


def test_a_search_exports_what_the_search_finds(shop):
    client, tenant, store = shop
    phone = "+919812345678"
    mine = make_order(store, customer_phone=phone)
    make_order(store)
    rows = read_csv(client.get(reverse("owner:orders_export"), {"q": phone}))
    assert [r["order_id"] for r in rows] == [mine.order_id] and rows[0]["total_amount"] == f"{mine.total_amount:.2f}"
    response = client.get(reverse("owner:orders_export"), {"q": "not a number"})
    assert response.status_code == 302


def test_money_and_missing_values_print_plainly():
    assert export.money(Decimal("5")) == "5.00" and export.money(None) == ""
    assert export.safe(None) == "" and export.safe("-1") == "'-1" and export.safe("Asha") == "Asha"
