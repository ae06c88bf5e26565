"""GST on an order, per line, in exact paise.

Rules (hand-checked in tests/unit/test_gst.py):

1. A coupon's discount is spread over the lines in proportion to their amounts, in whole paise that
   add up to the discount (``money.allocate``). Each line's *net* is its amount minus its share.
2. Intra-state (the customer's state, from the delivery PIN code, is the store's state): CGST and SGST
   at half the rate each; otherwise IGST at the full rate. An unknown PIN state is treated as
   inter-state (IGST).
3. Prices exclude GST: taxable value = net; CGST = SGST = net × rate/2 % (each rounded half-up to the
   paisa), IGST = net × rate %. The tax is added to the order total.
   Prices include GST: CGST = SGST = net × (rate/2) / (100 + rate), IGST = net × rate / (100 + rate),
   each rounded half-up; taxable value = net − tax, so taxable value + tax is exactly what the customer
   pays for the line.
4. The delivery fee. A shop that delivers the goods it sells makes a *composite supply* (CGST Act 2017,
   s. 2(30) and s. 8(a)): the goods are the principal supply and the delivery goes with them, so the fee
   is taxed at the rate of the principal supply. An order may mix rates; the principal supply is taken
   to be the line with the **highest GST rate** (among lines with an amount), the reading that never
   under-charges. The fee is its own invoice line, SAC ``996813`` (local delivery services, heading 9968
   "postal and courier services"), taxed like the lines by rules 2 and 3 (inclusive or exclusive per the
   store's setting, CGST + SGST or IGST, each rounded half-up to the paisa). The coupon never discounts it.
   No fee (pickup, free delivery) — no line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from webdpro.money import allocate, part_of_inclusive, percent_of, to_decimal

ZERO = Decimal("0.00")
DELIVERY_SAC = "996813"  # local delivery services (heading 9968)
INTRA = "INTRA"  # CGST + SGST
INTER = "INTER"  # IGST


@dataclass
class LineTax:
    amount: Decimal  # the line's price × quantity
    rate: int
    discount: Decimal
    taxable: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal

    @property
    def tax(self) -> Decimal:
        return self.cgst + self.sgst + self.igst


@dataclass
class OrderTax:
    lines: list[LineTax]
    kind: str  # INTRA | INTER
    inclusive: bool
    delivery: LineTax | None = None  # the delivery fee's line (rule 4), None without a fee

    @property
    def all_lines(self) -> list[LineTax]:
        return self.lines + ([self.delivery] if self.delivery else [])

    def total(self, name: str) -> Decimal:
        return sum((getattr(line, name) for line in self.all_lines), ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((line.tax for line in self.all_lines), ZERO)

    @property
    def added_to_total(self) -> Decimal:
        """What GST adds to the order total: the tax when prices exclude it, else nothing."""
        return ZERO if self.inclusive else self.tax


def supply_kind(store_state: str | None, customer_state: str | None) -> str:
    return INTRA if store_state and customer_state == store_state else INTER


def line_tax(amount: Decimal, rate: int, discount: Decimal, *, inclusive: bool, kind: str) -> LineTax:
    net = to_decimal(amount) - discount
    half = Decimal(rate) / 2
    if inclusive:
        if kind == INTRA:
            cgst = sgst = part_of_inclusive(net, half, rate)
            igst = ZERO
        else:
            cgst = sgst = ZERO
            igst = part_of_inclusive(net, rate, rate)
        taxable = net - cgst - sgst - igst
    else:
        taxable = net
        if kind == INTRA:
            cgst = sgst = percent_of(net, half)
            igst = ZERO
        else:
            cgst = sgst = ZERO
            igst = percent_of(net, rate)
    return LineTax(to_decimal(amount), rate, discount, taxable, cgst, sgst, igst)


def principal_rate(lines: list[tuple[Decimal, int]]) -> int:
    """The rate of the principal supply (rule 4): the highest rate of a line with an amount, else 0."""
    return max((int(rate or 0) for amount, rate in lines if to_decimal(amount) > 0), default=0)


def order_tax(
    lines: list[tuple[Decimal, int]],
    discount: Decimal,
    *,
    inclusive: bool,
    kind: str,
    delivery_fee: Decimal = ZERO,
) -> OrderTax:
    """``lines``: (price × quantity, GST rate) per line, in order; ``delivery_fee`` taxed by rule 4."""
    amounts = [to_decimal(amount) for amount, _ in lines]
    shares = allocate(discount, amounts) if discount and sum(amounts) > 0 else [ZERO] * len(lines)
    taxed = [
        line_tax(amount, rate, share, inclusive=inclusive, kind=kind)
        for (amount, rate), share in zip(zip(amounts, (r for _, r in lines), strict=True), shares, strict=True)
    ]
    fee = to_decimal(delivery_fee or ZERO)
    delivery = None
    if fee > 0:
        delivery = line_tax(fee, principal_rate(lines), ZERO, inclusive=inclusive, kind=kind)
    return OrderTax(taxed, kind, inclusive, delivery)
