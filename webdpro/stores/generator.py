"""Store generators: one sentence → a complete store config plus starter products.

Two implementations behind one interface, chosen by ``settings.STORE_GENERATOR``:

- ``builtin`` (default): offline rules and hand-written content (:mod:`webdpro.stores.starter_content`):
  the kind of shop by weighted evidence (:mod:`webdpro.stores.detection`), the language by script
  (:func:`webdpro.stores.text.detect_language`), and all text in that language. Milliseconds,
  deterministic.
- ``bedrock``: Amazon Bedrock (:mod:`webdpro.stores.bedrock`), falling back to the built-in generator.

:func:`webdpro.stores.generation.get_generator` picks one.

Both return a :class:`Generated` whose ``output`` matches :func:`webdpro.stores.schema.generator_schema`
(the config plus ``starter_products``).

:func:`regenerate_config` and :func:`retranslate_product` rewrite an existing store's generated text in
another language, leaving text the owner wrote alone (see their docstrings).
"""

from __future__ import annotations

import copy
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from webdpro.phones import InvalidPhone, normalize_phone
from webdpro.stores import starter_content
from webdpro.stores.detection import detect_kind
from webdpro.stores.schema import config_errors
from webdpro.stores.starter_content import LANGUAGES, content_language, product_name
from webdpro.stores.text import detect_language, extract_name


@dataclass
class Generated:
    output: dict  # config + starter_products
    generator: str  # "builtin" / "bedrock"
    name_from_prompt: bool = False
    fallback_reason: str | None = None
    seconds: float = 0.0
    usage: dict = field(default_factory=dict)

    @property
    def config(self) -> dict:
        return {k: v for k, v in self.output.items() if k != "starter_products"}

    @property
    def products(self) -> list[dict]:
        return list(self.output.get("starter_products", []))


class StoreGenerator:
    """Interface: ``generate(prompt, business_name=None, phone=None) -> Generated``."""

    name = "base"

    def generate(self, prompt: str, *, business_name: str | None = None, phone: str | None = None) -> Generated:
        raise NotImplementedError


def detect_store_type(prompt: str) -> str:
    """The kind of shop (a ``store_type`` of the config schema) the sentence describes."""
    return detect_kind(prompt)


CITY = re.compile(r"\b(?:in|at)\s+([A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+)?)")


def phone_or_blank(value) -> str:
    try:
        return normalize_phone(value) if value else ""
    except InvalidPhone:
        return ""


def _prompt_phone(prompt: str) -> str:
    match = re.search(r"(?:\+?91[\s-]?)?[6-9]\d{4}[\s-]?\d{5}", prompt or "")
    return phone_or_blank(match.group(0)) if match else ""


class BuiltinGenerator(StoreGenerator):
    name = "builtin"

    def generate(self, prompt: str, *, business_name: str | None = None, phone: str | None = None) -> Generated:
        started = time.perf_counter()
        prompt = (prompt or "").strip()
        extracted = extract_name(prompt)
        output = build_config(
            prompt, detect_store_type(prompt), detect_language(prompt), extracted or business_name, phone
        )
        return Generated(
            output=output, generator=self.name, name_from_prompt=bool(extracted), seconds=time.perf_counter() - started
        )


# --- building a config ---------------------------------------------------------------------------
_STOP = {"and", "the", "of", "for", "with", "pack", "set", "pcs", "inch", "fresh", "powder"}


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z\u0900-\u0dff]+", unicodedata.normalize("NFC", text).lower())
    return {w for w in words if w not in _STOP and (len(w) >= 3 or not w.isascii())}


def _mentions(product: starter_content.Product, prompt_words: set[str]) -> int:
    """How many words of this product's name (in its best-matching language) the owner's sentence has."""
    return max(len(_tokens(name) & prompt_words) for name in product.names.values())


def starter_products(kind: starter_content.Kind, language: str, prompt: str = "") -> list[dict]:
    """The kind's starter products in ``language``; products the sentence mentions come first."""
    words = starter_content.words(language)
    prompt_words = _tokens(prompt)
    items = sorted(kind.products, key=lambda p: -_mentions(p, prompt_words))  # stable: catalogue order next
    out = []
    for product in items:
        name = product_name(product, language)
        out.append(
            {
                "name": name,
                "category": kind.categories[product.category][content_language(language)],
                "price": product.price,
                "description": words["product_description"].format(name=name),
            }
        )
    return out[:20]


def _titles(kind: starter_content.Kind, words: dict) -> dict:
    return {**words["titles"], **words.get(f"titles_{kind.group}", {})}


def _services(kind: starter_content.Kind, language: str) -> list[str]:
    chosen = [p for p in kind.products if p.category in kind.service_categories]
    return [product_name(p, language) for p in chosen][:8]


def build_sections(kind: starter_content.Kind, language: str, name: str) -> list[dict]:
    """Home page sections: hero, categories, featured, about, contact (and a kind's extras)."""
    lang = content_language(language)
    words = starter_content.words(lang)
    titles = _titles(kind, words)
    about = words["about_care" if kind.group == "care" else "about_shop"]
    sections = [
        {"type": "hero", "visible": True, "title": name, "subtitle": kind.hero[lang]},
        {"type": "categories", "visible": True, "title": titles["categories"]},
        {"type": "featured", "visible": True, "title": titles["featured"]},
        {
            "type": "about",
            "visible": True,
            "title": titles["about"],
            "text": about.format(name=name, tagline=kind.tagline[lang]),
        },
    ]
    if "services" in kind.sections:
        sections.insert(
            1, {"type": "services", "visible": True, "title": titles["services"], "items": _services(kind, lang)}
        )
    if "visiting_hours" in kind.sections:
        sections.append(
            {
                "type": "visiting_hours",
                "visible": True,
                "title": titles["visiting_hours"],
                "items": copy.deepcopy(words["visiting"]),
            }
        )
    sections.append({"type": "contact", "visible": True, "title": titles["contact"]})
    return sections


def _seo(name: str, tagline: str, words: dict, products: list[dict]) -> dict:
    title = f"{name} — {words['seo_suffix']}"
    if len(title) > 70:
        title = name[:70]
    items = ", ".join(p["name"] for p in products[:3])
    description = words["seo_description"].format(tagline=tagline, name=name, items=items)
    return {"title": title, "description": description[:200]}


def build_config(prompt: str, store_type: str, language: str, name: str | None, phone: str | None = None) -> dict:
    """A complete, schema-valid config (plus ``starter_products``) for a kind and language."""
    kind = starter_content.kind(store_type)
    lang = content_language(language)
    words = starter_content.words(lang)
    name = (name or kind.label[lang]).strip()[:80]
    tagline = kind.tagline[lang]
    products = starter_products(kind, lang, prompt)
    phone = phone_or_blank(phone) or _prompt_phone(prompt)
    city = CITY.search(prompt or "")
    return {
        "name": name,
        "tagline": tagline,
        "store_type": kind.key,
        "language": language if re.match(r"^[a-z]{2}$", language or "") else "en",
        "theme": dict(kind.theme),
        "sections": build_sections(kind, lang, name),
        "categories": [names[lang] for names in kind.categories.values()],
        "contact": {
            "phone": phone,
            "whatsapp": phone,
            "address": city.group(1) if city else "",
            "hours": words["hours"][kind.hours],
        },
        "delivery": dict(kind.delivery),
        "payments": {"cod": True, "upi": kind.upi, "card": True, "upi_id": ""},
        "seo": _seo(name, tagline, words, products),
        "starter_products": products,
    }


def default_config(name: str, language: str = "en", store_type: str = "general", phone: str | None = None) -> dict:
    """The sensible config a store gets when generation fails or times out (no starter products)."""
    output = build_config("", store_type, language if re.match(r"^[a-z]{2}$", language or "") else "en", name, phone)
    output.pop("starter_products")
    return output


# --- rewriting a store's generated text in another language --------------------------------------
CONTENT_PATHS = (("tagline",), ("contact", "hours"), ("seo", "title"), ("seo", "description"))
SECTION_KEYS = ("title", "subtitle", "text", "items")


def _get(config: dict, path: tuple):
    value = config
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _set(config: dict, path: tuple, value) -> None:
    target = config
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = copy.deepcopy(value)


def _versions(store_type: str, name: str) -> list[dict]:
    """The generated config of this kind and name in every content language (what "untouched" means)."""
    return [build_config("", store_type, language, name) for language in LANGUAGES]


def _is_generated(value, candidates: list) -> bool:
    return value in (None, "", []) or value in candidates


def _section(config: dict, kind: str) -> dict | None:
    return next((s for s in config.get("sections", []) if s.get("type") == kind), None)


def _merge_sections(out: dict, fresh: dict, versions: list[dict], replace_edits: bool) -> None:
    for section in out.get("sections", []):
        new = _section(fresh, section.get("type"))
        if new is None:
            continue
        for key in SECTION_KEYS:
            if key not in new or (section["type"] == "hero" and key == "title"):
                continue
            old = [(_section(v, section["type"]) or {}).get(key) for v in versions]
            if replace_edits or _is_generated(section.get(key), old):
                section[key] = copy.deepcopy(new[key])


def _category_names(store_type: str) -> dict[str, str]:
    """Any language's name of a kind's category → its key."""
    kind = starter_content.kind(store_type)
    return {name: key for key, names in kind.categories.items() for name in names.values()}


def translate_category(store_type: str, category: str | None, language: str) -> str | None:
    """A generated category's name in ``language``; any other category unchanged."""
    key = _category_names(store_type).get(category or "")
    if key is None:
        return category
    return starter_content.kind(store_type).categories[key][content_language(language)]


def regenerate_config(config: dict, language: str, *, replace_edits: bool = False) -> dict:
    """``config`` with its generated text (tagline, banner, about, section titles, services, visiting
    hours, categories, opening hours, SEO) rewritten in ``language``.

    A field still holding what the generator wrote — in any language, for this kind and store name — is
    replaced; a field the owner wrote is kept unless ``replace_edits``. Categories the generator made are
    translated, the owner's own categories kept (products may use them). Name, theme, contact numbers,
    delivery and payments never change."""
    out = copy.deepcopy(config)
    store_type, name = out.get("store_type") or "general", out.get("name") or ""
    fresh = build_config("", store_type, language, name)
    versions = _versions(store_type, name)
    for path in CONTENT_PATHS:
        if replace_edits or _is_generated(_get(out, path), [_get(v, path) for v in versions]):
            _set(out, path, _get(fresh, path))
    _merge_sections(out, fresh, versions, replace_edits)
    translated = [translate_category(store_type, c, language) for c in out.get("categories", [])]
    out["categories"] = list(dict.fromkeys(translated))
    out["language"] = fresh["language"]
    return out


def _starter_names(store_type: str) -> dict[str, tuple]:
    """Any language's starter product name → (product, language)."""
    kind = starter_content.kind(store_type)
    return {product_name(p, lang): (p, lang) for p in kind.products for lang in LANGUAGES}


def retranslate_product(store_type: str, product: dict, language: str, *, replace_edits: bool = False) -> dict:
    """The changes that put a starter product (name, category, description) into ``language``.

    A product is recognised by its name being a starter name of its store's kind in some language; one
    the owner renamed is theirs and gets no changes. Its description is replaced when it is still the
    generated one (or empty), or when ``replace_edits``."""
    match = _starter_names(store_type).get(product.get("name") or "")
    if match is None:
        return {}
    name = product_name(match[0], language)
    changes = {"name": name, "category": translate_category(store_type, product.get("category"), language)}
    description = product.get("description") or ""
    generated = {starter_content.words(lang)["product_description"].format(name=product["name"]) for lang in LANGUAGES}
    if replace_edits or not description or description in generated:
        changes["description"] = starter_content.words(language)["product_description"].format(name=name)
    return {k: v for k, v in changes.items() if v != product.get(k)}


def _probes(config: dict) -> list:
    """Generated texts an owner rarely rewrites all of: tagline, banner, section titles, categories."""
    sections = {s.get("type"): s for s in config.get("sections", []) if isinstance(s, dict)}
    probes = [config.get("tagline"), sections.get("hero", {}).get("subtitle")]
    probes += [s.get("title") for kind, s in sections.items() if kind != "hero"]
    return [p for p in probes if p] + list(config.get("categories") or [])


def content_language_of(config: dict) -> str | None:
    """The language the store's generated text is in (by its tagline, banner, section titles or
    categories), or None when the owner has rewritten all of them."""
    probes = set(_probes(config))
    for language in LANGUAGES:
        if probes & _generated_probes(config.get("store_type") or "general", config.get("name") or "", language):
            return language
    return None


@lru_cache(maxsize=512)
def _generated_probes(store_type: str, name: str, language: str) -> frozenset:
    return frozenset(_probes(build_config("", store_type, language, name or None)))


def needs_regeneration(config: dict) -> str | None:
    """The language the generated text is in, when the store's language is another one we can write
    (else None: up to date, rewritten by the owner, or a language without hand-written content)."""
    language = config.get("language")
    written_in = content_language_of(config)
    if written_in and language in LANGUAGES and written_in != language:
        return written_in
    return None


def config_problems(config: dict) -> list[str]:
    return config_errors(config)
