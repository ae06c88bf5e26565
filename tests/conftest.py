"""Test harness: DynamoDB Local (in memory, free port) per session, fresh tables under a unique prefix.

Set DYNAMODB_ENDPOINT to run against another DynamoDB (tables are still created under a unique prefix
and deleted afterwards).
"""

import os
import uuid

_external_endpoint = os.environ.get("DYNAMODB_ENDPOINT", "")

import pytest  # noqa: E402

from tests.helpers import *  # noqa: E402,F401,F403  (fixtures and helpers shared by all tests)


@pytest.fixture(scope="session")
def dynamodb_endpoint(tmp_path_factory):
    if _external_endpoint:
        yield _external_endpoint
        return
    from webdpro.devtools.dynamodb_local import DynamoDBLocal

    log = tmp_path_factory.mktemp("dynamodb") / "dynamodb-local.log"
    local = DynamoDBLocal(in_memory=True, log_path=log).start()
    try:
        yield local.endpoint
    finally:
        local.stop()


@pytest.fixture(scope="session")
def dynamodb(dynamodb_endpoint, django_db_blocker):
    """Tables for the whole session under a unique prefix; models pointed at them."""
    from django.conf import settings

    _ = settings.DEBUG  # make sure settings are loaded
    from webdpro import db
    from webdpro.db import tables

    prefix = f"t{uuid.uuid4().hex[:8]}-"
    root = settings._wrapped
    while hasattr(root, "default_settings"):  # under an override_settings holder (live_server)
        root = root.default_settings
    root.DYNAMODB_ENDPOINT = dynamodb_endpoint
    root.DYNAMODB_TABLE_PREFIX = prefix
    db.configure(host=dynamodb_endpoint, region=settings.AWS_REGION, prefix=prefix, retries=1)
    tables.create_tables(prefix, log=lambda m: None)
    yield {"endpoint": dynamodb_endpoint, "prefix": prefix}
    try:
        tables.delete_tables(prefix)
    except Exception:
        pass


@pytest.fixture(autouse=True)
def _dynamodb_for_tests(request):
    """Unit tests marked by their folder need no DynamoDB; everything else gets the tables."""
    if "/tests/unit/" in str(request.node.fspath):
        yield
        return
    request.getfixturevalue("dynamodb")
    yield


# pytest-django's db fixtures need a relational DB; WebDPro has none (pytest-django #298).
@pytest.fixture
def db():
    return None


@pytest.fixture
def transactional_db():
    return None


@pytest.fixture(autouse=True)
def _clear_sms_outbox():
    from webdpro import sms
    from webdpro.sms import whatsapp

    sms.outbox.clear()
    whatsapp.outbox.clear()
    yield


@pytest.fixture(autouse=True)
def _no_language_leaks():
    """A request in another language (Accept-Language: hi through LocaleMiddleware) activates it for the
    thread and Django never deactivates it: each test starts and ends in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
