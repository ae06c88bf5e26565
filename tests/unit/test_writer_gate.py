"""``one_writer_per_key``: within a process, one thread at a time per key; no deadlock when orders share
products in any order; a wait past the timeout goes on (the write's own conditions decide)."""

import random
import threading
import time

from webdpro.db.base import one_writer_per_key


def run(jobs):
    threads = [threading.Thread(target=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)


def test_one_thread_at_a_time_per_key():
    inside, most, lock, held = {"p1": 0, "p2": 0}, {"p1": 0, "p2": 0}, threading.Lock(), []

    def writer(key):
        with one_writer_per_key([key], timeout=5) as all_held:
            held.append(all_held)
            with lock:
                inside[key] += 1
                most[key] = max(most[key], inside[key])
            time.sleep(0.002)
            with lock:
                inside[key] -= 1

    run([lambda k=("p1" if i % 2 else "p2"): writer(k) for i in range(30)])
    assert most == {"p1": 1, "p2": 1} and all(held) and len(held) == 30


def test_orders_sharing_products_in_any_order_never_deadlock():
    sets = [["a", "b"], ["b", "a"], ["b", "c"], ["c", "a"], ["a", "b", "c"]]
    held = []

    def writer(keys):
        with one_writer_per_key(random.sample(keys, len(keys)), timeout=5) as all_held:
            held.append(all_held)
            time.sleep(0.001)

    run([lambda k=keys: writer(k) for keys in sets * 8])
    assert len(held) == 40 and all(held)


def test_a_wait_past_the_timeout_goes_on_without_the_lock():
    entered, release = threading.Event(), threading.Event()

    def holder():
        with one_writer_per_key(["hot"], timeout=1):
            entered.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    entered.wait(5)
    began = time.monotonic()
    with one_writer_per_key(["hot"], timeout=0.05) as all_held:
        waited = time.monotonic() - began
    release.set()
    t.join(5)
    assert all_held is False and 0.04 <= waited < 1
    with one_writer_per_key(["hot"], timeout=0.05) as all_held:  # released: free again
        assert all_held is True
