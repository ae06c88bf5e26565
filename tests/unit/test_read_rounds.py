"""Read rounds (webdpro.db.rounds): one read in flight per group, the callers who come meanwhile share the next."""

import threading
import time

import pytest

from webdpro.db import rounds


class Reader:
    """A fetch that records each read (the keys asked, when it began and ended) and can be held open."""

    def __init__(self):
        self.reads, self.release, self.started = [], threading.Event(), threading.Event()
        self.hold_first = True

    def __call__(self, wanted):
        began = time.monotonic()
        if self.hold_first:
            self.hold_first = False
            self.started.set()
            assert self.release.wait(5)
        self.reads.append((list(wanted), began, time.monotonic()))
        return {key: f"item {key}" for key in wanted}


def in_threads(calls):
    results, threads = {}, []
    for name, fn in calls:
        thread = threading.Thread(target=lambda n=name, f=fn: results.__setitem__(n, f()))
        thread.start()
        threads.append(thread)
    return results, threads


def wait_until(condition):
    deadline = time.monotonic() + 5
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.002)
    assert condition()


def joined(group) -> int:
    with rounds._lock:
        waiting = rounds._next.get(group)
        return waiting.callers if waiting else 0


def test_callers_during_a_read_share_the_next_one_and_each_gets_its_own_keys():
    fetch, group = Reader(), object()
    first, threads = in_threads([("first", lambda: rounds.read_in_rounds(group, {"store": 1, "mango": 1}, fetch))])
    assert fetch.started.wait(5)
    asked = time.monotonic()
    more, others = in_threads(
        [(n, lambda n=n: rounds.read_in_rounds(group, {"store": 1, n: 1}, fetch)) for n in ("a", "b", "c", "d")]
    )
    wait_until(lambda: joined(group) == 4)
    fetch.release.set()
    for thread in threads + others:
        thread.join(5)

    assert first["first"] == {"store": "item store", "mango": "item mango"}  # alone: exactly its keys
    assert len(fetch.reads) == 2  # five callers, two reads
    keys, began, _ = fetch.reads[1]
    assert sorted(keys) == ["a", "b", "c", "d", "store"]  # the round reads the union of what it was asked
    assert began > asked and began >= fetch.reads[0][2]  # read after they asked, after the read in flight
    for name in "abcd":
        assert more[name][name] == f"item {name}" and more[name]["store"] == "item store"
    assert not rounds._reading and not rounds._next  # idle again


def test_a_caller_alone_reads_at_once():
    fetch = Reader()
    fetch.hold_first = False
    assert rounds.read_in_rounds("alone", {"k": 1}, fetch) == {"k": "item k"}
    assert rounds.read_in_rounds("alone", {"j": 1}, fetch) == {"j": "item j"}
    assert [keys for keys, *_ in fetch.reads] == [["k"], ["j"]]


def test_a_failed_round_read_is_raised_to_each_of_its_callers_and_the_group_goes_on():
    group, release, started = object(), threading.Event(), threading.Event()
    calls = []

    def fetch(wanted):
        calls.append(list(wanted))
        if len(calls) == 1:
            started.set()
            release.wait(5)
            return {key: 1 for key in wanted}
        raise RuntimeError("DynamoDB said no")

    first, threads = in_threads([("first", lambda: rounds.read_in_rounds(group, {"x": 1}, fetch))])
    assert started.wait(5)
    errors = []

    def failing(key):
        try:
            rounds.read_in_rounds(group, {key: 1}, fetch)
        except RuntimeError as exc:
            errors.append(str(exc))

    others = [threading.Thread(target=failing, args=(k,)) for k in ("y", "z")]
    for thread in others:
        thread.start()
    wait_until(lambda: joined(group) == 2)
    release.set()
    for thread in threads + others:
        thread.join(5)
    assert first["first"] == {"x": 1}
    assert errors == ["DynamoDB said no"] * 2 and len(calls) == 2
    with pytest.raises(RuntimeError):  # nothing left in flight: the next caller reads (and fails) at once
        rounds.read_in_rounds(group, {"w": 1}, fetch)
    assert not rounds._reading and not rounds._next
