"""Hand-written starter content for the built-in generator: twenty kinds of shop plus a general store,
in eleven languages (English, Hindi, Bengali, Marathi, Telugu, Tamil, Gujarati, Kannada, Malayalam,
Punjabi, Odia).

Data only. Each kind lives in ``kinds/<kind>.py`` (theme, delivery defaults, label, tagline, banner,
categories, starter products with prices in rupees and units, and the detection lexicon); the words every
store shares (section titles, hours, templates, units) live in :mod:`.languages`; cross-kind phrases and
the text that is never evidence (addresses, phone numbers) live in :mod:`.phrases`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache

from webdpro.stores.starter_content.languages import LANGUAGES, TEXT

KINDS = (
    "grocery",
    "fruits_vegetables",
    "dairy",
    "meat_fish",
    "bakery",
    "sweets",
    "restaurant",
    "cafe",
    "pharmacy",
    "clinic",
    "pet",
    "salon",
    "fashion",
    "jewellery",
    "footwear",
    "electronics",
    "hardware",
    "furniture",
    "stationery",
    "gifts",
    "general",
)
GENERAL = "general"


@dataclass(frozen=True)
class Product:
    category: str  # a key of Kind.categories
    price: str  # rupees, decimal string
    unit: tuple | None  # (quantity, unit key of languages.TEXT[..]["units"]) or None
    names: dict  # language → name without the unit


@dataclass(frozen=True)
class Kind:
    key: str
    group: str  # shop / menu / care / style: which section titles it uses
    hours: str  # a key of languages.TEXT[..]["hours"]
    theme: dict
    delivery: dict
    label: dict
    tagline: dict
    hero: dict
    categories: dict  # key → {language: name}, in display order
    products: tuple
    keywords: dict  # weight → [word, ...] (see webdpro.stores.detection for the syntax)
    sections: tuple = ()  # extra sections: "services", "visiting_hours"
    service_categories: tuple = ()  # categories whose products are listed in the "services" section
    upi: bool = True

    def categories_names(self, language: str) -> list[str]:
        return [names[content_language(language)] for names in self.categories.values()]


@lru_cache(maxsize=None)
def kind(key: str) -> Kind:
    """The content of one kind (``general`` for an unknown key)."""
    if key not in KINDS:
        key = GENERAL
    module = importlib.import_module(f"webdpro.stores.starter_content.kinds.{key}")
    return Kind(
        key=key,
        group=module.GROUP,
        hours=module.HOURS,
        theme=dict(module.THEME),
        delivery=dict(module.DELIVERY),
        label=module.LABEL,
        tagline=module.TAGLINE,
        hero=module.HERO,
        categories=module.CATEGORIES,
        products=tuple(Product(c, p, u, n) for c, p, u, n in module.PRODUCTS),
        keywords=module.KEYWORDS,
        sections=tuple(getattr(module, "SECTIONS", ())),
        service_categories=tuple(getattr(module, "SERVICE_CATEGORIES", ())),
        upi=getattr(module, "UPI", True),
    )


def content_language(language: str | None) -> str:
    """The language content is written in: the store's own when we have it, else English."""
    return language if language in LANGUAGES else "en"


def words(language: str | None) -> dict:
    return TEXT[content_language(language)]


def product_name(product: Product, language: str) -> str:
    """A starter product's name in a content language, with its quantity and unit in that language."""
    language = content_language(language)
    name = product.names[language]
    if not product.unit:
        return name
    quantity, unit = product.unit
    return f"{name} {quantity} {TEXT[language]['units'][unit]}"


__all__ = ["GENERAL", "KINDS", "LANGUAGES", "Kind", "Product", "content_language", "kind", "product_name", "words"]
