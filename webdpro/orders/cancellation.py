"""Cancel an order and give its stock back — the one way, shared by the owner's ``cancel_order`` and
the expiry of unpaid orders, so both write, log stock movements, notify and refresh alike.

One transaction changes the order's status to CANCELLED through :mod:`webdpro.orders.workflow` (on the
condition that its status is still the one read, plus any ``extra_condition``), adds every item's
quantity back to its product (and variant) with its RETURN movement, gives the coupon use back (the
coupon's ``uses`` and ``discount_given``, the customer's use item: :mod:`webdpro.coupons.checkout`) and
lowers the customer's ``orders_count`` and ``total_spent`` in the store's customer list
(:mod:`webdpro.customers.records`). A product deleted since is skipped (its reason is
``ConditionalCheckFailed`` on ``product_id`` existing) and the timeline says so, instead of blocking
the cancellation; so is a coupon or customer item whose condition fails (nothing of it to give back).
Transaction conflicts are retried with :func:`webdpro.db.retry_transaction`.

After the write: the local order reflects it, the customer is told (:mod:`webdpro.orders.notifications`),
the dashboard home's cached figures are dropped and the stock forecast is refreshed.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from functools import partial

from django.utils.translation import gettext_lazy, ngettext
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import CONDITION_FAILED, Order, Product, cancellation_codes, retry_transaction, transact_write
from webdpro.db.orders import OrderStatus, StatusChange
from webdpro.errors import Conflict
from webdpro.orders import workflow
from webdpro.products import variants

log = logging.getLogger("webdpro.orders")

CONFLICT_MESSAGE = gettext_lazy("This order was changed by someone else a moment ago. Reload and try again.")


class OrderChanged(Conflict):
    """The order's status (or the extra condition) changed since it was read: nothing was written."""


def stock_returns(order: Order) -> OrderedDict[str, int]:
    """Units to give back per product, in item order."""
    quantities: OrderedDict[str, int] = OrderedDict()
    for item in order.items or []:
        if item.quantity and item.quantity > 0:
            quantities[item.product_id] = quantities.get(item.product_id, 0) + int(item.quantity)
    return quantities


def cancel_and_restock(
    order: Order, by: str, reason: str | None, *, extra_condition=None, extra_actions=()
) -> dict[str, int]:
    """Cancel ``order`` and return its stock, coupon use and customer totals in one transaction; returns
    the units given back per product.

    Raises ``OrderChanged`` when the order is no longer as read, ``Conflict`` when other writers kept
    the items busy through every retry."""
    returns = stock_returns(order)
    skipped: list[str] = []  # product ids, and "coupon" / "coupon_use" / "customer"
    while True:
        note = _note(reason, [s for s in skipped if s in returns])
        write = partial(_write, order, by, note, returns, skipped, extra_condition, extra_actions)
        try:
            retry_transaction(write)
            break
        except TransactWriteError as exc:
            skipped.extend(_parts_gone(exc, order, _parts(order, returns, skipped)))
    returned = {pid: quantity for pid, quantity in returns.items() if pid not in skipped}
    _after_cancel(order, by, note, returned)
    return returned


def _note(reason: str | None, skipped: list[str]) -> str | None:
    if not skipped:
        return reason
    skipped_note = ngettext(
        "stock not returned for %(n)s removed product", "stock not returned for %(n)s removed products", len(skipped)
    ) % {"n": len(skipped)}
    return ((reason + " · ") if reason else "") + skipped_note


def _parts(order, returns, skipped) -> list[str]:
    """What the transaction updates after the order, in order: products, then the givebacks."""
    parts = [pid for pid in returns if pid not in skipped]
    if getattr(order, "coupon_code", None):
        parts += [p for p in ("coupon", "coupon_use") if p not in skipped]
    if order.customer_phone and "customer" not in skipped:
        parts.append("customer")
    return parts


def _write(order, by, note, returns, skipped, extra_condition, extra_actions) -> None:
    """The status change, each product's units back, the coupon use and customer totals back, and the
    RETURN movements, in one transaction (updates go in the order added, as :func:`_parts` lists them)."""
    from webdpro.coupons.checkout import add_return_to_transaction
    from webdpro.customers.records import add_cancel_to_transaction
    from webdpro.products.services import add_movement, return_movements

    at = clock.now_iso()
    parts = _parts(order, returns, skipped)
    pending = {pid: returns[pid] for pid in parts if pid in returns}
    with transact_write() as tx:
        workflow.add_transition(
            tx, order, OrderStatus.CANCELLED, by, note, extra_actions=extra_actions, extra_condition=extra_condition
        )
        for product_id, quantity in pending.items():
            more, still_there = variants.restock(order, product_id)  # a variant's own units back too
            exists = Product.product_id.exists()
            tx.update(
                Product(order.store_id, product_id),
                actions=[Product.stock_quantity.add(quantity), Product.updated_at.set(at), *more],
                condition=exists & still_there if still_there is not None else exists,
            )
        add_return_to_transaction(tx, order, now=at, parts=[p for p in parts if p in ("coupon", "coupon_use")])
        if "customer" in parts:
            add_cancel_to_transaction(tx, order)
        for movement in return_movements(order, pending):
            add_movement(tx, movement)


def _parts_gone(exc: TransactWriteError, order: Order, parts: list[str]) -> list[str]:
    """The parts whose condition failed (products deleted since, nothing to give back) to skip on the next
    try; raises ``OrderChanged`` when the order itself changed, ``Conflict`` (or the error) otherwise."""
    codes = cancellation_codes(exc)
    if not codes:
        raise exc
    # Updates are sent in the order added: the order first, then the parts.
    if codes[0] == CONDITION_FAILED:
        raise OrderChanged(CONFLICT_MESSAGE) from exc
    gone = [part for part, code in zip(parts, codes[1:], strict=False) if code == CONDITION_FAILED]
    if not gone:
        raise Conflict(CONFLICT_MESSAGE) from exc
    log.warning("cancel: nothing to give back for some items", extra={"order_id": order.order_id, "parts": gone})
    return gone


def _after_cancel(order: Order, by: str, note: str | None, returned: dict[str, int]) -> None:
    """Reflect the write locally (the transaction does not return the item), then its after-effects."""
    from webdpro.orders import home_cache
    from webdpro.orders.notifications import notify_status
    from webdpro.products.prediction import refresh_after_order

    at = clock.now_iso()
    order.history = [*(order.history or []), StatusChange(status=OrderStatus.CANCELLED, at=at, by=by, note=note)]
    order.status, order.updated_at, order.cancel_reason = OrderStatus.CANCELLED, at, note
    order.stock_returned = returned
    home_cache.order_changed(order)  # the dashboard home's cached days may count this order
    notify_status(order, OrderStatus.CANCELLED)  # logs and swallows its own failures
    if returned:
        refresh_after_order(order)  # stock came back: recompute the forecast (background, never raises)
