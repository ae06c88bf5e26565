"""Which store generator runs: ``settings.STORE_GENERATOR`` (``builtin`` or ``bedrock``)."""

from __future__ import annotations

from django.conf import settings

from webdpro.stores.bedrock import BedrockGenerator
from webdpro.stores.generator import BuiltinGenerator, StoreGenerator


def get_generator(name: str | None = None) -> StoreGenerator:
    name = (name or settings.STORE_GENERATOR or "builtin").lower()
    if name == "bedrock":
        return BedrockGenerator()
    if name == "builtin":
        return BuiltinGenerator()
    raise ValueError(f"unknown STORE_GENERATOR {name!r} (use builtin or bedrock)")
