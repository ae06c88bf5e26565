"""Reading the next page while the caller works on this one (webdpro.db.ahead)."""

import threading
import time

import pytest

from webdpro.db.ahead import read_ahead


def test_every_page_in_order():
    assert list(read_ahead(iter(range(50)))) == list(range(50))
    assert list(read_ahead(iter([]))) == []
    assert list(read_ahead([[1, 2], [3]], depth=3)) == [[1, 2], [3]]


def test_the_next_page_is_read_while_the_caller_holds_this_one():
    second_read = threading.Event()

    def pages():
        yield "first"
        second_read.set()
        yield "second"

    reading = read_ahead(pages())
    assert next(reading) == "first"
    assert second_read.wait(5), "the worker did not read the second page while the caller held the first"
    assert list(reading) == ["second"]


def test_the_workers_error_is_raised_in_the_caller_after_the_pages_before_it():
    def pages():
        yield 1
        yield 2
        raise LookupError("page 3 failed")

    got = []
    with pytest.raises(LookupError, match="page 3 failed"):
        for page in read_ahead(pages()):
            got.append(page)
    assert got == [1, 2]


def test_a_caller_that_stops_early_stops_the_worker():
    read, closed = [], threading.Event()

    def endless():
        try:
            n = 0
            while True:
                read.append(n)
                yield n
                n += 1
        finally:
            closed.set()

    reading = read_ahead(endless(), depth=1)
    assert next(reading) == 0
    reading.close()
    assert closed.wait(5), "the worker kept reading after the caller stopped"
    time.sleep(0.3)
    assert len(read) <= 3  # the page taken, the one waiting, at most one more in the worker's hands
    assert not any(t.name == "webdpro-read-ahead" and t.is_alive() for t in threading.enumerate())
