"""Coupon rules and the money helpers they use: hand-computed cases to the paisa."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from webdpro.coupons import rules
from webdpro.errors import ValidationFailed
from webdpro.money import allocate, percent_of


def coupon(**kw):
    base = dict(
        code="SAVE10",
        kind="PERCENT",
        value=Decimal("10"),
        min_order=Decimal("0.00"),
        max_discount=None,
        starts_on=None,
        ends_on=None,
        max_uses=None,
        uses=0,
        is_paused=False,
    )
    base.update(kw)
    return SimpleNamespace(**base)


def test_percent_of_rounds_half_up_to_the_paisa():
    assert percent_of(Decimal("99.99"), Decimal("12.5")) == Decimal("12.50")  # 12.49875
    assert percent_of(Decimal("0.05"), 10) == Decimal("0.01")  # 0.005 → up
    assert percent_of(Decimal("333.33"), 10) == Decimal("33.33")


def test_allocate_splits_in_paise_that_add_up():
    assert allocate(Decimal("10.00"), [1, 1, 1]) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]
    assert allocate(Decimal("0.05"), [Decimal("100"), Decimal("300")]) == [Decimal("0.01"), Decimal("0.04")]
    assert sum(allocate(Decimal("17.77"), [3, 5, 7, 11])) == Decimal("17.77")


def test_discount_percent_flat_caps_and_never_above_subtotal():
    assert rules.discount_for(coupon(), Decimal("459.95")) == Decimal("46.00")  # 45.995 → 46.00
    assert rules.discount_for(coupon(max_discount=Decimal("40.00")), Decimal("459.95")) == Decimal("40.00")
    assert rules.discount_for(coupon(kind="FLAT", value=Decimal("50")), Decimal("459.95")) == Decimal("50.00")
    assert rules.discount_for(coupon(kind="FLAT", value=Decimal("50")), Decimal("30.00")) == Decimal("30.00")


def test_refusals_name_the_reason():
    today = date(2026, 12, 2)
    assert rules.refusal(coupon(), Decimal("10"), today) is None
    assert "paused" in rules.refusal(coupon(is_paused=True), Decimal("10"), today)
    assert "starts on 2026-12-03" in rules.refusal(coupon(starts_on="2026-12-03"), Decimal("10"), today)
    assert rules.refusal(coupon(ends_on="2026-12-02"), Decimal("10"), today) is None  # last day inclusive
    assert "expired" in rules.refusal(coupon(ends_on="2026-12-01"), Decimal("10"), today)
    assert "used up" in rules.refusal(coupon(max_uses=3, uses=3), Decimal("10"), today)
    assert "Add ₹150.00 more" in rules.refusal(coupon(min_order=Decimal("500")), Decimal("350"), today)


GOOD = {"code": "diwali-10", "kind": "PERCENT", "value": "10", "max_discount": "100", "min_order": "499"}


def test_clean_spec_normalises_a_good_coupon():
    spec = rules.clean_spec(GOOD)
    assert spec.code == "DIWALI-10" and spec.value == Decimal("10") and spec.max_discount == Decimal("100.00")
    assert spec.min_order == Decimal("499.00") and spec.max_uses is None


@pytest.mark.parametrize(
    "change, field",
    [
        ({"code": "A!"}, "code"),
        ({"code": "x" * 21}, "code"),
        ({"kind": "BOGUS"}, "kind"),
        ({"value": "0"}, "value"),
        ({"value": "101"}, "value"),
        ({"value": "1e3"}, "value"),
        ({"kind": "FLAT", "value": "-5"}, "value"),
        ({"kind": "FLAT", "value": "abc"}, "value"),
        ({"max_discount": "NaN"}, "max_discount"),
        ({"min_order": "1e308"}, "min_order"),
        ({"starts_on": "2026-02-30"}, "starts_on"),
        ({"starts_on": "2026-12-10", "ends_on": "2026-12-01"}, "ends_on"),
        ({"max_uses": "0"}, "max_uses"),
        ({"per_phone_limit": "-1"}, "per_phone_limit"),
    ],
)
def test_bad_coupon_input_names_the_field(change, field):
    with pytest.raises(ValidationFailed) as err:
        rules.clean_spec({**GOOD, **change})
    assert err.value.field == field


def test_describe():
    assert rules.describe(coupon(max_discount=Decimal("100"), min_order=Decimal("499"))) == (
        "10% off, up to ₹100.00, on orders of ₹499.00 or more"
    )
    assert rules.describe(coupon(kind="FLAT", value=Decimal("50"))) == "₹50.00 off"
