"""webdpro/db/base.py BaseModel._instantiate: every model read from DynamoDB gets exactly the attribute values
PynamoDB's own ``_instantiate`` gives — full items, items with only their keys (defaults), NULL values, maps
(raw and typed), lists and sets."""

from decimal import Decimal

import pytest
from pynamodb.attributes import (
    AttributeContainer,
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import _REGISTRY


def sample(attribute, name: str):
    """A value of ``attribute``'s type (maps and lists filled in turn)."""
    kind = type(attribute)
    if isinstance(attribute, MapAttribute):
        if kind is MapAttribute or not kind.get_attributes():
            return {"plain": "x", "count": 2, "nested": {"on": True}, "list": ["a", 1]}
        return kind(**{n: sample(a, n) for n, a in kind.get_attributes().items()})
    if isinstance(attribute, ListAttribute):
        element = attribute.element_type() if attribute.element_type else UnicodeAttribute()
        return [sample(element, name), sample(element, name)]
    values = {
        UnicodeAttribute: f"{name}-ünïcode",
        DecimalAttribute: Decimal("1234.50"),
        IntAttribute: 7,
        NumberAttribute: 3,
        BooleanAttribute: True,
        UnicodeSetAttribute: {"a", "b"},
    }
    if kind not in values:
        raise AssertionError(f"no sample for {kind.__name__} ({name}): add one")
    return values[kind]


def pynamodb_way(model, item):
    return AttributeContainer._instantiate.__func__(model, item)


def same(fast, slow):
    assert type(fast) is type(slow)
    assert fast.attribute_values.keys() == slow.attribute_values.keys()
    for name, value in slow.attribute_values.items():
        assert type(fast.attribute_values[name]) is type(value), name
    assert fast.serialize(null_check=False) == slow.serialize(null_check=False)


def items(model):
    attributes = model.get_attributes()
    full = model(**{name: sample(attribute, name) for name, attribute in attributes.items()}).serialize()
    keys = {a.attr_name: full[a.attr_name] for a in attributes.values() if a.is_hash_key or a.is_range_key}
    nulls = dict(keys)
    nulls.update({a.attr_name: {"NULL": True} for a in attributes.values() if a.null})
    return {"full": full, "keys only": keys, "nulls": nulls}


@pytest.mark.parametrize("model", _REGISTRY, ids=lambda m: m.__name__)
def test_a_model_read_has_the_values_pynamodb_would_give(model):
    assert model._discriminator is None  # else it takes PynamoDB's way, untested here
    for kind, item in items(model).items():
        fast, slow = model.from_raw_data(item), pynamodb_way(model, item)
        same(fast, slow)
        assert fast.attribute_values == slow.attribute_values or kind == "full", kind  # maps compare by identity


def test_a_model_read_is_its_own_copy():
    model = next(m for m in _REGISTRY if m.__name__ == "Order")
    item = items(model)["full"]
    first, second = model.from_raw_data(item), model.from_raw_data(item)
    first.items.append(first.items[0])
    assert len(second.items) == 2
