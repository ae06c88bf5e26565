"""A store's addresses: its subdomain (slug) and its own domain, unique across the platform by claims."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import CONDITION_FAILED, DomainClaim, Store, cancellation_codes, transact_write
from webdpro.db.domains import SUBDOMAIN
from webdpro.db.stores import StoreStatus
from webdpro.errors import Conflict
from webdpro.stores import selectors
from webdpro.stores.domains import claim_for_new_domain
from webdpro.stores.services.common import SlugTaken, live_url_for, platform_domain, preview_url
from webdpro.stores.text import normalize_hostname, validate_slug


def change_slug(store: Store, new_slug: str, by) -> Store:
    """Move the store to ``<new_slug>.<PLATFORM_DOMAIN>`` in one transaction: claim the new name
    (``attribute_not_exists``), release the old claim, update the store. DRAFT stores only."""
    new_slug = validate_slug(new_slug)
    if new_slug == store.slug:
        return store
    if store.status != StoreStatus.DRAFT:
        raise Conflict(
            _("The web address can only be changed while the store is a draft. Unpublish it first."), code="not_draft"
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
                condition=(Store.status == StoreStatus.DRAFT) & (Store.slug == store.slug),
            )
    except TransactWriteError as exc:
        codes = cancellation_codes(exc)
        offset = 1 if old_domain else 0  # deletes, then puts, then updates
        if len(codes) > offset and codes[offset] == CONDITION_FAILED:
            raise SlugTaken(
                _("%(new_domain)s is taken. Try another address.") % {"new_domain": new_domain}, field="slug"
            ) from exc
        if CONDITION_FAILED in codes:
            raise Conflict(_("The store changed in the meantime. Reload the page and try again.")) from exc
        raise
    for domain in (old_domain, new_domain):
        selectors.forget_domain(domain)
    store.slug, store.domain, store.updated_at = new_slug, new_domain, now
    store.preview_url = preview_url(store)
    return store


def _write_custom_domain(store: Store, old: str | None, new: str | None, now: str) -> None:
    actions = [Store.custom_domain.set(new) if new else Store.custom_domain.remove(), Store.updated_at.set(now)]
    if store.status == StoreStatus.PUBLISHED:
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
        if new and len(codes) > offset and codes[offset] == CONDITION_FAILED:
            raise SlugTaken(
                _("%(new)s is already connected to another store.") % {"new": new}, field="custom_domain"
            ) from exc
        if CONDITION_FAILED in codes:
            raise Conflict(_("The store changed in the meantime. Reload the page and try again.")) from exc
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
    if store.status == StoreStatus.PUBLISHED:
        store.live_url = live_url_for(store)
    return store
