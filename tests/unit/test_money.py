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


# --- parse_rupees: every typed amount ------------------------------------------------------------

from webdpro.errors import ValidationFailed  # noqa: E402
from webdpro.money import MAX_INPUT_LENGTH, parse_rupees  # noqa: E402

CRORE = Decimal("10000000")


def rupees(raw, **kwargs):
    return parse_rupees(raw, field="price", label="price", maximum=kwargs.pop("maximum", CRORE), **kwargs)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("49", "49.00"),
        ("49.5", "49.50"),
        ("49.50", "49.50"),
        ("₹49.50", "49.50"),
        ("₹ 49.50", "49.50"),
        ("  ₹49.50  ", "49.50"),
        ("Rs. 49.50", "49.50"),
        ("rs 49", "49.00"),
        ("INR 49", "49.00"),
        ("1,234.50", "1234.50"),
        ("1,234,567.89", "1234567.89"),
        ("1,23,456", "123456.00"),
        ("12,34,567.01", "1234567.01"),
        ("0.01", "0.01"),
        (".50", "0.50"),
        ("49.500", "49.50"),  # trailing zeros are still whole paise
        ("0", "0.00"),
        ("1,00,00,000", "10000000.00"),  # exactly the maximum
        (49, "49.00"),
        (Decimal("49.5"), "49.50"),
    ],
)
def test_parse_rupees_reads_amounts_exactly_to_the_paisa(raw, expected):
    amount = rupees(raw)
    assert amount == Decimal(expected)
    assert str(amount) == expected  # two places, never a float's digits


@pytest.mark.parametrize(
    "raw, words",
    [
        ("49,50", "Use a dot for paise"),  # would have been ₹4,950: a 100× mispricing
        ("0,5", "Use a dot for paise"),
        ("1,234,56", "Use a dot for paise"),
        ("4 9", "without spaces"),
        ("1 234", "without spaces"),
        ("4\u00a09", "without spaces"),
        ("12,3456", "using digits"),
        ("1,2,3", "Use a dot for paise"),
        ("1e308", "using digits"),
        ("1E3", "using digits"),
        ("NaN", "using digits"),
        ("nan", "using digits"),
        ("inf", "using digits"),
        ("-inf", "using digits"),
        ("Infinity", "using digits"),
        ("+5", "using digits"),
        ("49.", "using digits"),
        ("4.9.5", "using digits"),
        ("abc", "using digits"),
        ("₹", "using digits"),
        ("४९", "using digits"),  # Devanagari digits: Decimal() would read them as 49
        ("٤٩", "using digits"),  # Arabic-Indic
        ("１２", "using digits"),  # full-width
        ("9" * 100_000, "using digits"),  # a 100 KB string
        ("1" * (MAX_INPUT_LENGTH + 1), "using digits"),
        ("-5", "cannot be negative"),
        ("-0", "cannot be negative"),
        ("-0.00", "cannot be negative"),
        ("₹-0", "cannot be negative"),
        ("- 0", "cannot be negative"),
        (Decimal("-0"), "cannot be negative"),
        (-1, "cannot be negative"),
        ("49.505", "two decimal places"),
        ("0.001", "two decimal places"),
        (Decimal("1.005"), "two decimal places"),
        ("1,00,00,000.01", "at most ₹1,00,00,000.00"),
        ("99999999999999999999999999999999999999", "at most"),
        (Decimal("1e308"), "at most"),
        (Decimal("NaN"), "using digits"),
        (Decimal("Infinity"), "using digits"),
        (Decimal("-Infinity"), "using digits"),
        (1.5, "using digits"),  # floats are never money
        (float("nan"), "using digits"),
        (True, "using digits"),
        ("", "Enter the price."),
        ("   ", "Enter the price."),
        (None, "Enter the price."),
    ],
)
def test_parse_rupees_refuses_every_bad_value_naming_the_field(raw, words):
    with pytest.raises(ValidationFailed) as err:
        rupees(raw)
    assert err.value.field == "price"
    assert err.value.status_code == 400
    assert words in str(err.value)
    assert len(str(err.value)) < 200  # the message never echoes the input


def test_parse_rupees_positive_refuses_zero_and_negatives_with_one_message():
    for raw in ("0", "0.00", "-5", "-0"):
        with pytest.raises(ValidationFailed, match="more than ₹0"):
            rupees(raw, positive=True)
    assert rupees("0.01", positive=True) == Decimal("0.01")


def test_parse_rupees_blank_returns_the_default_when_one_is_given():
    assert rupees("", blank=None) is None
    assert rupees("  ", blank=Decimal("0.00")) == Decimal("0.00")
    assert rupees(None, blank=None) is None


def test_parse_rupees_each_concept_names_its_own_field_label_and_maximum():
    with pytest.raises(ValidationFailed) as err:
        parse_rupees("1,00,00,000", field="fee", label="delivery fee", maximum=Decimal("9999999"))
    assert err.value.field == "fee"
    assert str(err.value) == "The delivery fee can be at most ₹99,99,999.00."


def test_every_money_input_goes_through_parse_rupees_with_its_field():
    from webdpro.delivery.agents.services import parse_cash_limit
    from webdpro.delivery.services import parse_amount
    from webdpro.products.services import clean_price
    from webdpro.stores.services import _money

    cases = [
        (clean_price, "price"),
        (parse_cash_limit, "cash_limit"),
        (parse_amount, "amount"),
        (lambda raw: _money(raw, "delivery fee", "fee"), "fee"),
        (lambda raw: _money(raw, "free-delivery amount", "free_above"), "free_above"),
    ]
    for parse, field in cases:
        for bad in ("49,50", "4 9", "1e308", "NaN", "-0", "12.345", "x" * 100_000):
            with pytest.raises(ValidationFailed) as err:
                parse(bad)
            assert err.value.field == field, (parse, bad)
        assert parse("₹1,234.50") == Decimal("1234.50")
