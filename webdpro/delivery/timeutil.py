"""Day boundaries in India time (the business day), as ISO UTC strings that sort with our timestamps."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from webdpro import clock

IST = ZoneInfo("Asia/Kolkata")


def today_start_iso(days_back: int = 0) -> str:
    """Midnight in India today (or ``days_back`` days before) as an ISO UTC string."""
    local = clock.now().astimezone(IST).replace(hour=0, minute=0, second=0, microsecond=0)
    return clock.iso(local - timedelta(days=days_back))


def age_text(iso_value: str | None) -> str:
    """'just now', '3 min ago', '2 h ago', '4 days ago'."""
    if not iso_value:
        return ""
    try:
        seconds = int((clock.now() - clock.parse(iso_value)).total_seconds())
    except ValueError:
        return ""
    if seconds < 45:
        return "just now"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h ago"
    days = hours // 24
    return f"{days} day{'s' if days != 1 else ''} ago"
