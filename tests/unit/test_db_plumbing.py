"""The DynamoDB plumbing in webdpro.db.base: errors read one way, one retry with one backoff."""

import pytest
from pynamodb.exceptions import (
    CancellationReason,
    DoesNotExist,
    GetError,
    PutError,
    TransactWriteError,
    UpdateError,
    VerboseClientError,
)

from webdpro.db import base
from webdpro.errors import Conflict, NotFound


def cancelled(*codes):
    reasons = [CancellationReason(code=c) if c else None for c in codes]
    cause = VerboseClientError(
        {"Error": {"Code": "TransactionCanceledException", "Message": "cancelled"}},
        "TransactWriteItems",
        cancellation_reasons=reasons,
    )
    return TransactWriteError("cancelled", cause=cause)


def refused(kind=UpdateError, code="ConditionalCheckFailedException"):
    cause = VerboseClientError({"Error": {"Code": code, "Message": "no"}}, "UpdateItem")
    return kind("refused", cause=cause)


def test_cancellation_codes_in_order_with_none_for_items_that_passed():
    assert base.cancellation_codes(cancelled(None, "ConditionalCheckFailed")) == [None, "ConditionalCheckFailed"]
    assert base.cancellation_codes(TransactWriteError("no cause")) == []


def test_condition_failed_and_transaction_conflict_are_told_apart():
    assert base.condition_failed(refused())
    assert not base.condition_failed(refused(code="ProvisionedThroughputExceededException"))
    assert base.condition_failed(cancelled("None", "ConditionalCheckFailed"))
    assert not base.condition_failed(cancelled("TransactionConflict"))
    assert base.is_transaction_conflict(cancelled("TransactionConflict", None))
    assert not base.is_transaction_conflict(cancelled("TransactionConflict", "ConditionalCheckFailed"))
    assert not base.is_transaction_conflict(refused())


def test_someone_was_first_means_only_conditions_and_conflicts():
    assert base.someone_was_first(cancelled("ConditionalCheckFailed", None))
    assert base.someone_was_first(cancelled("TransactionConflict", "None"))
    assert not base.someone_was_first(cancelled("ValidationError", "ConditionalCheckFailed"))
    assert not base.someone_was_first(cancelled())
    assert base.someone_was_first(refused(PutError))


@pytest.mark.parametrize("error", [refused(), refused(PutError), cancelled("ConditionalCheckFailed")])
def test_conflict_on_condition_turns_a_beaten_write_into_a_conflict(error):
    with pytest.raises(Conflict, match="Reload") as caught:
        with base.conflict_on_condition("Changed meanwhile. Reload and try again."):
            raise error
    assert caught.value.__cause__ is error


def test_conflict_on_condition_can_name_another_error_and_field():
    with pytest.raises(NotFound) as caught:
        with base.conflict_on_condition("Product not found.", error=NotFound, field="product"):
            raise refused()
    assert caught.value.field == "product"


def test_conflict_on_condition_lets_every_other_failure_through():
    other = refused(code="ProvisionedThroughputExceededException")
    with pytest.raises(UpdateError) as caught:
        with base.conflict_on_condition("x"):
            raise other
    assert caught.value is other
    with pytest.raises(KeyError):
        with base.conflict_on_condition("x"):
            raise KeyError("k")


def test_backoff_grows_is_capped_and_jittered():
    for attempt in range(12):
        wait = base.backoff(attempt)
        ceiling = min(0.3, 0.01 * 2**attempt)
        assert 0.5 * ceiling <= wait <= 1.5 * ceiling


def test_retry_transaction_retries_conflicts_with_the_backoff_then_gives_up(monkeypatch):
    waits = []
    monkeypatch.setattr(base.time, "sleep", waits.append)
    calls = []

    def write():
        calls.append(1)
        if len(calls) < 3:
            raise cancelled("TransactionConflict")
        return "written"

    assert base.retry_transaction(write, attempts=5) == "written"
    assert len(calls) == 3 and len(waits) == 2

    calls.clear()

    def always():
        calls.append(1)
        raise cancelled("TransactionConflict")

    with pytest.raises(TransactWriteError):
        base.retry_transaction(always, attempts=4)
    assert len(calls) == 4


def test_retry_transaction_never_retries_a_false_condition_unless_told(monkeypatch):
    monkeypatch.setattr(base.time, "sleep", lambda _: None)
    calls = []

    def write():
        calls.append(1)
        raise cancelled("ConditionalCheckFailed")

    with pytest.raises(TransactWriteError):
        base.retry_transaction(write)
    assert len(calls) == 1
    with pytest.raises(TransactWriteError):
        base.retry_transaction(write, attempts=3, retry_if=base.someone_was_first)
    assert len(calls) == 4


class _Table:
    """A model-shaped object: ``get`` finds one item or raises DoesNotExist (as PynamoDB does)."""

    class Item:
        def __init__(self, tenant_id):
            self.tenant_id = tenant_id

    items = {("t1", "s1"): Item("t1"), ("o1", None): Item("t1")}
    seen = []

    @classmethod
    def get(cls, hash_key, range_key=None, **kwargs):
        cls.seen.append(kwargs)
        if (hash_key, range_key) not in cls.items:
            raise DoesNotExist()
        return cls.items[(hash_key, range_key)]


def test_get_or_none_and_get_or_not_found():
    assert base.get_or_none(_Table, "t1", "s1") is _Table.items[("t1", "s1")]
    assert base.get_or_none(_Table, "t1", "nope") is None
    assert base.get_or_not_found(_Table, "t1", "s1", message="Store not found.").tenant_id == "t1"
    base.get_or_none(_Table, "o1", consistent_read=True)
    assert _Table.seen[-1] == {"consistent_read": True}
    for args in (("t1", "nope"), ("", "s1"), ("t1", ""), (None,)):
        with pytest.raises(NotFound, match="Store not found."):
            base.get_or_not_found(_Table, *args, message="Store not found.")


def test_get_or_not_found_hides_another_tenants_item():
    assert base.get_or_not_found(_Table, "o1", message="Order not found.", tenant_id="t1")
    with pytest.raises(NotFound, match="Order not found."):
        base.get_or_not_found(_Table, "o1", message="Order not found.", tenant_id="t2")


def test_other_read_errors_are_not_hidden():
    class Broken:
        @classmethod
        def get(cls, *args, **kwargs):
            raise GetError("unreachable")

    with pytest.raises(GetError):
        base.get_or_none(Broken, "x")


def test_hot_item_backoff_is_full_jitter_from_zero_capped_at_25_ms():
    waits = [base.hot_item_backoff(attempt) for attempt in range(12) for _ in range(50)]
    assert all(0 <= wait <= 0.025 for wait in waits)
    assert all(0 <= base.hot_item_backoff(0) <= 0.002 for _ in range(50))
    assert max(waits) > 0.02 and min(waits) < 0.002


def test_retry_transaction_uses_the_given_wait_and_stops_at_its_time_budget(monkeypatch):
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += 0.5

    monkeypatch.setattr(base.time, "sleep", sleep)
    monkeypatch.setattr(base.time, "monotonic", lambda: now[0])
    calls = []

    def always():
        calls.append(1)
        raise cancelled("TransactionConflict")

    with pytest.raises(TransactWriteError):
        base.retry_transaction(always, attempts=50, wait=lambda attempt: attempt / 100, budget=1.2)
    assert len(calls) == 4 and waits == [0.0, 0.01, 0.02]


def test_retry_hot_transaction_holds_the_gate_and_counts_its_wait_in_the_budget(monkeypatch):
    """The hot-item policy: one writer per key in the process, conflicts retried with full jitter, and the
    time spent waiting for the gate comes out of the same budget."""
    import threading

    monkeypatch.setattr(base, "HOT_ITEM_BUDGET", 0.3)
    calls, inside = [], []

    def conflicted_twice():
        inside.append(base._GATES[base.zlib.crc32(b"p1") % len(base._GATES)].locked())
        calls.append(1)
        if len(calls) < 3:
            raise cancelled("TransactionConflict")
        return "written"

    assert base.retry_hot_transaction(conflicted_twice, keys=["p1"]) == "written"
    assert len(calls) == 3 and all(inside)  # every attempt made while holding p1's gate

    entered, release = threading.Event(), threading.Event()

    def holder():
        with base.one_writer_per_key(["p1"], timeout=1):
            entered.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    entered.wait(5)
    calls.clear()

    def always():
        calls.append(1)
        raise cancelled("TransactionConflict")

    began = base.time.monotonic()
    with pytest.raises(TransactWriteError):
        base.retry_hot_transaction(always, keys=["p1"])  # the gate's wait used the whole budget
    elapsed = base.time.monotonic() - began
    release.set()
    t.join(5)
    assert len(calls) == 1 and 0.25 <= elapsed < 1.0  # one try after the wait, then the conflict is raised


def test_one_botocore_client_per_process_even_when_threads_race_for_it(monkeypatch):
    """A fresh server process whose threads all meet DynamoDB at once builds ONE client, shared by every
    table and by transactions (building one costs tens of milliseconds of CPU)."""
    import threading

    import botocore.session

    from webdpro.db import Order, Product, Store

    built, real = [], botocore.session.Session.create_client

    def create_client(self, *args, **kwargs):
        built.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "create_client", create_client)
    before = base.settings_state()
    try:
        base.configure(host="http://127.0.0.1:9", region="ap-south-1", prefix="clients-test-")
        barrier = threading.Barrier(8)
        clients = []

        def first_request(model):
            barrier.wait()
            clients.append(model._get_connection().connection.client)
            clients.append(base.connection().client)

        threads = [threading.Thread(target=first_request, args=(m,)) for m in (Order, Product, Store, Order) * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(built) == 1
        assert len({id(c) for c in clients}) == 1
        base.warm_up()
        assert len(built) == 1
    finally:
        base.configure(
            host=before["host"], region=before["region"], prefix=before["prefix"], retries=before.get("retries")
        )


def test_store_config_read_is_built_once_and_follows_a_new_config():
    """config_read: one plain copy of the config per loaded value, shared by the readers of a request;
    config_dict stays a fresh copy to edit."""
    from webdpro.db import Store

    store = Store("t1", "s1", config={"payments": {"cod": True}, "delivery": {"fee": "30.00"}})
    first = store.config_read
    assert first == {"payments": {"cod": True}, "delivery": {"fee": "30.00"}}
    assert store.config_read is first  # not rebuilt
    assert store.config_dict == first and store.config_dict is not first
    store.config = {"payments": {"upi": True}}
    assert store.config_read == {"payments": {"upi": True}}
    store.config = None
    assert store.config_read == {}


# --- read_ahead ----------------------------------------------------------------------------------------
def test_read_ahead_gives_every_page_in_order():
    assert list(base.read_ahead(iter([[1, 2], [3], [], [4]]))) == [[1, 2], [3], [], [4]]
    assert list(base.read_ahead(iter([]))) == []


def test_read_ahead_fetches_the_next_page_while_the_caller_works():
    import threading

    fetched = [threading.Event() for _ in range(3)]

    def pages():
        for i in range(3):
            fetched[i].set()
            yield i

    reader = base.read_ahead(pages())
    assert next(reader) == 0
    # The caller holds page 0 and asks for nothing: page 1 is read meanwhile, by another thread.
    assert fetched[1].wait(timeout=5)
    assert not fetched[2].is_set()  # only one page ahead
    assert list(reader) == [1, 2]


def test_read_ahead_raises_a_failed_read_where_the_page_was_asked_for():
    def pages():
        yield "first"
        raise GetError("DynamoDB went away")

    reader = base.read_ahead(pages())
    assert next(reader) == "first"
    with pytest.raises(GetError, match="went away"):
        next(reader)


def test_read_ahead_closed_early_reads_no_further():
    import threading

    asked = []
    done = threading.Event()

    def pages():
        try:
            for i in range(100):
                asked.append(i)
                yield i
        finally:
            done.set()

    reader = base.read_ahead(pages())
    assert next(reader) == 0
    reader.close()  # e.g. the browser went away mid-download
    assert asked == [0, 1]  # the page in flight was finished, nothing more was read
    assert done.is_set()  # and the source was closed
