"""Who issues and checks sign-in codes: the interface every code backend implements.

A backend only delivers a code and says whether an answer is right. Rate limits, attempt counting,
expiry and the account rules are the same for every backend and live in ``webdpro.accounts.signin``.
The implementations are one module each (``local``, ``cognito``), chosen by
:func:`webdpro.accounts.codes.get_backend` from a dotted path, the way Django picks its mail backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


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


class CodeBackend(Protocol):
    """``name`` is stored on the code record, so the answer is checked by the backend that sent it."""

    name: str

    def prepare(self, phone: str) -> Prepared: ...

    def deliver(self, phone: str, prepared: Prepared) -> dict: ...

    def check(self, phone: str, code: str, record) -> Checked: ...
