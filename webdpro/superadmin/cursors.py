"""Opaque, signed pagination cursors: a DynamoDB LastEvaluatedKey that clients cannot forge or read."""

from __future__ import annotations

from django.core import signing

from webdpro.errors import ValidationFailed

SALT = "webdpro.console.cursor"


def dump(key: dict | None, kind: str) -> str | None:
    if not key:
        return None
    return signing.dumps({"k": kind, "v": key}, salt=SALT, compress=True)


def load(token: str | None, kind: str) -> dict | None:
    """The key inside ``token`` (None for the first page); a tampered or foreign cursor → 400."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise ValidationFailed("This page link is not valid any more. Start from the first page.") from exc
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("v"), dict):
        raise ValidationFailed("This page link is not valid any more. Start from the first page.")
    return data["v"]
