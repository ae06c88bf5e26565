"""What the gateway adapters share (Razorpay, the sandbox, and their Route parts): their errors, HMAC
signing, a timeout on every HTTP call, and the sandbox's Razorpay-looking ids. Below ``gateway`` and
``route`` so that each adapter can use them without importing the other."""

from __future__ import annotations

import hashlib
import hmac

import requests

from webdpro.errors import DomainError
from webdpro.ids import new_id


class GatewayError(DomainError):
    """The gateway refused or could not be reached. The message is safe to show."""

    status_code = 502


class SignatureError(DomainError):
    """A Checkout result or a webhook body whose signature does not verify."""

    status_code = 400


def hmac_sha256(secret: str, message: str) -> str:
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


class TimeoutSession(requests.Session):
    """A requests session with a default timeout on every request (Razorpay's SDK sets none)."""

    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, **kwargs)


def sandbox_id(prefix: str) -> str:
    """An id shaped like Razorpay's (``order_SBX…``, ``pay_SBX…``) for the sandbox."""
    return f"{prefix}_SBX{new_id()[-14:]}"
