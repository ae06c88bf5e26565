"""Writes to a store's catalogue. Views call these; they build every DynamoDB condition.

Stock only ever changes through a conditional ``ADD`` (``stock_quantity >= n`` for a decrease, or
``stock_quantity = seen`` for a correction to an absolute number) in the same transaction as the
movement that records it (webdpro-stock-movements), so concurrent adjustments never lose an update
and the log never disagrees with the stock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pynamodb.exceptions import PutError, TransactWriteError

from webdpro import clock
from webdpro.db import (
    CONDITION_FAILED,
    TRANSACTION_CONFLICT,
    Product,
    cancellation_codes,
    conflict_on_condition,
    get_or_not_found,
    retry_transaction,
    transact_write,
)
from webdpro.db.stock_movements import CORRECTION, DAMAGED, INITIAL, RECEIVED, RETURN, SALE, StockMovement
from webdpro.errors import Conflict, NotFound, ValidationFailed
from webdpro.ids import new_id, short
from webdpro.money import parse_rupees

log = logging.getLogger(__name__)

MAX_STOCK = 10_000_000
MAX_PRICE = Decimal("10000000.00")  # ₹1 crore: a product price above it is a typo
TRANSACT_LIMIT = 100
ADJUSTMENT_KINDS = {
    RECEIVED: gettext_lazy("Stock received"),
    DAMAGED: gettext_lazy("Damaged / lost"),
    CORRECTION: gettext_lazy("Correction (count)"),
}


class InsufficientStock(Conflict):
    """A decrease would take stock below zero."""


@dataclass
class Actor:
    """Who made a change (shown in the movement log)."""

    user_id: str
    name: str | None = None

    @classmethod
    def of(cls, user) -> "Actor":
        if user is None or isinstance(user, Actor):
            return user or cls("system", "System")
        return cls(
            getattr(user, "user_id", None) or "system", getattr(user, "name", None) or getattr(user, "phone", None)
        )


# --- Validation shared by forms, inline edits and CSV import ----------------------------------------
def clean_price(value) -> Decimal:
    """Exact rupees: > 0, at most two decimal places, grouping ("1,299.00", "1,23,456") and ₹ accepted."""
    return parse_rupees(value, field="price", label=_("price"), maximum=MAX_PRICE, positive=True)


def clean_count(value, field: str, label: str, allow_blank_as=None) -> int:
    text = str(value if value is not None else "").strip().replace(",", "")
    if text == "" and allow_blank_as is not None:
        return allow_blank_as
    try:
        number = Decimal(text)
    except Exception as exc:
        raise ValidationFailed(_("%(label)s must be a whole number.") % {"label": label}, field=field) from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise ValidationFailed(_("%(label)s must be a whole number.") % {"label": label}, field=field)
    number = int(number)
    if number < 0:
        raise ValidationFailed(_("%(label)s cannot be negative.") % {"label": label}, field=field)
    if number > MAX_STOCK:
        raise ValidationFailed(_("%(label)s is too large.") % {"label": label}, field=field)
    return number


def clean_name(value) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValidationFailed(_("Enter a product name."), field="name")
    if len(name) > 120:
        raise ValidationFailed(_("Keep the name under 120 characters."), field="name")
    return name


def clean_category(value) -> str | None:
    text = " ".join(str(value or "").split())
    if len(text) > 60:
        raise ValidationFailed(_("Keep the category under 60 characters."), field="category")
    return text or None


def clean_description(value) -> str | None:
    text = str(value or "").strip()
    if len(text) > 4000:
        raise ValidationFailed(_("Keep the description under 4,000 characters."), field="description")
    return text or None


# --- Products --------------------------------------------------------------------------------------
def _movement(store_id, tenant_id, product_id, kind, delta, reason, actor: Actor, now):
    return StockMovement(
        store_id,
        f"{product_id}#{new_id()}",
        product_id=product_id,
        kind=kind,
        delta=delta,
        reason=reason or None,
        by=actor.user_id,
        by_name=actor.name,
        created_at=now,
        tenant_id=tenant_id,
    )


def create_product(
    store,
    *,
    name,
    price,
    description=None,
    category=None,
    images=None,
    stock_quantity=0,
    low_stock_threshold=5,
    is_active=True,
    by=None,
) -> Product:
    """A new product, and (when it starts with stock) its INITIAL movement, in one transaction."""
    actor = Actor.of(by)
    now = clock.now_iso()
    product = Product(
        store.store_id,
        new_id(),
        name=clean_name(name),
        description=clean_description(description),
        price=clean_price(price),
        currency="INR",
        category=clean_category(category),
        images=list(images or []),
        stock_quantity=clean_count(stock_quantity, "stock_quantity", "Stock"),
        low_stock_threshold=clean_count(low_stock_threshold, "low_stock_threshold", "Low-stock level"),
        is_active=bool(is_active),
        created_at=now,
        updated_at=now,
        tenant_id=store.tenant_id,
    )
    with transact_write() as tx:
        tx.save(product, condition=Product.product_id.does_not_exist())
        if product.stock_quantity:
            tx.save(
                _movement(
                    store.store_id,
                    store.tenant_id,
                    product.product_id,
                    INITIAL,
                    product.stock_quantity,
                    "Opening stock",
                    actor,
                    now,
                )
            )
    return product


def update_product(
    store,
    product_id,
    *,
    name,
    price,
    description=None,
    category=None,
    images=None,
    low_stock_threshold=5,
    is_active=True,
    stock_quantity=None,
    stock_seen=None,
    by=None,
) -> Product:
    """Edit a product. A changed stock number is a correction: ``ADD`` the difference on the condition
    that stock is still what the owner saw (someone sold one meanwhile → Conflict, nothing written)."""
    actor = Actor.of(by)
    now = clock.now_iso()
    actions = [
        Product.name.set(clean_name(name)),
        Product.price.set(clean_price(price)),
        Product.category.set(clean_category(category)) if clean_category(category) else Product.category.remove(),
        Product.low_stock_threshold.set(clean_count(low_stock_threshold, "low_stock_threshold", "Low-stock level")),
        Product.is_active.set(bool(is_active)),
        Product.updated_at.set(now),
    ]
    desc = clean_description(description)
    actions.append(Product.description.set(desc) if desc else Product.description.remove())
    if images is not None:
        actions.append(Product.images.set(list(images)))
    condition = Product.product_id.exists()
    movement = None
    if stock_quantity is not None and stock_seen is not None:
        new = clean_count(stock_quantity, "stock_quantity", "Stock")
        seen = clean_count(stock_seen, "stock_quantity", "Stock")
        if new != seen:
            actions.append(Product.stock_quantity.add(new - seen))
            condition &= Product.stock_quantity == seen
            movement = _movement(
                store.store_id,
                store.tenant_id,
                product_id,
                CORRECTION,
                new - seen,
                "Edited on the product form",
                actor,
                now,
            )
    try:
        with transact_write() as tx:
            tx.update(Product(store.store_id, product_id), actions=actions, condition=condition)
            if movement:
                tx.save(movement)
    except TransactWriteError as exc:
        _raise_stock_conflict(exc, store.store_id, product_id, stock_seen)
    return Product.get(store.store_id, product_id)


def _raise_stock_conflict(exc, store_id, product_id, seen=None):
    codes = cancellation_codes(exc)
    if TRANSACTION_CONFLICT in codes and CONDITION_FAILED not in codes:
        raise Conflict(_("This product is being changed by someone else right now. Try again.")) from exc
    if CONDITION_FAILED not in codes:
        raise exc
    current = get_or_not_found(Product, store_id, product_id, message=_("Product not found."))
    if seen is not None:
        raise Conflict(
            _(
                "Stock changed to %(stock_quantity)s while you were editing (you saw "
                "%(seen)s). Nothing was saved: check the number and save again."
            )
            % {"stock_quantity": current.stock_quantity, "seen": seen},
            field="stock_quantity",
        ) from exc
    raise Conflict(_("Someone changed this product meanwhile. Reload and try again.")) from exc


def set_price(store_id, product_id, price) -> Product:
    return _set(store_id, product_id, [Product.price.set(clean_price(price))])


def set_active(store_id, product_id, active: bool) -> Product:
    return _set(store_id, product_id, [Product.is_active.set(bool(active))])


def _set(store_id, product_id, actions) -> Product:
    product = Product(store_id, product_id)
    with conflict_on_condition(_("Product not found."), error=NotFound):
        product.update(
            actions=[*actions, Product.updated_at.set(clock.now_iso())], condition=Product.product_id.exists()
        )
    return product  # update() refreshes every attribute from ALL_NEW


def set_stock(store, product_id, new_quantity, seen, *, reason=None, by=None) -> Product:
    """The owner typed an absolute stock number over the one they saw: a conditional correction."""
    new = clean_count(new_quantity, "stock_quantity", "Stock")
    seen = clean_count(seen, "stock_quantity", "Stock")
    if new == seen:
        return Product.get(store.store_id, product_id)
    return _apply_delta(
        store, product_id, new - seen, CORRECTION, reason or "Set in the product list", Actor.of(by), expect=seen
    )


def adjust_stock(store, product_id, kind, quantity, reason, *, by=None) -> Product:
    """Stock received (+), damaged (−) or a correction (±) with a reason; never below zero.

    ``quantity`` is the number of units for RECEIVED/DAMAGED (positive) and a signed change for
    CORRECTION. A decrease is conditional on ``stock_quantity >= n``: of two concurrent −5s on a
    stock of 8 exactly one succeeds; the other gets InsufficientStock and writes nothing.
    """
    if kind not in ADJUSTMENT_KINDS:
        raise ValidationFailed(_("Choose what happened: received, damaged or correction."), field="kind")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ValidationFailed(_("Say why (e.g. supplier invoice number, “dropped crate”)."), field="reason")
    if len(reason) > 200:
        raise ValidationFailed(_("Keep the reason under 200 characters."), field="reason")
    text = str(quantity if quantity is not None else "").strip()
    try:
        number = Decimal(text)
    except Exception:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise ValidationFailed(_("Enter a whole number of units."), field="quantity")
    number = int(number)
    if kind in (RECEIVED, DAMAGED) and number <= 0:
        raise ValidationFailed(_("Enter how many units (more than 0)."), field="quantity")
    if kind == CORRECTION and number == 0:
        raise ValidationFailed(
            _("A correction changes stock by at least one unit (use − for fewer)."), field="quantity"
        )
    if abs(number) > MAX_STOCK:
        raise ValidationFailed(_("That is too many units."), field="quantity")
    delta = -number if kind == DAMAGED else number
    return _apply_delta(store, product_id, delta, kind, reason, Actor.of(by))


def _apply_delta(store, product_id, delta, kind, reason, actor: Actor, expect=None, attempts=4) -> Product:
    store_id = store.store_id
    condition = Product.product_id.exists()
    if expect is not None:
        condition &= Product.stock_quantity == expect
    elif delta < 0:
        condition &= Product.stock_quantity >= -delta
    write = partial(_write_delta, store, product_id, delta, kind, reason, actor, condition)
    try:
        retry_transaction(write, attempts=attempts)
    except TransactWriteError as exc:
        if CONDITION_FAILED not in cancellation_codes(exc):
            raise Conflict(_("This product is being changed by someone else right now. Try again.")) from exc
        current = get_or_not_found(Product, store_id, product_id, message="Product not found.")
        if expect is not None:
            raise Conflict(
                _(
                    "Stock changed to %(stock_quantity)s meanwhile (you saw %(expect)s). "
                    "Nothing was saved: check and try again."
                )
                % {"stock_quantity": current.stock_quantity, "expect": expect},
                field="stock_quantity",
            ) from exc
        raise InsufficientStock(
            _("Cannot remove %(value)s: only %(stock_quantity)s in stock. Nothing was changed.")
            % {"value": -delta, "stock_quantity": current.stock_quantity},
            field="quantity",
        ) from exc
    return Product.get(store_id, product_id)


def _write_delta(store, product_id, delta, kind, reason, actor: Actor, condition) -> None:
    """The stock change and its movement, in one transaction."""
    now = clock.now_iso()
    with transact_write() as tx:
        tx.update(
            Product(store.store_id, product_id),
            actions=[Product.stock_quantity.add(delta), Product.updated_at.set(now)],
            condition=condition,
        )
        tx.save(_movement(store.store_id, store.tenant_id, product_id, kind, delta, reason, actor, now))


def sale_movement(
    store_id: str, tenant_id: str, product_id: str, quantity: int, order_id: str, variant_id: str | None = None
) -> StockMovement:
    """The SALE movement for an order line, for the order-placement transaction to save next to its
    conditional stock decrement (``tx.save(sale_movement(...))``), so the product's log shows sales too.
    Pass the units sold (positive); a cancellation that puts stock back passes ``-units`` and is
    logged as RETURN (+units)."""
    units = int(quantity)
    kind = SALE if units > 0 else RETURN
    reason = f"Order {short(order_id)}" if units > 0 else f"Order {short(order_id)} cancelled: back in stock"
    movement = _movement(
        store_id, tenant_id, product_id, kind, -units, reason, Actor("system", "Order"), clock.now_iso()
    )
    movement.variant_id = variant_id
    return movement


MOVEMENT_FIELDS = ("product_id", "kind", "delta", "reason", "by", "by_name", "created_at", "tenant_id", "variant_id")


def add_movement(tx, movement: StockMovement) -> None:
    """Write ``movement`` in ``tx`` as an update of its new key. PynamoDB sends puts before updates and
    updates in the order added, so a movement added last leaves the cancellation reasons of the items
    added before it where their callers read them."""
    actions = [
        getattr(StockMovement, name).set(getattr(movement, name))
        for name in MOVEMENT_FIELDS
        if getattr(movement, name) is not None
    ]
    tx.update(movement, actions=actions, condition=StockMovement.movement_key.does_not_exist())


def return_movements(order, returns: dict[str, int]) -> list[StockMovement]:
    """The RETURN movements for stock an order gives back (cancelled or expired), one per product and
    variant, for the transaction that adds the units back (``returns``: product_id → units)."""
    units: dict[tuple[str, str | None], int] = {}
    for item in order.items or []:
        if item.product_id in returns and item.quantity and item.quantity > 0:
            key = (item.product_id, getattr(item, "variant_id", None))
            units[key] = units.get(key, 0) + int(item.quantity)
    return [
        sale_movement(order.store_id, order.tenant_id, product_id, -quantity, order.order_id, variant_id)
        for (product_id, variant_id), quantity in units.items()
    ]


def bulk_set_active(store, product_ids, active: bool) -> int:
    """Activate/deactivate selected products: TransactWrite updates (≤ 100 per call), no reads.

    Each update is conditional on the item existing under this store, so ids from elsewhere create
    nothing; if any is missing the whole batch is refused.
    """
    ids = list(dict.fromkeys(p for p in product_ids if p))
    if not ids:
        raise ValidationFailed(_("Select at least one product."))
    now = clock.now_iso()
    done = 0
    for start in range(0, len(ids), TRANSACT_LIMIT):
        chunk = ids[start : start + TRANSACT_LIMIT]
        try:
            with transact_write() as tx:
                for pid in chunk:
                    tx.update(
                        Product(store.store_id, pid),
                        actions=[Product.is_active.set(bool(active)), Product.updated_at.set(now)],
                        condition=Product.product_id.exists(),
                    )
        except TransactWriteError as exc:
            if CONDITION_FAILED in cancellation_codes(exc):
                raise NotFound(_("Some of the selected products no longer exist. Reload the list.")) from exc
            if TRANSACTION_CONFLICT in cancellation_codes(exc):
                raise Conflict(_("Some of these products are being changed right now. Try again.")) from exc
            raise
        done += len(chunk)
    return done


def delete_product(store, product_id) -> None:
    with conflict_on_condition(_("Product not found."), error=NotFound):
        Product(store.store_id, product_id).delete(condition=Product.product_id.exists())


__all__ = [
    "InsufficientStock",
    "Actor",
    "create_product",
    "update_product",
    "set_price",
    "set_active",
    "set_stock",
    "adjust_stock",
    "bulk_set_active",
    "sale_movement",
    "return_movements",
    "add_movement",
    "clean_price",
    "clean_count",
    "PutError",
    "delete_product",
]
