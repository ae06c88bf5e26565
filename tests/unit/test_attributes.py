from decimal import Decimal

import pytest

from webdpro.db.attributes import DecimalAttribute, IntAttribute


def test_decimal_attribute_is_exact():
    attr = DecimalAttribute()
    assert attr.serialize(Decimal("0.10")) == "0.10"
    assert attr.deserialize("0.1") == Decimal("0.1")
    assert isinstance(attr.deserialize("100.1"), Decimal)
    assert attr.serialize(5) == "5"


def test_decimal_attribute_refuses_float():
    with pytest.raises(TypeError):
        DecimalAttribute().serialize(0.1)


def test_int_attribute():
    assert IntAttribute().deserialize("7") == 7
    with pytest.raises(TypeError):
        IntAttribute().serialize(1.5)
