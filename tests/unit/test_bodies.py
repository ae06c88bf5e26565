"""Requests encoded once (webdpro.db.bodies) are byte for byte the bodies botocore's serializer writes."""

from decimal import Decimal

import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import ParamValidationError

from webdpro.customers import records
from webdpro.db import Order, Product, Store, base, calls
from webdpro.db.bodies import BodiesOnce, JSONBodies
from webdpro.orders import placement
from webdpro.ratelimits import _SLOT

MODEL = botocore.session.get_session().get_service_model("dynamodb")


class _Raw:
    def stream(self, **_):
        yield b"{}"


def _client(session, validate=False):
    client = session.create_client(
        "dynamodb",
        region_name="ap-south-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="k",
        aws_secret_access_key="s",
        config=Config(parameter_validation=validate),  # as PynamoDB builds its clients
    )
    sent = []

    def capture(request=None, **_):
        sent.append(request.body)
        return AWSResponse(request.url, 200, {}, _Raw())

    client.meta.events.register("before-send.dynamodb", capture)
    return client, sent


def bodies(operation: str, **params) -> tuple[bytes, bytes]:
    """(the body a client from the project's session sends, the body plain botocore sends)."""
    ours, ours_sent = _client(calls.hooked_session())
    plain, plain_sent = _client(botocore.session.get_session())
    getattr(ours, operation)(**params)
    getattr(plain, operation)(**params)
    return ours_sent[0], plain_sent[0]


def order_transaction() -> list[dict]:
    """The items of a place-order transaction, the order built by placement's own steps."""
    at = "2026-12-03T10:00:00+05:30"
    store = Store("01TENANT", "01STORE", name="Lakshmi Stores")
    product = Product("01STORE", "01P", name='आम "Alphonso" box', price=Decimal("499.50"))
    priced = placement._price(store, [placement.Line("01P", 2, Decimal("499.50"))], {"01P": product})
    customer = placement.Customer("Priya", "+919876543210", '12 MG Road, "B": Bengaluru', "560001")
    order = placement._build_order("01ORDER", store, customer, priced, "COD", None)
    put = order.get_save_kwargs_from_instance(condition=Order.order_id.does_not_exist())
    updates = [
        placement._TAKE_STOCK.item("01STORE", "01P", taken=-2, at=at, quantity=2, price=Decimal("499.50")),
        records._PLACED.item(
            "01STORE",
            "+919876543210",
            total=Decimal("999.00"),
            name="Priya",
            name_key="priya#+919876543210",
            tenant_id="01TENANT",
            at=at,
            order_id="01ORDER",
        ),
        placement._CUSTOMER_USER.item("+919876543210", user_id="01USER", name="Priya", at=at),
        _SLOT.item("rl#checkout-ip#01STORE#127.0.0.1#1764756000", expires_at=1764763200, allowed=20, count=1),
    ]
    return [{"Put": put}, *({"Update": u} for u in updates)]


def test_the_order_transaction_is_sent_as_botocore_writes_it():
    ours, plain = bodies("transact_write_items", TransactItems=order_transaction(), ClientRequestToken="same-token")
    assert ours == plain


def test_a_batch_read_is_sent_as_botocore_writes_it():
    keys = {"t-stores": {"Keys": [{"tenant_id": {"S": "t"}, "store_id": {"S": "s"}}], "ConsistentRead": True}}
    ours, plain = bodies("batch_get_item", RequestItems=keys)
    assert ours == plain


EVERY_TYPE = {
    "pk": {"S": "01BODIES"},
    "name": {"S": 'हिन्दी "quoted" \\ back\\slash, "B": not binary, \u2028'},
    "price": {"N": "123456789012345678901234567890.12345"},
    "on": {"BOOL": True},
    "nothing": {"NULL": True},
    "tags": {"SS": ["a", "ब"]},
    "sizes": {"NS": ["1", "2.5"]},
    "lines": {"L": [{"M": {"q": {"N": "2"}}}, {"L": []}, {"M": {}}]},
}


def test_every_attribute_type_is_sent_as_botocore_writes_it():
    ours, plain = bodies("put_item", TableName="t", Item=EVERY_TYPE)
    assert ours == plain


@pytest.mark.parametrize(
    "item",
    [
        {"pk": {"S": "k"}, "blob": {"B": b"\x00\xffbytes"}},
        {"pk": {"S": "k"}, "blobs": {"BS": [b"a", b"b"]}},
        {"pk": {"S": "k"}, "blob": {"B": "text given for a binary"}},  # botocore base64-encodes a str too
        {"pk": {"S": "k"}, "map": {"M": {"B": {"S": "a map key named B"}}}},
    ],
    ids=["bytes", "binary set", "str as binary", "map key B"],
)
def test_binary_values_are_left_to_botocore(item):
    ours, plain = bodies("put_item", TableName="t", Item=item)
    assert ours == plain


def test_the_fast_path_is_taken_for_a_plain_request_and_not_for_a_binary_one():
    class Inner:
        def __init__(self):
            self.asked = []

        def serialize_to_request(self, parameters, operation_model):
            self.asked.append(parameters)
            return {"body": b"botocore", "headers": {}, "method": "POST", "url_path": "/", "query_string": ""}

    inner = Inner()
    fast = JSONBodies(inner)
    operation = MODEL.operation_model("PutItem")
    assert fast.serialize_to_request({"TableName": "t", "Item": EVERY_TYPE}, operation)["body"].startswith(b'{"Table')
    assert inner.asked == [{}]  # only for the method, path and headers
    binary = {"TableName": "t", "Item": {"b": {"B": b"x"}}}
    assert fast.serialize_to_request(binary, operation)["body"] == b"botocore"
    assert inner.asked[-1] is binary


def test_the_service_model_has_binary_only_in_B_and_BS_and_renames_nothing():
    """What the fast path relies on: the only members botocore's walk changes are binary ones named B / BS
    (timestamps and Decimals cannot be written by json.dumps and go to botocore), and no member has another
    name on the wire."""
    binary_members, renamed = set(), set()
    for name in MODEL.shape_names:
        shape = MODEL.shape_for(name)
        for member_name, member in getattr(shape, "members", {}).items():
            if member.serialization.get("name") not in (None, member_name):
                renamed.add(f"{name}.{member_name}")
            target = member.member if member.type_name == "list" else member
            if target.type_name == "blob":
                binary_members.add(member_name)
    assert renamed == set()
    assert binary_members <= {"B", "BS"}


def test_the_clients_pynamodb_builds_encode_bodies_once():
    client = base.connection().client
    assert isinstance(client, BodiesOnce)
    assert isinstance(client._serializer, JSONBodies)


def test_a_client_that_validates_its_parameters_keeps_botocores_serializer():
    client, _sent = _client(calls.hooked_session(), validate=True)
    assert not isinstance(client._serializer, JSONBodies)
    with pytest.raises(ParamValidationError):
        client.put_item(TableName="t")
