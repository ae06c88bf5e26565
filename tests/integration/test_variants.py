"""Variants on DynamoDB Local: per-variant stock in the order transaction, siblings untouched, the editor's
validation, stock adjustments with movements, the storefront picker and cart."""

import threading
from decimal import Decimal

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone, sign_in
from webdpro.db import Order, Product, StockMovement
from webdpro.errors import Conflict, ValidationFailed
from webdpro.orders.placement import CartChanged, Line, place_order
from webdpro.products import variants


@pytest.fixture(scope="module")
def owner_shop(dynamodb):
    user, tenant = make_owner()
    return user, make_store(tenant, name="Variant Kirana")


def dal(shop, small_stock=1, big_stock=5):
    product = make_product(shop, name="Toor Dal", price="99.00", stock=0)
    rows = [
        {"opt_0": "500 g", "price": "99", "stock": str(small_stock), "sku": "DAL-500"},
        {"opt_0": "1 kg", "price": "180.50", "stock": str(big_stock), "sku": "DAL-1000"},
    ]
    product = variants.set_variants(shop, product, ["Weight", "", ""], rows)
    small, big = variants.variants_of(product)
    return product, small, big


def fresh(product):
    return Product.get(product.store_id, product.product_id, consistent_read=True)


def buy(shop, *lines):
    return place_order(
        store=shop,
        lines=list(lines),
        customer_name="Kiran",
        customer_phone=random_phone(),
        delivery_address="9 Residency Road, Bengaluru",
        pincode="560025",
        payment_method="COD",
    ).order


def test_variants_are_a_map_on_the_product(owner_shop):
    _, shop = owner_shop
    product, small, big = dal(shop)
    assert product.option_names == ["Weight"] and (small.label, big.label) == ("500 g", "1 kg")
    assert product.stock_quantity == 6 and product.price == Decimal("99.00")
    assert (small.price, big.price, big.sku) == (Decimal("99.00"), Decimal("180.50"), "DAL-1000")
    movements = list(StockMovement.query(shop.store_id, StockMovement.movement_key.startswith(product.product_id)))
    assert sorted((m.variant_id, m.delta) for m in movements) == sorted([(small.variant_id, 1), (big.variant_id, 5)])


def test_two_buyers_of_the_last_unit_of_one_variant_get_one_order(owner_shop, patient_dynamodb):
    _, shop = owner_shop
    product, small, big = dal(shop, small_stock=1, big_stock=5)
    placed, refused = [], []
    start = threading.Barrier(2)

    def one():
        start.wait()
        try:
            placed.append(buy(shop, Line(product.product_id, 1, small.price, small.variant_id)))
        except (CartChanged, Conflict) as exc:
            refused.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(placed) == 1 and len(refused) == 1 and isinstance(refused[0], CartChanged)
    assert "Toor Dal (500 g)" in refused[0].message
    after = fresh(product)
    assert variants.get_variant(after, small.variant_id).stock == 0
    assert variants.get_variant(after, big.variant_id).stock == 5  # the sibling is untouched
    assert after.stock_quantity == 5
    (item,) = Order.get(placed[0].order_id).items
    assert (item.name, item.variant_id, item.variant_label, item.price) == (
        "Toor Dal (500 g)",
        small.variant_id,
        "500 g",
        Decimal("99.00"),
    )


def test_two_variants_of_one_product_in_one_order(owner_shop):
    _, shop = owner_shop
    product, small, big = dal(shop, small_stock=3, big_stock=3)
    order = buy(
        shop,
        Line(product.product_id, 2, small.price, small.variant_id),
        Line(product.product_id, 1, big.price, big.variant_id),
    )
    assert Order.get(order.order_id).subtotal == Decimal("378.50")
    after = fresh(product)
    assert [v.stock for v in variants.variants_of(after)] == [1, 2] and after.stock_quantity == 3


def test_stale_price_unknown_variant_and_plain_line_are_refused(owner_shop):
    _, shop = owner_shop
    product, small, big = dal(shop)
    for line in (
        Line(product.product_id, 1, Decimal("90.00"), small.variant_id),  # price changed
        Line(product.product_id, 1, small.price, "NOSUCHVARI"),
        Line(product.product_id, 1, product.price),  # a product with variants needs one
    ):
        with pytest.raises(CartChanged):
            buy(shop, line)
    assert fresh(product).stock_quantity == 6


@pytest.mark.parametrize(
    "names, rows, field",
    [
        (["", "", ""], [{"opt_0": "1 kg", "price": "10", "stock": "1"}], "option_0"),
        (["Size", "size", ""], [{"opt_0": "S", "opt_1": "M", "price": "10", "stock": "1"}], "option_1"),
        (
            ["Size", "", ""],
            [{"opt_0": "S", "price": "10", "stock": "1"}, {"opt_0": "s", "price": "12", "stock": "1"}],
            "v1_opt_0",
        ),
        (["Size", "", ""], [{"opt_0": "S", "price": "0", "stock": "1"}], "v0_price"),
        (["Size", "", ""], [{"opt_0": "S", "price": "1e9", "stock": "1"}], "v0_price"),
        (["Size", "", ""], [{"opt_0": "S", "price": "10", "stock": "-1"}], "v0_stock"),
        (["Size", "", ""], [{"opt_0": "", "price": "10", "stock": "1"}], "v0_opt_0"),
        (["Size", "", ""], [{"opt_0": "S", "price": "10", "stock": "1", "sku": "bad sku!"}], "v0_sku"),
        (["Size", "", ""], [{"opt_0": f"S{i}", "price": "10", "stock": "1"} for i in range(51)], "v50_opt_0"),
    ],
)
def test_bad_variant_input_names_the_field_and_writes_nothing(owner_shop, names, rows, field):
    _, shop = owner_shop
    product = make_product(shop, name="Plain", price="10.00", stock=2)
    with pytest.raises(ValidationFailed) as err:
        variants.set_variants(shop, product, names, rows)
    assert err.value.field == field
    stored = fresh(product)
    assert stored.variants is None and stored.option_names is None and stored.stock_quantity == 2


def test_adjusting_one_variant_logs_a_movement_and_leaves_siblings(owner_shop):
    _, shop = owner_shop
    product, small, big = dal(shop, small_stock=2, big_stock=5)
    variants.adjust_stock(shop, product, big.variant_id, 10, "RECEIVED", "supplier bill 42")
    after = fresh(product)
    assert [v.stock for v in variants.variants_of(after)] == [2, 15] and after.stock_quantity == 17
    with pytest.raises(Conflict):
        variants.adjust_stock(shop, after, small.variant_id, -3, "DAMAGED", "dropped")
    assert fresh(product).stock_quantity == 17
    logged = [
        m
        for m in StockMovement.query(shop.store_id, StockMovement.movement_key.startswith(product.product_id))
        if m.reason == "supplier bill 42"
    ]
    assert [(m.variant_id, m.delta) for m in logged] == [(big.variant_id, 10)]


def test_storefront_picker_cart_and_checkout(client, owner_shop):
    _, shop = owner_shop
    product, small, big = dal(shop, small_stock=4, big_stock=0)
    base = f"/s/{shop.slug}/"
    page = client.get(base + f"p/{product.product_id}/").content.decode()
    assert 'id="variant-picker"' in page and "500 g" in page and "₹180.50" in page
    assert f'value="{big.variant_id}" disabled' in page  # out of stock
    add = base + "cart/add/"
    refused = client.post(
        add, {"product_id": product.product_id, "quantity": "1", "variant_id": "ZZZZZZZZZZ"}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 400 and "does not come in that combination" in refused.content.decode()
    refused = client.post(add, {"product_id": product.product_id, "quantity": "1"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and "Choose an option" in refused.content.decode()
    assert "Toor Dal" not in client.get(base + "cart/").content.decode()  # nothing was added
    ok = client.post(
        add, {"product_id": product.product_id, "quantity": "2", "variant_id": small.variant_id}, HTTP_HX_REQUEST="true"
    )
    assert ok.status_code == 200 and "Toor Dal (500 g)" in ok.content.decode()
    cart = client.get(base + "cart/").content.decode()
    assert "Toor Dal (500 g)" in cart and "₹198.00" in cart
    token = client.get(base + "checkout/").context["form"]["token"].value()
    done = client.post(
        base + "checkout/",
        {
            "customer_name": "Anil",
            "customer_phone": "9845012345",
            "delivery_address": "5 Brigade Road, Bengaluru",
            "pincode": "560001",
            "payment_method": "COD",
            "token": token,
        },
    )
    assert done.status_code == 302
    assert variants.get_variant(fresh(product), small.variant_id).stock == 2


def test_owner_editor_refuses_bad_rows_with_the_field(client, owner_shop):
    user, shop = owner_shop
    sign_in(client, user)
    product = make_product(shop, name="Kurta", price="500.00", stock=0)
    url = f"/dashboard/stores/{shop.store_id}/products/{product.product_id}/variants/"
    bad = client.post(url, {"option_0": "Size", "v0_opt_0": "M", "v0_price": "abc", "v0_stock": "1"})
    body = bad.content.decode()
    assert bad.status_code == 422 and "Enter the row 1 price in rupees" in body
    assert 'name="v0_price" value="abc" inputmode="decimal" size="7" aria-invalid="true"' in body  # as typed
    assert 'name="v0_opt_0" value="M"' in body and 'name="option_0" value="Size"' in body
    assert fresh(product).variants is None
    ok = client.post(
        url,
        {
            "option_0": "Size",
            "option_1": "Colour",
            "v0_opt_0": "M",
            "v0_opt_1": "Red",
            "v0_price": "550",
            "v0_stock": "3",
        },
    )
    assert ok.status_code == 302
    detail = client.get(f"/dashboard/stores/{shop.store_id}/products/{product.product_id}/").content.decode()
    assert "M / Red" in detail


def test_cancelling_gives_the_variant_its_units_back(owner_shop):
    from webdpro.orders.actions import cancel_order

    _, shop = owner_shop
    product, small, big = dal(shop, small_stock=3, big_stock=3)
    order = buy(shop, Line(product.product_id, 2, big.price, big.variant_id))
    sold = [
        m
        for m in StockMovement.query(shop.store_id, StockMovement.movement_key.startswith(product.product_id))
        if m.kind == "SALE"
    ]
    assert [(m.variant_id, m.delta) for m in sold] == [(big.variant_id, -2)]
    cancel_order(Order.get(order.order_id), by="test", reason="changed mind", by_owner=True)
    after = fresh(product)
    assert [v.stock for v in variants.variants_of(after)] == [3, 3] and after.stock_quantity == 6


def test_csv_export_and_import_carry_variants(owner_shop):
    from webdpro.products import csvio

    _, shop = owner_shop
    product, small, big = dal(shop, small_stock=4, big_stock=2)
    text = "".join(csvio.export_rows(shop.store_id))
    line = next(row for row in text.splitlines() if row.startswith(product.product_id))
    assert "Weight" in line and "500 g | 99.00 | 4 | DAL-500; 1 kg | 180.50 | 2 | DAL-1000" in line
    # Re-import with new stock for 1 kg and a new 2 kg variant: ids of existing variants are kept.
    upload = (
        "product_id,name,price,options,variants\n"
        f'{product.product_id},Toor Dal,99,Weight,"500 g | 99.00 | 4 | DAL-500; 1 kg | 180.50 | 7; 2 kg | 350 | 1"\n'
        ',Saree,999,Colour / Size,"Red / Free | 999 | 2; Blue / Free | 1099 | 0"\n'
    )
    result = csvio.import_csv(shop, upload.encode())
    assert result.ok and (result.created, result.updated) == (1, 1)
    after = fresh(product)
    by_label = {v.label: v for v in variants.variants_of(after)}
    assert by_label["1 kg"].variant_id == big.variant_id and by_label["1 kg"].stock == 7
    assert by_label["2 kg"].price == Decimal("350.00") and after.stock_quantity == 12
    bad = csvio.import_csv(shop, b'name,price,options,variants\nKurta,500,Size,"M | 500 | 1; M | 550 | 2"\n')
    assert [(e.row, e.field) for e in bad.errors] == [(2, "variants")] and "listed twice" in bad.errors[0].message
    bad = csvio.import_csv(shop, b'name,price,options,variants\nKurta,500,Size / Colour,"M | 500 | 1"\n')
    assert [e.field for e in bad.errors] == ["variants"] and "one value per option" in bad.errors[0].message
