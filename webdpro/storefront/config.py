"""The store's config as plain Python, with safe defaults for everything the storefront shows."""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings

from webdpro.stores.colours import contrast, readable_on

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_THEME = {"primary": "#0f766e", "accent": "#f59e0b", "background": "#f7f7f5", "text": "#111827"}


def theme(config: dict) -> dict:
    """Theme colours (validated hex only: they go into a <style> block) plus readable ink colours."""
    raw = config.get("theme") or {}
    out = {
        key: (raw.get(key) if isinstance(raw.get(key), str) and HEX.match(raw.get(key)) else default)
        for key, default in DEFAULT_THEME.items()
    }
    # Text must stay readable on the background; fall back to dark ink when the pair fails AA.
    if contrast(out["text"], out["background"]) < 4.5:
        out["text"] = readable_on(out["background"])
    out["on_primary"] = readable_on(out["primary"])
    out["on_accent"] = readable_on(out["accent"])
    # The primary colour used for links/prices on the background must be readable too.
    out["link"] = out["primary"] if contrast(out["primary"], out["background"]) >= 4.5 else out["text"]
    return out


def sections(config: dict) -> list[dict]:
    return [s for s in (config.get("sections") or []) if isinstance(s, dict) and s.get("visible", True)]


def language(store, config: dict) -> str:
    code = (config.get("language") or getattr(store, "language", None) or "en").split("-")[0].lower()
    supported = {c for c, _ in settings.LANGUAGES}
    return code if code in supported else settings.LANGUAGE_CODE


def whatsapp_number(config: dict) -> str | None:
    number = ((config.get("contact") or {}).get("whatsapp") or "").strip()
    digits = re.sub(r"\D", "", number)
    if not digits:
        return None
    if len(digits) == 10:  # a bare Indian mobile
        digits = "91" + digits
    return digits


def money(value, default="0") -> Decimal:
    from webdpro.money import MoneyError, to_decimal

    try:
        return to_decimal(value if value not in (None, "") else default)
    except MoneyError:
        return to_decimal(default)
