"""Why a sign-in step was refused. Each message is shown on the page as is."""

from __future__ import annotations

from webdpro.errors import DomainError, Forbidden, ValidationFailed


class RateLimited(DomainError):
    """Too many codes sent to this phone, or from this network, in the window."""

    status_code = 429

    def __init__(self, message: str, *, retry_after: int, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = max(1, int(retry_after))


class CodeLocked(DomainError):
    """Five wrong tries: this code no longer works, a new one must be requested."""

    status_code = 429


class WrongSignInCode(ValidationFailed):
    def __init__(self, message: str, *, remaining: int, **kwargs):
        super().__init__(message, **kwargs)
        self.remaining = remaining


class CodeExpired(ValidationFailed):
    """No live code for this phone: never sent, used, expired or replaced by a newer one."""


class NoAccount(DomainError):
    """The phone has no account (the sign-in page offers sign-up)."""

    status_code = 404


class SignInRefused(Forbidden):
    """The phone is proven, but the account may not sign in (inactive, or its business is suspended)."""


class CodeNotSent(DomainError):
    """The SMS (or Cognito) service failed: nothing was delivered."""

    status_code = 503
