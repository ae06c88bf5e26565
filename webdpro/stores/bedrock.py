"""The Amazon Bedrock store generator.

Bedrock's Converse API (``settings.BEDROCK_MODEL_ID``) with one *forced tool call* whose input schema is
the config schema (the same twenty-one kinds of shop, and the storefront languages as an enum), so the
model must answer with JSON of that shape. Any problem — an AWS error or timeout, ``stopReason`` other
than ``tool_use`` (``max_tokens`` means truncated JSON), no tool call, or output failing the schema —
falls back to the built-in generator, and the result says why (``fallback_reason``).
"""

from __future__ import annotations

import copy
import json
import logging
import time

from django.conf import settings

from webdpro.stores.generator import BuiltinGenerator, Generated, StoreGenerator, phone_or_blank
from webdpro.stores.schema import STORE_TYPES, generator_errors, generator_schema
from webdpro.stores.text import extract_name

log = logging.getLogger("webdpro.stores.generator")

TOOL_NAME = "create_store"
# The storefront languages (webdpro.stores.services.LANGUAGES), for the tool schema and the prompt.
TOOL_LANGUAGES = ("en", "hi", "bn", "mr", "te", "ta", "gu", "kn", "ml", "pa", "or")
SYSTEM_PROMPT = (
    "You design online stores for small Indian businesses. From the owner's one-sentence description, call "
    "the create_store tool exactly once with a complete store. Rules: store_type is the kind of business, one of "
    + ", ".join(STORE_TYPES)
    + " (grocery means a kirana; use general only when none fits). Judge the kind from the whole sentence, not "
    "from one word: a kitchenware shop selling cake stands is general, a tea stall near a medical college is "
    "cafe, a vet is pet. language is the ISO 639-1 code of the language the owner wrote in, one of "
    + ", ".join(TOOL_LANGUAGES)
    + " (Hindi in Latin letters is 'hi'; Marathi is 'mr', not 'hi'). Write all customer-facing text (tagline, "
    "section titles, about text, categories, product names and descriptions) in that language and its own "
    "script. Use the business name the owner gives; otherwise invent a short, fitting one. Colours are #rrggbb "
    'with readable contrast. Money is a decimal string in rupees, e.g. "165.00". Give 8 to 20 starter_products '
    "with realistic Indian names, units and prices and categories taken from 'categories'. Clinics get "
    "'services' and 'visiting_hours' sections; salons and vets a 'services' section. Leave phone, whatsapp "
    "and upi_id empty unless the owner gave them."
)


def tool_schema() -> dict:
    """The config schema with required starter products, and the storefront languages as an enum."""
    schema = generator_schema()
    schema["properties"]["language"] = {
        "enum": list(TOOL_LANGUAGES),
        "description": schema["properties"]["language"].get("description", ""),
    }
    return schema


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
                            "inputSchema": {"json": tool_schema()},
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
        return Generated(
            output=output,
            generator=self.name,
            name_from_prompt=bool(extract_name(prompt)),
            seconds=time.perf_counter() - started,
            usage=usage,
        )

    def _parse(self, response: dict) -> tuple[dict, dict]:
        stop = response.get("stopReason")
        if stop != "tool_use":
            raise BedrockOutputError(f"stopReason {stop}" + (" (output truncated)" if stop == "max_tokens" else ""))
        output = normalise_output(_tool_input(response))
        errors = generator_errors(output)
        if errors:
            raise BedrockOutputError("schema: " + "; ".join(errors[:3]))
        return output, response.get("usage", {})


class BedrockOutputError(Exception):
    pass


def _tool_input(response: dict) -> dict:
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
    return tool_input


def _reason(exc) -> str:
    from botocore.exceptions import ClientError

    if isinstance(exc, ClientError):
        return f"bedrock error {exc.response.get('Error', {}).get('Code', 'unknown')}"
    if isinstance(exc, BedrockOutputError):
        return f"bedrock output rejected: {exc}"
    return f"bedrock unreachable: {exc.__class__.__name__}"


def _money(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}.00"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, str):
        return value.replace("₹", "").replace(",", "").strip()
    return value


def _normalise_delivery(delivery) -> None:
    if not isinstance(delivery, dict):
        return
    for key in ("fee", "free_above"):
        if key in delivery:
            delivery[key] = _money(delivery[key])
    if "radius_km" in delivery and not isinstance(delivery["radius_km"], str):
        delivery["radius_km"] = _money(delivery["radius_km"]).removesuffix(".00")


def _normalise_contact(contact) -> None:
    if not isinstance(contact, dict):
        return
    for key in ("phone", "whatsapp"):
        if contact.get(key):
            contact[key] = phone_or_blank(contact[key]) or ""


def normalise_output(data: dict) -> dict:
    """Small, safe repairs before validation: numbers → decimal strings, phones → E.164."""
    data = copy.deepcopy(data)
    _normalise_delivery(data.get("delivery"))
    for product in data.get("starter_products") or []:
        if isinstance(product, dict) and "price" in product:
            product["price"] = _money(product["price"])
    _normalise_contact(data.get("contact"))
    return data
