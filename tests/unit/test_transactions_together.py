"""Several orders' transactions as one (webdpro.db.compiled.TransactWrite.absorb): what merges, what refuses."""

import copy
from decimal import Decimal

import pytest

from webdpro.db import Store, base
from webdpro.db.compiled import TransactWrite
from webdpro.db.products import Product
from webdpro.orders import extras, placement
from webdpro.ratelimits import _SLOT, Slots
from webdpro.ratelimits.storefront import checkout_slots

NOW = 1_796_288_400 + 600  # inside one limit window for every transaction of a test
PRICE = Decimal("499.50")
STORE = Store("01TENANT", "01STORE", name="Lakshmi Stores", status="PUBLISHED")


def order_tx(order_id, phone, quantity=1, price=PRICE, session="s1", ip="203.0.113.7", product_id="01P"):
    """A place-order transaction built by placement's own steps (not sent)."""
    line = placement.Line(product_id, quantity, price)
    product = Product("01STORE", product_id, name="Mango box", price=price)
    priced = placement._price(STORE, [line], {product_id: product})
    customer = placement.Customer("Priya", phone, "12 MG Road", "560001")
    order = placement._build_order(order_id, STORE, customer, priced, "COD", None)
    slots = Slots(checkout_slots("01STORE", session, phone, ip).limits, now=NOW)
    return placement._order_transaction(order, STORE, [line], extras.OrderExtras(), slots), order


def state(tx: TransactWrite):
    return copy.deepcopy((tx._put_items, tx._update_items, tx._put_keys, len(tx)))


def combined(*txs, max_items=100) -> tuple[TransactWrite, list[bool]]:
    together = TransactWrite(connection=base.connection())
    return together, [together.absorb(tx, max_items=max_items) for tx in txs]


def test_two_buyers_of_one_product_share_the_stock_update_and_the_ip_counter(settings):
    settings.CHECKOUTS_PER_IP = 20
    first, a = order_tx("01ORDERA", "+919876500001", quantity=1, session="s1")
    second, b = order_tx("01ORDERB", "+919876500002", quantity=2, session="s2")
    together, accepted = combined(first, second)
    assert accepted == [True, True]
    assert len(first) == len(second) == 8
    assert len(together) == 8 + 8 - 2  # the product's stock and the IP's counter are written once

    assert [put["Item"]["order_id"]["S"] for put in together._put_items] == ["01ORDERA", "01ORDERB"]
    stock = placement._TAKE_STOCK.item(
        "01STORE", "01P", taken=-3, quantity=3, price=PRICE, at=max(a.created_at, b.created_at)
    )
    assert together._update_items[0] == stock  # both orders' units, on the condition that all 3 are there

    ip_key = [u for u in together._update_items if "#checkout-ip#" in str(u["Key"])]
    assert len(ip_key) == 1
    limit = checkout_slots("01STORE", "s1", "+919876500001", "203.0.113.7").limits[-1]
    assert ip_key[0] == _SLOT.item(limit.key(NOW), expires_at=NOW - NOW % 3600 + 7200, allowed=20 - 2 + 1, count=2)
    sessions = [u for u in together._update_items if "#checkout-session#" in str(u["Key"])]
    assert len(sessions) == 2  # each browser's own counter, each as it was


def test_a_slot_merged_many_times_still_stops_at_the_limit(settings):
    """Merging is done from every use, not pairwise: 20 slots of a 20-slot limit fit, the 21st does not."""
    settings.CHECKOUTS_PER_IP = 3
    txs = [order_tx(f"01ORDER{n}", f"+9198765000{n:02d}", session=f"s{n}")[0] for n in range(4)]
    together, accepted = combined(*txs)
    assert accepted == [True, True, True, False]
    (ip,) = [u for u in together._update_items if "#checkout-ip#" in str(u["Key"])]
    key = ip["Key"]["pk"]["S"]
    # 3 slots of 3: taken only while attempts < 3 - 3 + 1, i.e. while none is taken yet
    assert ip == _SLOT.item(key, expires_at=NOW - NOW % 3600 + 7200, allowed=1, count=3)


@pytest.mark.parametrize(
    "other,why",
    [
        (dict(order_id="01ORDERA", phone="+919876500009", session="s9"), "the same order twice (a double submit)"),
        (dict(order_id="01ORDERC", phone="+919876500001", session="s9"), "the same buyer: their user and record"),
        (dict(order_id="01ORDERC", phone="+919876500009", price=Decimal("450.00"), session="s9"), "another price"),
    ],
)
def test_what_cannot_share_a_transaction_is_refused_and_changes_nothing(settings, other, why):
    settings.CHECKOUTS_PER_IP = 20
    first, _ = order_tx("01ORDERA", "+919876500001")
    together, accepted = combined(first)
    before = state(together)
    tx, _ = order_tx(other.pop("order_id"), other.pop("phone"), **other)
    assert together.absorb(tx, max_items=100) is False, why
    assert state(together) == before


def test_a_transaction_past_the_item_limit_waits_for_the_next(settings):
    settings.CHECKOUTS_PER_IP = 20
    txs = [order_tx(f"01ORDER{n}", f"+9198765000{n:02d}", session=f"s{n}")[0] for n in range(3)]
    together, accepted = combined(*txs, max_items=20)  # 8 items, then 6 more each (stock and IP merged)
    assert accepted == [True, True, True]
    together, accepted = combined(*txs, max_items=19)
    assert accepted == [True, True, False] and len(together) == 14


def test_transactions_with_a_client_request_token_are_not_combined():
    first = TransactWrite(connection=base.connection(), client_request_token="token")
    assert TransactWrite(connection=base.connection()).absorb(first, max_items=100) is False


def test_updates_not_made_from_a_template_are_never_merged(settings):
    """Two plain updates of one item (e.g. a coupon's counter) cannot be one update: refused."""
    from webdpro.db import OtpRecord

    a, b = TransactWrite(connection=base.connection()), TransactWrite(connection=base.connection())
    for tx in (a, b):
        tx.update(OtpRecord("rl#plain"), actions=[OtpRecord.attempts.add(1)])
    together, accepted = combined(a, b)
    assert accepted == [True, False]


def test_the_index_of_items_kept_while_absorbing_is_the_one_built_from_scratch(settings):
    """absorb keeps its item index up to date (no rebuild per absorb): it equals one built afresh."""
    settings.CHECKOUTS_PER_IP = 20
    txs = [order_tx(f"01ORDER{n}", f"+9198765000{n:02d}", session=f"s{n}")[0] for n in range(4)]
    together, accepted = combined(*txs)
    assert accepted == [True] * 4
    kept = dict(together._items_by_identity())
    together._where = None
    assert together._items_by_identity() == kept
    assert len(kept) == len(together)
