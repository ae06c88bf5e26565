"""Time in one place: ISO-8601 UTC strings that sort lexicographically (fixed width, 'Z'), and the India
calendar day (``IST``) that every "today", daily chart and date filter is counted in.

A business day is an IST calendar day; stored timestamps are UTC. :func:`local_date` turns a stored
timestamp into its IST day, :func:`day_bounds` turns IST days into the UTC instants (and
:func:`day_start_iso` / :func:`day_end_iso` into the stored-string bounds, both inclusive) a
``BETWEEN`` or ``>=`` key condition needs.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
IST = ZoneInfo("Asia/Kolkata")
_TICK = timedelta(microseconds=1)  # the resolution of a stored timestamp


def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime | None = None) -> str:
    moment = moment or now()
    return moment.astimezone(timezone.utc).strftime(ISO_FORMAT)


def now_iso() -> str:
    return iso(now())


_STORED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")  # what iso() writes


def parse(value: str) -> datetime:
    if _STORED.fullmatch(value):  # the stored form, read without strptime (list pages parse hundreds)
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=timezone.utc)
    return (
        datetime.strptime(value, ISO_FORMAT).replace(tzinfo=timezone.utc)
        if value.endswith("Z") and "." in value
        else datetime.fromisoformat(value.replace("Z", "+00:00"))
    )


def ago_iso(**delta) -> str:
    return iso(now() - timedelta(**delta))


# --- India calendar days -----------------------------------------------------------------------------


def local(value: str | datetime | None = None) -> datetime:
    """A stored ISO timestamp or an aware datetime (default: now) as India time: shop hours, days and
    schedules are IST."""
    moment = parse(value) if isinstance(value, str) else (value or now())
    return moment.astimezone(IST)


# India has kept one offset, +05:30 and no daylight saving, since 1945 (the tz database's Asia/Kolkata).
_IST_SINCE, _IST_OFFSET = "1946", timedelta(hours=5, minutes=30)


def local_minute(value: str | datetime) -> str:
    """A stored ISO timestamp or an aware datetime as India time to the minute, ``2026-03-10 23:59`` (the
    CSV exports' column, one a row: a stored timestamp's UTC minute moved by India's fixed offset, ~1 µs,
    where parsing it whole and converting through the zone takes ~8)."""
    if isinstance(value, str) and value >= _IST_SINCE and _STORED.fullmatch(value):
        return (datetime.fromisoformat(value[:16]) + _IST_OFFSET).isoformat(" ")[:16]
    return local(value).isoformat(" ", "minutes")[:16]


def local_date(value: str | datetime | None = None) -> date:
    """The IST calendar day of a stored ISO timestamp or an aware datetime (default: now)."""
    return local(value).date()


def local_today(moment: datetime | None = None) -> date:
    """Today in India (or the IST day of ``moment``)."""
    return (moment or now()).astimezone(IST).date()


def day_bounds(first: date, last: date | None = None) -> tuple[datetime, datetime]:
    """The first and the last instant (inclusive, to the microsecond) of the IST days ``first``..``last``
    (``last`` defaults to ``first``), as UTC datetimes."""
    last = last or first
    start = datetime.combine(first, time.min, tzinfo=IST)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=IST) - _TICK
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def day_start_iso(day: date) -> str:
    """The first instant of an IST day as a stored ISO string (lower bound of a key condition)."""
    return iso(day_bounds(day)[0])


def day_end_iso(day: date) -> str:
    """The last instant of an IST day as a stored ISO string (inclusive upper bound for BETWEEN)."""
    return iso(day_bounds(day)[1])


def days_ago_start_iso(days_back: int = 0) -> str:
    """Midnight in India today (or ``days_back`` days before) as a stored ISO string."""
    return day_start_iso(local_today() - timedelta(days=days_back))


def last_days(count: int, end: date | None = None) -> list[date]:
    """The last ``count`` IST days, oldest first, ending today (or ``end``)."""
    end = end or local_today()
    return [end - timedelta(days=offset) for offset in range(count - 1, -1, -1)]
