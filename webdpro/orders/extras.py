"""What an order carries besides its lines and stock: the coupon (and the store's other additions).

``place_order`` calls these four steps and nothing else, so the additions stay out of placement:

* :func:`prepare` — after pricing: read and check the coupon (consistent), fix the discount;
* :meth:`OrderExtras.apply` — on the built order: discount, coupon code, total;
* :meth:`OrderExtras.add_to_transaction` — inside the order's TransactWriteItems, after the line
  updates: the coupon's conditional counters;
* :meth:`OrderExtras.explain` — on a cancelled transaction: raise the coupon's refusal (its reasons
  follow the lines').
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from webdpro.coupons import checkout as coupon_checkout


@dataclass
class OrderExtras:
    coupon: coupon_checkout.Applied | None = None

    @property
    def discount(self) -> Decimal:
        return self.coupon.discount if self.coupon else Decimal("0.00")

    def apply(self, order) -> None:
        if self.coupon:
            order.coupon_code = self.coupon.code
            order.discount = self.coupon.discount
            order.total_amount = order.subtotal - self.coupon.discount + order.delivery_fee

    def add_to_transaction(self, tx, order) -> None:
        coupon_checkout.add_to_transaction(
            tx, self.coupon, order_id=order.order_id, phone=order.customer_phone, now=order.created_at
        )

    def explain(self, reasons, exc) -> None:
        refused = coupon_checkout.refusal_from_reasons(self.coupon, reasons)
        if refused:
            raise refused from exc


def prepare(store, subtotal: Decimal, coupon_code: str | None = None) -> OrderExtras:
    return OrderExtras(coupon=coupon_checkout.for_order(store.store_id, coupon_code, subtotal))
