"""Store generators: one sentence → a complete store config plus starter products.

Two implementations behind one interface, chosen by ``settings.STORE_GENERATOR``:

- ``builtin`` (default): offline rules and hand-written content (:mod:`webdpro.stores.catalogue`);
  well under a second, deterministic.
- ``bedrock``: Amazon Bedrock's Converse API (``settings.BEDROCK_MODEL_ID``) with one *forced tool call*
  whose input schema is the config schema, so the model must answer with JSON of that shape. Any
  problem — an AWS error or timeout, ``stopReason`` other than ``tool_use`` (``max_tokens`` means
  truncated JSON), no tool call, or output failing the schema — falls back to the built-in generator,
  and the result says why (``fallback_reason``).

Both return a :class:`Generated` whose ``output`` matches :func:`webdpro.stores.schema.generator_schema`
(the config plus ``starter_products``).
"""

from __future__ import annotations

import copy
import json
import logging
import re
import time
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings

from webdpro.phones import InvalidPhone, normalize_phone
from webdpro.stores import catalogue
from webdpro.stores.schema import config_errors, generator_errors, generator_schema
from webdpro.stores.text import detect_language, extract_name

log = logging.getLogger("webdpro.stores.generator")


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


# --- Built-in ------------------------------------------------------------------------------------
def _matches(text_lower: str, word: str) -> bool:
    if word.isascii():
        return re.search(r"(?<![a-z])" + re.escape(word), text_lower) is not None
    return word in text_lower


def detect_store_type(prompt: str) -> str:
    text = unicodedata.normalize("NFC", prompt or "").lower()
    scores = {}
    for store_type, weighted in catalogue.TYPE_KEYWORDS.items():
        scores[store_type] = sum(
            weight
            for weight, words in weighted.items()
            for w in words
            if _matches(text, unicodedata.normalize("NFC", w).lower())
        )
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "general"


CITY = re.compile(r"\b(?:in|at|near)\s+([A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+)?)")


def _phone(value):
    try:
        return normalize_phone(value) if value else ""
    except InvalidPhone:
        return ""


class BuiltinGenerator(StoreGenerator):
    name = "builtin"

    def generate(self, prompt: str, *, business_name: str | None = None, phone: str | None = None) -> Generated:
        started = time.perf_counter()
        prompt = (prompt or "").strip()
        store_type = detect_store_type(prompt)
        language = detect_language(prompt)
        extracted = extract_name(prompt)
        output = build_config(prompt, store_type, language, extracted or business_name, phone)
        return Generated(
            output=output, generator=self.name, name_from_prompt=bool(extracted), seconds=time.perf_counter() - started
        )


def _prompt_phone(prompt: str) -> str:
    match = re.search(r"(?:\+?91[\s-]?)?[6-9]\d{4}[\s-]?\d{5}", prompt or "")
    return _phone(match.group(0)) if match else ""


def build_config(prompt: str, store_type: str, language: str, name: str | None, phone: str | None = None) -> dict:
    """A complete, schema-valid config (plus ``starter_products``) for a type and language."""
    text = catalogue.text_for(language)
    name = (name or text["default_name"][store_type]).strip()[:80]
    titles = {**text["titles"], **text["titles_by_type"].get(store_type, {})}
    tagline = text["tagline"][store_type]
    groups = catalogue.PRODUCTS[store_type]
    categories = [catalogue.localized(language, cat_en, cat_hi) for cat_en, cat_hi, _ in groups]
    products = []
    for cat_en, cat_hi, items in groups:
        for name_en, name_hi, price in items:
            pname = catalogue.localized(language, name_en, name_hi)
            products.append(
                {
                    "name": pname,
                    "category": catalogue.localized(language, cat_en, cat_hi),
                    "price": price,
                    "description": text["product_description"].format(name=pname),
                    "_key": f"{name_en} {name_hi}".lower(),
                }
            )
    # Products the owner mentions come first (they become the featured ones).
    lowered = (prompt or "").lower()
    mentioned = {
        key for key, aliases in catalogue.PRODUCT_ALIASES.items() if any(a.lower() in lowered for a in aliases)
    }

    def rank(product):
        return (
            0
            if any(
                key in product["_key"] or any(a.lower() in product["_key"] for a in catalogue.PRODUCT_ALIASES[key])
                for key in mentioned
            )
            else 1
        )

    products.sort(key=rank)  # stable: catalogue order within each group
    for product in products:
        product.pop("_key")
    phone = _phone(phone) or _prompt_phone(prompt)
    city = CITY.search(prompt or "")
    sections = [
        {"type": "hero", "visible": True, "title": name, "subtitle": text["hero"][store_type]},
        {"type": "categories", "visible": True, "title": titles["categories"]},
        {"type": "featured", "visible": True, "title": titles["featured"]},
        {
            "type": "about",
            "visible": True,
            "title": titles["about"],
            "text": text["about"][store_type].format(name=name),
        },
    ]
    if store_type == "clinic":
        sections.insert(
            1, {"type": "services", "visible": True, "title": titles["services"], "items": list(text["services"])}
        )
        sections.append(
            {
                "type": "visiting_hours",
                "visible": True,
                "title": titles["visiting_hours"],
                "items": copy.deepcopy(text["visiting"]),
            }
        )
    sections.append({"type": "contact", "visible": True, "title": titles["contact"]})
    items = ", ".join(p["name"] for p in products[:3])
    seo_title = f"{name} — {text['seo'][store_type]}"
    if len(seo_title) > 70:
        seo_title = name[:70]
    description = text["seo_description"].format(tagline=tagline, name=name, items=items)
    return {
        "name": name,
        "tagline": tagline,
        "store_type": store_type,
        "language": language,
        "theme": dict(catalogue.THEMES[store_type]),
        "sections": sections,
        "categories": categories,
        "contact": {
            "phone": phone,
            "whatsapp": phone,
            "address": city.group(1) if city else "",
            "hours": text["hours"][store_type],
        },
        "delivery": dict(catalogue.DELIVERY[store_type]),
        "payments": {"cod": True, "upi": store_type != "clinic", "card": True, "upi_id": ""},
        "seo": {"title": seo_title, "description": description[:200]},
        "starter_products": products[:20],
    }


def default_config(name: str, language: str = "en", store_type: str = "general", phone: str | None = None) -> dict:
    """The sensible config a store gets when generation fails or times out (no starter products)."""
    output = build_config(
        "",
        store_type if store_type in catalogue.THEMES else "general",
        language if re.match(r"^[a-z]{2}$", language or "") else "en",
        name,
        phone,
    )
    output.pop("starter_products")
    return output


# --- Amazon Bedrock ------------------------------------------------------------------------------
TOOL_NAME = "create_store"
SYSTEM_PROMPT = (
    "You design online stores for small Indian businesses (kirana shops, restaurants, clinics, boutiques). "
    "From the owner's one-sentence description, call the create_store tool exactly once with a complete store. "
    "Rules: store_type is one of grocery, restaurant, clinic, fashion, general. language is the ISO 639-1 code "
    "of the language the owner wrote in (Hindi in Latin letters is 'hi'; Marathi is 'mr', not 'hi'). Write all "
    "customer-facing text (tagline, section titles, about text, categories, product names) in that language. "
    "Use the business name the owner gives; otherwise invent a short, fitting one. Colours are #rrggbb with "
    'readable contrast. Money is a decimal string in rupees, e.g. "165.00". Give 8 to 20 starter_products with '
    "realistic Indian prices and categories taken from 'categories'. Clinics get 'services' and 'visiting_hours' "
    "sections. Leave phone, whatsapp and upi_id empty unless the owner gave them."
)


class BedrockGenerator(StoreGenerator):
    name = "bedrock"

    def __init__(
        self,
        client=None,
        model_id: str | None = None,
        fallback: StoreGenerator | None = None,
        max_tokens: int | None = None,
    ):
        self._client = client
        self.model_id = model_id or settings.BEDROCK_MODEL_ID
        self.fallback = fallback or BuiltinGenerator()
        self.max_tokens = max_tokens or settings.BEDROCK_MAX_TOKENS

    @property
    def client(self):
        if self._client is None:
            import boto3
            from botocore.config import Config

            timeout = settings.STORE_GENERATION_TIMEOUT_SECONDS
            self._client = boto3.client(
                "bedrock-runtime",
                region_name=settings.BEDROCK_REGION or settings.AWS_REGION,
                config=Config(
                    connect_timeout=5,
                    read_timeout=max(5, timeout - 10),
                    retries={"max_attempts": 2, "mode": "standard"},
                ),
            )
        return self._client

    def request(self, prompt: str, business_name: str | None, phone: str | None) -> dict:
        hints = []
        if business_name:
            hints.append(f"If the description names no business, the business is called {business_name!r}.")
        if phone:
            hints.append(f"The owner's phone (use for contact.phone and contact.whatsapp) is {phone}.")
        text = (
            "Owner's description: " + json.dumps(prompt, ensure_ascii=False) + ("\n" + " ".join(hints) if hints else "")
        )
        return {
            "modelId": self.model_id,
            "system": [{"text": SYSTEM_PROMPT}],
            "messages": [{"role": "user", "content": [{"text": text}]}],
            "inferenceConfig": {"maxTokens": self.max_tokens, "temperature": 0.4},
            "toolConfig": {
                "tools": [
                    {
                        "toolSpec": {
                            "name": TOOL_NAME,
                            "description": "Create the store from the owner's description.",
                            "inputSchema": {"json": generator_schema()},
                        }
                    }
                ],
                "toolChoice": {"tool": {"name": TOOL_NAME}},
            },
        }

    def generate(self, prompt: str, *, business_name: str | None = None, phone: str | None = None) -> Generated:
        from botocore.exceptions import BotoCoreError, ClientError

        started = time.perf_counter()
        try:
            response = self.client.converse(**self.request(prompt, business_name, phone))
            output, usage = self._parse(response)
        except (ClientError, BotoCoreError, BedrockOutputError) as exc:
            reason = _reason(exc)
            log.warning("bedrock generation failed, using the built-in generator", extra={"reason": reason})
            result = self.fallback.generate(prompt, business_name=business_name, phone=phone)
            result.fallback_reason = reason
            result.seconds = time.perf_counter() - started
            return result
        extracted = extract_name(prompt)
        return Generated(
            output=output,
            generator=self.name,
            name_from_prompt=bool(extracted),
            seconds=time.perf_counter() - started,
            usage=usage,
        )

    def _parse(self, response: dict) -> tuple[dict, dict]:
        stop = response.get("stopReason")
        if stop != "tool_use":
            raise BedrockOutputError(f"stopReason {stop}" + (" (output truncated)" if stop == "max_tokens" else ""))
        blocks = response.get("output", {}).get("message", {}).get("content", [])
        tool_input = next(
            (b["toolUse"].get("input") for b in blocks if "toolUse" in b and b["toolUse"].get("name") == TOOL_NAME),
            None,
        )
        if isinstance(tool_input, str):  # some models return the JSON as a string
            try:
                tool_input = json.loads(tool_input)
            except ValueError as exc:
                raise BedrockOutputError("tool input is not JSON") from exc
        if not isinstance(tool_input, dict):
            raise BedrockOutputError("no create_store tool call in the response")
        output = normalise_output(tool_input)
        errors = generator_errors(output)
        if errors:
            raise BedrockOutputError("schema: " + "; ".join(errors[:3]))
        return output, response.get("usage", {})


class BedrockOutputError(Exception):
    pass


def _reason(exc) -> str:
    from botocore.exceptions import ClientError

    if isinstance(exc, ClientError):
        return f"bedrock error {exc.response.get('Error', {}).get('Code', 'unknown')}"
    if isinstance(exc, BedrockOutputError):
        return f"bedrock output rejected: {exc}"
    return f"bedrock unreachable: {exc.__class__.__name__}"


def normalise_output(data: dict) -> dict:  # noqa: C901
    """Small, safe repairs before validation: numbers → decimal strings, phones → E.164, trimmed text."""
    data = copy.deepcopy(data)

    def money(value):
        if isinstance(value, (int,)) and not isinstance(value, bool):
            return f"{value}.00"
        if isinstance(value, float):
            return f"{value:.2f}"
        if isinstance(value, str):
            cleaned = value.replace("₹", "").replace(",", "").strip()
            return cleaned
        return value

    delivery = data.get("delivery")
    if isinstance(delivery, dict):
        for key in ("fee", "free_above"):
            if key in delivery:
                delivery[key] = money(delivery[key])
        if "radius_km" in delivery and not isinstance(delivery["radius_km"], str):
            delivery["radius_km"] = money(delivery["radius_km"]).removesuffix(".00")
    for product in data.get("starter_products") or []:
        if isinstance(product, dict) and "price" in product:
            product["price"] = money(product["price"])
    contact = data.get("contact")
    if isinstance(contact, dict):
        for key in ("phone", "whatsapp"):
            if contact.get(key):
                contact[key] = _phone(contact[key]) or ""
    return data


def get_generator(name: str | None = None) -> StoreGenerator:
    name = (name or settings.STORE_GENERATOR or "builtin").lower()
    if name == "bedrock":
        return BedrockGenerator()
    if name == "builtin":
        return BuiltinGenerator()
    raise ValueError(f"unknown STORE_GENERATOR {name!r} (use builtin or bedrock)")


def config_problems(config: dict) -> list[str]:
    return config_errors(config)
