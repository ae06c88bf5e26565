"""Time-sortable identifiers (ULID: 26 characters, Crockford base32, millisecond time prefix)."""

from ulid import ULID


def new_id() -> str:
    return str(ULID())


def short(identifier: str) -> str:
    """What people read and say aloud: the last 8 characters (random part), e.g. on a packing slip."""
    return identifier[-8:]
