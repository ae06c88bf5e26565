"""Any JSON a correctly signed webhook body can hold is a 400 with a clear reason, never a 500.

The shape is checked before any handler or DynamoDB call, so these run without DynamoDB."""

import json

import pytest
from django.test import Client, override_settings

from tests import razorpay_payloads as rp
from webdpro.payments.webhook_shape import shape_problem

GOOD_PAYMENT = json.loads(rp.payment_captured("pay_1", "order_1", 100))


def _with(**changes):
    event = json.loads(json.dumps(GOOD_PAYMENT))
    for path, value in changes.items():
        target = event
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[key]
        if value is KeyError:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return event


HOSTILE = {
    "a list body": [GOOD_PAYMENT],
    "a string body": "payment.captured",
    "a number body": 12,
    "null body": None,
    "event a list": _with(event=["payment.captured"]),
    "event an object": _with(event={"name": "payment.captured"}),
    "event missing": _with(event=KeyError),
    "payload a list": _with(payload=[{"payment": {}}]),
    "payload a string": _with(payload="payment"),
    "payment a list": _with(payload__payment=[GOOD_PAYMENT["payload"]["payment"]["entity"]]),
    "entity a list": _with(payload__payment__entity=[1, 2]),
    "entity a string": _with(payload__payment__entity="pay_1"),
    "entity missing": _with(payload__payment={}),
    "payment id missing": _with(payload__payment__entity__id=KeyError),
    "payment id a number": _with(payload__payment__entity__id=12345),
    "payment id a list": _with(payload__payment__entity__id=["pay_1"]),
    "order id an object": _with(payload__payment__entity__order_id={"id": "order_1"}),
    "amount a string": _with(payload__payment__entity__amount="100"),
    "amount a float": _with(payload__payment__entity__amount=1e308),
    "amount true": _with(payload__payment__entity__amount=True),
    "status a list": _with(payload__payment__entity__status=["captured"]),
    "notes a string": _with(payload__payment__entity__notes="x"),
    "notes tenant a list": _with(payload__payment__entity__notes={"tenant_id": ["T"]}),
    "account id a number": _with(account_id=5),
    "created_at a string": _with(created_at="yesterday"),
    "refund without refund": json.loads(rp.event("refund.processed", {"payment": {"entity": {"id": "pay_1"}}})),
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_each_hostile_shape_is_named(label):
    assert shape_problem(HOSTILE[label])


def test_razorpays_documented_payloads_pass():
    assert shape_problem(GOOD_PAYMENT) is None
    assert shape_problem(json.loads(rp.payment_failed("pay_1", "order_1", 100))) is None
    assert shape_problem(json.loads(rp.order_paid("pay_1", "order_1", 100, "R1", notes={"app": "webdpro"}))) is None
    assert shape_problem(json.loads(rp.refund_processed("rfnd_1", "pay_1", "order_1", 100))) is None
    assert shape_problem(json.loads(rp.event("payment.dispute.created", {}))) is None  # not handled: fine


@override_settings(**rp.RAZORPAY_SETTINGS)
@pytest.mark.parametrize("label", list(HOSTILE))
def test_a_signed_hostile_body_is_a_400_with_the_reason(label):
    body = json.dumps(HOSTILE[label])
    response = Client().post(
        "/webhooks/razorpay/",
        data=body,
        content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=rp.sign(body),
        HTTP_X_RAZORPAY_EVENT_ID=f"evt_{abs(hash(label))}",
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"].startswith("not a Razorpay event: ")


@override_settings(**rp.RAZORPAY_SETTINGS)
def test_a_signed_body_that_is_not_json_is_a_400():
    body = '{"event": "payment.captured", '
    response = Client().post(
        "/webhooks/razorpay/", data=body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=rp.sign(body)
    )
    assert response.status_code == 400 and "not JSON" in response.json()["error"]
