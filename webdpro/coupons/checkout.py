"""Coupons at checkout: price the cart, then take one use inside the order transaction.

``quote`` is what the cart shows. ``for_order`` re-reads the coupon (consistent) when the order is
placed and fixes the discount; ``add_to_transaction`` adds two updates to the order's
``TransactWriteItems``:

* the coupon: ``uses + 1``, ``discount_given + d`` on ``is_paused = false`` and, with a total limit,
  ``uses < max_uses`` — so when one use is left and many customers check out at once exactly one
  order gets it;
* the customer's use item ``USE#<CODE>#<phone>``: ``uses + 1`` (created on first use) on
  ``uses < per_phone_limit`` when the coupon has one, and the order id appended.

If either condition fails the whole order is refused (nothing written) with the reason, instead of
being placed at a price the customer did not see.

Cancelling the order (owner, or the expiry of an unpaid order: ``webdpro.orders.cancellation``) gives the
use back in the cancellation's own transaction (:func:`add_return_to_transaction`): ``uses - 1`` and
``discount_given - d`` on the coupon, ``uses - 1`` on the customer's use item, each on the condition that
the use is there to return (``uses >= 1``; for the customer's item, this order is one of its orders). The
order id is added to the use item's ``cancelled_order_ids``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from webdpro.coupons import rules
from webdpro.coupons.rules import CouponRefused
from webdpro.db.coupons import Coupon, CouponUse, coupon_sk, use_sk
from webdpro.errors import NotFound


@dataclass
class Applied:
    coupon: Coupon
    discount: Decimal

    @property
    def code(self) -> str:
        return self.coupon.code

    @property
    def description(self) -> str:
        return rules.describe(self.coupon)


def _load(store_id: str, raw_code, consistent: bool) -> Coupon:
    from webdpro.coupons.selectors import get_coupon

    code = rules.code_or_refuse(raw_code)
    try:
        return get_coupon(store_id, code, consistent=consistent)
    except NotFound:
        raise CouponRefused(_("This shop has no code %(code)s.") % {"code": code}) from None


def quote(store_id: str, raw_code, subtotal: Decimal) -> Applied:
    """The discount ``raw_code`` gives on this cart. Raises CouponRefused with the reason."""
    coupon = _load(store_id, raw_code, consistent=False)
    reason = rules.refusal(coupon, subtotal)
    if reason:
        raise CouponRefused(reason)
    return Applied(coupon, rules.discount_for(coupon, subtotal))


def for_order(store_id: str, raw_code, subtotal: Decimal) -> Applied | None:
    """The coupon for an order being placed (None without a code), read consistently."""
    if not raw_code:
        return None
    coupon = _load(store_id, raw_code, consistent=True)
    reason = rules.refusal(coupon, subtotal)
    if reason:
        raise CouponRefused(reason)
    return Applied(coupon, rules.discount_for(coupon, subtotal))


def add_to_transaction(tx, applied: Applied | None, *, order_id: str, phone: str, now: str) -> int:
    """Add the coupon's updates to ``tx``; returns how many updates were added (0 or 2)."""
    if applied is None:
        return 0
    coupon = applied.coupon
    condition = Coupon.sk.exists() & (Coupon.is_paused == False)  # noqa: E712
    if coupon.max_uses is not None:
        condition &= Coupon.uses < coupon.max_uses
    tx.update(
        Coupon(coupon.store_id, coupon_sk(coupon.code)),
        actions=[Coupon.uses.add(1), Coupon.discount_given.add(applied.discount), Coupon.updated_at.set(now)],
        condition=condition,
    )
    use_condition = None
    if coupon.per_phone_limit is not None:
        use_condition = CouponUse.uses.does_not_exist() | (CouponUse.uses < coupon.per_phone_limit)
    tx.update(
        CouponUse(coupon.store_id, use_sk(coupon.code, phone)),
        actions=[
            CouponUse.uses.add(1),
            CouponUse.code.set(coupon.code),
            CouponUse.phone.set(phone),
            CouponUse.order_ids.set((CouponUse.order_ids | []).append([order_id])),
            CouponUse.last_used_at.set(now),
        ],
        condition=use_condition,
    )
    return 2


def add_return_to_transaction(tx, order, *, now: str, parts=("coupon", "coupon_use")) -> list[str]:
    """For a cancelled order that used a coupon: the updates that give its use back, added to ``tx`` in
    the order of ``parts`` (the caller leaves out a part whose item is gone). Returns the parts added."""
    code = getattr(order, "coupon_code", None)
    if not code:
        return []
    added = []
    if "coupon" in parts:
        tx.update(
            Coupon(order.store_id, coupon_sk(code)),
            actions=[
                Coupon.uses.add(-1),
                Coupon.discount_given.add(-(order.discount or 0)),
                Coupon.updated_at.set(now),
            ],
            condition=Coupon.sk.exists() & (Coupon.uses >= 1),
        )
        added.append("coupon")
    if "coupon_use" in parts:
        tx.update(
            CouponUse(order.store_id, use_sk(code, order.customer_phone)),
            actions=[
                CouponUse.uses.add(-1),
                CouponUse.cancelled_order_ids.set((CouponUse.cancelled_order_ids | []).append([order.order_id])),
            ],
            condition=(CouponUse.uses >= 1) & CouponUse.order_ids.contains(order.order_id),
        )
        added.append("coupon_use")
    return added


def refusal_from_reasons(applied: Applied | None, reasons) -> CouponRefused | None:
    """The coupon's part of a cancelled transaction (its two reasons) as an error, or None."""
    if applied is None:
        return None
    codes = [getattr(r, "code", None) for r in list(reasons)[:2]]
    if codes and codes[0] == "ConditionalCheckFailed":
        return CouponRefused(rules.used_up(applied.code))
    if len(codes) > 1 and codes[1] == "ConditionalCheckFailed":
        return CouponRefused(rules.phone_limit_reached(applied.code))
    return None
