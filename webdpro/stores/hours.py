"""Opening hours: a weekly schedule in IST (per day closed, or one or two time ranges) plus holidays.

The store config's ``hours`` key (absent: the shop takes orders at any time, as before)::

    {"week": {"mon": [["07:00", "13:00"], ["16:00", "22:00"]], "tue": [], ...},
     "holidays": ["2026-12-25"],
     "outside": "refuse" | "schedule"}

``outside`` is what happens to an order placed while the shop is closed: refused, or accepted and
scheduled for the next opening. Every instant goes through :mod:`webdpro.clock` (IST).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.errors import ValidationFailed

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REFUSE, SCHEDULE = "refuse", "schedule"
OUTSIDE_CHOICES = (REFUSE, SCHEDULE)
MAX_RANGES = 2
MAX_HOLIDAYS = 60
LOOK_AHEAD_DAYS = 21  # how far we look for the next opening (holidays can close a shop for a while)
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$|^24:00$")


@dataclass(frozen=True)
class Schedule:
    week: dict  # day name → list of (open minute, close minute) from midnight, sorted
    holidays: frozenset
    outside: str = REFUSE


@dataclass(frozen=True)
class OpenState:
    is_open: bool
    closes_at: datetime | None = None  # when open: the end of the current range
    opens_at: datetime | None = None  # when closed: the next opening (None: none in the next weeks)


def minutes(text: str, *, field: str = "hours") -> int:
    """'07:30' → 450; '24:00' → 1440 (closing at midnight)."""
    if not isinstance(text, str) or not TIME_RE.match(text.strip()):
        raise ValidationFailed(_("Enter times as HH:MM, like 07:00 or 22:30."), field=field)
    hours, mins = text.strip().split(":")
    return int(hours) * 60 + int(mins)


def check_ranges(ranges, *, field: str = "hours") -> list[tuple[int, int]]:
    """Ranges for one day as sorted minute pairs; refuses overlaps, empty and more than two ranges."""
    if len(ranges) > MAX_RANGES:
        raise ValidationFailed(_("Give at most two time ranges a day."), field=field)
    out = sorted((minutes(a, field=field), minutes(b, field=field)) for a, b in ranges)
    for start, end in out:
        if start >= end or start == 24 * 60:
            raise ValidationFailed(_("Each range must close after it opens (on the same day)."), field=field)
    if len(out) == 2 and out[1][0] < out[0][1]:
        raise ValidationFailed(_("A day's two time ranges must not overlap."), field=field)
    return out


def schedule(config: dict) -> Schedule | None:
    """The store's schedule, or None when it has none (open at any time)."""
    raw = (config or {}).get("hours")
    if not isinstance(raw, dict) or not isinstance(raw.get("week"), dict):
        return None
    week = {}
    for day in DAYS:
        try:
            week[day] = check_ranges(raw["week"].get(day) or [])
        except (ValidationFailed, TypeError, ValueError):
            week[day] = []
    holidays = set()
    for text in raw.get("holidays") or []:
        try:
            holidays.add(date.fromisoformat(text))
        except (TypeError, ValueError):
            continue
    outside = raw.get("outside") if raw.get("outside") in OUTSIDE_CHOICES else REFUSE
    return Schedule(week=week, holidays=frozenset(holidays), outside=outside)


def ranges_on(sched: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """The IST opening ranges of one calendar day (none on a holiday)."""
    if day in sched.holidays:
        return []
    midnight = datetime.combine(day, time.min, tzinfo=clock.IST)
    return [
        (midnight + timedelta(minutes=start), midnight + timedelta(minutes=end))
        for start, end in sched.week[DAYS[day.weekday()]]
    ]


def state(sched: Schedule | None, moment: datetime | None = None) -> OpenState:
    """Open or closed at ``moment`` (default now), with when it closes or next opens."""
    if sched is None:
        return OpenState(is_open=True)
    local = clock.local(moment)
    for offset in range(LOOK_AHEAD_DAYS + 1):
        for start, end in ranges_on(sched, local.date() + timedelta(days=offset)):
            if start <= local < end:
                return OpenState(is_open=True, closes_at=end)
            if start > local:
                return OpenState(is_open=False, opens_at=start)
    return OpenState(is_open=False)


def clock_label(moment: datetime) -> str:
    """7 am, 10:30 pm, 12 pm; midnight for 00:00 (a range closing at 24:00)."""
    local = clock.local(moment)
    if local.hour == 0 and local.minute == 0:
        return _("midnight")
    hour = local.hour % 12 or 12
    suffix = _("am") if local.hour < 12 else _("pm")
    if local.minute:
        return f"{hour}:{local.minute:02d} {suffix}"
    return f"{hour} {suffix}"


def day_label(moment: datetime, now: datetime | None = None) -> str:
    """'today', 'tomorrow', 'on Monday' (within a week) or 'on 25 Dec'."""
    day = clock.local(moment).date()
    today = clock.local(now).date()
    if day == today:
        return _("today")
    if day == today + timedelta(days=1):
        return _("tomorrow")
    if day < today + timedelta(days=7):
        names = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
        return _("on %(day)s") % {"day": names[day.weekday()]}
    return _("on %(date)s") % {"date": f"{day.day} {_(day.strftime('%b'))}"}


def describe(current: OpenState, now: datetime | None = None) -> str:
    """'Open now · closes 10 pm' / 'Closed · opens 7 am tomorrow' (empty when there is no schedule)."""
    if current.is_open:
        if current.closes_at is None:
            return ""
        closes = clock_label(current.closes_at)
        if clock.local(current.closes_at).date() != clock.local(now).date() and closes != _("midnight"):
            closes = f"{closes} {day_label(current.closes_at, now)}"
        return _("Open now · closes %(time)s") % {"time": closes}
    if current.opens_at is None:
        return _("Closed for now")
    return _("Closed · opens %(time)s %(day)s") % {
        "time": clock_label(current.opens_at),
        "day": day_label(current.opens_at, now),
    }


def slot_label(iso_value: str, now: datetime | None = None) -> str:
    """A scheduled order's slot for people: '7 am tomorrow'."""
    moment = clock.parse(iso_value)
    return f"{clock_label(moment)} {day_label(moment, now)}"
