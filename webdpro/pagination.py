"""Opaque, signed pagination cursors: a DynamoDB ``LastEvaluatedKey`` that clients can neither read nor
forge, bound to the list it came from.

``dump(key, scope)`` signs the key together with a *scope* — a string naming the list (and whatever
makes it that list: the store, the filters, the signed-in phone). ``load(token, scope)`` gives the key
back only for the same scope; a tampered, foreign, expired or other-list cursor is a
``ValidationFailed`` on the ``cursor`` field (a 400 with one wording), never a 500.
"""

from __future__ import annotations

from django.core import signing
from django.utils.translation import gettext_lazy as _

from webdpro.errors import ValidationFailed

SALT = "webdpro.pagination.cursor"
FIELD = "cursor"
INVALID = _("That page link is not valid any more. Start again from the first page.")


class InvalidCursor(ValidationFailed):
    """A cursor that was tampered with, expired or belongs to another list."""

    def __init__(self):
        super().__init__(str(INVALID), field=FIELD)


def dump(key: dict | None, scope: str) -> str | None:
    """The signed cursor for ``key`` in the list ``scope`` (None when there is no next page)."""
    if not key:
        return None
    return signing.dumps({"s": scope, "k": key}, salt=SALT, compress=True)


def load(token: str | None, scope: str, *, max_age: int | None = None) -> dict | None:
    """The key inside ``token`` (None for the first page); ``InvalidCursor`` for anything else."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise InvalidCursor() from exc
    if not isinstance(data, dict) or data.get("s") != scope or not isinstance(data.get("k"), dict):
        raise InvalidCursor()
    return data["k"]
