"""Exact money: Decimal rupees inside, integer paise at gateways, Indian digit grouping on screen.

Every rupee amount a person types goes through :func:`parse_rupees`, with the field it came from and
the maximum of its concept; anything it cannot read exactly is a ``ValidationFailed`` on that field.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from webdpro.errors import ValidationFailed

PAISA = Decimal("0.01")
ZERO = Decimal("0.00")


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


# --- Reading an amount a person typed -----------------------------------------------------------------

MAX_INPUT_LENGTH = 40  # "₹ 1,00,00,00,000.00" is 19 characters; anything much longer is not an amount
REQUIRED = object()  # ``blank=REQUIRED``: an empty value is refused
_PREFIX = re.compile(r"^(?:₹|rs\.?|inr)\s*", re.IGNORECASE)
# ASCII digits only ([0-9], never \d): Decimal() would also read Devanagari or Arabic-Indic digits.
_WHOLE = re.compile(
    r"^(?:[0-9]+"  # 1234567
    r"|[0-9]{1,3}(?:,[0-9]{3})+"  # 1,234,567 (Western grouping)
    r"|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}"  # 12,34,567 (Indian grouping)
    r")$"
)
_FRACTION = re.compile(r"^[0-9]+$")
_COMMA_PAISE = re.compile(r"^[0-9,]*,[0-9]{1,2}$")  # "49,50", "1,234,56": a comma where the dot belongs
_SPACED = re.compile(r"[0-9,.]\s+[0-9]")


class _Refused(Exception):
    """Internal: why a typed amount cannot be read (turned into ValidationFailed with the field)."""


SHOWN_LENGTH = 24  # a typed value this short is repeated in the message, so the person sees what was read


def _not_amount(label: str, typed: str | None = None) -> str:
    advice = _("Enter the %(label)s in rupees using digits, like 1299 or 1,299.50.") % {"label": label}
    if typed and len(typed) <= SHOWN_LENGTH and typed.isprintable():
        return _("“%(typed)s” is not an amount.") % {"typed": typed} + " " + advice
    return advice


def _read_text(text: str, label: str) -> tuple[Decimal, bool]:
    """(the amount without its sign, whether it had a minus) of a typed string."""
    if len(text) > MAX_INPUT_LENGTH:
        raise _Refused(_not_amount(label))
    typed = text.strip()
    text = _PREFIX.sub("", typed).strip()
    negative = text.startswith("-")
    text = text[1:].strip() if negative else text
    if _SPACED.search(text):
        raise _Refused(_("Write the %(label)s without spaces, like 1299 or 1,299.50.") % {"label": label})
    whole, dot, fraction = text.partition(".")
    if not dot and _COMMA_PAISE.match(whole):
        raise _Refused(_("Use a dot for paise, like 49.50; a comma only groups digits, like 1,234.50."))
    if not (whole or fraction) or (whole and not _WHOLE.match(whole)) or (dot and not _FRACTION.match(fraction)):
        raise _Refused(_not_amount(label, typed))
    if fraction.rstrip("0")[2:]:
        raise _Refused(_("Use at most two decimal places (paise)."))
    return Decimal((whole or "0").replace(",", "") + "." + (fraction[:2] or "0")), negative


def _read_decimal(value: Decimal, label: str) -> tuple[Decimal, bool]:
    if not value.is_finite():
        raise _Refused(_not_amount(label))
    if value.adjusted() < 15 and value != value.quantize(PAISA, rounding=ROUND_HALF_UP):
        raise _Refused(_("Use at most two decimal places (paise)."))
    return abs(value), value.is_signed()


def _read(raw, label: str) -> tuple[Decimal, bool]:
    if isinstance(raw, (bool, float)):
        raise _Refused(_not_amount(label))  # a float is never exact money
    if isinstance(raw, (int, Decimal)):
        return _read_decimal(Decimal(raw), label)
    return _read_text(str(raw), label)


def parse_rupees(raw, *, field: str, label: str, maximum: Decimal, positive: bool = False, blank=REQUIRED):
    """Rupees a person typed, exact to the paisa, or ``ValidationFailed`` naming ``field``.

    Reads "49", "49.50", "₹49.50", "₹ 49.50", "Rs. 49", "1,234.50" (Western grouping) and "1,23,456"
    (Indian grouping). Refuses, each with a message: a comma used for paise ("49,50" is not ₹4,950),
    spaces between digits ("4 9"), a minus sign (so "-0" too), more than two decimal places,
    exponents, NaN and infinity, non-ASCII digits, anything longer than ``MAX_INPUT_LENGTH``, floats,
    amounts above ``maximum`` and — when ``positive`` — zero. A blank value returns ``blank`` when one
    is given, else asks for the amount. ``label`` names the amount in messages ("delivery fee").
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if blank is REQUIRED:
            raise ValidationFailed(_("Enter the %(label)s.") % {"label": label}, field=field)
        return blank
    try:
        amount, negative = _read(raw, label)
    except _Refused as exc:
        raise ValidationFailed(str(exc), field=field) from None
    if positive and (negative or amount == 0):
        raise ValidationFailed(_("The %(label)s must be more than ₹0.") % {"label": label}, field=field)
    if negative:
        raise ValidationFailed(_("The %(label)s cannot be negative.") % {"label": label}, field=field)
    if amount > maximum:
        message = _("The %(label)s can be at most %(max)s.") % {"label": label, "max": format_inr(maximum)}
        raise ValidationFailed(message, field=field)
    return amount.quantize(PAISA)


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
