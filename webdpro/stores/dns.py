"""DNS look-ups for custom-domain proofs, behind a small interface.

``DnsPythonResolver`` (the real one, dnspython) is used unless a test installs another with
:func:`use_resolver`; the checks in ``webdpro.stores.domains`` only call ``txt`` and ``cname``.
"""

from __future__ import annotations

import dns.exception
import dns.resolver

TIMEOUT_SECONDS = 5.0


class DnsPythonResolver:
    """The system's resolvers through dnspython. A name that does not resolve gives an empty list."""

    name = "dnspython"

    def __init__(self, resolver: dns.resolver.Resolver | None = None):
        self.resolver = resolver or dns.resolver.Resolver()
        self.resolver.lifetime = TIMEOUT_SECONDS

    def _answers(self, name: str, rdtype: str):
        try:
            return list(self.resolver.resolve(name, rdtype, search=False))
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.resolver.NoNameservers, dns.exception.Timeout):
            return []
        except dns.exception.DNSException:
            return []

    def txt(self, name: str) -> list[str]:
        return [b"".join(r.strings).decode("utf-8", "replace") for r in self._answers(name, "TXT")]

    def cname(self, name: str) -> list[str]:
        return [r.target.to_text().rstrip(".").lower() for r in self._answers(name, "CNAME")]


_override: list = []


def get_resolver():
    return _override[-1] if _override else DnsPythonResolver()


def use_resolver(resolver) -> None:
    """Tests: answer DNS questions with ``resolver`` (``None`` restores the real one)."""
    _override.clear()
    if resolver is not None:
        _override.append(resolver)
