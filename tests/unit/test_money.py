from decimal import Decimal

import pytest

from webdpro.money import MoneyError, format_inr, from_paise, group_indian, to_decimal, to_paise


@pytest.mark.parametrize(
    "value, expected",
    [
        (Decimal("123456"), "₹1,23,456.00"),
        (Decimal("0.5"), "₹0.50"),
        (Decimal("999"), "₹999.00"),
        (Decimal("1000"), "₹1,000.00"),
        (Decimal("12345678.9"), "₹1,23,45,678.90"),
        (Decimal("-500"), "-₹500.00"),
        ("100.10", "₹100.10"),
    ],
)
def test_format_inr_groups_the_indian_way(value, expected):
    assert format_inr(value) == expected


def test_group_indian():
    assert group_indian("1234567890") == "1,23,45,67,890"


def test_floats_are_refused():
    with pytest.raises(MoneyError):
        to_decimal(0.1)


def test_paise_round_trip_is_exact():
    assert to_paise("199.99") == 19999
    assert from_paise(19999) == Decimal("199.99")
    assert to_paise(Decimal("0.10")) == 10


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", "NaN"])
def test_bad_amounts_have_a_message(bad):
    with pytest.raises(MoneyError):
        to_decimal(bad)
