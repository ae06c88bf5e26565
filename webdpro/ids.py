"""Time-sortable identifiers (ULID: 26 characters, Crockford base32, millisecond time prefix)."""

from datetime import datetime

from ulid import ULID


def new_id() -> str:
    return str(ULID())


def short(identifier: str) -> str:
    """What people read and say aloud: the last 8 characters (random part), e.g. on a packing slip."""
    return identifier[-8:]


def ulid_floor(moment: datetime) -> str:
    """The smallest ULID made at ``moment`` (ms precision): ids made at or after it sort at or above it."""
    return str(ULID.from_timestamp(moment.timestamp()))[:10] + "0" * 16


def ulid_ceiling(moment: datetime) -> str:
    """The largest ULID made at ``moment`` (ms precision): ids made at or before it sort at or below it."""
    return str(ULID.from_timestamp(moment.timestamp()))[:10] + "Z" * 16


def ulid_bounds(lo: datetime, hi: datetime) -> tuple[str, str]:
    """The smallest and largest ULIDs made in [lo, hi]: a key condition ``BETWEEN`` for a time range."""
    return ulid_floor(lo), ulid_ceiling(hi)
