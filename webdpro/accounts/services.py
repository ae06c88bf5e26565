"""Writes for people and tenants. Each function validates, writes atomically, raises DomainError."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _
from pynamodb.exceptions import PutError, TransactWriteError

from webdpro import clock
from webdpro.accounts.plans import FREE
from webdpro.db import Tenant, User, condition_failed, conflict_on_condition, get_or_none, transact_write
from webdpro.db.tenants import SubscriptionStatus
from webdpro.db.users import ROLES, Role
from webdpro.errors import Conflict, ValidationFailed
from webdpro.ids import new_id
from webdpro.phones import normalize_phone


class PhoneTaken(Conflict):
    pass


def _clean_name(value: str, label: str, field: str, required=True, max_length=120) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("Enter your %(label)s.") % {"label": label}, field=field)
    if len(value) > max_length:
        raise ValidationFailed(
            _("%(capitalize)s is too long (at most %(max_length)s characters).")
            % {"capitalize": label.capitalize(), "max_length": max_length}
        )
    return value or None


def phone_is_free_for(existing: User | None) -> bool:
    """May an owner, agent or super admin account be made for a phone whose user is ``existing``?

    A customer record (made by a storefront order) never blocks another role: the person becomes the
    owner/agent and keeps their orders (found by phone) and user id. A deactivated customer does block.
    """
    return existing is None or (existing.role == Role.CUSTOMER and bool(existing.is_active))


def _existing_user(phone: str) -> User | None:
    return get_or_none(User, phone, consistent_read=True)


def _claim_condition(existing: User | None):
    """The write succeeds only if the phone is still as read: free, or the same active customer."""
    if existing is None:
        return User.phone.does_not_exist()
    return (User.role == Role.CUSTOMER) & (User.user_id == existing.user_id) & (User.is_active == True)  # noqa: E712


def _taking_over(user: User, existing: User | None) -> User:
    """A customer becoming another role keeps their user id; their customer sessions end."""
    if existing is not None:
        user.user_id = existing.user_id
        user.created_at = existing.created_at or user.created_at
        user.session_version = (existing.session_version or 0) + 1
        user.name = user.name or existing.name
    return user


def _save_owner(user: User, tenant: Tenant, existing: User | None) -> None:
    tenant.owner_user_id = user.user_id
    with transact_write() as tx:
        tx.save(user, condition=_claim_condition(existing))
        tx.save(tenant, condition=Tenant.tenant_id.does_not_exist())


def _claim_phone(user: User, save, taken: PhoneTaken) -> None:
    """``save(existing)`` for a free phone (no extra read); if the phone has a record, read it once and
    take it over only if it is an active customer's (the write is conditioned on what was read)."""
    for existing in (None, "read"):
        if existing == "read":
            existing = _existing_user(user.phone)
            if not phone_is_free_for(existing):
                raise taken
            _taking_over(user, existing)
        try:
            save(existing)
            return
        except (TransactWriteError, PutError) as exc:
            if not condition_failed(exc):
                raise
    raise taken


def create_owner(phone: str, name: str, business_name: str, email: str | None = None) -> tuple[User, Tenant]:
    """Sign-up: the BUSINESS_OWNER user and its FREE tenant in one transaction.

    Raises :class:`PhoneTaken` when the phone already has an account (send them to sign-in).
    """
    phone = normalize_phone(phone)
    name = _clean_name(name, _("name"), "name")
    business_name = _clean_name(business_name, _("business name"), "business_name")
    email = (email or "").strip().lower() or None
    now = clock.now_iso()
    tenant = Tenant(
        new_id(),
        owner_user_id=None,
        business_name=business_name,
        plan=FREE.code,
        subscription_status=SubscriptionStatus.ACTIVE,
        store_count=0,
        max_stores=FREE.max_stores,
        created_at=now,
        updated_at=now,
        owner_phone=phone,
    )
    user = User(
        phone,
        user_id=new_id(),
        role=Role.BUSINESS_OWNER,
        tenant_id=tenant.tenant_id,
        name=name,
        email=email,
        is_active=True,
        created_at=now,
        session_version=0,
    )
    taken = PhoneTaken(_("This phone number already has an account. Sign in instead."), field="phone")
    _claim_phone(user, lambda existing: _save_owner(user, tenant, existing), taken)
    return user, tenant


def _save_new(user: User) -> None:
    with conflict_on_condition(_("This phone number already has an account."), field="phone", error=PhoneTaken):
        user.save(condition=User.phone.does_not_exist())


def create_user(
    phone: str, role: str, name: str | None = None, tenant_id: str | None = None, email: str | None = None
) -> User:
    """Create a user of any role; refuses a phone that has an account, except that a customer's record
    becomes the new role (see :func:`phone_is_free_for`)."""
    if role not in ROLES:
        raise ValidationFailed(_("Unknown role %(role)s.") % {"role": role})
    phone = normalize_phone(phone)
    user = User(
        phone,
        user_id=new_id(),
        role=role,
        tenant_id=tenant_id,
        name=(name or "").strip() or None,
        email=email,
        is_active=True,
        created_at=clock.now_iso(),
        session_version=0,
    )
    if role == Role.CUSTOMER:
        _save_new(user)
    else:
        taken = PhoneTaken(_("This phone number already has an account."), field="phone")
        _claim_phone(user, lambda existing: user.save(condition=_claim_condition(existing)), taken)
    return user


# --- sessions ----------------------------------------------------------------------------------------
def _revoked_entries(user: User) -> list[tuple[int, str]]:
    entries = []
    for entry in user.revoked_sessions or ():
        expiry, _sep, session_id = entry.partition(":")
        if expiry.isdigit() and session_id:
            entries.append((int(expiry), session_id))
    return entries


def is_session_revoked(user: User, session_id: str | None) -> bool:
    return bool(session_id) and any(sid == session_id for _expiry, sid in _revoked_entries(user))


def end_session(user: User, session_id: str | None, lifetime_seconds: int) -> None:
    """Sign-out: refuse every copy of this session's cookie from now on (other devices stay signed in).

    The id is added to ``User.revoked_sessions`` with the cookie's expiry (an atomic ``ADD``); ids whose
    cookies have expired anyway are removed. A session without an id (made before ids existed) cannot be
    told apart from the others, so it ends them all."""
    if not session_id:
        sign_out_everywhere(user)
        return
    now = int(time.time())
    User(user.phone).update(
        actions=[User.revoked_sessions.add({f"{now + lifetime_seconds}:{session_id}"})],
        condition=User.phone.exists(),
    )
    expired = {f"{expiry}:{sid}" for expiry, sid in _revoked_entries(user) if expiry < now}
    if expired:
        User(user.phone).update(actions=[User.revoked_sessions.delete(expired)])


def sign_out_everywhere(user: User) -> None:
    """Every session of the user, on every device, is refused from the next request (one ``ADD``)."""
    User(user.phone).update(
        actions=[User.session_version.add(1), User.updated_at.set(clock.now_iso())], condition=User.phone.exists()
    )


# --- the dashboard's language ------------------------------------------------------------------------
# Languages the owner's dashboard is fully translated into; the others fall back to English.
DASHBOARD_LANGUAGES = ("en", "hi")


def dashboard_language(user: User) -> str | None:
    """The language the person chose for the dashboard, or None (their browser's Accept-Language decides)."""
    language = getattr(user, "language", None)
    return language if language in DASHBOARD_LANGUAGES else None


def set_dashboard_language(user: User, language: str) -> User:
    """Keep the person's dashboard language on their user item (one conditional UpdateItem)."""
    language = (language or "").strip().lower()
    if language not in DASHBOARD_LANGUAGES:
        raise ValidationFailed(_("Choose a language from the list."), field="language")
    with conflict_on_condition(_("Your account changed a moment ago. Reload and try again.")):
        user.update(
            actions=[User.language.set(language), User.updated_at.set(clock.now_iso())],
            condition=User.phone.exists(),
        )
    return user
