"""The PynamoDB base model, connection settings and transactions.

Table names are ``DYNAMODB_TABLE_PREFIX + logical name`` (``webdpro-orders`` by default). Models read
their endpoint, region and prefix from settings through :func:`configure`, which also resets
PynamoDB's per-class connection cache so tests can point at a fresh prefix.
"""

from __future__ import annotations

import os

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import GetError, PynamoDBConnectionError, PynamoDBException, TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactGet, TransactWrite

_REGISTRY: list[type["BaseModel"]] = []
_state = {"host": None, "region": "ap-south-1", "prefix": "webdpro-", "configured": False}


def local_credentials(host):
    """DynamoDB Local wants some (alphanumeric) keys; AWS uses the normal credential chain."""
    if host and not os.environ.get("AWS_ACCESS_KEY_ID"):
        return "local", "local"
    return None, None


class BaseModel(Model):
    """Every table model derives from this and sets ``Meta.logical_name`` (e.g. ``"orders"``)."""

    class Meta:
        abstract = True

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

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls.Meta, "logical_name", None):
            _REGISTRY.append(cls)
            _apply(cls)


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


def connection() -> Connection:
    """A low-level connection for transactions (a bare ``Connection()`` would talk to AWS)."""
    key = (_state["host"], _state["region"])
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
    return _connections[key]


def transact_write(client_request_token=None) -> TransactWrite:
    """``with transact_write() as tx: tx.save(...); tx.update(...)`` — all or nothing."""
    return TransactWrite(connection=connection(), client_request_token=client_request_token)


def transact_get() -> TransactGet:
    return TransactGet(connection=connection())


def cancellation_codes(error: TransactWriteError) -> list[str | None]:
    """Codes of a cancelled transaction (``ConditionalCheckFailed``, ``None`` …) in PynamoDB's order:
    condition checks, deletes, puts, updates — not the order they were added."""
    return [reason.code if reason else None for reason in (error.cancellation_reasons or [])]


def is_condition_failure(error: Exception) -> bool:
    cause = getattr(error, "cause_response_code", None)
    return cause == "ConditionalCheckFailedException"


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
