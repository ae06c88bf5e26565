"""ULIDs: the one home of their time bounds (payments, transfers and deliveries are listed by id range)."""

from datetime import UTC, datetime, timedelta

from ulid import ULID

from webdpro.ids import new_id, short, ulid_bounds, ulid_ceiling, ulid_floor


def test_bounds_hold_every_id_made_in_the_range_and_none_outside():
    lo = datetime(2026, 3, 1, 10, 0, 0, 123000, tzinfo=UTC)
    hi = lo + timedelta(seconds=5)
    low, high = ulid_bounds(lo, hi)
    inside = [str(ULID.from_timestamp(m.timestamp())) for m in (lo, lo + timedelta(seconds=2), hi)]
    before = str(ULID.from_timestamp((lo - timedelta(milliseconds=1)).timestamp()))
    after = str(ULID.from_timestamp((hi + timedelta(milliseconds=1)).timestamp()))
    assert all(low <= made <= high for made in inside)
    assert before < low and after > high


def test_floor_and_ceiling_share_the_time_prefix():
    moment = datetime(2026, 12, 2, 4, 30, tzinfo=UTC)
    assert ulid_floor(moment)[:10] == ulid_ceiling(moment)[:10]
    assert ulid_floor(moment).endswith("0" * 16) and ulid_ceiling(moment).endswith("Z" * 16)
    assert ULID.from_str(ulid_floor(moment)).datetime == moment


def test_short_is_the_random_tail():
    made = new_id()
    assert short(made) == made[-8:] and len(made) == 26
