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
