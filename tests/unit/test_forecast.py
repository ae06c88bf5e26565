"""Forecasting on synthetic series with known answers (webdpro.products.forecast: pure functions)."""

from datetime import date

import pytest

from webdpro.products import forecast as fc

TODAY = date(2026, 11, 25)


def regular(size, every, days):
    """``size`` units every ``every`` days, the first sale on day 0."""
    return [size if i % every == 0 else 0 for i in range(days)]


# --- statistics and classification -----------------------------------------------------------------
def test_adi_and_cv2_of_a_regular_intermittent_series():
    series = regular(6, 3, 90)
    assert fc.adi(series) == pytest.approx(3.0)
    assert fc.cv2(series) == pytest.approx(0.0)
    assert fc.adi([0, 0, 0]) is None and fc.cv2([0, 0]) is None


def test_cv2_of_known_sizes():
    # sizes 1 and 3: mean 2, population variance 1 → CV² = 1/4
    assert fc.cv2([1, 0, 3, 0]) == pytest.approx(0.25)


@pytest.mark.parametrize(
    "adi, cv2, expected",
    [
        (1.0, 0.1, fc.SMOOTH),
        (1.3199, 0.4899, fc.SMOOTH),
        (1.32, 0.4899, fc.INTERMITTENT),  # cut-offs belong to the upper class
        (1.3199, 0.49, fc.ERRATIC),
        (1.32, 0.49, fc.LUMPY),
        (5.0, 2.0, fc.LUMPY),
        (None, None, fc.NO_DEMAND),
    ],
)
def test_classification_boundaries(adi, cv2, expected):
    assert fc.classify(adi, cv2) == expected


# --- methods ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [0.05, 0.2, 0.5, 1.0])
def test_ses_on_a_constant_series_equals_the_constant(alpha):
    assert fc.ses([7] * 30, alpha) == pytest.approx(7.0)


def test_ses_follows_a_level_shift_at_the_known_rate():
    # level 10 then 20s: after k observations of 20 the level is 20 - 10·(1-α)^k
    series = [10] + [20] * 5
    assert fc.ses(series, 0.5) == pytest.approx(20 - 10 * 0.5**5)


def test_croston_and_sba_on_a_regular_intermittent_series():
    series = regular(6, 3, 90)  # 2 units a day on average
    assert fc.croston(series, alpha=0.1, sba=False) == pytest.approx(2.0)
    assert fc.croston(series, alpha=0.1, sba=True) == pytest.approx(2.0 * (1 - 0.05))
    assert fc.croston(series, alpha=0.2, sba=True) == pytest.approx(2.0 * 0.9)


def test_tsb_on_a_steady_series_and_its_decay_when_sales_stop():
    steady = regular(4, 2, 60)  # p = 0.5, z = 4 → 2 a day
    assert fc.tsb(steady, 0.1, 0.1) == pytest.approx(2.0, rel=0.06)
    before = fc.tsb(steady, 0.1, 0.1)
    stopped = steady + [0] * 30
    # each zero day multiplies p (and so the forecast) by (1 − β)
    assert fc.tsb(stopped, 0.1, 0.1) == pytest.approx(before * 0.9**30, rel=1e-9)
    assert fc.tsb(stopped, 0.1, 0.1) < 0.1 * before
    # Croston/SBA do not notice that sales stopped: the very reason to prefer TSB then
    assert fc.croston(stopped, 0.1) == pytest.approx(fc.croston(steady, 0.1))


# --- the whole forecast ----------------------------------------------------------------------------
def test_smooth_demand_uses_ses_and_cover_stockout_reorder_follow():
    f = fc.forecast([5] * 60, stock=50, today=TODAY)
    assert (f.classification, f.method) == (fc.SMOOTH, fc.SES)
    assert f.rate_per_day == pytest.approx(5.0)
    assert f.days_of_cover == pytest.approx(10.0)
    assert f.stockout_date == "2026-12-05"
    assert f.safety_stock == 0  # no variability
    assert f.reorder_quantity == 5 * (fc.LEAD_TIME_DAYS + fc.REVIEW_DAYS) - 50
    assert f.confidence == "high"


def test_intermittent_demand_uses_sba():
    f = fc.forecast(regular(6, 3, 90), stock=100, today=TODAY)
    assert f.classification == fc.INTERMITTENT
    assert f.method == fc.SBA
    assert f.rate_per_day == pytest.approx(1.9)


def test_lumpy_demand_that_stopped_uses_tsb():
    series = [0, 0, 9, 0, 0, 1, 0, 0, 12, 0, 0, 2] * 5 + [0] * 25
    f = fc.forecast(series, stock=40, today=TODAY)
    assert f.classification == fc.LUMPY
    assert f.method == fc.TSB
    assert "stopped" in " ".join(f.notes)
    still_selling = fc.forecast([0, 0, 9, 0, 0, 1, 0, 0, 12, 0, 0, 2] * 7, stock=40, today=TODAY)
    assert still_selling.method == fc.SBA and f.rate_per_day < still_selling.rate_per_day


def test_erratic_demand_uses_ses_with_safety_stock():
    f = fc.forecast([1, 9, 2, 12, 1, 8] * 10, stock=30, today=TODAY)
    assert f.classification == fc.ERRATIC and f.method == fc.SES
    assert f.safety_stock > 0


def test_no_sales_gives_no_rate_and_no_stockout():
    f = fc.forecast([0] * 40, stock=10, today=TODAY)
    assert f.classification == fc.NO_DEMAND and f.method == fc.NONE
    assert f.rate_per_day == 0 and f.days_of_cover is None and f.stockout_date is None and f.reorder_quantity == 0


@pytest.mark.parametrize("series", [[3] * 10, [0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]])
def test_short_history_says_so_honestly(series):
    f = fc.forecast(series, stock=10, today=TODAY)
    assert f.confidence == "low"
    assert "rough guess" in f.note


def test_results_are_plain_json_types():
    import json

    json.dumps(fc.forecast([1, 0, 2] * 10, stock=3, today=TODAY).as_dict())
