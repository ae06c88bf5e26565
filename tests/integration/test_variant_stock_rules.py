"""Every stock rule of products holds per variant, on DynamoDB Local: low stock (the page and the dashboard
home's widget name the variant), the stock prediction from each variant's own sales, and the movement log
of sales and cancellations."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_owner, make_product, make_store, random_phone, sign_in
from webdpro import clock
from webdpro.db import Order, Product, StockMovement
from webdpro.orders.actions import cancel_order
from webdpro.orders.placement import Line, place_order
from webdpro.products import prediction, variants


@pytest.fixture
def shop(client, dynamodb):
    owner, tenant = make_owner(name="Anil", plan="PRO")
    store = make_store(tenant, name="Anil Kirana")
    sign_in(client, owner)
    return client, store


def dal(store, small=20, big=6, threshold=5, name="Toor Dal"):
    product = make_product(store, name=name, price="99.00", stock=0, threshold=threshold)
    rows = [
        {"opt_0": "500 g", "price": "99", "stock": str(small)},
        {"opt_0": "1 kg", "price": "180.50", "stock": str(big)},
    ]
    product = variants.set_variants(store, product, ["Weight", "", ""], rows)
    return (product, *variants.variants_of(product))


def buy(store, product, variant, quantity=1, days_ago=0):
    order = place_order(
        store=store,
        lines=[Line(product.product_id, quantity, variant.price, variant.variant_id)],
        customer_name="Kiran",
        customer_phone=random_phone(),
        delivery_address="9 Residency Road, Bengaluru",
        pincode="560025",
        payment_method="COD",
    ).order
    if days_ago:
        when = clock.iso(clock.now() - timedelta(days=days_ago))
        Order(order.order_id).update(actions=[Order.created_at.set(when)])
    return order


def test_low_stock_lists_the_variant_below_its_threshold(shop):
    client, store = shop
    product, small, big = dal(store)
    buy(store, product, big, 2)  # 1 kg: 6 → 4, at or below 5; 500 g stays at 20; the total (24) is not low
    dal(store, small=30, big=30, name="Moong Dal")  # no variant low
    make_product(store, name="Sugar", stock=2, threshold=5)
    with assert_max_calls(6):
        page = client.get(reverse("owner:low_stock", kwargs={"store_id": store.store_id})).content.decode()
    assert "Toor Dal — 1 kg" in page and "Toor Dal — 500 g" not in page and "Moong Dal" not in page
    assert "Sugar" in page and "4 left" in page
    home = client.get(reverse("owner:home")).content.decode()
    assert "Toor Dal — 1 kg" in home and "Toor Dal — 500 g" not in home and "Sugar" in home
    listed = client.get(reverse("owner:products", kwargs={"store_id": store.store_id}), {"low": "1"})
    assert "Toor Dal" in listed.content.decode() and "Moong Dal" not in listed.content.decode()
    fresh = Product.get(store.store_id, product.product_id)
    assert fresh.is_low_stock and fresh.stock_quantity == 24 > fresh.low_stock_threshold


def test_sales_and_cancellations_are_logged_per_variant(shop):
    _, store = shop
    product, small, big = dal(store)
    order = buy(store, product, big, 2)
    cancel_order(Order.get(order.order_id), "owner", "Wrong size", by_owner=True)
    log = list(StockMovement.query(store.store_id, StockMovement.movement_key.startswith(product.product_id)))
    assert sorted((m.kind, m.variant_id, m.delta) for m in log if m.kind in ("SALE", "RETURN")) == [
        ("RETURN", big.variant_id, 2),
        ("SALE", big.variant_id, -2),
    ]


def test_each_variant_is_forecast_from_its_own_sales(shop):
    client, store = shop
    product, small, big = dal(store, small=200, big=100)
    Product(store.store_id, product.product_id).update(
        actions=[Product.created_at.set(clock.iso(clock.now() - timedelta(days=60)))]
    )
    for day in range(20):  # 1 kg: one a day for 20 days
        buy(store, product, big, 1, days_ago=day)
    for day in range(0, 20, 2):  # 500 g: three every other day
        buy(store, product, small, 3, days_ago=day)
    cancelled = buy(store, product, big, 50, days_ago=1)
    cancel_order(Order.get(cancelled.order_id), "owner", "Duplicate", by_owner=True)  # not a sale
    with assert_max_calls(4):  # the orders Query, the product, one UpdateItem
        assert prediction.refresh(store.store_id, [product.product_id]) == 1
    stored = Product.get(store.store_id, product.product_id)
    views = prediction.variant_views(stored)
    assert stored.prediction.as_dict()["units_sold"] == 50  # 20 + 30, the product as a whole
    assert views[big.variant_id]["units_sold"] == 20 and views[small.variant_id]["units_sold"] == 30
    assert views[big.variant_id]["stock_at_forecast"] == 80 and views[small.variant_id]["stock_at_forecast"] == 170
    assert views[big.variant_id]["method"] == "SES" and views[big.variant_id]["rate_per_day"] == pytest.approx(1.0)
    assert views[small.variant_id]["method"] in ("SBA", "TSB")  # sold every other day: intermittent
    assert views[big.variant_id]["days_of_cover"] == pytest.approx(80.0)
    assert "history" not in stored.variant_predictions.as_dict()[big.variant_id]
    page = client.get(reverse("owner:product_detail", args=[store.store_id, product.product_id])).content.decode()
    assert 'id="variant-forecast"' in page and f'data-variant="{big.variant_id}"' in page and "1 kg" in page


def test_a_variant_forecast_follows_its_stock_now(shop):
    _, store = shop
    product, small, big = dal(store, small=10, big=20)
    for day in range(10):
        buy(store, product, big, 1, days_ago=day)
    prediction.refresh(store.store_id, [product.product_id])
    before = prediction.variant_views(Product.get(store.store_id, product.product_id))[big.variant_id]
    buy(store, product, big, 4)  # sold after the forecast: 10 → 6 left, the cover shrinks with the stock
    after = prediction.variant_views(Product.get(store.store_id, product.product_id))[big.variant_id]
    assert before["rate_per_day"] > 0 and after["days_of_cover"] == pytest.approx(before["days_of_cover"] * 6 / 10)
    assert prediction.variant_views(Product.get(store.store_id, product.product_id)).get(small.variant_id)


def test_csv_import_logs_each_variant_and_never_overwrites_a_sale(shop):
    from webdpro.products import csvio

    _, store = shop
    product, small, big = dal(store, small=4, big=2)
    upload = (
        "product_id,name,price,options,variants\n"
        f'{product.product_id},Toor Dal,99,Weight,"500 g | 99.00 | 4; 1 kg | 180.50 | 7; 2 kg | 350 | 1"\n'
        ',Chana Dal,80,Weight,"500 g | 80 | 3; 1 kg | 150 | 0"\n'
    )
    assert csvio.import_csv(store, upload.encode()).ok
    log = list(StockMovement.query(store.store_id, StockMovement.movement_key.startswith(product.product_id)))
    imported = sorted((m.variant_id == big.variant_id, m.delta) for m in log if m.kind == "IMPORT")
    assert imported == [(False, 1), (True, 5)]  # 1 kg: 2 → 7; the new 2 kg: 0 → 1; 500 g unchanged
    assert all(m.variant_id for m in log if m.kind == "IMPORT")
    # The same file again (its total stock equals the product's), and a variant sold between reading the
    # products and writing them: the batch is refused, the sale stays (the variants map is not
    # overwritten with the stock read before it).
    stale_rows, result = csvio.validate(store, csvio.decode(upload.encode()))
    current = Product.get(store.store_id, product.product_id)
    buy(store, current, variants.variants_of(current)[1], 1)  # 1 kg: 7 → 6
    try:
        written = csvio._write_chunk(store, stale_rows, csvio.services.Actor("test", "Test"))
    except Exception as exc:  # noqa: BLE001 — the refusal is what is checked
        written = exc
    assert not isinstance(written, tuple)
    after = {v.label: v.stock for v in variants.variants_of(Product.get(store.store_id, product.product_id))}
    assert after["1 kg"] == 6


def test_import_batches_stay_within_a_transaction(shop):
    from webdpro.products import csvio

    _, store = shop
    many = "; ".join(f"S{i} | 10 | 1" for i in range(40))
    rows = ["name,price,options,variants"] + [f'Kurta {n},500,Size,"{many}"' for n in range(5)]
    rows_read, result = csvio.validate(store, csvio.decode("\n".join(rows).encode()))
    assert not result.errors and [len(c) for c in csvio.chunks(rows_read)] == [2, 2, 1]  # 41 items a row
    assert csvio.import_csv(store, "\n".join(rows).encode()).created == 5
