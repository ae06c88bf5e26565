"""Bench environment: DynamoDB Local (unless DYNAMODB_ENDPOINT is set), settings, a unique table prefix."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "webdpro.settings",
    "DJANGO_SECRET_KEY": "bench-" + secrets.token_hex(24),
    "DJANGO_DEBUG": "0",
    "DJANGO_DISABLE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "SMS_BACKEND": "memory",
    "LOG_LEVEL": "ERROR",
    "WEBDPRO_TESTING": "1",  # static files from the finders (no collectstatic manifest needed)
    "DYNAMODB_TIMEOUT_SECONDS": "30",  # bulk loading on a busy 2-core machine
    # The checkout bench is hundreds of customers arriving from one address (127.0.0.1), some buying
    # several times with one phone: the storefront's abuse limits would refuse them after a few orders.
    "CHECKOUTS_PER_IP": "1000000",
    "CHECKOUTS_PER_SESSION": "1000000",
    "CHECKOUTS_PER_PHONE": "1000000",
}


def setup(prefix: str | None = None) -> dict:
    """Start DynamoDB Local if needed, configure Django and the models. Returns the bench state."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for key, value in BENCH_ENV.items():
        os.environ.setdefault(key, value)
    local = None
    endpoint = os.environ.get("DYNAMODB_ENDPOINT", "")
    if not endpoint:
        from webdpro.devtools.dynamodb_local import DynamoDBLocal

        log = ROOT / ".data" / "bench-dynamodb-local.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        local = DynamoDBLocal(in_memory=True, log_path=log).start()
        endpoint = local.endpoint
        os.environ["DYNAMODB_ENDPOINT"] = endpoint
    prefix = prefix or f"bench{secrets.token_hex(3)}-"
    os.environ["DYNAMODB_TABLE_PREFIX"] = prefix
    import django

    django.setup()
    from django.conf import settings

    from webdpro import db

    db.configure(host=endpoint, region=settings.AWS_REGION, prefix=prefix)
    return {"endpoint": endpoint, "prefix": prefix, "local": local}


def teardown(state: dict, keep_tables: bool = False) -> None:
    try:
        if not keep_tables and state.get("local") is None:
            from webdpro.db import tables

            tables.delete_tables(state["prefix"])
    finally:
        if state.get("local") is not None:
            state["local"].stop()
