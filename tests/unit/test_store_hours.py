"""Opening hours (IST weekly schedule + holidays), the delivery area and the minimum order, as plain rules."""

from datetime import datetime
from decimal import Decimal

import pytest

from webdpro import clock
from webdpro.errors import ValidationFailed
from webdpro.orders import rules
from webdpro.stores import area, hours

WEEK = {day: [["07:00", "22:00"]] for day in hours.DAYS}


def ist(*args):
    return datetime(*args, tzinfo=clock.IST)


def config(**hours_keys):
    return {"hours": {"week": WEEK, **hours_keys}}


def describe_at(cfg, moment):
    return hours.describe(hours.state(hours.schedule(cfg), moment), moment)


def test_open_now_says_when_it_closes():
    assert describe_at(config(), ist(2026, 12, 2, 9, 15)) == "Open now · closes 10 pm"


def test_closed_before_opening_and_after_closing():
    assert describe_at(config(), ist(2026, 12, 2, 4, 32)) == "Closed · opens 7 am today"
    assert describe_at(config(), ist(2026, 12, 2, 22, 0)) == "Closed · opens 7 am tomorrow"


def test_two_ranges_a_day_a_closed_day_and_a_holiday():
    week = dict(WEEK, wed=[["07:00", "13:00"], ["16:30", "21:00"]], thu=[])
    cfg = {"hours": {"week": week, "holidays": ["2026-12-04"]}}
    assert describe_at(cfg, ist(2026, 12, 2, 14, 0)) == "Closed · opens 4:30 pm today"
    assert describe_at(cfg, ist(2026, 12, 2, 17, 0)) == "Open now · closes 9 pm"
    # Wednesday night: Thursday closed, Friday a holiday → Saturday.
    assert describe_at(cfg, ist(2026, 12, 2, 21, 30)) == "Closed · opens 7 am on Saturday"


def test_schedule_is_in_ist_whatever_the_server_zone():
    utc_2330 = datetime(2026, 12, 1, 23, 30, tzinfo=clock.timezone.utc)  # 05:00 IST on the 2nd
    assert not hours.state(hours.schedule(config()), utc_2330).is_open
    assert hours.state(hours.schedule(config()), ist(2026, 12, 2, 7, 0)).is_open


def test_closing_at_midnight():
    cfg = {"hours": {"week": dict(WEEK, wed=[["18:00", "24:00"]])}}
    assert describe_at(cfg, ist(2026, 12, 2, 23, 0)) == "Open now · closes midnight"


def test_no_schedule_means_always_open_and_no_label():
    current = hours.state(hours.schedule({}), ist(2026, 12, 2, 3, 0))
    assert current.is_open and hours.describe(current) == ""


@pytest.mark.parametrize(
    "cfg",
    [{}, {"hours": None}, {"hours": {"week": "x"}}, config(), config(holidays=["2026-12-02"]), {"hours": {"week": {}}}],
)
@pytest.mark.parametrize("hour", [3, 9, 23])
def test_a_storefront_has_an_hours_label_exactly_when_it_has_hours(cfg, hour):
    """The storefront's header prints the hours label only for a store with hours (Storefront.has_hours, in its
    kept frame): a store without has no label at any time, a store with always has one."""
    from dashboard.views.storefront.common import Storefront

    sf = Storefront(store=None, config=cfg, theme={}, lang="en", slug="s", by_host=False, preview=False, cart=None)
    label = describe_at(cfg, ist(2026, 12, 2, hour, 0))
    assert sf.has_hours == (hours.schedule(cfg) is not None) == (label != "")


@pytest.mark.parametrize(
    "ranges",
    [[["22:00", "07:00"]], [["07:00", "13:00"], ["12:00", "18:00"]], [["7", "9"]], [["a", "b"]], [["1", "2"]] * 3],
)
def test_bad_ranges_are_refused(ranges):
    with pytest.raises(ValidationFailed):
        hours.check_ranges(ranges)


def test_schedule_or_refuse_outside_hours(monkeypatch):
    night = ist(2026, 12, 2, 23, 0)
    with pytest.raises(rules.OutsideHours):
        rules.schedule_slot(config(outside="refuse"), night)
    assert rules.schedule_slot(config(outside="schedule"), night) == clock.iso(ist(2026, 12, 3, 7, 0))
    assert rules.schedule_slot(config(outside="schedule"), ist(2026, 12, 3, 8, 0)) is None


def test_pin_list_parsing_and_refusal_message():
    assert area.parse_pincodes("560001, 560034\n560001;560095") == ["560001", "560034", "560095"]
    with pytest.raises(ValidationFailed) as exc:
        area.parse_pincodes("560001 56003")
    assert exc.value.field == "pincodes"
    pins = [str(560001 + i) for i in range(7)]
    cfg = {"delivery": {"area": "pins", "pincodes": pins}}
    with pytest.raises(area.OutsideArea) as exc:
        area.check_pincode(cfg, "110001", pickup=True)
    assert exc.value.message == "We deliver to 560001, 560002, 560003, 560004, 560005 … only; choose pickup instead"


def test_pin_data_distances_are_plausible():
    assert 5 < area.distance_km("560001", "560034") < 10  # MG Road → Koramangala
    assert 1600 < area.distance_km("560001", "110001") < 1900  # Bengaluru → New Delhi
    assert area.distance_km("560001", "999999") is None


def test_radius_settings_need_a_locatable_store_pin():
    with pytest.raises(ValidationFailed) as exc:
        area.check_settings("radius", [], "999999", Decimal("5"))
    assert exc.value.field == "store_pincode"
    with pytest.raises(ValidationFailed) as exc:
        area.check_settings("radius", [], "560001", Decimal("0"))
    assert exc.value.field == "radius_km"
    with pytest.raises(ValidationFailed):
        area.check_settings("pins", [], "", Decimal("0"))


def test_minimum_order_shortfall():
    cfg = {"orders": {"min_order": "199.00"}}
    assert rules.shortfall(cfg, Decimal("164.00")) == Decimal("35.00")
    assert rules.shortfall(cfg, Decimal("250.00")) == Decimal("0.00")
    assert rules.shortfall({}, Decimal("1.00")) == Decimal("0.00")
    with pytest.raises(rules.BelowMinimum, match=r"Add ₹35.00 more to order"):
        rules.check_minimum(cfg, Decimal("164.00"))


def test_fulfilment_modes():
    assert rules.fulfilment_modes({}) == ["DELIVERY"]
    assert rules.fulfilment_modes({"delivery": {"enabled": False, "pickup": True}}) == ["PICKUP"]
    assert rules.fulfilment_modes({"delivery": {"pickup": True}}) == ["DELIVERY", "PICKUP"]
    assert rules.choose_fulfilment({"delivery": {"enabled": False, "pickup": True}}, None) == "PICKUP"
