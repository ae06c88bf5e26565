"""The local code backend (``AUTH_BACKEND=local``, the default): WebDPro makes a 6-digit code, keeps
only a salted HMAC of it in ``webdpro-otp`` and sends the code with :func:`webdpro.sms.send_sms` (file
outbox locally, Amazon SNS in production)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from webdpro import sms
from webdpro.accounts.codes.base import Checked, Prepared

CODE_DIGITS = 6
_HMAC_SALT = "webdpro.accounts.sign-in-code"


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
