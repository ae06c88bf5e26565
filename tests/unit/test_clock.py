"""India calendar days in one place: webdpro.clock."""

from datetime import date, datetime, timedelta, timezone

from webdpro import clock


def test_local_date_of_a_stored_timestamp_is_the_india_day():
    # 18:29:59 UTC is 23:59:59 IST the same day; 18:30 UTC is midnight IST the next day.
    assert clock.local_date("2026-03-10T18:29:59.999999Z") == date(2026, 3, 10)
    assert clock.local_date("2026-03-10T18:30:00.000000Z") == date(2026, 3, 11)
    assert clock.local_date(datetime(2026, 3, 10, 20, 0, tzinfo=timezone.utc)) == date(2026, 3, 11)


def test_local_today_follows_india_not_utc():
    late_utc = datetime(2026, 3, 10, 19, 0, tzinfo=timezone.utc)
    assert clock.local_today(late_utc) == date(2026, 3, 11)
    assert clock.local_today() == clock.now().astimezone(clock.IST).date()


def test_day_bounds_cover_the_india_day_to_the_microsecond():
    start, end = clock.day_bounds(date(2026, 3, 11))
    assert start == datetime(2026, 3, 10, 18, 30, tzinfo=timezone.utc)
    assert end == datetime(2026, 3, 11, 18, 29, 59, 999999, tzinfo=timezone.utc)
    assert clock.day_start_iso(date(2026, 3, 11)) == "2026-03-10T18:30:00.000000Z"
    assert clock.day_end_iso(date(2026, 3, 11)) == "2026-03-11T18:29:59.999999Z"


def test_day_bounds_of_a_range_and_the_stored_strings_sort_inside():
    start, end = clock.day_bounds(date(2026, 3, 1), date(2026, 3, 3))
    assert (end - start) == timedelta(days=3) - timedelta(microseconds=1)
    inside = "2026-03-03T10:00:00.000000Z"
    assert clock.day_start_iso(date(2026, 3, 1)) <= inside <= clock.day_end_iso(date(2026, 3, 3))
    assert clock.local_date(clock.day_end_iso(date(2026, 3, 3))) == date(2026, 3, 3)
    assert clock.local_date(clock.day_start_iso(date(2026, 3, 1))) == date(2026, 3, 1)


def test_days_ago_start_is_midnight_in_india():
    start = clock.local(clock.days_ago_start_iso())
    assert (start.hour, start.minute, start.second) == (0, 0, 0)
    assert start.date() == clock.local_today()
    assert clock.local_date(clock.days_ago_start_iso(2)) == clock.local_today() - timedelta(days=2)


def test_last_days_oldest_first_ending_today():
    days = clock.last_days(3, end=date(2026, 1, 1))
    assert days == [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1)]
    assert clock.last_days(1) == [clock.local_today()]


def test_parse_reads_the_stored_form_and_every_other_iso_form_alike():
    moment = datetime(2026, 3, 10, 18, 29, 59, 999999, tzinfo=timezone.utc)
    assert clock.parse(clock.iso(moment)) == moment
    assert clock.parse("2026-03-10T18:29:59.5Z") == datetime(2026, 3, 10, 18, 29, 59, 500000, tzinfo=timezone.utc)
    assert clock.parse("2026-03-10T18:29:59+00:00") == moment.replace(microsecond=0)
    for bad in ("2026-03-10T18:29:59.99999xZ", "2026-03-10 18:29:59.999999Z!", "yesterday"):
        try:
            clock.parse(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} parsed")


def test_local_minute_is_india_time_to_the_minute():
    assert clock.local_minute("2026-03-10T18:29:59.999999Z") == "2026-03-10 23:59"
    assert clock.local_minute("2026-12-31T18:30:00.000000Z") == "2027-01-01 00:00"  # a new day, and year, in IST
    moment = clock.parse("2026-03-10T18:29:59.999999Z")
    assert clock.local_minute(moment) == clock.local(moment).strftime("%Y-%m-%d %H:%M")
    start = datetime(1946, 1, 1, tzinfo=timezone.utc)
    for minutes in range(0, 90 * 365 * 24 * 60, 7919):  # every few days for 90 years: the zone's own answer
        stored = clock.iso(start + timedelta(minutes=minutes, seconds=minutes % 60))
        assert clock.local_minute(stored) == clock.local(stored).strftime("%Y-%m-%d %H:%M"), stored
    assert clock.local_minute("1943-06-01T00:00:00.000000Z") == "1943-06-01 06:30"  # war time, +06:30: the zone
