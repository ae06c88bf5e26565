"""What an order carries besides its lines and stock: the coupon, GST and the invoice number.

``place_order`` calls these steps and nothing else, so the additions stay out of placement:

* :func:`prepare` — after pricing: read and check the coupon (consistent), take the tenant's GST
  registration (read by placement with the products), work out the tax per line (``webdpro.orders.tax``);
* :meth:`OrderExtras.apply` — on the built order: discount, coupon code, GST per line and in total,
  the seller's GSTIN and state, the buyer's state, the total;
* :meth:`OrderExtras.add_to_transaction` — inside the order's TransactWriteItems, after the line
  updates: the coupon's conditional counters;
* :meth:`OrderExtras.explain` — on a cancelled transaction: raise the coupon's refusal (its reasons
  follow the lines').

The invoice is numbered later, off the request, once the order is a sale (``webdpro.orders.invoices``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from webdpro.coupons import checkout as coupon_checkout
from webdpro.customers import records as customer_records
from webdpro.db.orders import DeliveryTax
from webdpro.gst.selectors import registration
from webdpro.gst.states import state_of_pincode
from webdpro.orders import tax


@dataclass
class OrderExtras:
    coupon: coupon_checkout.Applied | None = None
    gstin: str | None = None
    seller_state: str | None = None
    buyer_state: str | None = None
    order_tax: tax.OrderTax | None = None
    hsn_codes: list | None = None

    @property
    def discount(self) -> Decimal:
        return self.coupon.discount if self.coupon else Decimal("0.00")

    def apply(self, order) -> None:
        if self.coupon:
            order.coupon_code = self.coupon.code
            order.discount = self.coupon.discount
        order.buyer_state = self.buyer_state
        if self.order_tax is not None:
            self._apply_tax(order)
        added = self.order_tax.added_to_total if self.order_tax else Decimal("0.00")
        order.total_amount = order.subtotal - self.discount + added + order.delivery_fee

    def _apply_tax(self, order) -> None:
        order.seller_gstin, order.seller_state = self.gstin, self.seller_state
        order.tax_kind, order.prices_include_tax = self.order_tax.kind, self.order_tax.inclusive
        order.tax_total = self.order_tax.tax
        for item, line, hsn in zip(order.items, self.order_tax.lines, self.hsn_codes, strict=True):
            item.hsn_code, item.gst_rate = hsn, line.rate
            item.discount, item.taxable_value = line.discount, line.taxable
            item.cgst, item.sgst, item.igst = line.cgst, line.sgst, line.igst
        fee = self.order_tax.delivery
        if fee is not None:
            order.delivery_tax = DeliveryTax(
                sac=tax.DELIVERY_SAC,
                gst_rate=fee.rate,
                taxable_value=fee.taxable,
                cgst=fee.cgst,
                sgst=fee.sgst,
                igst=fee.igst,
            )

    def add_to_transaction(self, tx, order) -> None:
        """Coupon counters first (``explain`` reads their reasons first), then the store's customer item."""
        coupon_checkout.add_to_transaction(
            tx, self.coupon, order_id=order.order_id, phone=order.customer_phone, now=order.created_at
        )
        customer_records.add_to_transaction(tx, order)

    def explain(self, reasons, exc) -> None:
        refused = coupon_checkout.refusal_from_reasons(self.coupon, reasons)
        if refused:
            raise refused from exc


def prepare(store, priced, products: dict, pincode: str, *, gst: tuple, coupon_code: str | None = None) -> OrderExtras:
    """``gst``: the tenant's (GSTIN, state), read by placement in the same BatchGetItem as the products."""
    extras = OrderExtras(coupon=coupon_checkout.for_order(store.store_id, coupon_code, priced.subtotal))
    extras.buyer_state = state_of_pincode(pincode)
    extras.gstin, extras.seller_state = gst
    if not pincode:  # a pickup order is supplied over the counter, in the shop's own state
        extras.buyer_state = extras.seller_state
    if extras.gstin:
        items = priced.items
        extras.hsn_codes = [products[i.product_id].hsn_code for i in items]
        lines = [(i.line_total, products[i.product_id].gst_rate or 0) for i in items]
        extras.order_tax = tax.order_tax(
            lines,
            extras.discount,
            inclusive=store.prices_include_tax is not False,
            kind=tax.supply_kind(extras.seller_state, extras.buyer_state),
            delivery_fee=priced.delivery_fee,
        )
    return extras


def tax_estimate(
    store, lines: list[tuple[Decimal, int]], discount: Decimal, delivery_fee: Decimal = Decimal("0.00")
) -> tuple[Decimal, Decimal] | None:
    """(GST the cart will add, the part of it on the delivery fee) when the store's prices exclude GST
    (None when nothing is added). Worked out as same-state supply; the order fixes CGST + SGST or IGST
    from the delivery PIN code."""
    if store.prices_include_tax is not False or not lines:
        return None
    gstin, _state = registration(store.tenant_id)
    if not gstin:
        return None
    worked = tax.order_tax(lines, discount, inclusive=False, kind=tax.INTRA, delivery_fee=delivery_fee)
    return worked.tax, (worked.delivery.tax if worked.delivery else Decimal("0.00"))
