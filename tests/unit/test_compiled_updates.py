"""Update templates (webdpro.db.compiled) give exactly the items PynamoDB builds for the same actions and values."""

from decimal import Decimal

import pytest
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.operand import Value, _Operand
from pynamodb.expressions.update import Action

from webdpro.customers import records
from webdpro.db import OtpRecord, Product, base
from webdpro.db.compiled import TransactWrite, UpdateTemplate, _Slot, slot
from webdpro.orders import placement
from webdpro.ratelimits import _SLOT


def _filled(node, values):
    """``node`` (an action, a condition or an operand) with every slot replaced by its value, as PynamoDB's
    own objects — what the code built before templates, value for value."""
    if isinstance(node, _Slot):
        return Value(values[node.name], attribute=node.attribute)
    if isinstance(node, (_Operand, Condition, Action)):
        copy = object.__new__(type(node))
        copy.__dict__.update(node.__dict__)
        copy.values = tuple(_filled(child, values) for child in node.values)
        return copy
    return node


def pynamodb_item(template: UpdateTemplate, *key, **values) -> dict:
    actions, condition, return_values = template._source
    return template.model(*key).get_update_kwargs_from_instance(
        actions=[_filled(action, values) for action in actions],
        condition=_filled(condition, values) if condition is not None else None,
        return_values_on_condition_failure=return_values,
    )


CASES = [
    pytest.param(
        placement._TAKE_STOCK,
        ("01STORE", "01PRODUCT"),
        {"taken": -3, "at": "2026-12-03T10:00:00+05:30", "quantity": 3, "price": Decimal("49.50")},
        id="a line's stock",
    ),
    pytest.param(
        placement._CUSTOMER_USER,
        ("+919876543210",),
        {"user_id": "01USER", "name": "प्रिया Sharma", "at": "2026-12-03T10:00:00+05:30"},
        id="the customer's user",
    ),
    pytest.param(
        records._PLACED,
        ("01STORE", "+919876543210"),
        {
            "total": Decimal("1234.05"),
            "name": "Priya",
            "name_key": "priya#+919876543210",
            "tenant_id": "01TENANT",
            "at": "2026-12-03T10:00:00+05:30",
            "order_id": "01ORDER",
        },
        id="the store's customer record",
    ),
    pytest.param(
        _SLOT,
        ("rl#checkout-ip#01STORE#127.0.0.1#1764756000",),
        {"expires_at": 1764763200, "allowed": 20, "count": 1},
        id="a limit's slot",
    ),
]


@pytest.mark.parametrize("template,key,values", CASES)
def test_a_template_gives_pynamodbs_own_item(template, key, values):
    assert template.item(*key, **values) == pynamodb_item(template, *key, **values)


@pytest.mark.parametrize("template,key,values", CASES)
def test_every_use_has_its_own_values(template, key, values):
    first = template.item(*key, **values)
    other = {name: (value * 2 if not isinstance(value, str) else value + "x") for name, value in values.items()}
    second = template.item(*key, **other)
    assert second == pynamodb_item(template, *key, **other)
    assert first == pynamodb_item(template, *key, **values)  # the first item is not changed by the second
    assert first["ExpressionAttributeValues"] is not second["ExpressionAttributeValues"]


def test_the_limit_slot_in_a_transaction_is_the_single_update():
    """``Slots`` (in a transaction) and ``take`` (alone) send the same expressions for a limit."""
    from webdpro.ratelimits import _actions, _room

    alone = OtpRecord("rl#x").get_update_kwargs_from_instance(actions=_actions(100), condition=_room(5))
    assert _SLOT.item("rl#x", expires_at=100, allowed=5, count=1) == alone


def test_a_slot_value_is_required_and_nothing_else():
    with pytest.raises(TypeError, match="price"):
        placement._TAKE_STOCK.item("s", "p", taken=-1, at="t", quantity=1)
    with pytest.raises(TypeError):
        placement._TAKE_STOCK.item("s", "p", taken=-1, at="t", quantity=1, price=1, extra=2)


def test_a_value_used_twice_fills_both_places():
    item = records._PLACED.item(
        "s", "+919876543210", total=1, name="n", name_key="k", tenant_id="t", at="AT", order_id="o"
    )
    assert list(item["ExpressionAttributeValues"].values()).count({"S": "AT"}) == 2


def test_the_table_name_is_read_at_each_use(monkeypatch):
    monkeypatch.setattr(Product.Meta, "table_name", "elsewhere-products")
    item = placement._TAKE_STOCK.item("s", "p", taken=-1, at="t", quantity=1, price=Decimal("1"))
    assert item["TableName"] == "elsewhere-products"


def test_the_transaction_sends_template_updates_in_order_with_the_others():
    tx = base.transact_write()
    assert isinstance(tx, TransactWrite)
    tx.update(OtpRecord("first"), actions=[OtpRecord.attempts.add(1)])
    tx.update_from(_SLOT, "second", expires_at=1, allowed=2, count=1)
    assert [item["Key"]["pk"]["S"] for item in tx._update_items] == ["first", "second"]


def test_building_needs_no_call_until_first_use():
    """A template is built at its first use, not at import (building needs the model's connection)."""
    fresh = UpdateTemplate(OtpRecord, actions=[OtpRecord.attempts.add(slot("n", OtpRecord.attempts))])
    assert fresh._built is None
    fresh.item("k", n=1)
    assert fresh._built is not None
