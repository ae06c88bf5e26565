"""The store config's JSON schema (config_schema.json) and its validation.

Every config is validated here before it is saved (services call :func:`validate_config`). The
Bedrock generator sends :func:`generator_schema` (the same schema with ``starter_products`` required and
``$ref`` inlined, which every Converse tool schema accepts) as its forced tool's input schema.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator

from webdpro.errors import ValidationFailed

SCHEMA_PATH = Path(__file__).with_name("config_schema.json")
STORE_TYPES = tuple(json.loads(SCHEMA_PATH.read_text())["properties"]["store_type"]["enum"])
STORE_TYPE_LABELS = {
    "grocery": _("Kirana / grocery"),
    "fruits_vegetables": _("Fruits & vegetables"),
    "dairy": _("Dairy"),
    "meat_fish": _("Meat & fish"),
    "bakery": _("Bakery & cakes"),
    "sweets": _("Sweets & namkeen"),
    "restaurant": _("Restaurant / cloud kitchen"),
    "cafe": _("Café & tea stall"),
    "pharmacy": _("Pharmacy"),
    "clinic": _("Clinic / doctor"),
    "pet": _("Pet shop & vet"),
    "salon": _("Salon & beauty"),
    "fashion": _("Fashion / boutique"),
    "jewellery": _("Jewellery"),
    "footwear": _("Footwear"),
    "electronics": _("Electronics & mobile"),
    "hardware": _("Hardware & paint"),
    "furniture": _("Furniture"),
    "stationery": _("Stationery & books"),
    "gifts": _("Gifts & flowers"),
    "general": _("General store"),
}
SECTION_TYPES = ("hero", "categories", "featured", "about", "contact", "services", "visiting_hours")


@lru_cache(maxsize=1)
def config_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text())


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = config_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


class InvalidConfig(ValidationFailed):
    """The config does not match the schema. ``errors`` lists every problem as 'path: message'."""

    def __init__(self, errors: list[str]):
        first = errors[0] if errors else "invalid configuration"
        super().__init__(f"The store settings are not valid: {first}", code="invalid_config")
        self.errors = errors


def config_errors(config) -> list[str]:
    errors = []
    for error in sorted(_validator().iter_errors(config), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        errors.append(f"{path}: {error.message}")
    return errors


def validate_config(config, *, allow_products: bool = False) -> dict:
    """Raise :class:`InvalidConfig` unless ``config`` matches the schema. Returns it unchanged.

    A config about to be saved must not carry ``starter_products`` (they live in the products table).
    """
    errors = config_errors(config)
    if not allow_products and isinstance(config, dict) and "starter_products" in config:
        errors.append("starter_products: must be moved to the products table before saving")
    if errors:
        raise InvalidConfig(errors)
    return config


def _inline(node, defs):
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            merged = {**_inline(defs[name], defs), **{k: v for k, v in node.items() if k != "$ref"}}
            return merged
        return {k: _inline(v, defs) for k, v in node.items() if k not in ("$defs", "$schema", "$id")}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


@lru_cache(maxsize=1)
def _generator_schema() -> str:
    schema = copy.deepcopy(config_schema())
    defs = schema.get("$defs", {})
    out = _inline(schema, defs)
    out["required"] = list(out["required"]) + ["starter_products"]
    return json.dumps(out)


def generator_schema() -> dict:
    """The schema a generator's output must match: the config plus required ``starter_products``."""
    return json.loads(_generator_schema())


def generator_errors(output) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in Draft202012Validator(generator_schema()).iter_errors(output)
    ]


def store_type_label(store_type: str | None) -> str:
    """What people see for a kind of shop ("Sweets & namkeen"), never the code."""
    return str(STORE_TYPE_LABELS.get(store_type or "", STORE_TYPE_LABELS["general"]))
