"""Business days in India time: the console's "last 30 days" are IST calendar days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from webdpro import clock

IST = ZoneInfo("Asia/Kolkata")
WINDOW_DAYS = 30


def today() -> date:
    return clock.now().astimezone(IST).date()


def window(days: int = WINDOW_DAYS, end: date | None = None) -> list[date]:
    """The last ``days`` IST days, oldest first, ending today (or ``end``)."""
    end = end or today()
    return [end - timedelta(days=offset) for offset in range(days - 1, -1, -1)]


def start_iso(day: date) -> str:
    """The first instant of an IST day, as the ISO UTC string stored in ``created_at``."""
    return clock.iso(datetime.combine(day, time.min, tzinfo=IST))


def day_of(created_at: str) -> date:
    return clock.parse(created_at).astimezone(IST).date()
