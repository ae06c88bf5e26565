"""The process's DynamoDB client decodes answers' items once (webdpro.db.answers), on DynamoDB Local."""

from webdpro.db import OtpRecord, answers
from webdpro.db.base import connection


def _read_both(client, **request):
    """(the answer as the process's client gives it, what ``decode_items`` took from it, the answer
    botocore's own parser gives) for one GetItem."""
    taken = []

    def after_ours(customized_response_dict=None, **_):
        taken.append(sorted(customized_response_dict))

    client.meta.events.register_last("before-parse.dynamodb.GetItem", after_ours, unique_id="test-after-ours")
    try:
        fast = client.get_item(**request)
    finally:
        client.meta.events.unregister("before-parse.dynamodb.GetItem", unique_id="test-after-ours")
    for operation in answers.OPERATIONS:
        client.meta.events.unregister(f"before-parse.dynamodb.{operation}", unique_id=f"webdpro-items-{operation}")
    try:
        plain = client.get_item(**request)
    finally:
        answers.register(client.meta.events)
    drop = "ResponseMetadata"
    return {k: v for k, v in fast.items() if k != drop}, taken, {k: v for k, v in plain.items() if k != drop}


def test_the_process_client_reads_items_as_botocore_would_with_and_without_binary_values():
    client = connection().client
    table = OtpRecord.Meta.table_name  # a table no page lists: the test's item is deleted at the end
    item = {
        "pk": {"S": "test-answers-decoded"},
        "business_name": {"S": 'शर्मा किराना "B": स्टोर'},
        "max_stores": {"N": "3"},
        "profile": {"M": {"tags": {"SS": ["a", "b"]}, "list": {"L": [{"N": "1.50"}, {"NULL": True}]}}},
    }
    key = {"pk": item["pk"]}
    request = {"TableName": table, "Key": key, "ConsistentRead": True}
    try:
        client.put_item(TableName=table, Item=item)
        fast, taken, plain = _read_both(client, **request)
        assert taken == [["Item"]]  # decoded once, not walked by botocore
        assert fast == plain and fast["Item"] == item

        client.put_item(TableName=table, Item={**item, "logo": {"B": b"\x89PNG\x00"}})
        fast, taken, plain = _read_both(client, **request)
        assert taken == [[]]  # a binary value: left to botocore, which makes it bytes
        assert fast == plain and fast["Item"]["logo"] == {"B": b"\x89PNG\x00"}
    finally:
        client.delete_item(TableName=table, Key=key)
