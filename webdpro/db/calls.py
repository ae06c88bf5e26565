"""Count DynamoDB API calls, by operation, with botocore event hooks.

Every botocore session that PynamoDB (or our boto3 admin client) creates gets the hooks below. Counters are
per thread by default, so a test counting one request through the Django test client sees exactly that
request's calls::

    with count_dynamodb_calls() as calls:
        client.get(url)
    assert calls.total <= 4 and calls["Scan"] == 0

The same hooks time each call, from botocore's first event (``provide-client-params``, as the client method
is entered) to its ``after-call``: building the request (serializing the parameters, resolving the endpoint),
signing, sending, waiting, retries and parsing the answer. So ``calls.seconds`` is the wall time the request
spent inside DynamoDB calls: the benchmarks compare it with the request's own time. PynamoDB's turning of
models into parameters and of answers into models happens outside the botocore call, so it is the page's.
``calls.items_read`` counts the items DynamoDB read for them (a Query's or Scan's ``ScannedCount``, one per
GetItem found, every item of a BatchGetItem or TransactGetItems) and ``calls.bytes_read`` the size of the
answers, so a page's work can be seen apart from DynamoDB's speed.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

import botocore.session
import pynamodb.connection.base as pynamodb_base

from webdpro.db import answers, bodies

T = TypeVar("T")
_local = threading.local()
_global_counters: list["CallCount"] = []
_lock = threading.Lock()


class CallCount(Counter):
    """A ``Counter`` of operation name → calls, plus the list of calls in order."""

    def __init__(self):
        super().__init__()
        self.calls: list[tuple[str, dict]] = []
        self.seconds = 0.0
        self.items_read = 0
        self.bytes_read = 0

    @property
    def total(self) -> int:
        return sum(self.values())

    def tables(self, operation: str | None = None) -> list[str]:
        """The table (or index owner) of each call, in order; ``TransactWriteItems`` etc. give ``""``."""
        return [_table_name(p) for op, p in self.calls if operation is None or op == operation]

    def describe(self) -> str:
        return ", ".join(f"{op}×{n}" for op, n in sorted(self.items())) or "no calls"


def _table_name(request: dict) -> str:
    if "TableName" in request:
        return request["TableName"]
    body = request.get("body")
    if isinstance(body, (bytes, str)) and body:
        try:
            return json.loads(body).get("TableName", "")
        except (ValueError, AttributeError):
            return ""
    return ""


def _stack() -> list[CallCount]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def _on_call_start(**_):
    """The botocore call is entered: where its time starts (:func:`_on_before_call` takes it)."""
    _local.entered = time.perf_counter()


def _on_before_call(event_name=None, params=None, **_):
    entered = getattr(_local, "entered", None)
    _local.entered = None
    if not event_name:
        return
    operation = event_name.rsplit(".", 1)[-1]
    targets = list(_stack())
    if _global_counters:
        with _lock:
            targets.extend(_global_counters)
    for counter in targets:
        counter[operation] += 1
        counter.calls.append((operation, dict(params or {})))
    _started().append((entered or time.perf_counter(), targets))


def _started() -> list:
    if not hasattr(_local, "started"):
        _local.started = []
    return _local.started


def _on_after_call(parsed=None, http_response=None, **_):
    started = _started()
    if not started:
        return
    began, targets = started.pop()
    elapsed = time.perf_counter() - began
    items, size = _items_read(parsed), _size(http_response)
    for counter in targets:
        counter.seconds += elapsed
        counter.items_read += items
        counter.bytes_read += size


def _items_read(parsed) -> int:
    """Items DynamoDB read to answer one call (examined by a Query or Scan, found by a get)."""
    if not isinstance(parsed, dict):
        return 0
    if "ScannedCount" in parsed:
        return parsed["ScannedCount"]
    if "Item" in parsed:
        return 1
    responses = parsed.get("Responses")
    if isinstance(responses, dict):
        return sum(len(items) for items in responses.values())
    if isinstance(responses, list):
        return sum(1 for r in responses if r.get("Item"))
    return 0


def _size(http_response) -> int:
    try:
        return len(http_response.content or b"")
    except (AttributeError, TypeError):
        return 0


def hooked_session() -> botocore.session.Session:
    """A botocore session with the call-counting hooks, answers' items decoded once (:mod:`.answers`) and
    requests encoded once (:mod:`.bodies`)."""
    session = botocore.session.get_session()
    answers.register(session)
    bodies.register(session)
    session.register("provide-client-params.dynamodb", _on_call_start)
    session.register("before-call.dynamodb", _on_before_call)
    session.register("after-call.dynamodb", _on_after_call)
    session.register("after-call-error.dynamodb", _on_after_call)
    return session


@contextmanager
def count_dynamodb_calls(all_threads: bool = False):
    counter = CallCount()
    if all_threads:
        with _lock:
            _global_counters.append(counter)
    else:
        _stack().append(counter)
    try:
        yield counter
    finally:
        if all_threads:
            with _lock:
                _global_counters.remove(counter)
        else:
            _stack().remove(counter)


def carry_counters(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn``, to be run in another thread, with its DynamoDB calls counted (and timed) by the counters of
    the thread that wraps it as well: a request's calls made by a helper thread are still the request's."""
    counters = list(_stack())

    def run(*args, **kwargs):
        stack = _stack()
        saved = list(stack)
        stack.extend(counters)
        try:
            return fn(*args, **kwargs)
        finally:
            stack[:] = saved

    return run


def install():
    """Make PynamoDB create its botocore sessions through :func:`hooked_session`. Idempotent."""
    if getattr(pynamodb_base, "_webdpro_hooked", False):
        return
    pynamodb_base.get_session = hooked_session
    pynamodb_base._webdpro_hooked = True


install()
