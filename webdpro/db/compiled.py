"""Update items whose expressions are built once: the order transaction's updates, on the checkout's hot path.

PynamoDB turns ``actions`` and a ``condition`` into an ``UpdateExpression``, a ``ConditionExpression`` and
their placeholder maps by building and walking a tree of expression objects, every time. For the place-order
POST's transaction (the product's stock, the customer record, the customer's user, three limit counters)
that was ~1.5–2 ms of the server's ~14 ms of CPU (py-spy, 30 buyers), for expressions that are the same in
every order: only the key and the values change.

An :class:`UpdateTemplate` is built once by PynamoDB itself from actions and a condition in which each
varying value is a :func:`slot` (a named stand-in). Each use then copies the expressions and the names and
fills the values, serialized by PynamoDB's own ``Value`` with the slot's attribute, so an item from a template
is the very dictionary PynamoDB builds for the same actions and values
(``tests/unit/test_compiled_updates.py`` holds the two equal for every template the order transaction uses).
Table names are read at each use, so a template follows ``configure(prefix=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pynamodb.attributes import Attribute
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.operand import Value, _Operand
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite as _PynamoTransactWrite

_MARK = "\x00slot:"


class _Slot(Value):
    """A value named at build time and given at each use."""

    def __init__(self, name: str, attribute: Attribute):
        super().__init__({attribute.attr_type: _MARK + name})
        self.name, self.attribute = name, attribute


def slot(name: str, attribute: Attribute) -> _Slot:
    """The stand-in for the value ``name``, typed and serialized as ``attribute``'s values are
    (``Product.stock_quantity.add(slot("taken", Product.stock_quantity))``)."""
    return _Slot(name, attribute)


@dataclass(frozen=True)
class _Filled:
    placeholder: str
    name: str
    attribute: Attribute


class UpdateTemplate:
    """One UpdateItem of ``model`` in a transaction: ``actions`` (and ``condition``) built by PynamoDB at the
    first use (not at import: building needs the model's connection); :meth:`item` gives the transaction item
    for a key and the slots' values."""

    def __init__(self, model, actions, condition=None, return_values: str | None = None):
        self.model = model
        self._source = (list(actions), condition, return_values)
        self._built = None
        self._slots = _slots_in(actions, condition)
        self.names = frozenset(self._slots)

    def _build(self):
        actions, condition, return_values = self._source
        model = self.model
        keys = [attr for attr in (model._hash_key_attribute(), model._range_key_attribute()) if attr is not None]
        dummy = model(*(_sample_key(attr) for attr in keys))
        built = dummy.get_update_kwargs_from_instance(
            actions=actions, condition=condition, return_values_on_condition_failure=return_values
        )
        values = built.pop("ExpressionAttributeValues", {})
        del built["Key"], built["TableName"]
        fixed, filled = {}, []
        for placeholder, value in values.items():
            (serialized,) = value.values()
            if isinstance(serialized, str) and serialized.startswith(_MARK):
                name = serialized[len(_MARK) :]
                filled.append(_Filled(placeholder, name, self._slots[name].attribute))
            else:
                fixed[placeholder] = value
        self._built = (keys, built, fixed, filled)
        return self._built

    def item(self, *key, **values) -> dict:
        """The transaction item (PynamoDB's update kwargs) for ``key`` (hash [, range]) and every slot's value."""
        if values.keys() != self.names:
            raise TypeError(f"{self.model.__name__} update wants {sorted(self.names)}, got {sorted(values)}")
        keys, static, fixed, filled = self._built or self._build()
        item = {
            "TableName": self.model.Meta.table_name,
            "Key": {attr.attr_name: Value(k, attribute=attr).value for attr, k in zip(keys, key, strict=True)},
            **static,
        }
        expression_values = dict(fixed)
        for s in filled:
            expression_values[s.placeholder] = Value(values[s.name], attribute=s.attribute).value
        if expression_values:
            item["ExpressionAttributeValues"] = expression_values
        return item


def _sample_key(attribute: Attribute):
    return 0 if attribute.attr_type == "N" else "k"


def _slots_in(actions, condition) -> dict[str, _Slot]:
    """Every slot in the expression trees, by name."""
    found: dict[str, _Slot] = {}

    def walk(node):
        if isinstance(node, _Slot):
            found[node.name] = node
        elif isinstance(node, (_Operand, Condition, Action)):
            for child in node.values:
                walk(child)

    for node in [*actions, condition]:
        if node is not None:
            walk(node)
    return found


class TransactWrite(_PynamoTransactWrite):
    """PynamoDB's transaction, plus updates from templates (:meth:`update_from`)."""

    def update_from(self, template: UpdateTemplate, *key, **values) -> None:
        """Add ``template``'s update of ``key`` with ``values``, in order with the other updates."""
        self._update_items.append(template.item(*key, **values))
