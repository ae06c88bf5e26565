"""Exact attributes: money never passes through float."""

from decimal import Decimal, InvalidOperation

from pynamodb.attributes import Attribute
from pynamodb.constants import NUMBER


class DecimalAttribute(Attribute[Decimal]):
    """A DynamoDB number stored and read back as ``Decimal``.

    PynamoDB's ``NumberAttribute`` goes through ``json``/float and rejects ``Decimal``; this one
    serialises ``str(Decimal)`` and refuses floats outright so no rounding can sneak in.
    """

    attr_type = NUMBER

    def serialize(self, value):
        if isinstance(value, float):
            raise TypeError("DecimalAttribute refuses float; pass Decimal or int")
        if isinstance(value, bool):
            raise TypeError("DecimalAttribute refuses bool")
        if isinstance(value, int):
            value = Decimal(value)
        if not isinstance(value, Decimal):
            try:
                value = Decimal(str(value))
            except InvalidOperation as exc:
                raise TypeError(f"not a decimal: {value!r}") from exc
        if not value.is_finite():
            raise ValueError("DecimalAttribute refuses NaN and infinity")
        return str(value)

    def deserialize(self, value):
        return Decimal(value)


class IntAttribute(Attribute[int]):
    """A DynamoDB number that is always a Python ``int`` (counts, stock)."""

    attr_type = NUMBER

    def serialize(self, value):
        if isinstance(value, float) or isinstance(value, bool):
            raise TypeError("IntAttribute takes int")
        return str(int(value))

    def deserialize(self, value):
        return int(Decimal(value))


def to_plain(value):
    """A PynamoDB MapAttribute/ListAttribute tree as plain dicts/lists (for reading, editing, validating)."""
    if hasattr(value, "as_dict"):
        value = value.as_dict()
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value
