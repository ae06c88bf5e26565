"""DynamoDB goes away while the app runs: 503s, then recovery without a restart."""

import pytest

from tests.helpers import make_owner, sign_in
from webdpro import db
from webdpro.db import tables
from webdpro.devtools.dynamodb_local import DynamoDBLocal


@pytest.fixture
def own_dynamodb(dynamodb, tmp_path, settings):
    """A private DynamoDB Local with on-disk data, so it can be stopped and started again."""
    local = DynamoDBLocal(in_memory=False, db_path=tmp_path / "ddb").start()
    prefix = dynamodb["prefix"]
    db.configure(host=local.endpoint, prefix=prefix, retries=0, timeout=15)
    tables.create_tables(prefix, log=lambda m: None)
    yield local
    local.stop()
    db.configure(host=dynamodb["endpoint"], prefix=prefix, retries=1)


def test_outage_gives_503_and_recovers(client, own_dynamodb):
    user, _ = make_owner(business_name="Outage Traders")
    sign_in(client, user)
    assert client.get("/healthz").status_code == 200
    assert client.get("/dashboard/").status_code == 200

    own_dynamodb.stop()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["dynamodb"] == "unreachable"
    page = client.get("/dashboard/")
    assert page.status_code == 503
    assert "Temporarily unavailable" in page.content.decode()
    assert "Traceback" not in page.content.decode()

    own_dynamodb.start()
    assert client.get("/healthz").status_code == 200
    page = client.get("/dashboard/")
    assert page.status_code == 200 and "Outage Traders" in page.content.decode()
