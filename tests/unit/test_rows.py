"""Read-only rows read straight from DynamoDB's answer hold what the model would (webdpro.db.rows)."""

from decimal import Decimal

from webdpro.db import Order
from webdpro.db.orders import OrderItem, StatusChange
from webdpro.db.rows import Row, rows
from webdpro.orders.selectors import DESK_ATTRIBUTES, desk_rows


def stored(**extra):
    order = Order(
        "01JROWSTEST00000000000000A",
        tenant_id="t1",
        store_id="s1",
        status="CONFIRMED",
        created_at="2026-03-10T18:29:59.999999Z",
        items=[
            OrderItem(product_id="p1", name="Rice", price=Decimal("50.50"), quantity=2, line_total=Decimal("101.00")),
            OrderItem(product_id="p2", name="Dal", price=Decimal("90.00"), quantity=1, line_total=Decimal("90.00")),
        ],
        total_amount=Decimal("221.00"),
        customer_name="Asha",
        customer_phone="+919876543210",
        delivery_address="12 MG Road",
        pincode="560001",
        subtotal=Decimal("191.00"),
        delivery_fee=Decimal("30.00"),
        updated_at="2026-03-10T18:29:59.999999Z",
        payment_method="COD",
        payment_status="COD_PENDING",
        history=[StatusChange(status="CONFIRMED", at="2026-03-10T18:29:59.999999Z", by="customer")],
        **extra,
    )
    return order.serialize(null_check=False)


def test_a_row_holds_what_the_model_holds_for_the_projected_attributes():
    raw = {k: v for k, v in stored(coupon_code="DIWALI").items() if k in DESK_ATTRIBUTES}
    (row,) = rows(Order, DESK_ATTRIBUTES, [raw])
    model = Order.from_raw_data(raw)
    assert isinstance(row, Row) and row.projected is True
    for name in DESK_ATTRIBUTES:
        if name == "items":
            continue
        assert getattr(row, name) == getattr(model, name), name
    assert row.total_amount == Decimal("221.00") and isinstance(row.total_amount, Decimal)
    assert [(i.name, i.quantity, i.line_total) for i in row.items] == [
        ("Rice", 2, Decimal("101.00")),
        ("Dal", 1, Decimal("90.00")),
    ]
    assert isinstance(row.items[0].quantity, int)


def test_missing_attributes_read_as_the_models_defaults_and_unprojected_ones_are_absent():
    raw = {k: v for k, v in stored().items() if k in ("order_id", "status", "created_at")}
    (row,) = rows(Order, ("order_id", "status", "coupon_code", "fulfilment"), [raw])
    model = Order.from_raw_data(raw)
    assert row.coupon_code is None and row.fulfilment == model.fulfilment
    assert not hasattr(row, "history")


def test_desk_rows_hold_the_projection_with_the_lines_counted():
    raw = {k: v for k, v in stored(coupon_code="DIWALI").items() if k in DESK_ATTRIBUTES}
    (row,) = desk_rows([raw])
    (generic,) = rows(Order, DESK_ATTRIBUTES, [raw])
    assert row.projected is True and row.units == 3 and not hasattr(row, "items")
    for name in DESK_ATTRIBUTES:
        if name != "items":
            assert getattr(row, name) == getattr(generic, name), name
    (empty,) = desk_rows([{k: v for k, v in raw.items() if k != "items"}])
    assert empty.units == 0


def test_a_product_row_holds_what_the_model_holds_for_every_attribute_the_storefront_reads():
    from webdpro.db import Product
    from webdpro.storefront.products import PRODUCT_ATTRIBUTES, _cards

    product = Product(
        "s1",
        "01JROWSTEST00000000000000P",
        name="Toor Dal",
        description="Unpolished",
        price=Decimal("180.50"),
        category="Dal",
        images=["a.jpg", "https://cdn.example.com/b.jpg"],
        stock_quantity=7,
        is_active=True,
        created_at="2026-03-10T18:29:59.999999Z",
        option_names=["Weight"],
        variants={"v1": {"options": ["1 kg"], "price": "180.50", "stock": 5, "pos": 0}},
    )
    raw = product.serialize(null_check=False)
    row = _cards(PRODUCT_ATTRIBUTES)(raw)
    model = Product.from_raw_data(raw)
    for name in PRODUCT_ATTRIBUTES:
        value = getattr(model, name)
        if name == "variants":
            value = value.as_dict()
        assert getattr(row, name) == value, name
        assert type(getattr(row, name)) is type(value), name
    assert row.in_stock is True and row.stock_quantity == 7
    bare = _cards(PRODUCT_ATTRIBUTES)(
        {k: v for k, v in raw.items() if k in ("store_id", "product_id", "name", "price")}
    )
    assert (bare.stock_quantity, bare.is_active, bare.images, bare.variants) == (0, False, None, None)
    assert bare.in_stock is False


def test_a_query_sends_document_paths_and_a_models_condition_with_its_own_filter(monkeypatch):
    """rows.query: a projection may name a path inside a map; a PynamoDB condition is serialized into the filter
    beside the ``where`` one, its names and values apart from the key's, as PynamoDB would send them."""
    from webdpro.db import Product, Store, base
    from webdpro.db import rows as db_rows

    sent = []

    class Client:
        def query(self, **params):
            sent.append(params)
            return {"Items": [], "ScannedCount": 0}

    monkeypatch.setattr(base, "connection", lambda: type("C", (), {"client": Client()})())
    db_rows.query(Store, "t1", names=("name", "config.categories"))
    db_rows.query(Store, "t1", where=("name", "Main"))
    condition = (Product.category == "Oils") & (Product.stock_quantity <= Product.low_stock_threshold)
    db_rows.query(Product, "s1", names=("name",), limit=5, where=("is_active", True), condition=condition)
    stores, named, products = sent
    assert named["FilterExpression"] == "#f0 = :f0" and named["ExpressionAttributeValues"][":f0"] == {"S": "Main"}
    assert stores["ProjectionExpression"] == "#p0, #p1.#p2" and "Limit" not in stores
    assert {k: v for k, v in stores["ExpressionAttributeNames"].items() if k != "#k0"} == {
        "#p0": "name",
        "#p1": "config",
        "#p2": "categories",
    }
    assert products["FilterExpression"] == "(#f0 = :f0) AND ((#0 = :2 AND #1 <= #2))"
    assert products["ExpressionAttributeNames"] == {
        "#k0": "store_id",
        "#p0": "name",
        "#f0": "is_active",
        "#0": "category",
        "#1": "stock_quantity",
        "#2": "low_stock_threshold",
    }
    assert products["ExpressionAttributeValues"] == {":k0": {"S": "s1"}, ":f0": {"BOOL": True}, ":2": {"S": "Oils"}}
    assert (
        products["Limit"] == 5 and products["ScanIndexForward"] is True and products["TableName"].endswith("products")
    )


def test_a_values_reader_holds_what_a_row_holds_in_order_and_parts_as_tuples():
    from webdpro.db.rows import row_reader, values_reader

    raw = stored(coupon_code="DIWALI")
    names = ("order_id", "total_amount", "coupon_code", "delivered_at", "items", "fulfilment")
    values = values_reader(Order, names, parts={"items": ("quantity", "name")})(raw)
    row = row_reader(Order, names)(raw)
    assert values[:4] == (row.order_id, row.total_amount, "DIWALI", None) and values[5] == row.fulfilment
    assert values[4] == [(2, "Rice"), (1, "Dal")] == [(i.quantity, i.name) for i in row.items]
    whole = values_reader(Order, ("items",))(raw)[0]  # without parts: every field of a line, in the map's order
    fields = list(OrderItem.get_attributes())
    assert [dict(zip(fields, line, strict=True)) for line in whole] == [
        {f: getattr(line, f) for f in fields} for line in row_reader(Order, ("items",))(raw).items
    ]
    assert dict(zip(fields, whole[0], strict=True))["price"] == Decimal("50.50")
