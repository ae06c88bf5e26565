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

A template may also say how several uses on the same item add up (``merge``): the stock of one product
taken by several orders is one update taking their sum, a limit's slot taken by several is one update taking
that many. :meth:`TransactWrite.absorb` uses it to put several orders in one transaction
(:mod:`webdpro.db.together`); any other item written twice makes two transactions not combinable.
"""

from __future__ import annotations

from collections.abc import Callable
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

    def __init__(
        self,
        model,
        actions,
        condition=None,
        return_values: str | None = None,
        merge: Callable[[list[dict]], dict | None] | None = None,
    ):
        """``merge(uses)``: the values of ONE update that does what every use in ``uses`` (each a dict of
        values, in order) would do on the same item, or None when they cannot be one update."""
        self.model = model
        self.merge = merge
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


@dataclass(frozen=True)
class _Made:
    """An update made from ``template`` for ``key``: the values of every use it stands for."""

    template: UpdateTemplate
    key: tuple
    uses: tuple[dict, ...]


def _identity(table: str, key: dict) -> tuple:
    """The item a transaction item writes: its table and its key's (name, (type, value)) pairs."""
    return table, tuple(sorted((name, next(iter(value.items()))) for name, value in key.items()))


class TransactWrite(_PynamoTransactWrite):
    """PynamoDB's transaction, plus updates from templates (:meth:`update_from`) and several transactions
    written as one (:meth:`absorb`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._put_keys: list[tuple] = []  # the item each put writes, in order with _put_items
        self._made: dict[int, _Made] = {}  # index in _update_items -> the template update it is
        self._where: dict[tuple, tuple[str, int]] | None = None

    def save(self, model, condition=None, return_values=None) -> None:
        super().save(model, condition=condition, return_values=return_values)
        item = self._put_items[-1]
        names = [a.attr_name for a in (model._hash_key_attribute(), model._range_key_attribute()) if a is not None]
        self._put_keys.append(_identity(item["TableName"], {name: item["Item"][name] for name in names}))
        self._where = None

    def update_from(self, template: UpdateTemplate, *key, **values) -> None:
        """Add ``template``'s update of ``key`` with ``values``, in order with the other updates."""
        self._made[len(self._update_items)] = _Made(template, key, (values,))
        self._update_items.append(template.item(*key, **values))
        self._where = None

    def __len__(self) -> int:
        return (
            len(self._condition_check_items) + len(self._delete_items) + len(self._put_items) + len(self._update_items)
        )

    def commit(self):
        """Send the transaction (what leaving ``with transact_write() as tx:`` does); it may be sent again."""
        return self._commit()

    def _items_by_identity(self) -> dict[tuple, tuple[str, int]]:
        if self._where is None:
            where = {key: ("put", i) for i, key in enumerate(self._put_keys)}
            for kind, items in (
                ("check", self._condition_check_items),
                ("delete", self._delete_items),
                ("update", self._update_items),
            ):
                for i, item in enumerate(items):
                    where[_identity(item["TableName"], item["Key"])] = (kind, i)
            self._where = where
        return self._where

    def absorb(self, other: TransactWrite, *, max_items: int) -> bool:
        """Add every item of ``other`` to this transaction, so that both are written or neither is, and say
        True; or change nothing and say False. An item both write must be an update from the same template
        with a ``merge`` that accepts all their uses (it becomes one update); any other item written by
        both, a client request token, or more than ``max_items`` items in all refuse."""
        if other._client_request_token or self._client_request_token or len(other._put_keys) != len(other._put_items):
            return False
        merged = self._merges_with(other)
        if merged is None or len(self) + len(other) - len(merged) > max_items:
            return False
        where = self._items_by_identity()  # kept up to date here, not built again for the next absorb
        skip = set()
        for index, (made, values, theirs) in merged.items():
            self._update_items[index] = made.template.item(*made.key, **values)
            self._made[index] = made
            skip.add(theirs)
        for kind, mine, theirs in (
            ("check", self._condition_check_items, other._condition_check_items),
            ("delete", self._delete_items, other._delete_items),
        ):
            for item in theirs:
                where[_identity(item["TableName"], item["Key"])] = (kind, len(mine))
                mine.append(item)
        for key, item in zip(other._put_keys, other._put_items, strict=True):
            where[key] = ("put", len(self._put_items))
            self._put_keys.append(key)
            self._put_items.append(item)
        for index, item in enumerate(other._update_items):
            if index in skip:
                continue
            if index in other._made:
                self._made[len(self._update_items)] = other._made[index]
            where[_identity(item["TableName"], item["Key"])] = ("update", len(self._update_items))
            self._update_items.append(item)
        self._models_for_version_attribute_update += other._models_for_version_attribute_update
        return True

    def _merges_with(self, other: TransactWrite) -> dict[int, tuple[_Made, dict, int]] | None:
        """For each of our updates that ``other`` writes too: the merged update, its values and the index of
        ``other``'s; None if an item both write cannot be merged."""
        mine = self._items_by_identity()
        merged = {}
        for identity, (kind, index) in other._items_by_identity().items():
            found = mine.get(identity)
            if found is None:
                continue
            ours, theirs = self._made.get(found[1]), other._made.get(index)
            if kind != "update" or found[0] != "update" or ours is None or theirs is None:
                return None
            if ours.template is not theirs.template or ours.template.merge is None:
                return None
            uses = ours.uses + theirs.uses
            values = ours.template.merge(list(uses))
            if values is None:
                return None
            merged[found[1]] = (_Made(ours.template, ours.key, uses), values, index)
        return merged
