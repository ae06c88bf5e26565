"""Writes for stores: create from a prompt, generate, edit, domains, publish. Each function validates,
writes atomically with conditions, and raises :class:`webdpro.errors.DomainError` subclasses.

Status changes only go through the named functions here, which consult the transition table in
:mod:`webdpro.stores.transitions`.
"""

from __future__ import annotations

import logging
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from pynamodb.exceptions import TransactWriteError, UpdateError

from webdpro import clock
from webdpro.accounts.plans import get_plan
from webdpro.db import (
    CONDITION_FAILED,
    DomainClaim,
    Product,
    Store,
    Tenant,
    cancellation_codes,
    conflict_on_condition,
    is_condition_failure,
    retry_transaction,
    transact_write,
)
from webdpro.db.domains import SUBDOMAIN
from webdpro.db.stores import DRAFT, GENERATING, PAID, PUBLISHED, SUSPENDED
from webdpro.db.users import SUPER_ADMIN
from webdpro.errors import Conflict, DomainError, Forbidden, ValidationFailed
from webdpro.ids import new_id
from webdpro.money import parse_rupees, to_decimal
from webdpro.phones import InvalidPhone, normalize_phone
from webdpro.stores import preview, selectors, transitions
from webdpro.stores.colours import contrast
from webdpro.stores.domains import claim_for_new_domain
from webdpro.stores.generation import get_generator
from webdpro.stores.generator import (
    default_config,
    detect_store_type,
    regenerate_config,
    retranslate_product,
)
from webdpro.stores.schema import validate_config
from webdpro.stores.starter_content import LANGUAGES as CONTENT_LANGUAGES
from webdpro.stores.text import (
    detect_language,
    extract_name,
    normalize_hostname,
    slug_variants,
    slugify_name,
    validate_slug,
)
from webdpro.stores.transitions import CONSOLE, OWNER, PAYMENTS, SYSTEM

log = logging.getLogger("webdpro.stores")

STALE_GENERATION_SECONDS = 90
MAX_PROMPT = 500


class PlanLimitReached(Conflict):
    pass


class SlugTaken(Conflict):
    pass


class PaymentRequired(DomainError):
    """Publishing needs the plan's one-time fee first (payments:publish_fee)."""

    status_code = 402

    def __init__(self, message, *, fee: Decimal):
        super().__init__(message, code="payment_required")
        self.fee = fee


# --- helpers -------------------------------------------------------------------------------------
def _by(by) -> str:
    """An audit label for the actor: a user id, or a label like "payments"."""
    return getattr(by, "user_id", None) or str(by or "system")


def _is_console(by) -> bool:
    return getattr(by, "role", None) == SUPER_ADMIN or by == CONSOLE


def platform_domain(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


def preview_url(store_or_slug, tenant_id=None, store_id=None) -> str:
    if isinstance(store_or_slug, Store):
        slug, tenant_id, store_id = store_or_slug.slug, store_or_slug.tenant_id, store_or_slug.store_id
    else:
        slug = store_or_slug
    return f"/s/{slug}/?preview={preview.make_token(tenant_id, store_id)}"


def live_url_for(store) -> str:
    return f"https://{store.custom_domain or store.domain}/"


MAX_STORE_AMOUNT = Decimal("9999999")  # ₹99,99,999: the most a store fee or threshold can be
SAVED_MEANWHILE = (
    "Someone saved this store in the meantime. Reload the page to see the latest version, then make your change again."
)


def store_config(store) -> dict:
    """The store's config as plain dicts/lists: :attr:`Store.config_dict` (the one rule)."""
    return store.config_dict


def _reload(store) -> Store:
    return selectors.get_store(store.tenant_id, store.store_id)


# --- create ----------------------------------------------------------------------------------------
def clean_prompt(prompt: str) -> str:
    prompt = " ".join((prompt or "").split())
    if len(prompt) < 3:
        raise ValidationFailed(
            "Tell us about your business in one sentence, e.g. “A kirana store in Indiranagar "
            "selling dal, rice and atta”.",
            field="prompt",
        )
    if len(prompt) > MAX_PROMPT:
        raise ValidationFailed(f"Keep it to one or two sentences (at most {MAX_PROMPT} characters).", field="prompt")
    return prompt


def create_store(tenant: Tenant, prompt: str, by, *, slug: str | None = None, generate: bool = True) -> Store:
    """A new GENERATING store inside the tenant's plan limit, then its generation.

    One transaction writes the store, claims its subdomain (``attribute_not_exists``: on a clash the next
    variant is tried) and increments ``Tenant.store_count`` on the condition ``store_count < max_stores``,
    so concurrent creations can never exceed the plan. Generation then runs in a background thread
    (``STORE_GENERATION_ASYNC``) or inline.
    """
    prompt = clean_prompt(prompt)
    if tenant.is_suspended:
        raise Forbidden("Your account is suspended, so new stores cannot be created.")
    name = extract_name(prompt) or tenant.business_name or "My Store"
    store_id = new_id()
    base = validate_slug(slug) if slug else slugify_name(name, fallback=f"store-{store_id[-6:].lower()}")
    now = clock.now_iso()
    for candidate in free_slugs(base):
        store = _new_store(tenant, store_id, candidate, name, prompt, now)
        claim = DomainClaim(store.domain, tenant_id=tenant.tenant_id, store_id=store_id, kind=SUBDOMAIN, created_at=now)
        try:
            retry_transaction(partial(_write_new_store, store, claim, tenant, now))
        except TransactWriteError as exc:
            if _subdomain_taken(exc, tenant):
                continue  # next variant
            raise
        selectors.forget_domain(store.domain)
        log.info("store created", extra={"store_id": store_id, "tenant_id": tenant.tenant_id, "by": _by(by)})
        if generate:
            owner_phone = getattr(by, "phone", None) or tenant.owner_phone
            start_generation(store, owner_phone=owner_phone, business_name=tenant.business_name)
        return store
    raise SlugTaken("We could not find a free web address for this store. Try again with a different name.")


def _new_store(tenant: Tenant, store_id: str, slug: str, name: str, prompt: str, now: str) -> Store:
    """A GENERATING store on the subdomain ``slug`` (not yet written)."""
    return Store(
        tenant.tenant_id,
        store_id,
        status=GENERATING,
        prompt=prompt,
        store_type=detect_store_type(prompt),
        config=None,
        language=detect_language(prompt),
        currency="INR",
        domain=platform_domain(slug),
        created_at=now,
        name=name[:80],
        slug=slug,
        updated_at=now,
        preview_url=preview_url(slug, tenant.tenant_id, store_id),
    )


def _write_new_store(store: Store, claim: DomainClaim, tenant: Tenant, now: str) -> None:
    """Store, subdomain claim and the tenant's store count in one transaction, inside the plan limit."""
    with transact_write() as tx:
        tx.save(store, condition=Store.store_id.does_not_exist())
        tx.save(claim, condition=DomainClaim.domain.does_not_exist())
        tx.update(
            Tenant(tenant.tenant_id),
            actions=[Tenant.store_count.add(1), Tenant.updated_at.set(now)],
            condition=Tenant.tenant_id.exists()
            & (Tenant.store_count < Tenant.max_stores)
            & (Tenant.is_suspended.does_not_exist() | (Tenant.is_suspended == False)),  # noqa: E712 (a PynamoDB condition)
        )


def _subdomain_taken(exc: TransactWriteError, tenant: Tenant) -> bool:
    """True when only the subdomain was taken; ``PlanLimitReached`` when the plan is full."""
    codes = cancellation_codes(exc)  # puts (store, claim), then the tenant update
    if len(codes) >= 3 and codes[2] == CONDITION_FAILED:
        plan = get_plan(tenant.plan)
        raise PlanLimitReached(
            f"Your {plan.name} plan allows {plan.max_stores} store{'s' if plan.max_stores != 1 else ''}, "
            "and you have reached it. Upgrade your plan to create another store."
        ) from exc
    return len(codes) >= 2 and codes[1] == CONDITION_FAILED


def free_slugs(base: str) -> list[str]:
    """Candidate slugs (base, base-2 … base-9, base-<random>), those already claimed left out.

    One BatchGetItem spares a popular name ("sharma-kirana") a string of failed transactions. It is only
    a hint: uniqueness is still the conditional write in the transaction, which moves on when it loses."""
    candidates = list(dict.fromkeys(slug_variants(base, [secrets.token_hex(2) for _ in range(4)])))
    taken = {
        claim.domain
        for claim in DomainClaim.batch_get([platform_domain(c) for c in candidates], attributes_to_get=["domain"])
    }
    return [c for c in candidates if platform_domain(c) not in taken] or candidates[-4:]


# --- generation ------------------------------------------------------------------------------------
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="store-gen")


def start_generation(store: Store, owner_phone: str | None = None, business_name: str | None = None) -> None:
    """Generate in a background thread (``STORE_GENERATION_ASYNC``) or right now."""
    args = (
        store.tenant_id,
        store.store_id,
        store.updated_at,
        store.prompt or "",
        business_name or store.name,
        owner_phone,
    )
    if settings.STORE_GENERATION_ASYNC:
        threading.Thread(target=_generate_safely, args=args, daemon=True, name=f"generate-{store.store_id}").start()
    else:
        _generate_safely(*args)


def _generate_safely(*args):
    try:
        run_generation(*args)
    except Exception:  # never let a background thread die silently; the store is recovered when read
        log.exception("store generation crashed", extra={"store_id": args[1]})


def run_generation(
    tenant_id: str,
    store_id: str,
    token: str,
    prompt: str,
    business_name: str | None,
    owner_phone: str | None,
    timeout: float | None = None,
):
    """Run the configured generator with a deadline and finish the store (DRAFT, with products), or fall
    back to a default config with a message. Conditional on the store still being this generation."""
    timeout = timeout if timeout is not None else settings.STORE_GENERATION_TIMEOUT_SECONDS
    generator = get_generator()
    future = _pool.submit(generator.generate, prompt, business_name=business_name, phone=owner_phone)
    try:
        result = future.result(timeout=timeout)
        config = result.config
        if not config["contact"].get("phone") and owner_phone:
            config["contact"]["phone"] = config["contact"]["whatsapp"] = owner_phone
        validate_config(config)
    except FutureTimeout:
        return fail_generation(tenant_id, store_id, token, f"Generation took longer than {int(timeout)} seconds.")
    except Exception as exc:  # noqa: BLE001 — any generator failure leaves a usable draft
        log.warning("store generation failed", extra={"store_id": store_id, "error": repr(exc)})
        return fail_generation(tenant_id, store_id, token, "Generation failed.")
    if result.fallback_reason:  # the built-in generator stood in: a complete store, nothing for the owner to do
        log.warning("store generated by the fallback", extra={"store_id": store_id, "reason": result.fallback_reason})
    return finish_generation(tenant_id, store_id, token, config, result.products)


def finish_generation(
    tenant_id: str, store_id: str, token: str, config: dict, products: list[dict], note: str | None = None
) -> Store | None:
    """GENERATING → DRAFT with the config, and the starter products (inactive, for review), in one
    transaction (≤ 21 items) conditional on this generation still owning the store: a late result after a
    timeout or a recovery writes nothing."""
    validate_config(config)
    now = clock.now_iso()
    store = Store(tenant_id, store_id)
    actions = [
        Store.status.set(DRAFT),
        Store.config.set(config),
        Store.name.set(config["name"]),
        Store.store_type.set(config["store_type"]),
        Store.language.set(config["language"]),
        Store.updated_at.set(now),
    ]
    actions.append(Store.status_message.set(note) if note else Store.status_message.remove())
    items = [
        Product(
            store_id,
            new_id(),
            name=p["name"],
            description=p.get("description") or None,
            price=to_decimal(p["price"]),
            currency="INR",
            category=p["category"],
            images=[],
            stock_quantity=0,
            low_stock_threshold=5,
            is_active=False,
            created_at=now,
            tenant_id=tenant_id,
            updated_at=now,
        )
        for p in products[:20]
    ]
    try:
        with transact_write() as tx:
            for item in items:
                tx.save(item, condition=Product.product_id.does_not_exist())
            tx.update(store, actions=actions, condition=(Store.status == GENERATING) & (Store.updated_at == token))
    except TransactWriteError as exc:
        if "ConditionalCheckFailed" in cancellation_codes(exc):
            log.info("generation result discarded (store moved on)", extra={"store_id": store_id})
            return None
        raise
    return selectors.get_store(tenant_id, store_id)


FAILURE_MESSAGE = "{reason} We set up a basic store you can edit now — or press “Try again” to generate it again."


def fail_generation(tenant_id: str, store_id: str, token: str | None, reason: str) -> Store | None:
    """GENERATING → DRAFT with a sensible default config and a message (no starter products)."""
    try:
        store = selectors.get_store(tenant_id, store_id)
    except DomainError:
        return None
    if store.status != GENERATING or (token and store.updated_at != token):
        return store
    transitions.check(store, DRAFT, SYSTEM)
    prompt = store.prompt or ""
    config = default_config(
        store.name or "My Store", language=detect_language(prompt), store_type=detect_store_type(prompt)
    )
    validate_config(config)
    try:
        store.update(
            actions=[
                Store.status.set(DRAFT),
                Store.config.set(config),
                Store.store_type.set(config["store_type"]),
                Store.language.set(config["language"]),
                Store.updated_at.set(clock.now_iso()),
                Store.status_message.set(FAILURE_MESSAGE.format(reason=reason)),
            ],
            condition=(Store.status == GENERATING) & (Store.updated_at == store.updated_at),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return _reload(store)
        raise
    return store


def recover_if_stale(store: Store, max_age: int = STALE_GENERATION_SECONDS) -> Store:
    """A store GENERATING for longer than ``max_age`` seconds (a crashed worker, a restart) becomes a
    DRAFT with a default config when read. Cheap: no call unless it is stale."""
    if store.status != GENERATING:
        return store
    started = clock.parse(store.updated_at or store.created_at)
    if clock.now() - started < timedelta(seconds=max_age):
        return store
    return (
        fail_generation(store.tenant_id, store.store_id, store.updated_at, "Generation did not finish in time.")
        or store
    )


def retry_generation(store: Store, by) -> Store:
    """DRAFT → GENERATING again, for a store whose generation failed (it carries a status message)."""
    transitions.check(store, GENERATING, OWNER)
    if not store.status_message:
        raise Conflict("This store was generated successfully; edit it instead.")
    now = clock.now_iso()
    with conflict_on_condition("The store changed in the meantime. Reload the page and try again."):
        store.update(
            actions=[Store.status.set(GENERATING), Store.updated_at.set(now), Store.status_message.remove()],
            condition=(Store.status == DRAFT) & (Store.updated_at == store.updated_at),
        )
    start_generation(store, owner_phone=getattr(by, "phone", None), business_name=store.name)
    return store


# --- editing ---------------------------------------------------------------------------------------
EDITABLE = (DRAFT, PAID, PUBLISHED, SUSPENDED)


def save_config(store: Store, config: dict, by, extra_actions=()) -> Store:
    """Validate and save a whole config, conditional on nobody having saved since ``store`` was read."""
    if store.status not in EDITABLE:
        raise Conflict("The store is still being generated. Wait a few seconds and try again.")
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


def _text(value, label, max_length, required=False, field=None) -> str:
    value = " ".join(str(value or "").split()) if "\n" not in str(value or "") else str(value).strip()
    if required and not value:
        raise ValidationFailed(f"Enter the {label}.", field=field)
    if len(value) > max_length:
        raise ValidationFailed(f"The {label} is too long (at most {max_length} characters).", field=field)
    return value


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
    config["name"] = _text(name, "store name", 80, required=True, field="name")
    config["tagline"] = _text(tagline, "tagline", 140, field="tagline")
    language = (language or "").strip().lower()
    if language not in dict(LANGUAGES):
        raise ValidationFailed("Choose a language from the list.", field="language")
    config["language"] = language
    cleaned, seen = [], set()
    for category in categories:
        category = _text(category, "category name", 60, field="categories")
        if category and category.lower() not in seen:
            seen.add(category.lower())
            cleaned.append(category)
    if len(cleaned) > 30:
        raise ValidationFailed("At most 30 categories.", field="categories")
    config["categories"] = cleaned
    config["seo"] = {
        "title": _text(seo_title, "search title", 70, field="seo_title") or config["name"][:70],
        "description": _text(seo_description, "search description", 200, field="seo_description"),
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
            raise ValidationFailed(f"Pick a colour for “{key}” (like #15803d).", field=key)
        theme[key] = value
    if contrast(theme["text"], theme["background"]) < 4.5:
        raise ValidationFailed(
            "The text colour is hard to read on that background. Choose a darker text or a lighter background.",
            field="text",
        )
    config["theme"] = theme
    return save_config(store, config, by)


def _clean_items(section: dict) -> list:
    field = f"items_{section['type']}"
    items = section["items"] or []
    if len(items) > 30:
        raise ValidationFailed("At most 30 lines per section.", field=field)
    cleaned = []
    for item in items:
        if isinstance(item, dict):
            cleaned.append({k: _text(v, "line", 200, field=field) for k, v in item.items()})
        elif str(item).strip():
            cleaned.append(_text(item, "line", 200, field=field))
    return cleaned


def _merge_section(current: dict, section: dict) -> dict:
    merged = dict(current)
    merged["visible"] = bool(section.get("visible"))
    merged["title"] = _text(section.get("title"), "section title", 100, field=f"title_{section['type']}")
    if "items" in section:
        merged["items"] = _clean_items(section)
    for key, limit in (("subtitle", 200), ("text", 2000)):
        if key in section:
            value = _text(section.get(key), f"section {key}", limit, field=f"{key}_{section['type']}")
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
        raise Conflict("The page sections changed in the meantime. Reload the page and try again.")
    by_type = {s["type"]: s for s in existing}
    out = [_merge_section(by_type[section["type"]], section) for section in sections]
    if not any(s["visible"] for s in out):
        raise ValidationFailed("Keep at least one section visible.", field="sections")
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
        "address": _text(address, "address", 300, field="address"),
        "hours": _text(hours, "opening hours", 120, field="hours"),
    }
    return save_config(store, config, by)


def _money(value, label, field) -> Decimal:
    """A store amount (delivery fee, free-delivery threshold): ₹0 when left empty."""
    return parse_rupees(value, field=field, label=label, maximum=MAX_STORE_AMOUNT, blank=Decimal("0.00"))


def update_delivery(store: Store, by, *, fee, free_above, radius_km, enabled: bool = True) -> Store:
    config = store.config_dict
    fee = _money(fee, "delivery fee", "fee")
    free_above = _money(free_above, "free-delivery amount", "free_above")
    try:
        radius = Decimal(str(radius_km).strip() or "0")
    except Exception as exc:  # noqa: BLE001
        raise ValidationFailed("Enter the delivery radius in km, like 5.", field="radius_km") from exc
    if not radius.is_finite() or radius < 0 or radius > 999:
        raise ValidationFailed("The delivery radius must be between 0 and 999 km.", field="radius_km")
    if enabled and radius == 0:
        raise ValidationFailed("Enter how far you deliver (in km), or turn delivery off.", field="radius_km")
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
        raise ValidationFailed("Turn on at least one way to pay.", field="payments")
    if upi_id and not re.match(r"^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.-]{1,63}$", upi_id):
        raise ValidationFailed("Enter a UPI id like yourshop@okaxis.", field="upi_id")
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
        raise ValidationFailed("We can write your store's text in the languages in the list only.", field="language")
    if store.status not in EDITABLE:
        raise Conflict("The store is still being generated. Wait a few seconds and try again.")
    config = store.config_dict
    if not config:
        raise Conflict("The store has no content yet.")
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
                "Someone saved this store or its products in the meantime. Reload the page and try again."
            ) from exc
        raise
    log.info(
        "store content regenerated",
        extra={"store_id": store.store_id, "language": language, "products": len(changes), "by": _by(by)},
    )
    store.config, store.language, store.updated_at = new_config, language, now
    return Regenerated(store=store, products=len(changes))


# --- domains ---------------------------------------------------------------------------------------
def change_slug(store: Store, new_slug: str, by) -> Store:
    """Move the store to ``<new_slug>.<PLATFORM_DOMAIN>`` in one transaction: claim the new name
    (``attribute_not_exists``), release the old claim, update the store. DRAFT stores only."""
    new_slug = validate_slug(new_slug)
    if new_slug == store.slug:
        return store
    if store.status != DRAFT:
        raise Conflict(
            "The web address can only be changed while the store is a draft. Unpublish it first.", code="not_draft"
        )
    old_domain, new_domain = store.domain, platform_domain(new_slug)
    now = clock.now_iso()
    try:
        with transact_write() as tx:
            if old_domain:
                tx.delete(DomainClaim(old_domain), condition=DomainClaim.store_id == store.store_id)
            tx.save(
                DomainClaim(
                    new_domain, tenant_id=store.tenant_id, store_id=store.store_id, kind=SUBDOMAIN, created_at=now
                ),
                condition=DomainClaim.domain.does_not_exist(),
            )
            tx.update(
                store,
                actions=[
                    Store.slug.set(new_slug),
                    Store.domain.set(new_domain),
                    Store.preview_url.set(preview_url(new_slug, store.tenant_id, store.store_id)),
                    Store.updated_at.set(now),
                ],
                condition=(Store.status == DRAFT) & (Store.slug == store.slug),
            )
    except TransactWriteError as exc:
        codes = cancellation_codes(exc)
        offset = 1 if old_domain else 0  # deletes, then puts, then updates
        if len(codes) > offset and codes[offset] == "ConditionalCheckFailed":
            raise SlugTaken(f"{new_domain} is taken. Try another address.", field="slug") from exc
        if "ConditionalCheckFailed" in codes:
            raise Conflict("The store changed in the meantime. Reload the page and try again.") from exc
        raise
    for domain in (old_domain, new_domain):
        selectors.forget_domain(domain)
    store.slug, store.domain, store.updated_at = new_slug, new_domain, now
    store.preview_url = preview_url(store)
    return store


def _write_custom_domain(store: Store, old: str | None, new: str | None, now: str) -> None:
    actions = [Store.custom_domain.set(new) if new else Store.custom_domain.remove(), Store.updated_at.set(now)]
    if store.status == PUBLISHED:
        actions.append(Store.live_url.set(f"https://{new or store.domain}/"))
    condition = (Store.custom_domain == old) if old else Store.custom_domain.does_not_exist()
    try:
        with transact_write() as tx:
            if old:
                tx.delete(DomainClaim(old), condition=DomainClaim.store_id == store.store_id)
            if new:
                tx.save(claim_for_new_domain(new, store, now), condition=DomainClaim.domain.does_not_exist())
            tx.update(store, actions=actions, condition=condition)
    except TransactWriteError as exc:
        codes = cancellation_codes(exc)
        offset = 1 if old else 0
        if new and len(codes) > offset and codes[offset] == "ConditionalCheckFailed":
            raise SlugTaken(f"{new} is already connected to another store.", field="custom_domain") from exc
        if "ConditionalCheckFailed" in codes:
            raise Conflict("The store changed in the meantime. Reload the page and try again.") from exc
        raise


def set_custom_domain(store: Store, hostname: str, by) -> Store:
    """Set (or with "" remove) the store's own domain, unique across the platform the same way. A new
    domain is PENDING until its DNS records prove it (``webdpro.stores.domains``): not served before."""
    new = normalize_hostname(hostname) if (hostname or "").strip() else None
    old = store.custom_domain
    if new == old:
        return store
    now = clock.now_iso()
    _write_custom_domain(store, old, new, now)
    for domain in (old, new):
        if domain:
            selectors.forget_domain(domain)
    store.custom_domain, store.updated_at = new, now
    if store.status == PUBLISHED:
        store.live_url = live_url_for(store)
    return store


# --- status ----------------------------------------------------------------------------------------
def _set_status(store: Store, target: str, actions: list, by) -> Store:
    now = clock.now_iso()
    with conflict_on_condition("The store's status changed in the meantime. Reload the page and try again."):
        store.update(
            actions=[Store.status.set(target), Store.updated_at.set(now), *actions],
            condition=Store.status == store.status,
        )
    log.info("store status changed", extra={"store_id": store.store_id, "status": target, "by": _by(by)})
    return store


def mark_paid(store: Store, by) -> Store:
    """DRAFT → PAID after the publish fee was captured (payments). Idempotent for webhook retries."""
    if store.status in (PAID, PUBLISHED):
        return store
    transitions.check(store, PAID, CONSOLE if _is_console(by) else PAYMENTS)
    return _set_status(store, PAID, [], by)


@dataclass
class PublishFee:
    fee: Decimal
    due: bool


def publish_fee(store: Store, tenant: Tenant | None = None) -> PublishFee:
    """The plan's one-time publish fee and whether this store still owes it (not if it was published before)."""
    tenant = tenant or Tenant.get(store.tenant_id)
    fee = get_plan(tenant.plan).publish_fee
    return PublishFee(fee=fee, due=fee > 0 and store.status == DRAFT and not store.published_at)


def publish(store: Store, by, tenant: Tenant | None = None) -> Store:
    """PAID → PUBLISHED; a DRAFT publishes at once when no fee is due (fee 0, or published before),
    otherwise :class:`PaymentRequired`. Sets ``live_url``, and ``published_at`` the first time only."""
    if store.status == PUBLISHED:
        return store
    actor = CONSOLE if _is_console(by) else OWNER
    transitions.check(store, PUBLISHED, actor)
    if store.status == DRAFT:
        fee = publish_fee(store, tenant)
        if fee.due:
            from webdpro.money import format_inr

            raise PaymentRequired(f"Publishing needs a one-time fee of {format_inr(fee.fee)}.", fee=fee.fee)
    if not store.config:
        raise Conflict("The store has no content yet.")
    now = clock.now_iso()
    live = live_url_for(store)
    _set_status(
        store,
        PUBLISHED,
        [Store.live_url.set(live), Store.published_at.set(Store.published_at | now), Store.status_message.remove()],
        by,
    )
    store.status, store.live_url = PUBLISHED, live
    store.published_at = store.published_at or now
    store.status_message = None
    return store


def unpublish(store: Store, by) -> Store:
    """PUBLISHED → DRAFT: the storefront stops answering (except preview links); the address is kept."""
    transitions.check(store, DRAFT, CONSOLE if _is_console(by) else OWNER)
    _set_status(store, DRAFT, [Store.live_url.remove()], by)
    store.status, store.live_url = DRAFT, None
    return store


def suspend(store: Store, by, reason: str) -> Store:
    """Console only: any status → SUSPENDED, remembering the previous status."""
    if not _is_console(by):
        raise Forbidden("Only WebDPro's support team can suspend a store.")
    reason = _text(reason, "reason", 300, required=True, field="reason")
    if store.status == SUSPENDED:
        return store
    transitions.check(store, SUSPENDED, CONSOLE)
    previous = DRAFT if store.status == GENERATING else store.status
    _set_status(store, SUSPENDED, [Store.previous_status.set(previous), Store.suspension_reason.set(reason)], by)
    store.status, store.previous_status, store.suspension_reason = SUSPENDED, previous, reason
    return store


def unsuspend(store: Store, by) -> Store:
    if not _is_console(by):
        raise Forbidden("Only WebDPro's support team can lift a suspension.")
    if store.status != SUSPENDED:
        return store
    target = store.previous_status if store.previous_status in (DRAFT, PAID, PUBLISHED) else DRAFT
    transitions.check(store, target, CONSOLE)
    _set_status(store, target, [Store.previous_status.remove(), Store.suspension_reason.remove()], by)
    store.status, store.previous_status, store.suspension_reason = target, None, None
    return store
