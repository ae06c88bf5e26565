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

from botocore.exceptions import ClientError
from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, UnicodeAttribute

from webdpro.db.attributes import DecimalAttribute, IntAttribute


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


def _reader(attribute, only=None, as_tuples=False):
    """A function raw DynamoDB value → Python value for ``attribute`` (``only``: of a typed map, or a list of
    them, these fields alone; ``as_tuples``: each map as the tuple of its fields' values, not a row)."""
    typed = _typed_map(attribute)
    if typed is not None:
        return _map_reader(typed, only, as_tuples)
    if isinstance(attribute, ListAttribute) and attribute.element_type is not None:
        element = attribute.element_type()
        if _typed_map(element) is not None:
            each = _map_reader(type(element), only, as_tuples)
            return lambda raw: [each(v) for v in raw["L"]]
        if attribute.element_type is UnicodeAttribute:
            return lambda raw: [None if "NULL" in v else v["S"] for v in raw["L"]]
    # what get_value and deserialize do, without two calls a value
    if type(attribute) is UnicodeAttribute:
        return itemgetter("S")
    if type(attribute) is DecimalAttribute:
        return lambda raw: Decimal(raw["N"])
    if type(attribute) is IntAttribute:
        return lambda raw: int(Decimal(raw["N"]))
    if type(attribute) is BooleanAttribute:
        return lambda raw: bool(raw["BOOL"])
    return lambda raw: attribute.deserialize(attribute.get_value(raw))


def _map_reader(kind: type[MapAttribute], only=None, as_tuples=False):
    attributes = kind.get_attributes()
    fields = [
        (attributes[name].attr_name, name, _reader(attributes[name]), attributes[name]) for name in only or attributes
    ]
    if as_tuples:
        return _tuple_reader([(attr_name, reader, attr) for attr_name, _name, reader, attr in fields], "M")

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

        # a default that is no function is the same object for every row, as Attribute's own default
        reading = [(attr_name, name, reader, callable(attr.default), attr) for attr_name, name, reader, attr in fields]

        def read(raw: dict) -> Row:
            out = {}
            for attr_name, name, reader, call, attr in reading:
                value = raw.get(attr_name)
                if value is not None and "NULL" not in value:
                    out[name] = reader(value)
                else:
                    out[name] = attr.default() if call else attr.default
            row = kind.__new__(kind)
            row.__dict__ = out  # what Row.__init__ does, without the copy
            return row

        _readers[key] = read
    return _readers[key]


def _tuple_reader(fields, inside: str | None = None):
    """raw → the tuple of ``fields``' values ((attribute name, reader, attribute), in order); ``inside``: the
    value is a typed map (``"M"``), its fields within it."""
    reading = [(attr_name, reader, callable(attr.default), attr) for attr_name, reader, attr in fields]

    def read(raw) -> tuple:
        values = raw[inside] if inside else raw
        out = []
        for attr_name, reader, call, attr in reading:
            value = values.get(attr_name)
            if value is not None and "NULL" not in value:
                out.append(reader(value))
            else:
                out.append(attr.default() if call else attr.default)
        return tuple(out)

    return read


_value_readers: dict = {}


def values_reader(model, names, parts=None):
    """A function raw item → the tuple of the values of ``names`` (Python attribute names of ``model``), in
    order: what a :func:`row_reader` row holds, without a row or a dict per item, for code that reads each
    value once (the CSV export: ~12 µs an order instead of ~21). ``parts``: name → the fields read of that
    typed map (or of each map of that list), as the tuple of their values (``{"items": ("quantity", "name")}``:
    the CSV's items column skips the eleven other fields of each line)."""
    parts = dict(parts or {})
    key = (model, tuple(names), tuple(sorted(parts.items())))
    if key not in _value_readers:
        attributes = model.get_attributes()
        _value_readers[key] = _tuple_reader(
            [
                (attributes[n].attr_name, _reader(attributes[n], parts.get(n), as_tuples=True), attributes[n])
                for n in names
            ]
        )
    return _value_readers[key]


def rows(model, names, raw_items) -> list[Row]:
    """``raw_items`` (a Query's ``Items``) as rows of ``names``."""
    read = row_reader(model, names)
    return [read(raw) for raw in raw_items]


# --- Reads straight through the process's botocore client ---------------------------------------------
# For the hot pages (issue 20: the storefront's, the products list, the navigation's stores): PynamoDB's
# Model.get / Model.query spend ~0.1 ms of CPU a call building the request (key and condition objects,
# expressions, its connection layer) around the botocore call. These send the same GetItem / Query, as
# ``webdpro.db.base.get_many`` sends its BatchGetItem, and hand back DynamoDB's raw items for
# :func:`row_reader` (or ``model.from_raw_data``).

_keys: dict = {}


def _key_names(model) -> tuple:
    """((hash attribute name, its type), (range attribute name, its type) or None) of ``model``."""
    if model not in _keys:
        hash_key, range_key = model._hash_key_attribute(), model._range_key_attribute()
        _keys[model] = (
            (hash_key.attr_name, hash_key.attr_type),
            (range_key.attr_name, range_key.attr_type) if range_key is not None else None,
        )
    return _keys[model]


def get_item(model, hash_key: str, range_key: str | None = None, names=None) -> dict | None:
    """The raw item of ``model`` at this key (one GetItem; ``names``: only these Python attributes), or None
    when there is none. A key DynamoDB refuses as malformed (empty, over its size) is None too, as
    ``BaseModel.get`` makes it DoesNotExist: no item can have it."""
    from webdpro.db.base import connection, is_invalid_request

    (hash_name, hash_type), ranged = _key_names(model)
    key = {hash_name: {hash_type: hash_key}}
    if ranged is not None:
        key[ranged[0]] = {ranged[1]: range_key}
    params = {"TableName": model.Meta.table_name, "Key": key}
    if names:
        params.update(_projection(model, tuple(names)))
    try:
        answer = connection().client.get_item(**params)
    except ClientError as error:
        if is_invalid_request(error):
            return None
        raise
    return answer.get("Item")


_projections: dict = {}


def _projection(model, names: tuple) -> dict:
    """The ProjectionExpression of ``names``: Python attributes of ``model``, or document paths inside one
    (``"config.categories"``: the attribute's map, that key only)."""
    key = (model, names)
    if key not in _projections:
        attributes = model.get_attributes()
        placeholders: dict = {}
        paths = []
        for name in names:
            head, *inside = name.split(".")
            path = []
            for segment in (attributes[head].attr_name, *inside):
                placeholder = f"#p{len(placeholders)}"
                placeholders[placeholder] = segment
                path.append(placeholder)
            paths.append(".".join(path))
        _projections[key] = {"ProjectionExpression": ", ".join(paths), "ExpressionAttributeNames": placeholders}
    return _projections[key]


def query_page(model, hash_key: str, **options) -> tuple[list[dict], dict | None]:
    """One page of a Query (:func:`query`): (raw items, the LastEvaluatedKey or None)."""
    answer = query(model, hash_key, **options)
    return answer.get("Items", []), answer.get("LastEvaluatedKey")


def query(
    model,
    hash_key: str,
    *,
    names=None,
    limit: int | None = None,
    index: str | None = None,
    range_equals: tuple[str, str] | None = None,
    where: tuple[str, bool | str] | None = None,
    condition=None,
    forward: bool = True,
    start: dict | None = None,
) -> dict:
    """DynamoDB's answer to one Query (one page) on ``hash_key`` (of ``index`` if named, else of the table):
    ``Items``, ``LastEvaluatedKey``, ``ScannedCount``. ``range_equals``: (attribute, value) the range key
    equals; ``where``: (attribute, boolean or string) the items must have, or ``condition``: a PynamoDB condition they
    must meet (a filter, applied after ``limit`` items are read, as DynamoDB does); ``names``: the Python
    attributes (or document paths) read (a projection), else the whole items."""
    from webdpro.db.base import connection

    attributes = model.get_attributes()
    if index is None:
        hash_name = _key_names(model)[0][0]
    else:
        hash_name = model._indexes[index]._hash_key_attribute().attr_name
    expression_names = {"#k0": hash_name}
    values = {":k0": {"S": hash_key}}
    key_condition = "#k0 = :k0"
    if range_equals is not None:
        expression_names["#k1"] = attributes[range_equals[0]].attr_name
        values[":k1"] = {"S": range_equals[1]}
        key_condition += " AND #k1 = :k1"
    params = {
        "TableName": model.Meta.table_name,
        "KeyConditionExpression": key_condition,
        "ExpressionAttributeNames": expression_names,
        "ExpressionAttributeValues": values,
        "ScanIndexForward": forward,
    }
    if names:
        projection = _projection(model, tuple(names))
        expression_names.update(projection["ExpressionAttributeNames"])
        params["ProjectionExpression"] = projection["ProjectionExpression"]
    if limit is not None:
        params["Limit"] = limit
    filters = []
    if where is not None:
        expression_names["#f0"] = attributes[where[0]].attr_name
        values[":f0"] = {"BOOL": where[1]} if isinstance(where[1], bool) else {"S": where[1]}
        filters.append("#f0 = :f0")
    if condition is not None:
        placeholders: dict = {}  # attribute name → "#0", "#1"… (values: ":n", n the count of values so far)
        filters.append(condition.serialize(placeholders, values))
        expression_names.update({placeholder: name for name, placeholder in placeholders.items()})
    if filters:
        params["FilterExpression"] = filters[0] if len(filters) == 1 else " AND ".join(f"({f})" for f in filters)
    if index is not None:
        params["IndexName"] = index
    if start:
        params["ExclusiveStartKey"] = start
    return connection().client.query(**params)
