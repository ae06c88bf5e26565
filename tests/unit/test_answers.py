"""Answers whose items are decoded once (webdpro.db.answers) parse to exactly what botocore's parser gives."""

import base64
import json

import botocore.session
import pytest
from botocore import parsers

from webdpro.db import answers
from webdpro.db.answers import decode_items

MODEL = botocore.session.get_session().get_service_model("dynamodb")

EVERY_TYPE = {
    "pk": {"S": "01JANSWERS0000000000000000"},
    "name": {"S": 'हिन्दी नाम "quoted" \\ back\\slash, "B": not binary, \u2028 line'},
    "empty": {"S": ""},
    "price": {"N": "123456789012345678901234567890.12345"},
    "negative": {"N": "-0.01"},
    "active": {"BOOL": True},
    "hidden": {"BOOL": False},
    "nothing": {"NULL": True},
    "tags": {"SS": ["a", "ब"]},
    "sizes": {"NS": ["1", "2.5"]},
    "items": {
        "L": [
            {"M": {"name": {"S": "Rice"}, "quantity": {"N": "2"}, "notes": {"L": []}}},
            {"M": {}},
            {"L": [{"N": "1"}, {"NULL": True}, {"BOOL": False}]},
        ]
    },
    "config": {"M": {"payments": {"M": {"cod": {"BOOL": True}, "upi": {"S": "shop@upi"}}}, "none": {"M": {}}}},
}
CAPACITY = {"TableName": "webdpro-orders", "CapacityUnits": 1.5, "Table": {"CapacityUnits": 0.5}}


def _both(operation: str, answer: dict, status: int = 200):
    """(botocore's parse, the parse with the items decoded once, what the handler took) of one answer."""
    body = json.dumps(answer, ensure_ascii=False).encode()
    shape = MODEL.operation_model(operation).output_shape
    plain = parsers.create_parser("json").parse({"status_code": status, "headers": {}, "body": body}, shape)
    response = {"status_code": status, "headers": {}, "body": body}
    taken: dict = {}
    decode_items(response_dict=response, customized_response_dict=taken)
    fast = parsers.create_parser("json").parse(response, shape)
    fast.update(taken)
    return plain, fast, taken


@pytest.mark.parametrize(
    ("operation", "answer"),
    [
        ("GetItem", {"Item": EVERY_TYPE, "ConsumedCapacity": CAPACITY}),
        ("GetItem", {}),
        (
            "Query",
            {
                "Items": [EVERY_TYPE, {"pk": {"S": "x"}}],
                "Count": 2,
                "ScannedCount": 7,
                "LastEvaluatedKey": {"pk": {"S": "x"}, "created_at": {"S": "2026-12-02T10:00:00Z"}},
                "ConsumedCapacity": CAPACITY,
            },
        ),
        ("Query", {"Items": [], "Count": 0, "ScannedCount": 0}),
        ("Scan", {"Items": [EVERY_TYPE], "Count": 1, "ScannedCount": 1}),
        (
            "BatchGetItem",
            {
                "Responses": {"webdpro-stores": [EVERY_TYPE], "webdpro-tenants": []},
                "UnprocessedKeys": {
                    "webdpro-products": {
                        "Keys": [{"store_id": {"S": "s"}, "product_id": {"S": "p"}}],
                        "ConsistentRead": True,
                        "ProjectionExpression": "#0, #1",
                        "ExpressionAttributeNames": {"#0": "name", "#1": "price"},
                    }
                },
                "ConsumedCapacity": [CAPACITY],
            },
        ),
        ("TransactGetItems", {"Responses": [{"Item": EVERY_TYPE}, {}], "ConsumedCapacity": [CAPACITY]}),
        ("UpdateItem", {"Attributes": EVERY_TYPE}),
        ("PutItem", {"Attributes": EVERY_TYPE, "ConsumedCapacity": CAPACITY}),
        ("DeleteItem", {"Attributes": EVERY_TYPE}),
    ],
)
def test_every_read_parses_to_what_botocore_gives(operation, answer):
    plain, fast, taken = _both(operation, answer)
    assert fast == plain
    assert set(taken) == {key for key in answers.ITEM_KEYS if key in answer}


@pytest.mark.parametrize(
    "value",
    [{"B": base64.b64encode(b"\x00\xffbytes").decode()}, {"BS": [base64.b64encode(b"one").decode()]}],
)
def test_an_answer_with_a_binary_value_is_left_to_botocore_which_makes_it_bytes(value):
    plain, fast, taken = _both("GetItem", {"Item": {"pk": {"S": "x"}, "blob": value}})
    assert taken == {} and fast == plain
    assert isinstance(next(iter(fast["Item"]["blob"].values())), (bytes, list))


def test_a_map_key_named_b_is_left_to_botocore_too():
    plain, fast, taken = _both("GetItem", {"Item": {"config": {"M": {"B": {"S": "plain text"}}}}})
    assert taken == {} and fast == plain


def test_a_binary_value_is_found_with_spaces_around_the_colon_too():
    blob = base64.b64encode(b"\x00\xff").decode()
    body = ('{"Item": {"pk": {"S": "x"}, "blob": {"B" : "%s"}}}' % blob).encode()
    response, taken = {"status_code": 200, "headers": {}, "body": body}, {}
    decode_items(response_dict=response, customized_response_dict=taken)
    assert taken == {} and response["body"] == body


def test_errors_and_other_operations_are_left_alone():
    error = {"__type": "ConditionalCheckFailedException", "message": "no", "Item": {"pk": {"S": "x"}}}
    _plain, _fast, taken = _both("PutItem", error, status=400)
    assert taken == {}
    response = {"status_code": 200, "headers": {}, "body": b"not json"}
    decode_items(response_dict=response, customized_response_dict=(taken := {}))
    assert taken == {} and response["body"] == b"not json"


def test_the_handler_is_registered_only_for_the_reads_it_proves_equal():
    registered = []

    class Events:
        def register(self, name, handler, unique_id=None):
            registered.append((name, handler))

    answers.register(Events())
    assert registered == [(f"before-parse.dynamodb.{op}", decode_items) for op in answers.OPERATIONS]
