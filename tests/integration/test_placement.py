"""Placing orders: one transaction, no overselling, exact money, idempotent double submits."""

import threading
import time
from decimal import Decimal

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro.db import Order, Product, User, get_or_none
from webdpro.db.users import Role
from webdpro.errors import ValidationFailed
from webdpro.orders.placement import CartChanged, Line, StoreClosed, place_order


@pytest.fixture(scope="module")
def shop(dynamodb):
    _, tenant = make_owner()
    return make_store(tenant, name="Placement Shop")


def order_kwargs(**extra):
    data = dict(
        customer_name="Priya Nair",
        customer_phone=random_phone(),
        delivery_address="Flat 4B, Lake View, Indiranagar",
        pincode="560038",
        payment_method="COD",
    )
    data.update(extra)
    return data


def stock(product):
    return Product.get(product.store_id, product.product_id, consistent_read=True).stock_quantity


def test_cod_order_is_confirmed_with_exact_money_and_stock_taken(shop):
    dal = make_product(shop, name="Toor Dal", price="165.50", stock=5)
    rice = make_product(shop, name="Rice", price="99.99", stock=3)
    placed = place_order(
        store=shop,
        lines=[Line(dal.product_id, 2, Decimal("165.50")), Line(rice.product_id, 1, Decimal("99.99"))],
        **order_kwargs(),
    )
    assert placed.created
    order = Order.get(placed.order.order_id)
    assert order.status == "CONFIRMED" and order.payment_status == "COD_PENDING"
    assert order.subtotal == Decimal("430.99")
    assert order.delivery_fee == Decimal("30.00")  # demo config: fee 30, free above 499
    assert order.total_amount == Decimal("460.99")
    assert [(i.name, i.price, i.quantity, i.line_total) for i in order.items] == [
        ("Toor Dal", Decimal("165.50"), 2, Decimal("331.00")),
        ("Rice", Decimal("99.99"), 1, Decimal("99.99")),
    ]
    assert [h.status for h in order.history] == ["CONFIRMED"]
    assert stock(dal) == 3 and stock(rice) == 2


def test_free_delivery_above_threshold_and_upi_waits_for_payment(shop):
    ghee = make_product(shop, name="Ghee", price="500.00", stock=2)
    placed = place_order(
        store=shop, lines=[Line(ghee.product_id, 1, Decimal("500.00"))], **order_kwargs(payment_method="UPI")
    )
    assert placed.order.status == "PENDING_PAYMENT" and placed.order.payment_status == "PENDING"
    assert placed.order.delivery_fee == Decimal("0.00") and placed.order.total_amount == Decimal("500.00")


def test_customer_user_is_created_and_an_owner_keeps_their_role(shop):
    item = make_product(shop, stock=5)
    phone = random_phone()
    place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **order_kwargs(customer_phone=phone))
    assert User.get(phone).role == "CUSTOMER"
    owner, _ = make_owner()
    place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **order_kwargs(customer_phone=owner.phone))
    assert User.get(owner.phone).role == Role.BUSINESS_OWNER


def test_out_of_stock_and_price_change_are_named_and_nothing_is_written(shop):
    a = make_product(shop, name="Paneer", price="90.00", stock=1)
    b = make_product(shop, name="Butter", price="58.00", stock=10)
    Product(shop.store_id, b.product_id).update(actions=[Product.price.set(Decimal("60.00"))])
    phone = random_phone()
    with pytest.raises(CartChanged) as caught:
        place_order(
            store=shop,
            lines=[Line(a.product_id, 2, Decimal("90.00")), Line(b.product_id, 1, Decimal("58.00"))],
            **order_kwargs(customer_phone=phone),
        )
    kinds = {p.name: (p.kind, p.available, p.new_price) for p in caught.value.problems}
    assert kinds == {"Paneer": ("stock", 1, None), "Butter": ("price", 10, Decimal("60.00"))}
    assert "Only 1 of Paneer left" in caught.value.message and "₹58.00 to ₹60.00" in caught.value.message
    assert stock(a) == 1 and stock(b) == 10
    assert list(Order.customer_index.query(phone)) == []


def test_inactive_product_and_bad_input_are_refused(shop):
    hidden = make_product(shop, active=False)
    with pytest.raises(CartChanged) as caught:
        place_order(store=shop, lines=[Line(hidden.product_id, 1, hidden.price)], **order_kwargs())
    assert caught.value.problems[0].kind == "gone"
    item = make_product(shop)
    for bad, field in [
        (dict(pincode="12345"), "pincode"),
        (dict(customer_phone="123"), "customer_phone"),
        (dict(customer_name=" "), "customer_name"),
        (dict(payment_method="BITCOIN"), "payment_method"),
    ]:
        with pytest.raises(ValidationFailed) as err:
            place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **order_kwargs(**bad))
        assert err.value.field == field
    assert stock(item) == 10


def test_race_after_the_check_is_caught_by_the_transaction_conditions(shop, monkeypatch):
    """Stock changes between the read and the write: the condition refuses, the message is precise."""
    from webdpro.orders import placement

    item = make_product(shop, name="Curd", stock=3)
    real = placement._check_lines

    def check_then_someone_buys(lines, products):
        result = real(lines, products)
        Product(shop.store_id, item.product_id).update(actions=[Product.stock_quantity.set(1)])
        return result

    monkeypatch.setattr(placement, "_check_lines", check_then_someone_buys)
    with pytest.raises(CartChanged) as caught:
        place_order(store=shop, lines=[Line(item.product_id, 2, item.price)], **order_kwargs())
    assert (caught.value.problems[0].kind, caught.value.problems[0].available) == ("stock", 1)
    assert stock(item) == 1


def test_double_submit_makes_one_order(shop, patient_dynamodb):
    item = make_product(shop, stock=1)
    phone = random_phone()
    kwargs = order_kwargs(customer_phone=phone, order_id="01JDOUBLESUBMIT" + phone[-11:])
    results = []

    def submit():
        results.append(place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **kwargs))

    threads = [threading.Thread(target=submit) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3
    assert sum(r.created for r in results) == 1
    assert len({r.order.order_id for r in results}) == 1
    assert len(list(Order.customer_index.query(phone))) == 1
    assert stock(item) == 0


def test_second_submit_with_stock_left_returns_the_first_order(shop):
    """The order put's condition refuses the second submit (the stock would allow it): the order that the
    first submit placed is read back and returned, and no second unit is taken."""
    item = make_product(shop, stock=5)
    phone = random_phone()
    kwargs = order_kwargs(customer_phone=phone, order_id="01JSECONDSUBMIT" + phone[-11:])
    first = place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **kwargs)
    again = place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **kwargs)
    assert (first.created, again.created) == (True, False)
    assert again.order.order_id == first.order.order_id and again.order.total_amount == first.order.total_amount
    assert stock(item) == 4


def test_closed_store_takes_no_orders(dynamodb):
    _, tenant = make_owner()
    store = make_store(tenant, status="SUSPENDED")
    item = make_product(store)
    with pytest.raises(StoreClosed):
        place_order(store=store, lines=[Line(item.product_id, 1, item.price)], **order_kwargs())


def test_thirty_customers_for_the_last_ten_units(shop, patient_dynamodb):
    """Acceptance: exactly 10 orders, stock 0 and never negative, no order for other products lost."""
    contested = make_product(shop, name="Last Ten", price="25.00", stock=10)
    others = [make_product(shop, name=f"Plenty {i}", price="10.00", stock=100) for i in range(5)]
    outcomes, lock = [], threading.Lock()
    barrier = threading.Barrier(40)

    def buy(product, phone):
        barrier.wait()
        try:
            placed = place_order(
                store=shop, lines=[Line(product.product_id, 1, product.price)], **order_kwargs(customer_phone=phone)
            )
            result = ("ok", product.product_id, placed.order.order_id)
        except CartChanged:
            result = ("sold out", product.product_id, None)
        except Exception as exc:  # noqa: BLE001
            result = ("error", product.product_id, repr(exc))
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=(contested, random_phone())) for _ in range(30)]
    threads += [threading.Thread(target=buy, args=(others[i % 5], random_phone())) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [o for o in outcomes if o[0] == "error"]
    assert not errors, errors
    won = [o for o in outcomes if o[1] == contested.product_id and o[0] == "ok"]
    assert len(won) == 10
    assert len([o for o in outcomes if o[1] == contested.product_id and o[0] == "sold out"]) == 20
    assert stock(contested) == 0
    for o in won:
        assert Order.get(o[2]).items[0].product_id == contested.product_id
    other_orders = [o for o in outcomes if o[1] != contested.product_id]
    assert all(o[0] == "ok" for o in other_orders) and len(other_orders) == 10
    assert sum(stock(p) for p in others) == 500 - 10
    stored = [
        o for o in Order.store_index.query(shop.store_id) if o.items and o.items[0].product_id == contested.product_id
    ]
    assert len(stored) == 10


def test_placing_an_order_refreshes_the_products_forecast(shop):
    """Orders change stock, so the stock prediction is recomputed for the products in the order."""
    from webdpro.products.prediction import refresh_after_order

    item = make_product(shop, name="Atta", stock=40)
    placed = place_order(store=shop, lines=[Line(item.product_id, 3, item.price)], **order_kwargs())
    refresh_after_order(placed.order, background=False)  # what placement started, run to completion here
    prediction = Product.get(shop.store_id, item.product_id).prediction
    assert prediction is not None and prediction["computed_at"]


def test_placement_starts_the_forecast_refresh(shop, monkeypatch):
    import webdpro.products.prediction as prediction

    item = make_product(shop, stock=5)
    seen = threading.Event()
    called = []

    def fake_refresh(store_id, product_ids=None):
        called.append((store_id, tuple(product_ids or ())))
        if item.product_id in (product_ids or ()):
            seen.set()

    monkeypatch.setattr(prediction, "refresh", fake_refresh)
    place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **order_kwargs())
    assert seen.wait(10)
    assert all(store_id == shop.store_id for store_id, _ in called)


def test_forecast_refreshes_are_coalesced_per_store(shop, monkeypatch, settings):
    """A busy store re-reads its order history once per window, not once per order."""
    import webdpro.products.prediction as prediction

    settings.FORECAST_REFRESH_DELAY_SECONDS = 0.5
    done = threading.Event()
    called = []

    def fake_refresh(store_id, product_ids=None):
        called.append((store_id, tuple(product_ids or ())))
        done.set()

    monkeypatch.setattr(prediction, "refresh", fake_refresh)
    a, b = make_product(shop, stock=9), make_product(shop, stock=9)
    for item in (a, b, a):
        place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], **order_kwargs())
    assert done.wait(10)
    time.sleep(1)  # nothing else comes
    assert len(called) == 1 and called[0][0] == shop.store_id
    assert {a.product_id, b.product_id} <= set(called[0][1])


def test_order_write_outlasting_its_conflict_retries_is_a_409_and_writes_nothing(shop, monkeypatch):
    """The order's transaction (order, stock, customer's user, limits) busy past its retries: "try again",
    and neither the order, the stock, the new customer's user nor a limit's slot is written."""
    from tests.unit.test_db_plumbing import cancelled
    from webdpro.db import together
    from webdpro.errors import Conflict
    from webdpro.ratelimits.storefront import checkout_slots

    def busy(write, keys, **kwargs):
        raise cancelled(None, "TransactionConflict", None, None, None, None, None)

    monkeypatch.setattr(together, "retry_hot_transaction", busy)
    item = make_product(shop, stock=3)
    details = order_kwargs()
    slots = checkout_slots(shop.store_id, "session-1", details["customer_phone"], "203.0.113.9")
    with pytest.raises(Conflict, match="Many people are ordering"):
        place_order(store=shop, lines=[Line(item.product_id, 1, item.price)], limits=slots, **details)
    assert stock(item) == 3
    assert get_or_none(User, details["customer_phone"]) is None


def test_reads_made_with_the_store_are_used_and_the_transaction_still_has_the_last_word(shop):
    """The storefront reads the store, the cart's products and the tenant in one call before anything else;
    place_order uses that read (no second one) and its transaction still refuses what changed since."""
    from tests.helpers import count_calls
    from webdpro.orders.placement import read_for_checkout

    curd = make_product(shop, name="Curd", stock=3)
    reads = read_for_checkout(shop.tenant_id, shop.store_id, [curd.product_id])
    assert reads.store.store_id == shop.store_id and curd.product_id in reads.products
    Product(shop.store_id, curd.product_id).update(actions=[Product.stock_quantity.set(1)])
    with count_calls() as counter, pytest.raises(CartChanged) as caught:
        place_order(store=reads.store, lines=[Line(curd.product_id, 2, curd.price)], reads=reads, **order_kwargs())
    assert counter.describe() == "TransactWriteItems×1"
    assert (caught.value.problems[0].kind, caught.value.problems[0].available) == ("stock", 1)
    assert stock(curd) == 1


def test_reads_that_do_not_cover_the_order_are_read_again(shop):
    from tests.helpers import count_calls
    from webdpro.orders.placement import read_for_checkout

    tea, jam = make_product(shop, name="Tea", stock=2), make_product(shop, name="Jam", stock=2)
    reads = read_for_checkout(shop.tenant_id, shop.store_id, [tea.product_id])
    lines = [Line(tea.product_id, 1, tea.price), Line(jam.product_id, 1, jam.price)]
    with count_calls() as counter:
        placed = place_order(store=reads.store, lines=lines, reads=reads, **order_kwargs())
    assert placed.created and counter.describe() == "BatchGetItem×1, TransactWriteItems×1"
    with count_calls() as counter:  # read with another store object: not trusted for this one
        place_order(store=shop, lines=[Line(tea.product_id, 1, tea.price)], reads=reads, **order_kwargs())
    assert counter.describe() == "BatchGetItem×1, TransactWriteItems×1"
    assert (stock(tea), stock(jam)) == (0, 1)
