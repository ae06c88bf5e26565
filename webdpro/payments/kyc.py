"""Formats of the payout details, checked before anything is sent to Razorpay.

* PAN: 5 letters, 4 digits, 1 letter; the 4th letter is the holder type (P person, C company, H HUF,
  F firm, A association, T trust, B body of individuals, L local authority, J juridical person,
  G government).
* GSTIN: 2-digit state code, the holder's PAN, an entity number (1-9, A-Z), ``Z``, and a check
  character computed with GSTN's mod-36 algorithm over the first 14 characters.
* IFSC: 4 letters (bank), ``0``, 6 letters or digits (branch).
* Bank account number: 9 to 18 digits.

Every failure is a :class:`ValidationFailed` naming its field. Values are normalised (upper case, no
spaces) and never echoed in messages.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from webdpro.errors import ValidationFailed

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PAN_RE = re.compile(r"^[A-Z]{3}[PCHFATBLJG][A-Z][0-9]{4}[A-Z]$")
GSTIN_RE = re.compile(r"^[0-9]{2}[A-Z]{3}[PCHFATBLJG][A-Z][0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
IFSC_RE = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
ACCOUNT_RE = re.compile(r"^[0-9]{9,18}$")


def _clean(value) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper()


def gstin_check_char(first14: str) -> str:
    """GSTN's check character: alternate weights 1 and 2; each product adds its base-36 digits."""
    total = 0
    for position, char in enumerate(first14):
        product = GSTIN_CHARS.index(char) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_CHARS[(36 - total % 36) % 36]


def clean_pan(value, field: str = "pan") -> str:
    pan = _clean(value)
    if not PAN_RE.match(pan):
        raise ValidationFailed(_("Enter a valid PAN: 5 letters, 4 digits and a letter, like ABCPE1234F."), field=field)
    return pan


def clean_gstin(value, field: str = "gstin") -> str | None:
    gstin = _clean(value)
    if not gstin:
        return None
    if not GSTIN_RE.match(gstin) or not 1 <= int(gstin[:2]) <= 38 and gstin[:2] not in ("97", "99"):
        raise ValidationFailed(_("Enter a valid 15-character GSTIN, like 27AAPFU0939F1ZV."), field=field)
    if gstin_check_char(gstin[:14]) != gstin[14]:
        raise ValidationFailed(_("This GSTIN's last character does not match: check it for a typo."), field=field)
    return gstin


def clean_ifsc(value, field: str = "ifsc") -> str:
    ifsc = _clean(value)
    if not IFSC_RE.match(ifsc):
        raise ValidationFailed(
            _("Enter a valid IFSC: 11 characters like HDFC0001234 (the 5th is a zero)."), field=field
        )
    return ifsc


def clean_account_number(value, field: str = "account_number") -> str:
    number = _clean(value)
    if not ACCOUNT_RE.match(number):
        raise ValidationFailed(_("Enter the bank account number: 9 to 18 digits."), field=field)
    return number


def last4(number: str) -> str:
    return number[-4:]
