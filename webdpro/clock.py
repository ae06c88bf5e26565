"""Time in one place: ISO-8601 UTC strings that sort lexicographically (fixed width, 'Z')."""

from datetime import datetime, timedelta, timezone

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime | None = None) -> str:
    moment = moment or now()
    return moment.astimezone(timezone.utc).strftime(ISO_FORMAT)


def now_iso() -> str:
    return iso(now())


def parse(value: str) -> datetime:
    return (
        datetime.strptime(value, ISO_FORMAT).replace(tzinfo=timezone.utc)
        if value.endswith("Z") and "." in value
        else datetime.fromisoformat(value.replace("Z", "+00:00"))
    )


def ago_iso(**delta) -> str:
    return iso(now() - timedelta(**delta))


IST = timezone(timedelta(hours=5, minutes=30))


def local_date(moment: datetime | None = None):
    """The calendar date in India (IST) at ``moment`` (now by default)."""
    return (moment or now()).astimezone(IST).date()


def local_today():
    return local_date()


def local(moment: datetime | None = None) -> datetime:
    """``moment`` (default now) as Indian Standard Time: shop hours, days and schedules are IST."""
    return (moment or now()).astimezone(IST)
