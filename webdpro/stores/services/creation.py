"""Creating a store from a prompt: the plan limit, the subdomain claim and the first generation."""

from __future__ import annotations

import secrets
from functools import partial

from django.utils.translation import gettext, ngettext
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.accounts.plans import get_plan
from webdpro.db import (
    CONDITION_FAILED,
    DomainClaim,
    Store,
    Tenant,
    cancellation_codes,
    retry_transaction,
    transact_write,
)
from webdpro.db.domains import SUBDOMAIN
from webdpro.db.stores import StoreStatus
from webdpro.errors import Forbidden, ValidationFailed
from webdpro.ids import new_id
from webdpro.stores import selectors
from webdpro.stores.generator import detect_store_type
from webdpro.stores.services.common import PlanLimitReached, SlugTaken, _by, log, platform_domain, preview_url
from webdpro.stores.services.generation import start_generation
from webdpro.stores.text import detect_language, extract_name, slug_variants, slugify_name, validate_slug

MAX_PROMPT = 500


def clean_prompt(prompt: str) -> str:
    prompt = " ".join((prompt or "").split())
    if len(prompt) < 3:
        raise ValidationFailed(
            gettext(
                "Tell us about your business in one sentence, e.g. “A kirana store in Indiranagar "
                "selling dal, rice and atta”."
            ),
            field="prompt",
        )
    if len(prompt) > MAX_PROMPT:
        raise ValidationFailed(
            gettext("Keep it to one or two sentences (at most %(max_prompt)s characters).")
            % {"max_prompt": MAX_PROMPT},
            field="prompt",
        )
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
        raise Forbidden(gettext("Your account is suspended, so new stores cannot be created."))
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
    raise SlugTaken(gettext("We could not find a free web address for this store. Try again with a different name."))


def _new_store(tenant: Tenant, store_id: str, slug: str, name: str, prompt: str, now: str) -> Store:
    """A GENERATING store on the subdomain ``slug`` (not yet written)."""
    return Store(
        tenant.tenant_id,
        store_id,
        status=StoreStatus.GENERATING,
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
            ngettext(
                "Your %(plan)s plan allows %(n)s store, and you have reached it. "
                "Upgrade your plan to create another store.",
                "Your %(plan)s plan allows %(n)s stores, and you have reached it. "
                "Upgrade your plan to create another store.",
                plan.max_stores,
            )
            % {"plan": plan.name, "n": plan.max_stores}
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
