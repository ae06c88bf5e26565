"""Read rounds: one consistent read for the requests of a process that ask for the same items at once.

Thirty buyers of one product each open their checkout with the same consistent BatchGetItem (the store, the
product, the tenant). :func:`read_in_rounds` lets one read be in flight per group (e.g. a store's checkout
reads) in a process. A caller that finds none reads at once, alone, exactly as without rounds. A caller that
finds one in flight joins the *next* round, and when the read in flight ends, one read of every key the round's
callers asked for (their union) answers all of them. Each caller's answer is thus read after it asked, as its
own consistent read would have been: nothing older is ever handed out. A round costs one call where its callers
would have made one each, and the wait it adds is at most the read in flight.

The answer is the raw items (DynamoDB's JSON, decoded): each caller builds its own models from them, so no
model object is shared between requests (``from_raw_data`` builds new values and never changes the item).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")


class _Round:
    def __init__(self):
        self.wanted: dict = {}  # every key its callers asked for, in order, with what fetch needs of it
        self.callers = 0
        self.go = threading.Event()  # the read before it has ended: its first caller reads now
        self.done = threading.Event()
        self.answer = None
        self.error: BaseException | None = None


_lock = threading.Lock()
_reading: set = set()  # groups with a read in flight
_next: dict = {}  # group -> the round that reads once the read in flight ends

# How many callers each read answered, most recent last (for tests and the bench).
answered: deque[int] = deque(maxlen=10_000)


def read_in_rounds(group: Hashable, wanted: dict[K, V], fetch: Callable[[dict[K, V]], R]) -> R:
    """``fetch(wanted)``, or the answer of a round's ``fetch`` of the union of its callers' ``wanted`` (a
    mapping of keys, e.g. item identities to what fetch needs to ask for them). ``fetch``'s failure is
    raised to every caller of its round."""
    with _lock:
        if group not in _reading:
            _reading.add(group)
            mine, first = None, True
        else:
            mine = _next.get(group)
            first = mine is None
            if first:
                mine = _next[group] = _Round()
            mine.wanted.update(wanted)
            mine.callers += 1
    if mine is None:
        try:
            answer = fetch(wanted)
            answered.append(1)
            return answer
        finally:
            _end_read(group)
    if first:
        mine.go.wait()
        try:
            mine.answer = fetch(mine.wanted)
            answered.append(mine.callers)
        except BaseException as exc:  # noqa: BLE001 — every caller of the round hears it
            mine.error = exc
        finally:
            mine.done.set()
            _end_read(group)
    else:
        mine.done.wait()
    if mine.error is not None:
        raise mine.error
    return mine.answer


def _end_read(group: Hashable) -> None:
    """A read of ``group`` ended: the round waiting, if any, reads now; else nothing is in flight."""
    with _lock:
        waiting = _next.pop(group, None)
        if waiting is None:
            _reading.discard(group)
            return
    waiting.go.set()
