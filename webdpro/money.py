"""Exact money: Decimal rupees inside, integer paise at gateways, Indian digit grouping on screen."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PAISA = Decimal("0.01")


class MoneyError(ValueError):
    pass


def to_decimal(value) -> Decimal:
    """Parse user or stored input to rupees with two places. Floats are refused."""
    if isinstance(value, float):
        raise MoneyError("floats are not money; pass a string, int or Decimal")
    if isinstance(value, Decimal):
        amount = value
    else:
        text = str(value).strip().replace(",", "").replace("₹", "").strip()
        if not text:
            raise MoneyError("Enter an amount.")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise MoneyError(f"“{value}” is not an amount.") from exc
    if not amount.is_finite():
        raise MoneyError("Enter an amount.")
    return amount.quantize(PAISA, rounding=ROUND_HALF_UP)


def to_paise(amount) -> int:
    return int(to_decimal(amount) * 100)


def from_paise(paise: int) -> Decimal:
    return (Decimal(int(paise)) / 100).quantize(PAISA)


def group_indian(integer_digits: str) -> str:
    """'123456789' → '12,34,56,789' (last three, then pairs)."""
    if len(integer_digits) <= 3:
        return integer_digits
    head, tail = integer_digits[:-3], integer_digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    if head:
        pairs.insert(0, head)
    return ",".join(pairs) + "," + tail


def format_inr(value, symbol: bool = True, decimals: bool = True) -> str:
    """Decimal('123456') → '₹1,23,456.00'; negative amounts as '-₹500.00'."""
    if value is None or value == "":
        return ""
    amount = to_decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole, _, fraction = f"{amount:.2f}".partition(".")
    text = group_indian(whole) + (f".{fraction}" if decimals else "")
    return f"{sign}{'₹' if symbol else ''}{text}"


def percent_of(amount, percent) -> Decimal:
    """``percent`` % of ``amount``, rounded half-up to the paisa (₹99.99 × 12.5 % = ₹12.50)."""
    return (to_decimal(amount) * Decimal(str(percent)) / 100).quantize(PAISA, rounding=ROUND_HALF_UP)


def allocate(total, weights) -> list[Decimal]:
    """Split ``total`` rupees over ``weights`` in proportion, in whole paise that add up exactly.

    Each share is floored to the paisa, then the paise left over go one each to the largest remainders
    (ties to the earlier weight). ``allocate(10, [1, 1, 1])`` → 3.34, 3.33, 3.33.
    """
    total_paise = to_paise(total)
    weights = [to_decimal(w) for w in weights]
    whole = sum(weights, Decimal(0))
    if not weights:
        return []
    if whole <= 0:
        shares = [0] * len(weights)
        shares[0] = total_paise
        return [from_paise(s) for s in shares]
    exact = [Decimal(total_paise) * w / whole for w in weights]
    shares = [int(e) for e in exact]
    left = total_paise - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return [from_paise(s) for s in shares]


def part_of_inclusive(amount, part_percent, total_percent) -> Decimal:
    """The ``part_percent`` tax contained in ``amount`` that already includes ``total_percent`` tax,
    rounded half-up to the paisa: ``amount × part / (100 + total)``. ₹118 at 18 % holds ₹18.00 (IGST) or
    ₹9.00 + ₹9.00 (CGST + SGST: part 9, total 18)."""
    value = to_decimal(amount) * Decimal(str(part_percent)) / (100 + Decimal(str(total_percent)))
    return value.quantize(PAISA, rounding=ROUND_HALF_UP)
