"""Custom domains are proven before they are served.

Claiming ``shop.example.com`` (``services.set_custom_domain``) writes a PENDING claim with a random
token. The owner adds two DNS records, shown on the store page:

* ``TXT _webdpro-challenge.shop.example.com`` = the token (proves control of the domain);
* ``CNAME shop.example.com`` → ``<slug>.<PLATFORM_DOMAIN>`` (sends the traffic to the store).

:func:`check_domain` ("Check now", and the daily ``manage.py verify_domains``) looks both up through
``webdpro.stores.dns`` and marks the claim VERIFIED; only verified claims are routed
(``selectors.resolve_domain``). A verified domain whose records are gone is unrouted (back to PENDING)
by the daily check, and any claim still PENDING ``LAPSE_DAYS`` after it was claimed (or unrouted) lapses:
the claim is deleted and the domain is free again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from pynamodb.exceptions import DeleteError, TransactWriteError, UpdateError

from webdpro import clock, platform
from webdpro.db import DomainClaim, Store, get_or_none, get_or_not_found, is_condition_failure, transact_write
from webdpro.db.domains import CUSTOM, PENDING, VERIFIED
from webdpro.stores import dns, selectors

LAPSE_DAYS = 7
CHALLENGE_PREFIX = "_webdpro-challenge."


def new_token() -> str:
    return "webdpro-" + secrets.token_hex(16)


def challenge_name(domain: str) -> str:
    return CHALLENGE_PREFIX + domain


def platform_host(store: Store) -> str:
    return f"{store.slug}.{settings.PLATFORM_DOMAIN}"


@dataclass
class DomainState:
    """What the owner sees on the store page."""

    domain: str
    status: str  # PENDING | VERIFIED
    txt_name: str
    token: str
    cname_target: str
    checked_at: str | None
    check_result: str | None
    lapses_at: str | None

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED


def lapse_time(claim: DomainClaim) -> str | None:
    if claim.status == VERIFIED:
        return None
    since = claim.pending_since or claim.created_at
    return clock.iso(clock.parse(since) + timedelta(days=LAPSE_DAYS))


def domain_state(store: Store) -> DomainState | None:
    """The store's custom domain and its proof (one GetItem), or None without a custom domain."""
    if not store.custom_domain:
        return None
    claim = get_or_none(DomainClaim, store.custom_domain, consistent_read=True)
    if claim is None:
        return None
    if claim.store_id != store.store_id:
        return None
    return DomainState(
        domain=claim.domain,
        status=claim.status or PENDING,
        txt_name=challenge_name(claim.domain),
        token=claim.token or "",
        cname_target=platform_host(store),
        checked_at=claim.checked_at,
        check_result=claim.check_result,
        lapses_at=lapse_time(claim),
    )


def _look_up(claim: DomainClaim, store: Store, resolver) -> str | None:
    """None when both records are right, else what is wrong (shown to the owner)."""
    txt = resolver.txt(challenge_name(claim.domain))
    if not claim.token or claim.token not in [t.strip().strip('"') for t in txt]:
        return f"No TXT record {challenge_name(claim.domain)} with the code shown on this page yet."
    target = platform_host(store)
    cnames = resolver.cname(claim.domain)
    if target not in cnames:
        found = ", ".join(cnames) or "no CNAME record"
        return f"{claim.domain} must be a CNAME to {target} (found: {found})."
    return None


def check_domain(claim: DomainClaim, store: Store, resolver=None) -> bool:
    """Look the records up now; mark the claim VERIFIED or (if it was) unroute it. Returns verified."""
    resolver = resolver or dns.get_resolver()
    problem = _look_up(claim, store, resolver)
    now = clock.now_iso()
    actions = [DomainClaim.checked_at.set(now), DomainClaim.check_result.set(problem or "Verified")]
    if problem is None and claim.status != VERIFIED:
        actions += [DomainClaim.status.set(VERIFIED), DomainClaim.verified_at.set(now)]
    elif problem is not None and claim.status == VERIFIED:
        actions += [DomainClaim.status.set(PENDING), DomainClaim.pending_since.set(now)]
    try:
        claim.update(actions=actions, condition=DomainClaim.store_id == store.store_id)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        return False
    selectors.forget_domain(claim.domain)
    return problem is None


def lapse(claim: DomainClaim) -> bool:
    """Delete a claim left unverified too long and take the domain off its store (one transaction)."""
    store = Store(claim.tenant_id, claim.store_id)
    try:
        with transact_write() as tx:
            tx.delete(claim, condition=(DomainClaim.status == PENDING) & (DomainClaim.store_id == claim.store_id))
            tx.update(
                store,
                actions=[Store.custom_domain.remove(), Store.updated_at.set(clock.now_iso())],
                condition=Store.custom_domain == claim.domain,
            )
    except TransactWriteError:
        try:  # the store moved to another domain already: the claim alone goes
            claim.delete(condition=(DomainClaim.status == PENDING) & (DomainClaim.store_id == claim.store_id))
        except DeleteError:
            return False
    selectors.forget_domain(claim.domain)
    return True


@dataclass
class Sweep:
    checked: int = 0
    verified: int = 0
    unrouted: int = 0
    lapsed: int = 0


def verify_all(resolver=None) -> Sweep:
    """The daily job: re-check every custom domain, unroute those whose records are gone, lapse the
    ones pending for LAPSE_DAYS. Walks the domains table (a platform job, never a tenant page)."""
    resolver = resolver or dns.get_resolver()
    sweep, now = Sweep(), clock.now_iso()
    for claim in platform.custom_domain_claims():
        was_verified = claim.status == VERIFIED
        if not was_verified and (lapse_time(claim) or now) <= now:
            sweep.lapsed += lapse(claim)
            continue
        store = get_or_none(Store, claim.tenant_id, claim.store_id)
        if store is None:
            continue
        sweep.checked += 1
        ok = check_domain(claim, store, resolver)
        sweep.verified += ok and not was_verified
        sweep.unrouted += was_verified and not ok
    return sweep


def claim_for_new_domain(domain: str, store: Store, now: str) -> DomainClaim:
    return DomainClaim(
        domain,
        tenant_id=store.tenant_id,
        store_id=store.store_id,
        kind=CUSTOM,
        created_at=now,
        status=PENDING,
        token=new_token(),
        pending_since=now,
    )


def check_now(store: Store, resolver=None) -> bool:
    """The owner's "Check now": look the store's custom domain up at once."""
    from webdpro.errors import NotFound, ValidationFailed

    if not store.custom_domain:
        raise ValidationFailed(_("Add your own domain first."), field="custom_domain")
    claim = get_or_not_found(
        DomainClaim,
        store.custom_domain,
        message="This domain's claim has lapsed. Save it again to get a new code.",
        consistent_read=True,
    )
    if claim.store_id != store.store_id:
        raise NotFound(_("This domain belongs to another store."))
    return check_domain(claim, store, resolver)
