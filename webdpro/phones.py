"""Phones are identities: every phone that enters WebDPro is normalised to E.164 here."""

from functools import lru_cache

import phonenumbers
from django.utils.translation import gettext as _

DEFAULT_REGION = "IN"


class InvalidPhone(ValueError):
    pass


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """'98765 43210', '+91 98765-43210', '09876543210' → '+919876543210'."""
    text = (raw or "").strip()
    if not text:
        raise InvalidPhone(_("Enter a phone number."))
    return _normalized(text, region)


@lru_cache(maxsize=20_000)  # a pure function of the text, ~0.1 ms each: a checkout checks its phone twice
def _normalized(text: str, region: str) -> str:
    """E.164 for ``text`` (InvalidPhone, which is not kept, when it is not a valid number)."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(_("Enter a valid phone number, like 98765 43210.")) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(_("That phone number is not valid. Check the digits and try again."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(text: str) -> bool:
    """Typed text that is meant as a phone number (7 or more digits, only digits, ``+``, ``-``, brackets and
    spaces) rather than a name or an id: searches read it as a phone."""
    digits = sum(ch.isdigit() for ch in text)
    return digits >= 7 and all(ch.isdigit() or ch in "+-() " for ch in text)


@lru_cache(maxsize=20_000)  # a pure function of the number, ~0.2 ms each: list pages show many
def display_phone(e164: str) -> str:
    digits = e164[3:]
    if e164[:3] == "+91" and len(digits) == 10 and digits.isascii() and digits.isdigit() and digits[0] != "0":
        # An Indian number as we store them (nearly all): the number phonenumbers.parse() makes of it
        # (tests/unit/test_phones.py), without its cost — two thirds of a number's formatting.
        number = phonenumbers.PhoneNumber(country_code=91, national_number=int(digits))
    else:
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
