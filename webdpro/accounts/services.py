"""Writes for people and tenants. Each function validates, writes atomically, raises DomainError."""

from __future__ import annotations

from pynamodb.exceptions import PutError, TransactWriteError

from webdpro import clock
from webdpro.accounts.plans import FREE
from webdpro.db import Tenant, User, cancellation_codes, is_condition_failure, transact_write
from webdpro.db.users import BUSINESS_OWNER, ROLES
from webdpro.errors import Conflict, ValidationFailed
from webdpro.ids import new_id
from webdpro.phones import normalize_phone


class PhoneTaken(Conflict):
    pass


def _clean_name(value: str, label: str, required=True, max_length=120) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"Enter your {label}.", field=label.replace(" ", "_"))
    if len(value) > max_length:
        raise ValidationFailed(f"{label.capitalize()} is too long (at most {max_length} characters).")
    return value or None


def create_owner(phone: str, name: str, business_name: str, email: str | None = None) -> tuple[User, Tenant]:
    """Sign-up: the BUSINESS_OWNER user and its FREE tenant in one transaction.

    Raises :class:`PhoneTaken` when the phone already has an account (send them to sign-in).
    """
    phone = normalize_phone(phone)
    name = _clean_name(name, "name")
    business_name = _clean_name(business_name, "business name")
    email = (email or "").strip().lower() or None
    now = clock.now_iso()
    tenant = Tenant(
        new_id(),
        owner_user_id=None,
        business_name=business_name,
        plan=FREE.code,
        subscription_status="ACTIVE",
        store_count=0,
        max_stores=FREE.max_stores,
        created_at=now,
        updated_at=now,
        owner_phone=phone,
    )
    user = User(
        phone,
        user_id=new_id(),
        role=BUSINESS_OWNER,
        tenant_id=tenant.tenant_id,
        name=name,
        email=email,
        is_active=True,
        created_at=now,
        session_version=0,
    )
    tenant.owner_user_id = user.user_id
    try:
        with transact_write() as tx:
            tx.save(user, condition=User.phone.does_not_exist())
            tx.save(tenant, condition=Tenant.tenant_id.does_not_exist())
    except TransactWriteError as exc:
        if "ConditionalCheckFailed" in cancellation_codes(exc):
            raise PhoneTaken("This phone number already has an account. Sign in instead.", field="phone") from exc
        raise
    return user, tenant


def create_user(
    phone: str, role: str, name: str | None = None, tenant_id: str | None = None, email: str | None = None
) -> User:
    """Create a user of any role; refuses an existing phone."""
    if role not in ROLES:
        raise ValidationFailed(f"Unknown role {role}.")
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
    try:
        user.save(condition=User.phone.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            raise PhoneTaken("This phone number already has an account.", field="phone") from exc
        raise
    return user
