"""The super admin's actions, as named functions (Saleor's ``actions.py`` style).

Each action validates, writes its change *and* its audit entry in one DynamoDB transaction with
condition expressions, and raises a :class:`webdpro.errors.DomainError` with a message for the page.

* Plans: ``max_stores`` always follows the plan; a downgrade below the tenant's store count is refused
  by the condition ``store_count <= new max_stores`` on the write itself (never check-then-write).
* Suspension: a tenant's suspension marks it and SUSPENDs each of its stores, keeping
  ``previous_status``; reactivation restores each of those stores. Transactions hold at most 100
  items, so big tenants go in chunks; every step is conditional on what was read, so a run that
  stops half-way (or races with an owner) is simply run again: it re-reads and finishes the rest.
* People: the last active super admin can never be demoted or deactivated. The set of active super
  admins lives in one item (webdpro-stats ``SUPERADMINS/ACTIVE``); a demotion removes the phone with
  the condition ``contains(phones, :p) AND size(phones) > 1`` in the same transaction as the user
  update, so two concurrent demotions cannot both pass.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.expressions.condition import size

from webdpro import clock, labels
from webdpro.accounts import services as accounts
from webdpro.accounts.plans import PLANS, get_plan
from webdpro.db import (
    PlatformStat,
    Store,
    Tenant,
    User,
    conflict_on_condition,
    get_or_not_found,
    retry_transaction,
    someone_was_first,
    transact_write,
)
from webdpro.db.stats import ACTIVE, SUPERADMINS
from webdpro.db.stores import StoreStatus
from webdpro.db.users import ROLES, Role
from webdpro.errors import Conflict, ValidationFailed
from webdpro.ids import new_id
from webdpro.phones import normalize_phone
from webdpro.stores import transitions
from webdpro.superadmin import audit, selectors
from webdpro.superadmin.selectors import SUBSCRIPTION_STATUSES

log = logging.getLogger("webdpro.superadmin")

MAX_TRANSACTION_ITEMS = 100
MAX_REASON = 500
ATTEMPTS = 3
ROLE_LABELS = labels.ROLE_LABELS
SUBSCRIPTION_LABELS = {code: labels.SUBSCRIPTION_LABELS[code] for code in SUBSCRIPTION_STATUSES}


class DowngradeRefused(Conflict):
    """The tenant uses more than the smaller plan allows."""


class LastSuperAdmin(Conflict):
    """The change would leave no active super admin."""


class TenantSuspended(Conflict):
    """The business is suspended, so its stores stay offline."""


@dataclass
class Outcome:
    """What an action did, for the message on the page."""

    changed: bool
    message: str
    stores_changed: int = 0


def clean_reason(reason: str | None, required: bool = True) -> str | None:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationFailed(_("Give a reason: the owner sees it."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationFailed(
            _("Keep the reason under %(max_reason)s characters.") % {"max_reason": MAX_REASON}, field="reason"
        )
    return reason or None


def _tenant_exists():
    return Tenant.tenant_id.exists()


# --- Plans and subscription ----------------------------------------------------------------------


def change_plan(tenant_id: str, plan_code: str, by: User) -> Outcome:
    """Move a tenant to another plan; ``max_stores`` follows. A downgrade below the tenant's current
    number of stores is refused by the write's own condition (``store_count <= max_stores``)."""
    if plan_code not in PLANS:
        raise ValidationFailed(_("Choose a plan."), field="plan")
    plan = get_plan(plan_code)
    tenant = selectors.get_tenant(tenant_id)
    if tenant.plan == plan.code and tenant.max_stores == plan.max_stores:
        return Outcome(False, f"{tenant.business_name} is already on the {plan.name} plan.")
    now = clock.now_iso()
    before = {"plan": tenant.plan, "max_stores": tenant.max_stores, "store_count": tenant.store_count}
    entry = audit.entry(
        by,
        "tenant.plan",
        tenant_id=tenant_id,
        target_type="tenant",
        target_id=tenant_id,
        target_label=tenant.business_name,
        at=now,
        summary=f"Plan {_plan_name(tenant.plan)} → {plan.name} ({_stores(plan.max_stores)})",
        before=before,
        after={"plan": plan.code, "max_stores": plan.max_stores},
    )
    fits = (Tenant.store_count <= plan.max_stores) | Tenant.store_count.does_not_exist()
    try:
        with transact_write() as tx:
            tx.update(
                tenant,
                actions=[
                    Tenant.plan.set(plan.code),
                    Tenant.max_stores.set(plan.max_stores),
                    Tenant.updated_at.set(now),
                ],
                condition=_tenant_exists() & (Tenant.plan == tenant.plan) & fits,
            )
            audit.add(tx, entry)
    except TransactWriteError as exc:
        if not someone_was_first(exc):
            raise
        fresh = selectors.get_tenant(tenant_id)
        if (fresh.store_count or 0) > plan.max_stores:
            extra = fresh.store_count - plan.max_stores
            raise DowngradeRefused(
                _(
                    "%(business_name)s has %(store_count)s; the %(name)s plan allows "
                    "%(max_stores)s. The owner must delete %(store_count2)s before moving "
                    "to %(name)s."
                )
                % {
                    "business_name": fresh.business_name,
                    "store_count": _store_count(fresh.store_count),
                    "name": plan.name,
                    "max_stores": plan.max_stores,
                    "store_count2": _store_count(extra),
                },
                field="plan",
            ) from exc
        raise Conflict(_("This business was changed a moment ago. Reload and try again.")) from exc
    return Outcome(True, f"{tenant.business_name} is now on the {plan.name} plan ({_stores(plan.max_stores)}).")


def _store_count(n: int) -> str:
    return ngettext("%(n)s store", "%(n)s stores", n) % {"n": n}


def _stores(n: int) -> str:
    return ngettext("up to %(n)s store", "up to %(n)s stores", n) % {"n": n}


def _plan_name(code: str) -> str:
    return PLANS[code].name if code in PLANS else code


def set_subscription_status(tenant_id: str, status: str, by: User) -> Outcome:
    if status not in SUBSCRIPTION_LABELS:
        raise ValidationFailed(_("Choose a subscription status."), field="status")
    tenant = selectors.get_tenant(tenant_id)
    if tenant.subscription_status == status:
        return Outcome(False, f"The subscription is already {SUBSCRIPTION_LABELS[status].lower()}.")
    now = clock.now_iso()
    entry = audit.entry(
        by,
        "tenant.subscription",
        tenant_id=tenant_id,
        target_type="tenant",
        target_id=tenant_id,
        target_label=tenant.business_name,
        at=now,
        summary=f"Subscription {labels.label('subscription_status', tenant.subscription_status) or '—'} → "
        f"{labels.label('subscription_status', status)}",
        before={"subscription_status": tenant.subscription_status},
        after={"subscription_status": status},
    )
    with conflict_on_condition(_("This business was changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            tx.update(
                tenant,
                actions=[Tenant.subscription_status.set(status), Tenant.updated_at.set(now)],
                condition=_tenant_exists() & (Tenant.subscription_status == tenant.subscription_status),
            )
            audit.add(tx, entry)
    return Outcome(True, f"Subscription of {tenant.business_name} set to {SUBSCRIPTION_LABELS[status].lower()}.")


# --- Suspension ------------------------------------------------------------------------------------


def _run_chunks(head: list, items: list, token: str) -> None:
    """Write ``head`` (the tenant and its audit entry) with the first items, the rest in further
    transactions of at most 100 items each. Each op is ``(kind, args, kwargs)`` for the transaction."""
    first = MAX_TRANSACTION_ITEMS - len(head)
    chunks = [head + items[:first]]
    rest = items[first:]
    while rest:
        chunks.append(rest[:MAX_TRANSACTION_ITEMS])
        rest = rest[MAX_TRANSACTION_ITEMS:]
    for number, chunk in enumerate(chunks):
        if not chunk:
            continue
        # The same token makes botocore's own retry of a timed-out call idempotent (10 minutes).
        with transact_write(client_request_token=f"{token}-{number}") as tx:
            for kind, args, kwargs in chunk:
                getattr(tx, kind)(*args, **kwargs)


def _suspend_store_op(store: Store, reason: str, now: str, with_tenant: bool):
    if store.status != StoreStatus.SUSPENDED:  # re-suspending only updates the reason
        transitions.check(store, StoreStatus.SUSPENDED, transitions.CONSOLE)  # the one table of store transitions
    actions = [Store.status.set(StoreStatus.SUSPENDED), Store.suspension_reason.set(reason), Store.updated_at.set(now)]
    if store.status != StoreStatus.SUSPENDED:
        actions.append(Store.previous_status.set(store.status))
    actions.append(Store.suspended_with_tenant.set(True) if with_tenant else Store.suspended_with_tenant.remove())
    return ("update", (store,), {"actions": actions, "condition": Store.status == store.status})


def _restore_store_op(store: Store, now: str):
    transitions.check(store, store.previous_status or StoreStatus.DRAFT, transitions.CONSOLE)
    actions = [
        Store.status.set(store.previous_status or StoreStatus.DRAFT),
        Store.previous_status.remove(),
        Store.suspension_reason.remove(),
        Store.suspended_with_tenant.remove(),
        Store.updated_at.set(now),
    ]
    return ("update", (store,), {"actions": actions, "condition": Store.status == StoreStatus.SUSPENDED})


def suspend_tenant(tenant_id: str, reason: str, by: User) -> Outcome:
    """Suspend a business: the tenant is marked suspended with the reason, every store that is not
    already suspended becomes SUSPENDED (its status kept in ``previous_status``), and the tenant's
    people are signed out. Safe to run again: it finishes whatever a previous run left undone."""
    reason = clean_reason(reason)
    with conflict_on_condition(_("The business's stores changed while suspending. Try again.")):
        return retry_transaction(
            partial(_suspend_once, tenant_id, reason, by), attempts=ATTEMPTS, retry_if=someone_was_first
        )


def _suspend_once(tenant_id: str, reason: str, by: User) -> Outcome:
    """One attempt: read, compute and write (raises the cancelled transaction on a race)."""
    tenant = selectors.get_tenant(tenant_id)
    stores = selectors.tenant_stores(tenant_id)
    pending = [s for s in stores if s.status != StoreStatus.SUSPENDED]
    needs_head = not tenant.is_suspended or tenant.suspension_reason != reason
    if not needs_head and not pending:
        return Outcome(False, f"{tenant.business_name} is already suspended.")
    now = clock.now_iso()
    people = selectors.tenant_people(tenant_id)
    entry = audit.entry(
        by,
        "tenant.suspend",
        tenant_id=tenant_id,
        target_type="tenant",
        target_id=tenant_id,
        target_label=tenant.business_name,
        reason=reason,
        at=now,
        summary=ngettext(
            "Suspended the business and %(n)s store", "Suspended the business and %(n)s stores", len(pending)
        )
        % {"n": len(pending)},
        before={
            "is_suspended": bool(tenant.is_suspended),
            "suspension_reason": tenant.suspension_reason,
            "stores": {s.store_id: s.status for s in stores},
        },
        after={
            "is_suspended": True,
            "suspension_reason": reason,
            "stores": {s.store_id: StoreStatus.SUSPENDED for s in stores},
        },
    )
    head = [
        (
            "update",
            (tenant,),
            {
                "actions": [
                    Tenant.is_suspended.set(True),
                    Tenant.suspension_reason.set(reason),
                    Tenant.updated_at.set(now),
                ],
                "condition": _tenant_exists(),
            },
        ),
        ("save", (entry,), {"condition": entry.__class__.audit_id.does_not_exist()}),
    ]
    items = [_suspend_store_op(s, reason, now, with_tenant=True) for s in pending]
    items += [
        ("update", (user,), {"actions": [User.session_version.add(1)], "condition": User.phone.exists()})
        for user in people
    ]
    _run_chunks(head, items, new_id())
    return Outcome(
        True,
        ngettext(
            "%(name)s is suspended; %(n)s store taken offline.",
            "%(name)s is suspended; %(n)s stores taken offline.",
            len(pending),
        )
        % {"name": tenant.business_name, "n": len(pending)},
        len(pending),
    )


def reactivate_tenant(tenant_id: str, by: User, note: str | None = None) -> Outcome:
    """Lift a business's suspension: each store suspended with it returns to its previous status.
    Stores suspended on their own (by a store suspension) stay suspended. Safe to run again."""
    note = clean_reason(note, required=False)
    with conflict_on_condition(_("The business's stores changed while reactivating. Try again.")):
        return retry_transaction(
            partial(_reactivate_once, tenant_id, note, by), attempts=ATTEMPTS, retry_if=someone_was_first
        )


def _reactivate_once(tenant_id: str, note: str | None, by: User) -> Outcome:
    """One attempt: read, compute and write (raises the cancelled transaction on a race)."""
    tenant = selectors.get_tenant(tenant_id)
    stores = selectors.tenant_stores(tenant_id)
    pending = [s for s in stores if s.status == StoreStatus.SUSPENDED and s.suspended_with_tenant]
    if not tenant.is_suspended and not pending:
        return Outcome(False, f"{tenant.business_name} is not suspended.")
    now = clock.now_iso()
    entry = audit.entry(
        by,
        "tenant.reactivate",
        tenant_id=tenant_id,
        target_type="tenant",
        target_id=tenant_id,
        target_label=tenant.business_name,
        reason=note,
        at=now,
        summary=ngettext(
            "Reactivated the business and restored %(n)s store",
            "Reactivated the business and restored %(n)s stores",
            len(pending),
        )
        % {"n": len(pending)},
        before={
            "is_suspended": bool(tenant.is_suspended),
            "suspension_reason": tenant.suspension_reason,
            "stores": {s.store_id: s.status for s in pending},
        },
        after={"is_suspended": False, "stores": {s.store_id: s.previous_status or StoreStatus.DRAFT for s in pending}},
    )
    head = [
        (
            "update",
            (tenant,),
            {
                "actions": [
                    Tenant.is_suspended.set(False),
                    Tenant.suspension_reason.remove(),
                    Tenant.updated_at.set(now),
                ],
                "condition": _tenant_exists(),
            },
        ),
        ("save", (entry,), {"condition": entry.__class__.audit_id.does_not_exist()}),
    ]
    items = [_restore_store_op(s, now) for s in pending]
    _run_chunks(head, items, new_id())
    return Outcome(
        True,
        ngettext(
            "%(name)s is active again; %(n)s store restored.",
            "%(name)s is active again; %(n)s stores restored.",
            len(pending),
        )
        % {"name": tenant.business_name, "n": len(pending)},
        len(pending),
    )


def _get_store(tenant_id: str, store_id: str) -> Store:
    return get_or_not_found(Store, tenant_id, store_id, message="Store not found.")


def suspend_store(tenant_id: str, store_id: str, reason: str, by: User) -> Outcome:
    """Take one store offline with a reason the owner sees. A store already suspended with its
    business becomes suspended on its own (it then stays suspended when the business comes back)."""
    reason = clean_reason(reason)
    store = _get_store(tenant_id, store_id)
    label = store.name or "The store"
    if store.status == StoreStatus.SUSPENDED and not store.suspended_with_tenant and store.suspension_reason == reason:
        return Outcome(False, f"{label} is already suspended.")
    now = clock.now_iso()
    entry = audit.entry(
        by,
        "store.suspend",
        tenant_id=tenant_id,
        target_type="store",
        target_id=store_id,
        target_label=store.name,
        reason=reason,
        at=now,
        summary=f"Store {store.name or store_id}: {labels.label('store_status', store.status)} → "
        f"{labels.label('store_status', StoreStatus.SUSPENDED)}",
        before={
            "status": store.status,
            "previous_status": store.previous_status,
            "suspension_reason": store.suspension_reason,
        },
        after={
            "status": StoreStatus.SUSPENDED,
            "previous_status": store.previous_status if store.status == StoreStatus.SUSPENDED else store.status,
            "suspension_reason": reason,
        },
    )
    with conflict_on_condition(_("This store changed a moment ago. Reload and try again.")):
        with transact_write() as tx:
            kind, args, kwargs = _suspend_store_op(store, reason, now, with_tenant=False)
            tx.update(*args, **kwargs)
            audit.add(tx, entry)
    return Outcome(True, f"{label} is suspended.", 1)


def reactivate_store(tenant_id: str, store_id: str, by: User) -> Outcome:
    """Bring one store back to its previous status; refused while its business is suspended."""
    store = _get_store(tenant_id, store_id)
    label = store.name or "The store"
    if store.status != StoreStatus.SUSPENDED:
        return Outcome(False, f"{label} is not suspended.")
    tenant = selectors.get_tenant(tenant_id)
    if tenant.is_suspended:
        raise TenantSuspended(
            _("%(business_name)s is suspended. Reactivate the business first.")
            % {"business_name": tenant.business_name}
        )
    now = clock.now_iso()
    restored = store.previous_status or StoreStatus.DRAFT
    entry = audit.entry(
        by,
        "store.reactivate",
        tenant_id=tenant_id,
        target_type="store",
        target_id=store_id,
        target_label=store.name,
        at=now,
        summary=f"Store {store.name or store_id}: {labels.label('store_status', StoreStatus.SUSPENDED)} → "
        f"{labels.label('store_status', restored)}",
        before={
            "status": StoreStatus.SUSPENDED,
            "previous_status": store.previous_status,
            "suspension_reason": store.suspension_reason,
        },
        after={"status": restored},
    )
    try:
        with transact_write() as tx:
            tx.condition_check(
                Tenant,
                tenant_id,
                condition=(Tenant.is_suspended == False)  # noqa: E712
                | Tenant.is_suspended.does_not_exist(),
            )
            kind, args, kwargs = _restore_store_op(store, now)
            tx.update(*args, **kwargs)
            audit.add(tx, entry)
    except TransactWriteError as exc:
        if someone_was_first(exc):
            fresh = selectors.get_tenant(tenant_id)
            if fresh.is_suspended:
                raise TenantSuspended(
                    _("%(business_name)s is suspended. Reactivate the business first.")
                    % {"business_name": fresh.business_name}
                ) from exc
            raise Conflict(_("This store changed a moment ago. Reload and try again.")) from exc
        raise
    return Outcome(True, f"{label} is back to {restored.lower()}.", 1)


# --- People ---------------------------------------------------------------------------------------


def _registry_key():
    return PlatformStat(SUPERADMINS, ACTIVE)


def sync_superadmin_registry(also: set[str] = frozenset()) -> set[str]:
    """Make sure the registry item exists and holds ``also`` (phones known to be active super admins).
    Built once from a Scan of users when missing; afterwards only added to (idempotent set ADD)."""
    registry = selectors.superadmin_registry()
    if registry is None:
        phones = selectors.scan_active_superadmins() | set(also)
        if phones:
            try:
                PlatformStat(SUPERADMINS, ACTIVE, phones=phones, updated_at=clock.now_iso()).save(
                    condition=PlatformStat.pk.does_not_exist()
                )
            except PutError:
                pass  # someone built it first: fall through to the ADD
    if also:
        _registry_key().update(
            actions=[PlatformStat.phones.add(set(also)), PlatformStat.updated_at.set(clock.now_iso())]
        )
    registry = selectors.superadmin_registry()
    return set(registry.phones or ()) if registry else set()


def create_superadmin(phone: str, name: str) -> tuple[User, bool]:
    """Create a super admin, or promote/reactivate the existing user of that phone. Returns (user, created)."""
    phone = normalize_phone(phone)
    try:
        user, created = accounts.create_user(phone, Role.SUPER_ADMIN, name=name), True
    except accounts.PhoneTaken:
        user, created = User.get(phone), False
        user.update(
            actions=[
                User.role.set(Role.SUPER_ADMIN),
                User.is_active.set(True),
                User.name.set(name),
                User.updated_at.set(clock.now_iso()),
            ]
        )
    # The console's "last active super admin" guard keeps a set of their phones: add this one.
    sync_superadmin_registry({phone})
    return user, created


def _user_snapshot(user: User) -> dict:
    return {
        "role": user.role,
        "is_active": bool(user.is_active),
        "tenant_id": user.tenant_id,
        "session_version": user.session_version or 0,
    }


def _is_active_superadmin(user: User) -> bool:
    return user.role == Role.SUPER_ADMIN and bool(user.is_active)


def _write_user_change(user: User, by: User, actions: list, entry, *, leaving: bool, joining: bool) -> None:
    """Update ``user`` (conditional on its role/active state as read) and the super-admin registry.

    ``leaving``: the user stops being an active super admin → remove from the registry only if
    someone else stays (``size(phones) > 1``). ``joining``: the user becomes one → add.
    """
    condition = (User.role == user.role) & (User.is_active == bool(user.is_active))
    with transact_write() as tx:
        tx.update(user, actions=actions, condition=condition)
        if leaving:
            tx.update(
                _registry_key(),
                actions=[PlatformStat.phones.delete({user.phone}), PlatformStat.updated_at.set(clock.now_iso())],
                condition=PlatformStat.phones.contains(user.phone) & (size(PlatformStat.phones) > 1),
            )
        elif joining:
            tx.update(
                _registry_key(),
                actions=[PlatformStat.phones.add({user.phone}), PlatformStat.updated_at.set(clock.now_iso())],
            )
        if by.phone != user.phone:  # the actor must still be an active super admin at commit time
            tx.condition_check(User, by.phone, condition=(User.role == Role.SUPER_ADMIN) & (User.is_active == True))  # noqa: E712
        audit.add(tx, entry)


def _change_user(phone: str, by: User, action: str, mutate) -> Outcome:
    """Shared flow: read, compute the change, write it with the registry guard; retry on a race."""
    with conflict_on_condition(_("This person's account changed a moment ago. Reload and try again.")):
        return retry_transaction(
            partial(_change_user_once, phone, by, action, mutate), attempts=ATTEMPTS, retry_if=someone_was_first
        )


def _change_user_once(phone: str, by: User, action: str, mutate) -> Outcome:
    user = selectors.get_user(phone)
    change = mutate(user)
    if change is None:
        return Outcome(False, "Nothing to change.")
    actions, after, summary, message, leaving, joining = change
    if leaving:
        # The registry must know every active super admin we can vouch for: the actor and the target.
        known = {p for p, u in ((by.phone, by), (user.phone, user)) if _is_active_superadmin(u)}
        sync_superadmin_registry(known)
    now = clock.now_iso()
    entry = audit.entry(
        by,
        action,
        tenant_id=user.tenant_id,
        target_type="user",
        target_id=user.phone,
        target_label=user.name or user.phone,
        at=now,
        summary=summary,
        before=_user_snapshot(user),
        after=after,
    )
    try:
        _write_user_change(user, by, [*actions, User.updated_at.set(now)], entry, leaving=leaving, joining=joining)
    except TransactWriteError as exc:
        if leaving and someone_was_first(exc):
            _refuse_last_superadmin(phone, exc)
        raise
    return Outcome(True, message)


def _refuse_last_superadmin(phone: str, exc: Exception) -> None:
    """The registry guard refused the change: ``LastSuperAdmin`` if the target really is the last active
    super admin; otherwise the registry is brought up to date (the retry then passes)."""
    fresh = selectors.get_user(phone)
    if not _is_active_superadmin(fresh):
        return
    registry = selectors.superadmin_registry()
    phones = set(registry.phones or ()) if registry else set()
    if not phones <= {fresh.phone}:
        return
    # The registry says "last one"; double-check against the users table before refusing.
    others = selectors.scan_active_superadmins() - {fresh.phone}
    if not others:
        raise LastSuperAdmin(
            _("%(value)s is the last active super admin. Make someone else a super admin first, then try again.")
            % {"value": fresh.name or fresh.phone}
        ) from exc
    sync_superadmin_registry(others)


def set_user_active(phone: str, active: bool, by: User) -> Outcome:
    """Deactivate (signs them out everywhere: ``session_version`` + 1) or reactivate a person."""

    def mutate(user: User):
        if bool(user.is_active) == active:
            return None
        label = user.name or user.phone
        if active:
            return (
                [User.is_active.set(True)],
                {"is_active": True},
                f"Reactivated {label}",
                f"{label} can sign in again.",
                False,
                user.role == Role.SUPER_ADMIN,
            )
        return (
            [User.is_active.set(False), User.session_version.add(1)],
            {"is_active": False, "session_version": (user.session_version or 0) + 1},
            f"Deactivated {label}",
            f"{label} is deactivated and signed out everywhere.",
            user.role == Role.SUPER_ADMIN,
            False,
        )

    return _change_user(phone, by, "user.reactivate" if active else "user.deactivate", mutate)


def allowed_roles(user: User) -> tuple[str, ...]:
    """People of a business are its owner or agents; people without one are customers or super admins."""
    if user.tenant_id:
        return (Role.BUSINESS_OWNER, Role.DELIVERY_AGENT, Role.SUPER_ADMIN)
    return (Role.CUSTOMER, Role.SUPER_ADMIN)


def change_role(phone: str, role: str, by: User) -> Outcome:
    """Change a person's role (they are signed out so their next sign-in lands on the right home)."""
    if role not in ROLES:
        raise ValidationFailed(_("Choose a role."), field="role")

    def mutate(user: User):
        if user.role == role:
            return None
        if role not in allowed_roles(user):
            if user.tenant_id:
                refusal = _("%(who)s belongs to a business, so they cannot be a %(role)s.")
            else:
                refusal = _("%(who)s has no business, so they cannot be a %(role)s.")
            who = {"who": user.name or user.phone, "role": ROLE_LABELS[role].lower()}
            raise ValidationFailed(refusal % who, field="role")
        label = user.name or user.phone
        return (
            [User.role.set(role), User.session_version.add(1)],
            {"role": role, "session_version": (user.session_version or 0) + 1},
            f"Role of {label}: {labels.label('role', user.role)} → {labels.label('role', role)}",
            f"{label} is now a {ROLE_LABELS[role].lower()}.",
            _is_active_superadmin(user),
            role == Role.SUPER_ADMIN and bool(user.is_active),
        )

    return _change_user(phone, by, "user.role", mutate)
