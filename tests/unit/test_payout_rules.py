"""Payout details formats (PAN, GSTIN with its mod-36 check character, IFSC, account number) and the
commission's rounding (exact paise, ceiling: the platform's favour by less than one paisa)."""

import random
from decimal import Decimal

import pytest

from webdpro.accounts.plans import ENTERPRISE, FREE, PRO, commission_paise
from webdpro.errors import ValidationFailed
from webdpro.payments import kyc


@pytest.mark.parametrize("gstin", ["27AAPFU0939F1ZV", "18AABCU9603R1ZM", "29AAGCB7383J1Z4", " 27aapfu0939f1zv "])
def test_valid_gstins_pass(gstin):
    assert kyc.clean_gstin(gstin) == gstin.strip().upper()


def test_gstin_check_character_is_the_mod_36_algorithm():
    assert kyc.gstin_check_char("27AAPFU0939F1Z") == "V"
    assert kyc.gstin_check_char("18AABCU9603R1Z") == "M"


@pytest.mark.parametrize("gstin", ["27AAPFU0939F1ZW", "27AAPFU0939F1Z", "27AAPFU0939F1AV", "00AAPFU0939F1ZV", "ABC"])
def test_bad_gstins_name_the_field(gstin):
    with pytest.raises(ValidationFailed) as info:
        kyc.clean_gstin(gstin)
    assert info.value.field == "gstin"


def test_gstin_is_optional():
    assert kyc.clean_gstin("") is None


@pytest.mark.parametrize(
    "pan,ok",
    [("AAACL1234C", True), ("abcpe1234f", True), ("AAAXL1234C", False), ("AAACL123C", False), ("1AACL1234C", False)],
)
def test_pan_pattern(pan, ok):
    if ok:
        assert kyc.clean_pan(pan) == pan.upper()
    else:
        with pytest.raises(ValidationFailed) as info:
            kyc.clean_pan(pan)
        assert info.value.field == "pan"


@pytest.mark.parametrize(
    "ifsc,ok",
    [
        ("HDFC0000317", True),
        ("sbin0001234", True),
        ("HDFC1000317", False),
        ("HDF00000317", False),
        ("HDFC000031", False),
    ],
)
def test_ifsc_pattern(ifsc, ok):
    if ok:
        assert kyc.clean_ifsc(ifsc) == ifsc.upper()
    else:
        with pytest.raises(ValidationFailed) as info:
            kyc.clean_ifsc(ifsc)
        assert info.value.field == "ifsc"


@pytest.mark.parametrize(
    "number,ok",
    [
        ("123456789", True),
        ("123456789012345678", True),
        ("12345678", False),
        ("1234567890123456789", False),
        ("12345678901A", False),
    ],
)
def test_account_number_length(number, ok):
    if ok:
        assert kyc.clean_account_number(number) == number
    else:
        with pytest.raises(ValidationFailed) as info:
            kyc.clean_account_number(number)
        assert info.value.field == "account_number"


def test_error_messages_never_echo_the_value():
    with pytest.raises(ValidationFailed) as info:
        kyc.clean_account_number("98765432109876543210")
    assert "98765" not in str(info.value)


def test_commission_rates_per_plan():
    assert (FREE.commission_bps, PRO.commission_bps, ENTERPRISE.commission_bps) == (200, 100, 50)
    assert FREE.commission_percent == Decimal("2") and ENTERPRISE.commission_percent == Decimal("0.5")


@pytest.mark.parametrize(
    "amount,plan,expected",
    [
        (48000, FREE, 960),
        (101, FREE, 3),
        (100, FREE, 2),
        (199, PRO, 2),
        (100, ENTERPRISE, 1),
        (0, FREE, 0),
        (12345, ENTERPRISE, 62),
    ],
)
def test_commission_rounds_up_to_the_paisa(amount, plan, expected):
    assert commission_paise(amount, plan) == expected


def test_commission_favours_the_platform_by_less_than_one_paisa():
    rng = random.Random(17)
    for _ in range(5000):
        amount = rng.randint(100, 10_000_000)
        for plan in (FREE, PRO, ENTERPRISE):
            exact = Decimal(amount) * plan.commission_bps / Decimal(10000)
            got = commission_paise(amount, plan)
            assert 0 <= got - exact < 1


def test_commission_refuses_floats():
    with pytest.raises(ValueError):
        commission_paise(100.0, FREE)
