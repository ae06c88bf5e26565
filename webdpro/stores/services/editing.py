"""Editing a store's config (basics, theme, sections, contact, delivery, payments) and regenerating its
content in another language; every save is conditional on nobody having saved in between."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import CONDITION_FAILED, Product, Store, cancellation_codes, conflict_on_condition, transact_write
from webdpro.db.stores import StoreStatus
from webdpro.errors import Conflict, ValidationFailed
from webdpro.money import parse_rupees
from webdpro.phones import InvalidPhone, normalize_phone
from webdpro.stores.colours import contrast
from webdpro.stores.generator import regenerate_config, retranslate_product
from webdpro.stores.schema import validate_config
from webdpro.stores.services.common import MAX_STORE_AMOUNT, SAVED_MEANWHILE, _by, _text, log
from webdpro.stores.starter_content import LANGUAGES as CONTENT_LANGUAGES

EDITABLE = (StoreStatus.DRAFT, StoreStatus.PAID, StoreStatus.PUBLISHED, StoreStatus.SUSPENDED)


SECTION_FIELD_LABELS = {"subtitle": gettext_lazy("section subtitle"), "text": gettext_lazy("section text")}


def save_config(store: Store, config: dict, by, extra_actions=()) -> Store:
    """Validate and save a whole config, conditional on nobody having saved since ``store`` was read."""
    if store.status not in EDITABLE:
        raise Conflict(_("The store is still being generated. Wait a few seconds and try again."))
    validate_config(config)
    now = clock.now_iso()
    actions = [
        Store.config.set(config),
        Store.name.set(config["name"]),
        Store.language.set(config["language"]),
        Store.store_type.set(config["store_type"]),
        Store.updated_at.set(now),
        *extra_actions,
    ]
    condition = Store.updated_at == store.updated_at if store.updated_at else Store.updated_at.does_not_exist()
    with conflict_on_condition(SAVED_MEANWHILE):
        store.update(actions=actions, condition=condition & Store.status.is_in(*EDITABLE))
    log.info("store config saved", extra={"store_id": store.store_id, "by": _by(by)})
    return store


def update_basics(
    store: Store,
    by,
    *,
    name: str,
    tagline: str,
    language: str,
    categories: list[str],
    seo_title: str = "",
    seo_description: str = "",
) -> Store:
    config = store.config_dict
    old_name = config.get("name")
    config["name"] = _text(name, _("store name"), 80, required=True, field="name")
    config["tagline"] = _text(tagline, _("tagline"), 140, field="tagline")
    language = (language or "").strip().lower()
    if language not in dict(LANGUAGES):
        raise ValidationFailed(_("Choose a language from the list."), field="language")
    config["language"] = language
    cleaned, seen = [], set()
    for category in categories:
        category = _text(category, _("category name"), 60, field="categories")
        if category and category.lower() not in seen:
            seen.add(category.lower())
            cleaned.append(category)
    if len(cleaned) > 30:
        raise ValidationFailed(_("At most 30 categories."), field="categories")
    config["categories"] = cleaned
    config["seo"] = {
        "title": _text(seo_title, _("search title"), 70, field="seo_title") or config["name"][:70],
        "description": _text(seo_description, _("search description"), 200, field="seo_description"),
    }
    for section in config.get("sections", []):  # the hero shows the name: keep it in step
        if section.get("type") == "hero" and section.get("title") == old_name:
            section["title"] = config["name"]
    return save_config(store, config, by)


def update_theme(store: Store, by, **colours) -> Store:
    import re

    config = store.config_dict
    theme = {}
    for key in ("primary", "accent", "background", "text"):
        value = (colours.get(key) or "").strip().lower()
        if not re.match(r"^#[0-9a-f]{6}$", value):
            raise ValidationFailed(_("Pick a colour for “%(key)s” (like #15803d).") % {"key": key}, field=key)
        theme[key] = value
    if contrast(theme["text"], theme["background"]) < 4.5:
        raise ValidationFailed(
            _("The text colour is hard to read on that background. Choose a darker text or a lighter background."),
            field="text",
        )
    config["theme"] = theme
    return save_config(store, config, by)


def _clean_items(section: dict) -> list:
    field = f"items_{section['type']}"
    items = section["items"] or []
    if len(items) > 30:
        raise ValidationFailed(_("At most 30 lines per section."), field=field)
    cleaned = []
    for item in items:
        if isinstance(item, dict):
            cleaned.append({k: _text(v, _("line"), 200, field=field) for k, v in item.items()})
        elif str(item).strip():
            cleaned.append(_text(item, _("line"), 200, field=field))
    return cleaned


def _merge_section(current: dict, section: dict) -> dict:
    merged = dict(current)
    merged["visible"] = bool(section.get("visible"))
    merged["title"] = _text(section.get("title"), _("section title"), 100, field=f"title_{section['type']}")
    if "items" in section:
        merged["items"] = _clean_items(section)
    for key, limit in (("subtitle", 200), ("text", 2000)):
        if key in section:
            value = _text(section.get(key), SECTION_FIELD_LABELS.get(key, key), limit, field=f"{key}_{section['type']}")
            if value:
                merged[key] = value
            else:
                merged.pop(key, None)
    return merged


def update_sections(store: Store, by, sections: list[dict]) -> Store:
    """``sections`` in the new order, each {type, visible, title, subtitle?, text?} (items are kept)."""
    config = store.config_dict
    existing = config.get("sections", [])
    if sorted(s.get("type") for s in sections) != sorted(s.get("type") for s in existing):
        raise Conflict(_("The page sections changed in the meantime. Reload the page and try again."))
    by_type = {s["type"]: s for s in existing}
    out = [_merge_section(by_type[section["type"]], section) for section in sections]
    if not any(s["visible"] for s in out):
        raise ValidationFailed(_("Keep at least one section visible."), field="sections")
    config["sections"] = out
    return save_config(store, config, by)


def _phone_or_blank(value, field) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return normalize_phone(value)
    except InvalidPhone as exc:
        raise ValidationFailed(str(exc), field=field) from exc


def update_contact(store: Store, by, *, phone: str, whatsapp: str, address: str, hours: str) -> Store:
    config = store.config_dict
    config["contact"] = {
        "phone": _phone_or_blank(phone, "phone"),
        "whatsapp": _phone_or_blank(whatsapp, "whatsapp"),
        "address": _text(address, _("address"), 300, field="address"),
        "hours": _text(hours, _("opening hours"), 120, field="hours"),
    }
    return save_config(store, config, by)


def _money(value, label, field) -> Decimal:
    """A store amount (delivery fee, free-delivery threshold): ₹0 when left empty."""
    return parse_rupees(value, field=field, label=label, maximum=MAX_STORE_AMOUNT, blank=Decimal("0.00"))


def update_delivery(store: Store, by, *, fee, free_above, radius_km, enabled: bool = True) -> Store:
    config = store.config_dict
    fee = _money(fee, _("delivery fee"), "fee")
    free_above = _money(free_above, _("free-delivery amount"), "free_above")
    try:
        radius = Decimal(str(radius_km).strip() or "0")
    except Exception as exc:  # noqa: BLE001
        raise ValidationFailed(_("Enter the delivery radius in km, like 5."), field="radius_km") from exc
    if not radius.is_finite() or radius < 0 or radius > 999:
        raise ValidationFailed(_("The delivery radius must be between 0 and 999 km."), field="radius_km")
    if enabled and radius == 0:
        raise ValidationFailed(_("Enter how far you deliver (in km), or turn delivery off."), field="radius_km")
    radius = radius.quantize(Decimal("0.01")).normalize()
    config["delivery"] = {
        **(config.get("delivery") or {}),  # pickup and the delivery area are saved by rule_settings
        "fee": str(fee),
        "free_above": str(free_above),
        "radius_km": f"{radius:f}",
        "enabled": bool(enabled),
    }
    return save_config(store, config, by)


def update_payments(store: Store, by, *, cod: bool, upi: bool, card: bool, upi_id: str = "") -> Store:
    import re

    config = store.config_dict
    upi_id = (upi_id or "").strip()
    if not (cod or upi or card):
        raise ValidationFailed(_("Turn on at least one way to pay."), field="payments")
    if upi_id and not re.match(r"^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.-]{1,63}$", upi_id):
        raise ValidationFailed(_("Enter a UPI id like yourshop@okaxis."), field="upi_id")
    config["payments"] = {"cod": bool(cod), "upi": bool(upi), "card": bool(card), "upi_id": upi_id}
    return save_config(store, config, by)


LANGUAGES = [
    ("en", "English"),
    ("hi", "हिन्दी — Hindi"),
    ("mr", "मराठी — Marathi"),
    ("bn", "বাংলা — Bengali"),
    ("ta", "தமிழ் — Tamil"),
    ("te", "తెలుగు — Telugu"),
    ("kn", "ಕನ್ನಡ — Kannada"),
    ("ml", "മലയാളം — Malayalam"),
    ("gu", "ગુજરાતી — Gujarati"),
    ("pa", "ਪੰਜਾਬੀ — Punjabi"),
    ("or", "ଓଡ଼ିଆ — Odia"),
]


# --- regenerating the content in another language -------------------------------------------------
MAX_PRODUCT_UPDATES = 99  # one transaction: the store plus at most 99 products


@dataclass
class Regenerated:
    store: Store
    products: int  # starter products renamed


def _starter_product_changes(store: Store, store_type: str, language: str, replace_edits: bool) -> list:
    """(product, changes) for the store's starter products (one Query of the store's partition)."""
    out = []
    for product in Product.query(store.store_id, attributes_to_get=["product_id", "name", "category", "description"]):
        fields = {"name": product.name, "category": product.category, "description": product.description}
        changes = retranslate_product(store_type, fields, language, replace_edits=replace_edits)
        if changes:
            out.append((product, changes))
    return out[:MAX_PRODUCT_UPDATES]


def regenerate_content(store: Store, language: str, replace_edits: bool, by=None) -> Regenerated:
    """Rewrite the store's generated text — tagline, banner, about, section titles, categories, opening
    hours, SEO, and the starter products' names, categories and descriptions — in ``language``, and
    make it the store's language. Text the owner wrote (anything that is not what the generator wrote,
    in any language) is kept unless ``replace_edits``; products the owner renamed are never touched.

    One transaction, conditional on nobody having saved the store since it was read and on each
    product still having the name it was read with."""
    language = (language or "").strip().lower()
    if language not in CONTENT_LANGUAGES:
        raise ValidationFailed(_("We can write your store's text in the languages in the list only."), field="language")
    if store.status not in EDITABLE:
        raise Conflict(_("The store is still being generated. Wait a few seconds and try again."))
    config = store.config_dict
    if not config:
        raise Conflict(_("The store has no content yet."))
    new_config = validate_config(regenerate_config(config, language, replace_edits=bool(replace_edits)))
    changes = _starter_product_changes(store, new_config["store_type"], language, bool(replace_edits))
    now = clock.now_iso()
    condition = Store.updated_at == store.updated_at if store.updated_at else Store.updated_at.does_not_exist()
    try:
        with transact_write() as tx:
            tx.update(
                store,
                actions=[Store.config.set(new_config), Store.language.set(language), Store.updated_at.set(now)],
                condition=condition & Store.status.is_in(*EDITABLE),
            )
            for product, fields in changes:
                actions = [getattr(Product, key).set(value) for key, value in fields.items()]
                tx.update(
                    Product(store.store_id, product.product_id),
                    actions=[*actions, Product.updated_at.set(now)],
                    condition=Product.name == product.name,
                )
    except TransactWriteError as exc:
        if CONDITION_FAILED in cancellation_codes(exc):
            raise Conflict(
                _("Someone saved this store or its products in the meantime. Reload the page and try again.")
            ) from exc
        raise
    log.info(
        "store content regenerated",
        extra={"store_id": store.store_id, "language": language, "products": len(changes), "by": _by(by)},
    )
    store.config, store.language, store.updated_at = new_config, language, now
    return Regenerated(store=store, products=len(changes))
