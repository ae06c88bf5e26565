"""Django's CSRF tokens, with their random part drawn from one ``os.urandom`` call.

Every page that prints a form or ``hx-headers`` masks the CSRF secret afresh (``get_token``: a random 32-character
mask, so the token in the HTML differs on every response — BREACH). Django draws the mask with
``get_random_string``: one ``secrets.choice``, so one ``os.urandom`` system call, per character (~40 µs a page).
:func:`new_csrf_string` draws the same thing — 32 characters, each uniform over ``CSRF_ALLOWED_CHARS``, from the
operating system's CSPRNG — from one call: bytes below ``LIMIT`` (4 × 62 = 248) map evenly onto the 62 characters,
the others are dropped. It replaces ``django.middleware.csrf._get_new_csrf_string`` (the mask and new secrets);
everything else (cookie, masking, checks) stays Django's. tests/unit/test_csrf_random.py.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.middleware import csrf

ALPHABET = csrf.CSRF_ALLOWED_CHARS
LENGTH = csrf.CSRF_SECRET_LENGTH
LIMIT = 256 - 256 % len(ALPHABET)  # the largest multiple of the alphabet's size a byte can reach


def new_csrf_string() -> str:
    """``LENGTH`` characters, each uniform over ``ALPHABET``, from the OS's CSPRNG (rejection sampling)."""
    chars: list[str] = []
    while len(chars) < LENGTH:
        chars += [ALPHABET[b % len(ALPHABET)] for b in os.urandom(LENGTH + 8) if b < LIMIT]
    return "".join(chars[:LENGTH])


def install() -> None:
    """Make Django's CSRF code draw its masks and secrets with :func:`new_csrf_string` (at startup)."""
    if not callable(getattr(csrf, "_get_new_csrf_string", None)):
        raise ImproperlyConfigured("django.middleware.csrf._get_new_csrf_string is gone: see dashboard/csrf.py")
    csrf._get_new_csrf_string = new_csrf_string
