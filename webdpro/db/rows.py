"""Read-only rows straight from DynamoDB's answer, for list pages.

A PynamoDB model instance per item (and one per nested map, such as each line of an order) costs about as
much as the Query that read it: instantiation copies every attribute's defaults. A list page that only
shows what it projected deserializes each attribute with the model's own attribute class instead, into a
plain :class:`Row` (typed maps become rows, lists of typed maps lists of rows). A row is marked
``projected``: code that needs the whole item (to write it) reads it whole first.
"""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter

from pynamodb.attributes import ListAttribute, MapAttribute, UnicodeAttribute

from webdpro.db.attributes import DecimalAttribute


class Row:
    """Attribute access over deserialized values (names the projection did not read are absent)."""

    projected = True

    def __init__(self, values: dict):
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"Row({self.__dict__!r})"


def _typed_map(attribute) -> type[MapAttribute] | None:
    kind = type(attribute)
    if issubclass(kind, MapAttribute) and kind is not MapAttribute and kind.get_attributes():
        return kind
    return None


def _reader(attribute):
    """A function raw DynamoDB value → Python value for ``attribute``."""
    typed = _typed_map(attribute)
    if typed is not None:
        return _map_reader(typed)
    if isinstance(attribute, ListAttribute) and attribute.element_type is not None:
        element = attribute.element_type()
        if _typed_map(element) is not None:
            each = _map_reader(type(element))
            return lambda raw: [each(v) for v in raw["L"]]
    if type(attribute) is UnicodeAttribute:  # what get_value and deserialize do, without two calls a value
        return itemgetter("S")
    if type(attribute) is DecimalAttribute:
        return lambda raw: Decimal(raw["N"])
    return lambda raw: attribute.deserialize(attribute.get_value(raw))


def _map_reader(kind: type[MapAttribute]):
    fields = [(attr.attr_name, name, _reader(attr), attr) for name, attr in kind.get_attributes().items()]

    def read(raw):
        values = raw["M"]
        out = {}
        for attr_name, name, reader, attr in fields:
            value = values.get(attr_name)
            out[name] = reader(value) if value is not None and "NULL" not in value else _default(attr)
        return Row(out)

    return read


def _default(attribute):
    default = attribute.default
    return default() if callable(default) else default


_readers: dict = {}


def row_reader(model, names, borrow=()):
    """A function raw item → :class:`Row` with ``names`` (Python attribute names of ``model``).

    ``borrow``: properties and methods of the model the rows answer too (the model's own code, run on the
    row: they must read only ``names``)."""
    key = (model, tuple(names), tuple(borrow))
    if key not in _readers:
        attributes = model.get_attributes()
        fields = [(attributes[n].attr_name, n, _reader(attributes[n]), attributes[n]) for n in names]
        kind = type(f"{model.__name__}Row", (Row,), {name: vars(model)[name] for name in borrow}) if borrow else Row

        def read(raw: dict) -> Row:
            out = {}
            for attr_name, name, reader, attr in fields:
                value = raw.get(attr_name)
                out[name] = reader(value) if value is not None and "NULL" not in value else _default(attr)
            return kind(out)

        _readers[key] = read
    return _readers[key]


def rows(model, names, raw_items) -> list[Row]:
    """``raw_items`` (a Query's ``Items``) as rows of ``names``."""
    read = row_reader(model, names)
    return [read(raw) for raw in raw_items]
