"""Who issues and checks sign-in codes, behind one small interface.

``AUTH_BACKEND`` picks the implementation used for new codes:

- ``local`` (default): WebDPro makes a 6-digit code, keeps only a salted HMAC of it in ``webdpro-otp``
  and sends the code with :func:`webdpro.sms.send_sms` (file outbox locally, Amazon SNS in production);
- ``cognito``: Amazon Cognito runs the challenge (``webdpro.accounts.cognito``).

Rate limits, attempt counting, expiry and the account rules are the same for both and live in
``webdpro.accounts.signin``; a backend only delivers a code and says whether an answer is right.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from webdpro import sms

CODE_DIGITS = 6
_HMAC_SALT = "webdpro.accounts.sign-in-code"


@dataclass
class Prepared:
    """What to store on the code record before anything is sent, and what to deliver."""

    attrs: dict = field(default_factory=dict)
    secret: str | None = None  # the plain code (local backend only; never stored)


@dataclass
class Checked:
    ok: bool
    cognito_sub: str | None = None
    challenge: str | None = None  # new provider state to keep after a wrong answer
    ended: bool = False  # the provider closed the flow: only a new code helps


def hash_code(phone: str, code: str, nonce: str | None = None) -> str:
    """``nonce$hmac``: an HMAC-SHA256 keyed by SECRET_KEY over the phone, the code and a random nonce."""
    nonce = nonce or secrets.token_hex(8)
    digest = salted_hmac(_HMAC_SALT, f"{phone}|{code}|{nonce}", algorithm="sha256").hexdigest()
    return f"{nonce}${digest}"


def code_matches(phone: str, code: str, stored: str) -> bool:
    nonce, _, _ = (stored or "").partition("$")
    if not nonce:
        return False
    return constant_time_compare(hash_code(phone, code, nonce), stored)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def sms_text(code: str) -> str:
    minutes = settings.OTP_CODE_TTL_SECONDS // 60
    return (
        f"{code} is your WebDPro sign-in code. It expires in {minutes} minutes. "
        "Never share it: WebDPro staff will never ask for it."
    )


class LocalCodes:
    name = "local"

    def prepare(self, phone: str) -> Prepared:
        code = new_code()
        return Prepared(attrs={"code_hash": hash_code(phone, code)}, secret=code)

    def deliver(self, phone: str, prepared: Prepared) -> dict:
        sms.send_sms(phone, sms_text(prepared.secret))
        return {}

    def check(self, phone: str, code: str, record) -> Checked:
        return Checked(ok=code_matches(phone, code, record.code_hash or ""))


def get_backend(name: str | None = None):
    """The backend called ``name`` (default: ``settings.AUTH_BACKEND``)."""
    name = name or settings.AUTH_BACKEND
    if name == "local":
        return LocalCodes()
    if name == "cognito":
        from webdpro.accounts.cognito import CognitoCodes

        return CognitoCodes()
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"AUTH_BACKEND must be 'local' or 'cognito', not {name!r}")
