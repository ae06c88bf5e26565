"""GST rules: GSTIN check character, PIN → state, and tax per line hand-checked to the paisa."""

from decimal import Decimal as D

import pytest

from webdpro.errors import ValidationFailed
from webdpro.gst import services
from webdpro.gst.gstin import check_character, clean_gstin
from webdpro.gst.states import state_of_pincode, state_of_prefix
from webdpro.orders.tax import INTER, INTRA, line_tax, order_tax, supply_kind


def test_gstin_check_character():
    assert check_character("27AAPFU0939F1Z") == "V"
    assert check_character("29AAGCB7383J1Z") == "4"
    assert clean_gstin(" 27aapfu0939f1zv ") == "27AAPFU0939F1ZV"


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("27AAPFU0939F1ZW", "check character"),
        ("27AAPFU0939F1Z", "15 characters"),
        ("27AAPFU0939F1XV", "15 characters"),  # 14th must be Z
        ("99AAPFU0939F1ZV", "not a GST state code"),
        ("", "15 characters"),
    ],
)
def test_bad_gstin_is_refused_with_the_field(raw, reason):
    with pytest.raises(ValidationFailed) as err:
        clean_gstin(raw)
    assert err.value.field == "gstin" and reason in err.value.message


@pytest.mark.parametrize(
    "pin, state",
    [
        ("110001", "07"),  # New Delhi
        ("560001", "29"),  # Bengaluru
        ("400001", "27"),  # Mumbai
        ("600004", "33"),  # Chennai
        ("700016", "19"),  # Kolkata
        ("500001", "36"),  # Hyderabad
        ("520001", "37"),  # Vijayawada
        ("834001", "20"),  # Ranchi
        ("800001", "10"),  # Patna
        ("248001", "05"),  # Dehradun
        ("226001", "09"),  # Lucknow
        ("160017", "04"),  # Chandigarh
        ("141001", "03"),  # Ludhiana
        ("403001", "30"),  # Panaji
        ("605001", "34"),  # Puducherry
        ("682001", "32"),  # Kochi
        ("737101", "11"),  # Gangtok
        ("744101", "35"),  # Port Blair
        ("781001", "18"),  # Guwahati
        ("793001", "17"),  # Shillong
        ("795001", "14"),  # Imphal
        ("190001", "01"),  # Srinagar
        ("194101", "38"),  # Leh
        ("302001", "08"),  # Jaipur
        ("380001", "24"),  # Ahmedabad
        ("396230", "26"),  # Silvassa
        ("462001", "23"),  # Bhopal
        ("492001", "22"),  # Raipur
        ("751001", "21"),  # Bhubaneswar
        ("171001", "02"),  # Shimla
        ("122001", "06"),  # Gurugram
    ],
)
def test_pin_to_state(pin, state):
    assert state_of_pincode(pin) == state
    assert state_of_prefix(pin) == state  # the fallback table agrees on every capital


def test_every_directory_state_has_a_gst_code():
    import indian_pincode

    from webdpro.gst.states import _BY_NAME

    for name in indian_pincode.list_states():
        assert name.removeprefix("THE ").replace("&", "AND") in _BY_NAME, name


def test_unknown_pins():
    assert state_of_pincode("999999") is None and state_of_pincode("12345") is None


def test_supply_kind():
    assert supply_kind("29", "29") == INTRA
    assert supply_kind("29", "27") == INTER
    assert supply_kind("29", None) == INTER


def test_exclusive_intra_state_per_line():
    # ₹99.99 × 3 = 299.97 at 18 %: CGST = SGST = 299.97 × 9 % = 26.9973 → 27.00
    line = line_tax(D("299.97"), 18, D("0"), inclusive=False, kind=INTRA)
    assert (line.taxable, line.cgst, line.sgst, line.igst) == (D("299.97"), D("27.00"), D("27.00"), D("0.00"))


def test_exclusive_inter_state_per_line():
    # 299.97 × 18 % = 53.9946 → 53.99
    line = line_tax(D("299.97"), 18, D("0"), inclusive=False, kind=INTER)
    assert (line.taxable, line.igst, line.tax) == (D("299.97"), D("53.99"), D("53.99"))


def test_inclusive_intra_state():
    # ₹118.00 incl. 18 %: CGST = SGST = 118 × 9 / 118 = 9.00; taxable 100.00
    line = line_tax(D("118.00"), 18, D("0"), inclusive=True, kind=INTRA)
    assert (line.taxable, line.cgst, line.sgst) == (D("100.00"), D("9.00"), D("9.00"))
    # ₹99.99 incl. 18 %: half = 99.99 × 9 / 118 = 7.62635… → 7.63; taxable = 99.99 − 15.26 = 84.73
    line = line_tax(D("99.99"), 18, D("0"), inclusive=True, kind=INTRA)
    assert (line.taxable, line.cgst, line.sgst) == (D("84.73"), D("7.63"), D("7.63"))
    assert line.taxable + line.tax == D("99.99")


def test_inclusive_inter_state():
    # ₹99.99 incl. 18 %: IGST = 99.99 × 18 / 118 = 15.2527… → 15.25; taxable 84.74
    line = line_tax(D("99.99"), 18, D("0"), inclusive=True, kind=INTER)
    assert (line.taxable, line.igst) == (D("84.74"), D("15.25"))
    # ₹45.00 incl. 5 %: IGST = 45 × 5 / 105 = 2.142857 → 2.14; taxable 42.86
    line = line_tax(D("45.00"), 5, D("0"), inclusive=True, kind=INTER)
    assert (line.taxable, line.igst) == (D("42.86"), D("2.14"))


def test_zero_rate_and_discount_spread():
    # Discount ₹10 over 200.00 (18 %) and 100.00 (0 %): shares 6.67 and 3.33.
    tax = order_tax([(D("200.00"), 18), (D("100.00"), 0)], D("10.00"), inclusive=False, kind=INTRA)
    first, second = tax.lines
    assert (first.discount, second.discount) == (D("6.67"), D("3.33"))
    # 193.33 × 9 % = 17.3997 → 17.40 each
    assert (first.taxable, first.cgst, first.sgst) == (D("193.33"), D("17.40"), D("17.40"))
    assert (second.taxable, second.tax) == (D("96.67"), D("0.00"))
    assert tax.tax == D("34.80") and tax.added_to_total == D("34.80")
    assert order_tax([(D("200.00"), 18)], D("0"), inclusive=True, kind=INTRA).added_to_total == D("0.00")


@pytest.mark.parametrize("raw", ["12", "123", "12345", "1234567", "ABCD", "10.06"])
def test_bad_hsn(raw):
    with pytest.raises(ValidationFailed) as err:
        services.clean_hsn(raw)
    assert err.value.field == "hsn_code"


@pytest.mark.parametrize("raw", ["3", "15", "-5", "18.5", "abc", "", None])
def test_bad_rate(raw):
    with pytest.raises(ValidationFailed) as err:
        services.clean_rate(raw)
    assert err.value.field == "gst_rate"


def test_good_hsn_and_rates():
    assert services.clean_hsn("1006") == "1006" and services.clean_hsn("1006 3020") == "10063020"
    assert [services.clean_rate(r) for r in ("0", "5", "12%", "18", 28)] == [0, 5, 12, 18, 28]


# --- GST on the delivery fee (rule 4 of webdpro/orders/tax.py), hand-computed to the paisa -------------


def _fee(lines, fee, *, inclusive, kind, discount=D("0.00")):
    worked = order_tax(lines, discount, inclusive=inclusive, kind=kind, delivery_fee=D(fee))
    d = worked.delivery
    return worked, (d.rate, d.taxable, d.cgst, d.sgst, d.igst) if d else None


def test_delivery_fee_inclusive_same_state_at_the_highest_line_rate():
    # Lines at 18 % and 5 %: the principal supply's rate is 18 %. ₹30 includes GST:
    # CGST = SGST = 30 × 9 / 118 = 2.2881… → 2.29; taxable = 30 − 4.58 = 25.42.
    worked, fee = _fee([(D("236.00"), 18), (D("90.00"), 5)], "30.00", inclusive=True, kind=INTRA)
    assert fee == (18, D("25.42"), D("2.29"), D("2.29"), D("0.00"))
    assert worked.added_to_total == D("0.00")  # inclusive: the customer pays ₹30
    # items: 236 → CGST = SGST = 18.00; 90 → CGST = SGST = 2.14; plus the fee's 4.58
    assert worked.tax == D("36.00") + D("4.28") + D("4.58")
    assert worked.total("taxable") == D("200.00") + D("85.72") + D("25.42")


def test_delivery_fee_exclusive_other_state_igst():
    # 12 % and 28 % lines → 28 %. ₹40 before GST: IGST = 40 × 28 % = 11.20, added to the total.
    worked, fee = _fee([(D("200.00"), 12), (D("100.00"), 28)], "40.00", inclusive=False, kind=INTER)
    assert fee == (28, D("40.00"), D("0.00"), D("0.00"), D("11.20"))
    assert worked.added_to_total == D("24.00") + D("28.00") + D("11.20")


def test_delivery_fee_rounding_half_up_each_half():
    # 5 %, exclusive, same state: CGST = SGST = 25 × 2.5 % = 0.625 → 0.63 each (half-up), 1.26 in all.
    _, fee = _fee([(D("120.00"), 5)], "25.00", inclusive=False, kind=INTRA)
    assert fee == (5, D("25.00"), D("0.63"), D("0.63"), D("0.00"))
    # 12 %, inclusive, other state: IGST = 49 × 12 / 112 = 5.25 exactly; taxable 43.75.
    _, fee = _fee([(D("500.00"), 12)], "49.00", inclusive=True, kind=INTER)
    assert fee == (12, D("43.75"), D("0.00"), D("0.00"), D("5.25"))
    # 28 %, inclusive, same state: CGST = SGST = 35 × 14 / 128 = 3.828125 → 3.83; taxable 35 − 7.66 = 27.34.
    _, fee = _fee([(D("999.00"), 28)], "35.00", inclusive=True, kind=INTRA)
    assert fee == (28, D("27.34"), D("3.83"), D("3.83"), D("0.00"))


def test_delivery_fee_of_exempt_goods_is_exempt_and_no_fee_no_line():
    _, fee = _fee([(D("60.00"), 0), (D("40.00"), 0)], "30.00", inclusive=False, kind=INTRA)
    assert fee == (0, D("30.00"), D("0.00"), D("0.00"), D("0.00"))
    _, fee = _fee([(D("60.00"), 18)], "0.00", inclusive=False, kind=INTRA)
    assert fee is None


def test_the_coupon_never_discounts_the_fee():
    # ₹100 off is spread over the lines (66.67 + 33.33); the ₹20 fee keeps its whole amount, at 18 %.
    worked, fee = _fee([(D("100.00"), 18), (D("50.00"), 5)], "20.00", inclusive=False, kind=INTRA, discount=D("100.00"))
    assert [line.discount for line in worked.lines] == [D("66.67"), D("33.33")]
    assert fee == (18, D("20.00"), D("1.80"), D("1.80"), D("0.00"))
