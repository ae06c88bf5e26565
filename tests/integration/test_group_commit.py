"""Orders of one product waiting in one process are written together (webdpro.db.together), on DynamoDB
Local: no oversell, limits exact, every buyer their own answer, a double submit still one order."""

import threading
import time
from contextlib import contextmanager

import pytest

from tests.helpers import make_owner, make_product, make_store, random_phone
from tests.integration.test_placement import order_kwargs, stock
from webdpro.accounts.errors import RateLimited
from webdpro.db import Order, OtpRecord, StockMovement, StoreCustomer, base, together
from webdpro.orders.placement import CartChanged, Line, place_order
from webdpro.ratelimits import Slots
from webdpro.ratelimits.storefront import checkout_slots


@pytest.fixture(scope="module")
def shop(dynamodb):
    _, tenant = make_owner()
    return make_store(tenant, name="Flash Sale Shop")


@pytest.fixture(autouse=True)
def patient(monkeypatch):
    monkeypatch.setattr(base, "HOT_ITEM_BUDGET", 10.0)  # a slow test machine never turns a wait into a refusal


def waiting() -> int:
    with together._lock:
        return sum(len(queue) for queue in together._queues.values())


@contextmanager
def first_write_held(monkeypatch, until_waiting: int):
    """The first write waits until ``until_waiting`` transactions queue behind it (as 30 buyers do behind a
    write in flight), so the next turn has them all to combine; what was written, one entry per call."""
    real, first, lock = together.retry_hot_transaction, [True], threading.Lock()

    def held(write, keys, **kwargs):
        with lock:
            hold, first[0] = first[0], False
        if hold:
            deadline = time.monotonic() + 10
            while waiting() < until_waiting and time.monotonic() < deadline:
                time.sleep(0.005)
        return real(write, keys=keys, **kwargs)

    monkeypatch.setattr(together, "retry_hot_transaction", held)
    before = len(together.written_together)
    calls: list[int] = []
    yield calls
    calls += list(together.written_together)[before:]


def all_at_once(store, product, buyers, now, order_ids=None):
    """Each buyer's place_order in its own thread, released together: ("ok", order, created) or the error."""
    outcomes, lock, barrier = [], threading.Lock(), threading.Barrier(len(buyers))

    def buy(i, phone, session):
        slots = Slots(checkout_slots(store.store_id, session, phone, "203.0.113.50").limits, now=now)
        barrier.wait()
        try:
            placed = place_order(
                store=store,
                lines=[Line(product.product_id, 1, product.price)],
                limits=slots,
                order_id=order_ids[i] if order_ids else None,
                **order_kwargs(customer_phone=phone),
            )
            result = ("ok", placed.order.order_id, placed.created)
        except (CartChanged, RateLimited) as exc:
            result = (type(exc).__name__, phone, str(exc))
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=(i, phone, session)) for i, (phone, session) in enumerate(buyers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def test_thirty_buyers_for_twenty_units_are_written_together_and_sell_exactly_twenty(shop, settings, monkeypatch):
    settings.CHECKOUTS_PER_IP = 100
    product = make_product(shop, name="Flash Mangoes", price="120.00", stock=20)
    now = int(time.time())
    buyers = [(random_phone(), f"session-{n}") for n in range(30)]
    with first_write_held(monkeypatch, until_waiting=29) as writes:
        outcomes = all_at_once(shop, product, buyers, now)

    placed = [o for o in outcomes if o[0] == "ok"]
    assert len(placed) == 20 and all(created for *_, created in placed)
    assert [o[0] for o in outcomes if o[0] != "ok"] == ["CartChanged"] * 10
    assert stock(product) == 0
    assert max(writes) > 1 and len(writes) < 30  # orders really shared transactions
    for _, order_id, _ in placed:
        order = Order.get(order_id, consistent_read=True)
        assert order.items[0].product_id == product.product_id
        record = StoreCustomer.get(shop.store_id, order.customer_phone, consistent_read=True)
        assert record.orders_count == 1 and record.last_order_id == order_id
    sales = list(StockMovement.query(shop.store_id, StockMovement.movement_key.startswith(product.product_id + "#")))
    assert sum(m.delta for m in sales if m.kind == "SALE") == -20
    limit = checkout_slots(shop.store_id, "x", "+910000000000", "203.0.113.50").limits[-1]
    assert OtpRecord.get(limit.key(now), consistent_read=True).attempts == 20  # the IP's counter: one per order


def test_a_buyer_refused_inside_a_shared_transaction_hears_their_own_reason(shop, settings, monkeypatch):
    """One buyer's phone limit is used up: the combined write is refused as a whole, nothing of it is
    written, and each order is tried alone: five placed, the sixth told about its limit."""
    settings.CHECKOUTS_PER_PHONE = 1
    settings.CHECKOUTS_PER_IP = 100
    product = make_product(shop, name="Festival Box", price="250.00", stock=50)
    now = int(time.time())
    used_up = random_phone()
    all_at_once(shop, product, [(used_up, "earlier")], now)  # their one order this hour
    buyers = [(random_phone(), f"s-{n}") for n in range(5)] + [(used_up, "later")]
    with first_write_held(monkeypatch, until_waiting=5) as writes:
        outcomes = all_at_once(shop, product, buyers, now)

    assert sorted(o[0] for o in outcomes) == ["RateLimited"] + ["ok"] * 5
    assert [o[1] for o in outcomes if o[0] == "RateLimited"] == [used_up]
    assert max(writes) > 1
    assert stock(product) == 50 - 1 - 5
    assert len(list(Order.customer_index.query(used_up))) == 1


def test_a_double_submit_waiting_beside_others_is_still_one_order(shop, settings, monkeypatch):
    settings.CHECKOUTS_PER_IP = 100
    product = make_product(shop, name="Double Box", price="99.00", stock=10)
    now = int(time.time())
    twice = random_phone()
    buyers = [(twice, "same")] * 4 + [(random_phone(), f"o-{n}") for n in range(3)]
    order_ids = ["01JGROUPDOUBLE" + twice[-12:]] * 4 + [None] * 3
    with first_write_held(monkeypatch, until_waiting=6) as writes:
        outcomes = all_at_once(shop, product, buyers, now, order_ids=order_ids)

    mine = [o for o in outcomes if o[1] == order_ids[0]]
    assert len(mine) == 4 and sum(created for *_, created in mine) == 1
    assert all(o[0] == "ok" for o in outcomes)
    assert len(list(Order.customer_index.query(twice))) == 1
    assert stock(product) == 10 - 1 - 3
    assert max(writes) > 1


def test_a_transaction_whose_wait_runs_out_goes_alone(shop, settings, monkeypatch):
    """Past the budget, a transaction still queued leaves the queue and is written on its own."""
    settings.CHECKOUTS_PER_IP = 100
    monkeypatch.setattr(base, "HOT_ITEM_BUDGET", 0.3)
    product = make_product(shop, name="Slow Box", price="10.00", stock=10)
    real = together.retry_hot_transaction
    first, lock = [True], threading.Lock()

    def slow_first(write, keys, **kwargs):
        with lock:
            hold, first[0] = first[0], False
        if hold:
            time.sleep(1.0)  # the leader's write outlasts everyone's wait
        return real(write, keys=keys, **kwargs)

    monkeypatch.setattr(together, "retry_hot_transaction", slow_first)
    now = int(time.time())
    outcomes = all_at_once(shop, product, [(random_phone(), f"w-{n}") for n in range(4)], now)
    assert [o[0] for o in outcomes] == ["ok"] * 4
    assert stock(product) == 6
    assert not together._queues  # nothing left waiting


def test_a_merge_that_fails_leaves_nobody_waiting(shop, settings, monkeypatch):
    """A bug in combining must not stop the queue: each order is still written, one turn after another."""
    from webdpro.db.compiled import TransactWrite

    settings.CHECKOUTS_PER_IP = 100

    def broken(self, other, *, max_items):
        raise RuntimeError("merge bug")

    product = make_product(shop, name="Fragile Box", price="10.00", stock=10)
    now = int(time.time())
    with first_write_held(monkeypatch, until_waiting=4) as writes:
        monkeypatch.setattr(TransactWrite, "absorb", broken)
        outcomes = all_at_once(shop, product, [(random_phone(), f"b-{n}") for n in range(5)], now)
    assert [o[0] for o in outcomes] == ["ok"] * 5
    assert stock(product) == 5 and writes == [1] * 5
    assert not together._queues


def test_a_checkout_read_shared_in_a_round_still_sees_every_write_made_before_it_asked(shop, monkeypatch):
    """Checkouts of one store share their consistent read in rounds (webdpro.db.rounds): one that asks while
    a read is in flight gets the next read, made after it asked, so a stock change written before it asked
    is in its answer, never the older one the read in flight found."""
    from webdpro.db import Product, rounds
    from webdpro.orders.placement import read_for_checkout

    product = make_product(shop, name="Fresh Read", price="10.00", stock=5)
    real, first = base._batch_get, [True]
    in_flight, release = threading.Event(), threading.Event()

    def held(wanted, consistent_read):
        found = real(wanted, consistent_read)
        if first[0]:
            first[0] = False
            in_flight.set()
            assert release.wait(10)  # answered by DynamoDB (stock 5), not yet handed back
        return found

    monkeypatch.setattr(base, "_batch_get", held)
    results = {}

    def read(name):
        results[name] = read_for_checkout(shop.tenant_id, shop.store_id, [product.product_id])

    early = threading.Thread(target=read, args=("early",))
    early.start()
    assert in_flight.wait(10)
    Product.get(shop.store_id, product.product_id).update(actions=[Product.stock_quantity.set(3)])
    late = [threading.Thread(target=read, args=(f"late {n}",)) for n in range(3)]
    for thread in late:
        thread.start()
    group = (("checkout", shop.tenant_id, shop.store_id), True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (rounds._next.get(group) and rounds._next[group].callers == 3):
        time.sleep(0.005)
    release.set()
    for thread in [early, *late]:
        thread.join(10)
    assert results["early"].products[product.product_id].stock_quantity == 5
    for n in range(3):
        assert results[f"late {n}"].products[product.product_id].stock_quantity == 3
        assert results[f"late {n}"].store.store_id == shop.store_id
    assert list(rounds.answered)[-2:] == [1, 3]  # two reads: the early one alone, then one for the three


def test_the_leader_of_a_hot_group_waits_for_those_arriving_and_a_cold_one_does_not(dynamodb, monkeypatch):
    """As PostgreSQL's commit_delay: right after a write of its group, a leader waits up to GATHER_SECONDS
    for others to queue (here a second transaction 50 ms later joins its write); a group not written
    recently is written at once."""
    import uuid

    from webdpro.db import transact_write
    from webdpro.ratelimits import _SLOT

    monkeypatch.setattr(together, "GATHER_SECONDS", 0.5)
    group, key = ("gather", uuid.uuid4().hex), f"rl#gather#{uuid.uuid4().hex}"

    def one_slot():
        tx = transact_write()
        tx.update_from(_SLOT, key, expires_at=int(time.time()) + 3600, allowed=100, count=1)
        return tx

    began = time.monotonic()
    together.write_together(one_slot(), group=group, keys=[key])
    assert time.monotonic() - began < 0.4  # cold: no wait

    before = len(together.written_together)
    first = threading.Thread(target=together.write_together, args=(one_slot(),), kwargs=dict(group=group, keys=[key]))
    second = threading.Thread(target=together.write_together, args=(one_slot(),), kwargs=dict(group=group, keys=[key]))
    first.start()
    time.sleep(0.05)
    second.start()
    first.join(10)
    second.join(10)
    assert list(together.written_together)[before:] == [2]  # hot: one write for both
    assert OtpRecord.get(key, consistent_read=True).attempts == 3
