"""The foundation on real DynamoDB Local: tables, health, error pages, call counting, SMS."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.helpers import assert_max_calls, count_calls, make_owner, make_product, make_store, sign_in
from webdpro.db import Product, tables


def test_create_tables_is_idempotent_and_in_sync(dynamodb, capsys):
    call_command("create_tables")
    out = capsys.readouterr().out
    assert "0 table(s) created" in out
    call_command("create_tables", "--check")
    assert "in sync" in capsys.readouterr().out
    assert tables.drift(dynamodb["prefix"]) == []


def test_create_tables_check_reports_drift(dynamodb):
    from django.core.management.base import CommandError

    prefix = dynamodb["prefix"] + "drift-"
    with pytest.raises(CommandError, match="difference"):
        call_command("create_tables", "--check", "--prefix", prefix)
    call_command("create_tables", "--prefix", prefix)
    try:
        ddb = tables.client()
        assert (
            ddb.describe_time_to_live(TableName=prefix + "otp")["TimeToLiveDescription"]["AttributeName"]
            == "expires_at"
        )
        ddb.delete_table(TableName=prefix + "domains")
        problems = tables.drift(prefix)
        assert problems == [f"{prefix}domains: missing"]
    finally:
        tables.delete_tables(prefix)


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "dynamodb": "ok"}


def test_money_round_trips_exactly_through_dynamodb():
    _, tenant = make_owner()
    store = make_store(tenant)
    product = make_product(store, price="100.10")
    stored = Product.get(store.store_id, product.product_id)
    assert stored.price == Decimal("100.10") and isinstance(stored.price, Decimal)
    with pytest.raises(TypeError):
        Product(store.store_id, "x", name="bad", price=0.1, created_at="now").save()


def test_call_counter_counts_by_operation():
    _, tenant = make_owner()
    store = make_store(tenant)
    with count_calls() as counter:
        list(Product.query(store.store_id))
        Product.count(store.store_id)
    assert counter["Query"] == 2 and counter.total == 2
    with pytest.raises(AssertionError, match="Scan used"):
        with assert_max_calls(5):
            list(Product.scan(limit=1))


def test_call_counter_times_the_calls_themselves():
    import time

    _, tenant = make_owner()
    store = make_store(tenant)
    began = time.perf_counter()
    with count_calls() as counter:
        list(Product.query(store.store_id))
        time.sleep(0.05)  # time outside a DynamoDB call is not counted
        Product.count(store.store_id)
    wall = time.perf_counter() - began
    assert counter.total == 2
    assert 0 < counter.seconds < wall - 0.05


def test_call_timing_starts_when_botocore_is_entered():
    """botocore's building of the request (here slowed down by a handler on its ``before-parameter-build``
    event, which comes before ``before-call``) is part of the call's time."""
    import time

    _, tenant = make_owner()
    store = make_store(tenant)
    events = Product._get_connection().connection.client.meta.events

    list(Product.query(store.store_id))  # the connection made, so only the call itself is timed below

    def slow_build(**_):
        time.sleep(0.1)

    events.register("before-parameter-build.dynamodb.Query", slow_build)
    try:
        with count_calls() as counter:
            list(Product.query(store.store_id))
    finally:
        events.unregister("before-parameter-build.dynamodb.Query", slow_build)
    assert counter.total == 1
    assert counter.seconds >= 0.1


def test_call_counter_counts_the_items_read():
    _, tenant = make_owner()
    store = make_store(tenant)
    products = [make_product(store, name=f"P{i}", active=i != 0) for i in range(3)]
    with count_calls() as counter:
        list(Product.query(store.store_id, filter_condition=Product.is_active == True, page_size=2))  # noqa: E712
    assert counter.total == 2 and counter.items_read == 3  # what the Query examined, the filtered one too
    with count_calls() as counter:
        Product.get(store.store_id, products[0].product_id)
        list(Product.batch_get([(store.store_id, p.product_id) for p in products[1:]] + [(store.store_id, "NONE")]))
    assert counter.items_read == 1 + 2
    assert counter.bytes_read > len(products[0].name) * 3


def test_custom_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content


def test_owner_page_needs_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/signin/" in response["Location"]


def test_signed_out_htmx_request_loads_the_sign_in_page_as_a_full_page(client):
    """The order desk polls every 15 s with HTMX. Once the session has ended, the answer must make htmx load
    sign-in as a full page (HX-Redirect on a 200: htmx ignores headers on a 3xx and would swap the sign-in
    page into the table), and sign-in must bring the owner back to the desk, not to the poll fragment."""
    response = client.get(
        "/dashboard/orders/new/?since=2026-01-01T00:00:00Z",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/dashboard/orders/?status=CONFIRMED",
    )
    assert response.status_code == 200
    assert "Location" not in response
    assert response["HX-Redirect"] == "/accounts/signin/?next=%2Fdashboard%2Forders%2F%3Fstatus%3DCONFIRMED"


def test_signed_out_htmx_request_never_sends_next_to_another_site(client):
    response = client.get(
        "/dashboard/orders/new/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/x"
    )
    assert response.status_code == 200 and response["HX-Redirect"].startswith("/accounts/signin/?next=%2Fdashboard%2F")


def test_wrong_role_gets_403(client):
    from tests.helpers import make_customer

    sign_in(client, make_customer())
    response = client.get("/dashboard/")
    assert response.status_code == 403
    assert b"You can't open this page" in response.content


def test_owner_dashboard_renders(client):
    user, tenant = make_owner(name="Ravi", business_name="Ravi Stores")
    sign_in(client, user)
    with assert_max_calls(6):  # user, tenant, the tenant's stores, 30 days of orders, low stock
        response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "Ravi Stores" in response.content.decode()


def test_file_sms_backend_writes_json_lines(tmp_path):
    from webdpro import sms

    outbox = tmp_path / "sms" / "outbox.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_OUTBOX=outbox):
        sms.send_sms("+919876543210", "Your code is 123456")
    message = json.loads(outbox.read_text().splitlines()[0])
    assert message["to"] == "+919876543210" and message["body"] == "Your code is 123456" and message["at"].endswith("Z")


def test_sns_backend_publishes_through_botocore():
    import boto3
    from botocore.stub import Stubber

    from webdpro.sms import SnsBackend

    client = boto3.client("sns", region_name="ap-south-1", aws_access_key_id="x", aws_secret_access_key="y")
    stub = Stubber(client)
    stub.add_response(
        "publish",
        {"MessageId": "msg-1"},
        {
            "PhoneNumber": "+919876543210",
            "Message": "hello",
            "MessageAttributes": {
                "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": "WEBDPR"},
            },
        },
    )
    with stub:
        assert SnsBackend(client=client).send("+919876543210", "hello") == "msg-1"
    stub.assert_no_pending_responses()


def test_seed_demo_creates_the_demo_world(capsys):
    from webdpro import demo
    from webdpro.db import Store, User

    call_command("seed_demo")
    out = capsys.readouterr().out
    assert demo.OWNER_PHONE in out and demo.AGENT_PHONE in out
    owner = User.get(demo.OWNER_PHONE)
    stores = list(Store.query(owner.tenant_id))
    assert len(stores) == 1 and stores[0].status == "PUBLISHED"
    assert Product.count(stores[0].store_id) >= 30
    from webdpro.db import Tenant, Transfer

    tenant = Tenant.get(owner.tenant_id)  # Razorpay Route (sandbox): activated account, settled orders
    assert tenant.payout_status == "ACTIVATED" and tenant.payout_details.account_last4 == "7891"
    ledger = list(Transfer.query(owner.tenant_id))
    assert len(ledger) == 3 and {row.status for row in ledger} == {"SETTLED"}
    call_command("seed_demo", "--if-empty")
    assert "already present" in capsys.readouterr().out


def test_call_counter_names_the_tables():
    _, tenant = make_owner()
    store = make_store(tenant)
    with count_calls() as counter:
        list(Product.query(store.store_id))
    assert counter.tables("Query") == [Product.Meta.table_name]


def test_calls_made_reading_ahead_count_as_the_callers():
    """A Query paged through ``read_ahead`` is read by a worker thread: its calls and their time still land
    in the counter of the thread that asked (the request's)."""
    from webdpro.db import read_ahead

    _, tenant = make_owner()
    store = make_store(tenant)
    for i in range(5):
        make_product(store, name=f"P{i}")
    with count_calls() as counter:
        pages = list(read_ahead(Product.query(store.store_id, page_size=2).page_iter))
    assert sum(len(page["Items"]) for page in pages) == 5
    assert counter["Query"] == 3 and counter.seconds > 0
