"""GSTIN: 15 characters — state code (2 digits), PAN (5 letters, 4 digits, 1 letter), entity number
(1–9 or A–Z), ``Z``, and a check character (the GSTN's mod-36 Luhn variant)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from webdpro.errors import ValidationFailed
from webdpro.gst.states import STATES

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PATTERN = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")


def check_character(first14: str) -> str:
    """The 15th character of a GSTIN: weights 1, 2, 1, 2 … on the base-36 values, digits of each product
    in base 36 summed, then (36 − sum mod 36) mod 36."""
    total = 0
    for i, char in enumerate(first14):
        product = ALPHABET.index(char) * (1 if i % 2 == 0 else 2)
        total += product // 36 + product % 36
    return ALPHABET[(36 - total % 36) % 36]


def clean_gstin(raw, field: str = "gstin") -> str:
    """A valid GSTIN in capitals. Raises ValidationFailed naming ``field`` with the reason."""
    gstin = "".join(str(raw or "").split()).upper()
    if not PATTERN.match(gstin):
        raise ValidationFailed(
            _("A GSTIN has 15 characters: state code, PAN, entity number, Z and a check character."), field=field
        )
    if gstin[:2] not in STATES:
        raise ValidationFailed(_("%(code)s is not a GST state code.") % {"code": gstin[:2]}, field=field)
    if check_character(gstin[:14]) != gstin[14]:
        raise ValidationFailed(_("This GSTIN's check character is wrong: please copy it again."), field=field)
    return gstin
