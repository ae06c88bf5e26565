"""The PynamoDB base model, connection settings and transactions.

Table names are ``DYNAMODB_TABLE_PREFIX + logical name`` (``webdpro-orders`` by default). Models read
their endpoint, region and prefix from settings through :func:`configure`, which also resets
PynamoDB's per-class connection cache so tests can point at a fresh prefix.
"""

from __future__ import annotations

import os
import random
import threading
import time
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.attributes import Attribute
from pynamodb.connection import Connection
from pynamodb.constants import NULL
from pynamodb.exceptions import (
    DeleteError,
    DoesNotExist,
    GetError,
    PutError,
    PynamoDBConnectionError,
    PynamoDBException,
    TransactWriteError,
    UpdateError,
)
from pynamodb.models import Model
from pynamodb.transactions import TransactGet

from webdpro.db import calls
from webdpro.db.compiled import TransactWrite
from webdpro.db.rounds import read_in_rounds

_REGISTRY: list[type["BaseModel"]] = []
_state = {"host": None, "region": "ap-south-1", "prefix": "webdpro-", "configured": False}


def local_credentials(host):
    """DynamoDB Local wants some (alphanumeric) keys; AWS uses the normal credential chain."""
    if host and not os.environ.get("AWS_ACCESS_KEY_ID"):
        return "local", "local"
    return None, None


class BaseModel(Model):
    """Every table model derives from this and sets ``Meta.logical_name`` (e.g. ``"orders"``).

    Keys and indexes are those of the seed tables; every other attribute is a non-key attribute, listed
    with the access pattern that needs it in tables/README.md (a unit test checks tables against models)."""

    class Meta:
        abstract = True

    @classmethod
    def _get_connection(cls):
        """PynamoDB's table connection, talking through the process's one botocore client
        (:func:`connection`) instead of a client of its own."""
        table = cls._connection
        if table is not None and table.table_name == cls.Meta.table_name and table.connection._client is not None:
            return table
        with _client_lock:
            table = super()._get_connection()
            if table.connection._client is None:
                table.connection._client = connection().client
            return table

    @classmethod
    def get(cls, hash_key, range_key=None, **kwargs):
        """``Model.get``, except that a key DynamoDB rejects as malformed (over its size limit, empty) is
        ``DoesNotExist``: no item can have it, and callers already turn DoesNotExist into a 404."""
        try:
            return super().get(hash_key, range_key, **kwargs)
        except GetError as error:
            if is_invalid_request(error):
                raise cls.DoesNotExist() from error
            raise

    @classmethod
    def _instantiate(cls, attribute_values: dict):
        """A model from DynamoDB's item (``from_raw_data``, every read), with the attribute values PynamoDB's
        ``_instantiate`` gives, in one pass: PynamoDB sets every default twice (``__init__`` and
        ``_container_deserialize``), then each value through its descriptor. Here each attribute gets its
        value, else its default, once; attributes whose descriptor converts what it is given (maps) are still
        set through it. A model with a discriminator takes PynamoDB's way. tests/unit/test_model_instantiate.py."""
        if cls._discriminator is not None:
            return super()._instantiate(attribute_values)
        instance = cls.__new__(cls)
        values: dict = {}
        instance.attribute_values = values
        for name, attribute, plain in _plain_attributes(cls):
            raw = attribute_values.get(attribute.attr_name)
            if raw and NULL not in raw:
                value = attribute.deserialize(attribute.get_value(raw))
            else:
                value = attribute.default() if callable(attribute.default) else attribute.default
                if value is None:
                    continue
            if plain:
                values[name] = value
            else:
                setattr(instance, name, value)
        return instance

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls.Meta, "logical_name", None):
            _REGISTRY.append(cls)
            _apply(cls)


def _plain_attributes(model) -> list:
    """(name, attribute, plain) for each of ``model``'s attributes, ``plain`` when setting it only stores the
    value under its name (PynamoDB's ``Attribute.__set__``), kept on the class."""
    kept = model.__dict__.get("_plain_attributes_kept")
    if kept is None:
        kept = [
            (name, attribute, type(attribute).__set__ is Attribute.__set__)
            for name, attribute in model.get_attributes().items()
        ]
        model._plain_attributes_kept = kept
    return kept


def _apply(model):
    key_id, secret = local_credentials(_state["host"])
    model.Meta.table_name = _state["prefix"] + model.Meta.logical_name
    model.Meta.host = _state["host"]
    model.Meta.region = _state["region"]
    model.Meta.aws_access_key_id = key_id
    model.Meta.aws_secret_access_key = secret
    model.Meta.connect_timeout_seconds = _state.get("timeout", 3)
    model.Meta.read_timeout_seconds = _state.get("timeout", 3)
    model.Meta.max_retry_attempts = _state.get("retries", 2)
    model.Meta.max_pool_connections = _state.get("pool", 50)
    model._connection = None
    for index in model._indexes.values():
        index.Meta.model = model


def configure(host=None, region=None, prefix=None, timeout=None, retries=None, pool=None):
    """Point every model at an endpoint/region/prefix. Safe to call again (tests do)."""
    if host is None or region is None or prefix is None:
        from django.conf import settings

        host = settings.DYNAMODB_ENDPOINT if host is None else host
        region = settings.AWS_REGION if region is None else region
        prefix = settings.DYNAMODB_TABLE_PREFIX if prefix is None else prefix
        timeout = timeout or settings.DYNAMODB_TIMEOUT_SECONDS
        pool = pool or settings.DYNAMODB_MAX_POOL_CONNECTIONS
    _state.update(host=host or None, region=region, prefix=prefix, configured=True)
    if timeout:
        _state["timeout"] = timeout
    if retries is not None:
        _state["retries"] = retries
    if pool:
        _state["pool"] = pool
    _connections.clear()
    for model in _REGISTRY:
        _apply(model)


def settings_state():
    return dict(_state)


def registered_models():
    return list(_REGISTRY)


_connections: dict = {}
_client_lock = threading.RLock()


def connection() -> Connection:
    """The process's connection to DynamoDB: transactions, batch reads and (through
    ``BaseModel._get_connection``) every table use its ONE botocore client. Building a client costs tens of
    milliseconds of CPU; built lazily by each PynamoDB connection, every thread of a fresh worker that meets
    a table first would build its own (measured: 30 clients per gunicorn worker in the checkout bench). It
    is built once, under a lock — :func:`warm_up` builds it before a worker takes requests."""
    key = (_state["host"], _state["region"])
    found = _connections.get(key)
    if found is not None and found._client is not None:
        return found
    with _client_lock:
        if key not in _connections:
            key_id, secret = local_credentials(_state["host"])
            _connections[key] = Connection(
                host=_state["host"],
                region=_state["region"],
                connect_timeout_seconds=_state.get("timeout", 3),
                read_timeout_seconds=_state.get("timeout", 3),
                max_retry_attempts=_state.get("retries", 2),
                max_pool_connections=_state.get("pool", 50),
                aws_access_key_id=key_id,
                aws_secret_access_key=secret,
            )
        _connections[key].client  # noqa: B018 — builds the botocore client while the lock is held
        return _connections[key]


def warm_up() -> None:
    """Build the botocore client and every table's connection now (no DynamoDB call), so that a new
    server process does not build them while its first requests wait."""
    for model in _REGISTRY:
        model._get_connection()


def transact_write(client_request_token=None) -> TransactWrite:
    """``with transact_write() as tx: tx.save(...); tx.update(...)`` — all or nothing (``tx.update_from``: an
    update from a :class:`webdpro.db.compiled.UpdateTemplate`)."""
    return TransactWrite(connection=connection(), client_request_token=client_request_token)


def transact_get() -> TransactGet:
    return TransactGet(connection=connection())


CONDITION_FAILED = "ConditionalCheckFailed"  # a cancellation reason: this item's condition was false
TRANSACTION_CONFLICT = "TransactionConflict"  # a cancellation reason: another transaction held the item

T = TypeVar("T")


def cancellation_codes(error: TransactWriteError) -> list[str | None]:
    """Codes of a cancelled transaction (``ConditionalCheckFailed``, ``None`` …) in PynamoDB's order:
    condition checks, deletes, puts, updates — not the order they were added."""
    return [reason.code if reason else None for reason in (getattr(error, "cancellation_reasons", None) or [])]


def is_condition_failure(error: Exception) -> bool:
    """A single-item write (put, update, delete) refused by its condition."""
    cause = getattr(error, "cause_response_code", None)
    return cause == "ConditionalCheckFailedException"


def condition_failed(error: Exception) -> bool:
    """A write refused by a condition: a single-item write, or a transaction cancelled because at least
    one of its conditions was false."""
    if isinstance(error, TransactWriteError):
        return CONDITION_FAILED in cancellation_codes(error)
    return is_condition_failure(error)


def is_transaction_conflict(error: Exception) -> bool:
    """A transaction cancelled only because another one was writing the same items (worth retrying)."""
    codes = cancellation_codes(error) if isinstance(error, TransactWriteError) else []
    return TRANSACTION_CONFLICT in codes and CONDITION_FAILED not in codes


def someone_was_first(error: Exception) -> bool:
    """A write refused by its condition, or a transaction cancelled only by false conditions and by other
    transactions writing the same items at that moment: either way someone else changed them first."""
    if not isinstance(error, TransactWriteError):
        return is_condition_failure(error)
    if getattr(error, "cause_response_code", None) == "TransactionConflictException":
        return True
    codes = cancellation_codes(error)
    beaten = (CONDITION_FAILED, TRANSACTION_CONFLICT)
    return any(code in beaten for code in codes) and all(code in (None, "None", *beaten) for code in codes)


@contextmanager
def conflict_on_condition(message: str, *, error: type[Exception] | None = None, **kwargs) -> Iterator[None]:
    """Turn a write that someone else beat (:func:`someone_was_first`) into ``error(message, **kwargs)``
    (``Conflict`` unless told). Every other failure passes through unchanged."""
    try:
        yield
    except (PutError, UpdateError, DeleteError, TransactWriteError) as exc:
        if someone_was_first(exc):
            if error is None:
                from webdpro.errors import Conflict

                raise Conflict(message, **kwargs) from exc
            raise error(message, **kwargs) from exc
        raise


RETRY_ATTEMPTS = 8


def backoff(attempt: int) -> float:
    """Seconds to wait before retry ``attempt + 1``: exponential from 10 ms, capped at 0.3 s, jittered ±50%
    so that contending writers spread out."""
    return min(0.3, 0.01 * (2**attempt)) * random.uniform(0.5, 1.5)


def hot_item_backoff(attempt: int) -> float:
    """Seconds before retry ``attempt + 1`` of a write on a contested item (the last units of a product):
    "full jitter" — uniform between 0 and 2 ms · 2^attempt, capped at 25 ms. A conflict means another
    transaction on the item has just finished or is finishing, so the next try soon has a fair chance;
    long waits only leave the item idle (measured with 30 buyers in bench/checkout.py). With the writers of
    a process queued by :func:`one_writer_per_key`, the checkout bench (30 buyers, 2 gunicorn workers, 600
    orders) placed every order at its first attempt: this policy only matters across processes or hosts."""
    return random.uniform(0, min(0.025, 0.002 * (2**attempt)))


_GATES = [threading.Lock() for _ in range(256)]


@contextmanager
def one_writer_per_key(keys, timeout: float) -> Iterator[bool]:
    """Within this process, one thread at a time writes the items named by ``keys`` (e.g. the products of
    an order). Threads of one process that race for a hot item only cancel each other's transactions
    (``TransactionConflict``) and burn the CPU both sides need; queued here, they reach DynamoDB one after
    another, and only writers in other processes still conflict (and are retried). Locks are striped
    (256) and taken in a fixed order, so two orders sharing products never deadlock. A wait past
    ``timeout`` goes on without the remaining locks (the context yields False): the write's own conditions
    and retries still hold, so this only orders attempts — it never decides an outcome."""
    stripes = sorted({zlib.crc32(str(key).encode()) % len(_GATES) for key in keys})
    deadline = time.monotonic() + timeout
    held = []
    try:
        for stripe in stripes:
            if not _GATES[stripe].acquire(timeout=max(0.0, deadline - time.monotonic())):
                break
            held.append(stripe)
        yield len(held) == len(stripes)
    finally:
        for stripe in reversed(held):
            _GATES[stripe].release()


def retry_transaction(
    write: Callable[[], T],
    *,
    attempts: int = RETRY_ATTEMPTS,
    retry_if: Callable[[Exception], bool] = is_transaction_conflict,
    wait: Callable[[int], float] = backoff,
    budget: float | None = None,
) -> T:
    """Run ``write`` (which builds its transaction — and re-reads what it needs — on each call) and run it
    again after :func:`backoff` while its failure passes ``retry_if`` (by default: cancelled only by
    transaction conflicts). Any other failure, or the failure of the last attempt, is raised for the
    caller to explain (``with conflict_on_condition(…)`` or by reading :func:`cancellation_codes`).
    ``wait(attempt)`` spaces the tries; ``budget`` (seconds) stops retrying once that much time has passed."""
    deadline = time.monotonic() + budget if budget is not None else None
    for attempt in range(attempts):
        try:
            return write()
        except (TransactWriteError, PutError, UpdateError, DeleteError) as exc:
            out_of_time = deadline is not None and time.monotonic() >= deadline
            if attempt + 1 >= attempts or out_of_time or not retry_if(exc):
                raise
        time.sleep(wait(attempt))
    raise AssertionError("unreachable")  # pragma: no cover


HOT_ITEM_ATTEMPTS = 60
HOT_ITEM_BUDGET = 2.0  # seconds: past it the buyer hears "try again" instead of waiting on


def retry_hot_transaction(write: Callable[[], T], keys, budget: float | None = None) -> T:
    """The retry policy for a transaction on items many buyers write at once (the last units of a product):
    one writer per key in this process (:func:`one_writer_per_key`), then :func:`retry_transaction` with
    :func:`hot_item_backoff` — up to ``HOT_ITEM_ATTEMPTS`` tries within ``budget`` seconds (by default
    ``HOT_ITEM_BUDGET``), the wait for the gate included; at least one try. The last failure is raised for the
    caller to explain."""
    began = time.monotonic()
    budget = HOT_ITEM_BUDGET if budget is None else budget
    with one_writer_per_key(keys, timeout=budget):
        left = max(0.0, budget - (time.monotonic() - began))
        return retry_transaction(write, attempts=HOT_ITEM_ATTEMPTS, wait=hot_item_backoff, budget=left)


_END = object()


def read_ahead(pages: Iterable[T]) -> Iterator[T]:
    """The pages of ``pages`` (e.g. a Query's), in order, each next one fetched by a worker thread while the
    caller works on the one it was given: a reader that turns every page into output (the CSV export) waits
    for DynamoDB only where DynamoDB is slower than it. At most one page is read ahead; the calls count as
    the caller's (:func:`webdpro.db.calls.carry_counters`), and a failure to read a page is raised where the
    caller would have asked for it. Closing the iterator early waits for the page in flight, then closes
    ``pages``."""
    source = iter(pages)
    fetch = calls.carry_counters(lambda: next(source, _END))
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead") as worker:
            coming = worker.submit(fetch)
            while True:
                page = coming.result()
                if page is _END:
                    return
                coming = worker.submit(fetch)
                yield page
    finally:
        close = getattr(source, "close", None)
        if close is not None:  # a generator's own clean-up runs now, not whenever it is collected
            close()


def get_or_none(model: type[T], hash_key, range_key=None, **kwargs) -> T | None:
    """``model.get(…)``, or None when there is no such item."""
    try:
        return model.get(hash_key, range_key, **kwargs)
    except DoesNotExist:
        return None


def get_or_not_found(
    model: type[T], hash_key, range_key=None, *, message: str, tenant_id: str | None = None, **kwargs
) -> T:
    """``model.get(…)``, or ``NotFound(message)``; with ``tenant_id``, an item of another tenant is
    NotFound too (another tenant's id looks exactly like a missing one)."""
    from webdpro.errors import NotFound

    if not hash_key or (range_key is not None and not range_key):
        raise NotFound(message)
    item = get_or_none(model, hash_key, range_key, **kwargs)
    if item is None or (tenant_id is not None and getattr(item, "tenant_id", None) != tenant_id):
        raise NotFound(message)
    return item


def get_many(*keys: tuple, consistent_read: bool = False, shared_by: Hashable | None = None) -> list:
    """Items of several tables in ONE BatchGetItem: ``get_many((User, phone), (Tenant, tenant_id))``
    returns ``[user_or_None, tenant_or_None]`` in the order asked (up to 100 keys, eventually consistent
    like ``Model.get`` unless ``consistent_read``). Keys DynamoDB leaves unprocessed are asked again after
    :func:`backoff`; ``GetError`` if some are still left after ``RETRY_ATTEMPTS`` calls. With ``shared_by``
    (a group, e.g. one store's checkout reads) the read is made in rounds with the other callers of this
    process in that group (:func:`webdpro.db.rounds.read_in_rounds`): each caller's answer is still read
    after it asked."""
    wanted: dict[tuple, tuple[str, dict]] = {}
    asked = []
    for model, hash_key, *rest in keys:
        key = _raw_key(model, hash_key, rest[0] if rest else None)
        identity = (model.Meta.table_name, _key_of(key, key))
        wanted.setdefault(identity, (model.Meta.table_name, key))
        asked.append((model, identity))
    if shared_by is None:
        found = _batch_get(wanted, consistent_read)
    else:
        found = read_in_rounds((shared_by, consistent_read), wanted, lambda union: _batch_get(union, consistent_read))
    out = []
    for model, identity in asked:
        item = found.get(identity)
        out.append(model.from_raw_data(item) if item is not None else None)
    return out


BATCH_GET_KEYS = 100  # DynamoDB's limit of keys in one BatchGetItem


def _batch_get(wanted: dict[tuple, tuple[str, dict]], consistent_read: bool) -> dict[tuple, dict]:
    """The raw items found for ``wanted`` ((table, key values) -> (table, key)), by the same identity; one
    BatchGetItem for each 100 keys."""
    found: dict[tuple, dict] = {}
    client = connection().client
    todo = list(wanted.values())
    for start in range(0, len(todo), BATCH_GET_KEYS):
        requests: dict[str, dict] = {}
        for table, key in todo[start : start + BATCH_GET_KEYS]:
            requests.setdefault(table, {"Keys": [], "ConsistentRead": consistent_read})["Keys"].append(key)
        for attempt in range(RETRY_ATTEMPTS):
            answer = client.batch_get_item(RequestItems=requests)
            for table, items in answer.get("Responses", {}).items():
                for item in items:
                    found[(table, _key_of(item, requests[table]["Keys"][0]))] = item
            requests = answer.get("UnprocessedKeys") or {}
            if not requests:
                break
            time.sleep(backoff(attempt))
        else:
            raise GetError("BatchGetItem left keys unprocessed")
    return found


def _raw_key(model, hash_key, range_key) -> dict:
    key = {}
    for attribute, value in ((model._hash_key_attribute(), hash_key), (model._range_key_attribute(), range_key)):
        if attribute is not None:
            key[attribute.attr_name] = {attribute.attr_type: attribute.serialize(value)}
    return key


def _key_of(item: dict, like: dict) -> tuple:
    return tuple(sorted((name, next(iter(item[name].values()))) for name in like))


UNAVAILABLE_ERRORS = (PynamoDBConnectionError, BotoCoreError)


def is_unavailable(error: BaseException) -> bool:
    """True when DynamoDB could not be reached at all (as opposed to a rejected request)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, BotoCoreError):
            return True
        if isinstance(error, PynamoDBException):
            cause = getattr(error, "cause", None)
            if isinstance(cause, BotoCoreError):
                return True
            if getattr(error, "cause_response_code", None) in {"ServiceUnavailable", "InternalServerError"}:
                return True
        if isinstance(error, ClientError):
            return error.response.get("Error", {}).get("Code") in {"ServiceUnavailable", "InternalServerError"}
        error = error.__cause__ or error.__context__
    return False


def is_invalid_request(error: BaseException) -> bool:
    """True when DynamoDB refused the request itself (``ValidationException``: a key over 2,048 bytes, an
    empty key …). No stored item can match such a key, so callers treat it as not found."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "cause_response_code", None) == "ValidationException":
            return True
        if isinstance(error, ClientError) and error.response.get("Error", {}).get("Code") == "ValidationException":
            return True
        error = error.__cause__ or error.__context__
    return False
