"""Phone sign-in with a one-time code: send it, check it, decide who may come in.

Every rule lives here, for both code backends (``webdpro.accounts.codes``):

- a phone is normalised to E.164 first, so "98765 43210", "+91 98765-43210" and "09876543210" are one user;
- sends are limited per phone (``OTP_SENDS_PER_PHONE``, 3) and per client IP (``OTP_SENDS_PER_IP``, 10)
  in a sliding ``OTP_SEND_WINDOW_SECONDS`` (10 minutes). The limit records are read in one
  TransactGetItems and written in one TransactWriteItems together with the new code, each conditioned
  on the ``seq`` it was read at: two concurrent sends cannot both take the last slot;
- a code lives ``OTP_CODE_TTL_SECONDS`` (5 minutes), is stored only as a salted HMAC, and every answer
  first takes an attempt with a conditional ``ADD attempts 1`` (``attempts < 5``), so the fifth wrong
  answer locks it even under concurrent guesses; a right answer deletes it (single use);
- an inactive user, or the owner or agent of a suspended business, is refused *after* the code is
  right, so only the phone's owner learns why (the suspension reason is in the message).

DynamoDB calls: sending is 2 (TransactGet + TransactWrite; Cognito adds 1 UpdateItem for its session),
a wrong answer 1, a right answer 4 (UpdateItem, DeleteItem, GetItem user, GetItem tenant for owners
and agents).
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext, ngettext
from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError

from webdpro import clock
from webdpro.accounts.client_ip import rate_limit_key
from webdpro.accounts.codes import get_backend
from webdpro.accounts.codes.base import Checked, Prepared
from webdpro.accounts.codes.local import hash_code
from webdpro.accounts.errors import (
    CodeExpired,
    CodeLocked,
    CodeNotSent,
    NoAccount,
    RateLimited,
    SignInRefused,
    WrongSignInCode,
)
from webdpro.accounts.services import PhoneTaken, create_owner, phone_is_free_for
from webdpro.db import (
    OtpRecord,
    Tenant,
    User,
    cancellation_codes,
    get_or_none,
    is_condition_failure,
    transact_get,
    transact_write,
)
from webdpro.db.users import Role
from webdpro.errors import ValidationFailed
from webdpro.phones import InvalidPhone, display_phone, normalize_phone

log = logging.getLogger(__name__)
SIGN_IN = "signin"
SIGN_UP = "signup"
_SEND_RETRIES = 4


def code_key(phone: str) -> str:
    return f"code#{phone}"


def phone_sends_key(phone: str) -> str:
    return f"sends#phone#{phone}"


def ip_sends_key(ip: str) -> str:
    return f"sends#ip#{rate_limit_key(ip)}"


def clean_phone(raw: str) -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise ValidationFailed(str(exc), field="phone") from exc


def clean_code(raw: str) -> str:
    code = "".join(ch for ch in (raw or "") if not ch.isspace() and ch != "-")
    if not code:
        raise ValidationFailed(gettext("Enter the 6-digit code from the SMS."), field="code")
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        raise ValidationFailed(gettext("The code has 6 digits, like 123456."), field="code")
    return code


def _minutes(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


# --- sending ---------------------------------------------------------------------------------------
@dataclass
class CodeSent:
    phone: str
    sends_left: int  # for this phone in the current window
    expires_in: int  # seconds
    backend: str


def _recent(record: OtpRecord | None, now: int, window: int) -> list[int]:
    if record is None:
        return []
    return sorted(int(t) for t in (record.sends or []) if now - window < int(t) <= now + 60)


def _take_slot(tx, pk: str, record: OtpRecord | None, recent: list[int], now: int, window: int) -> None:
    item = OtpRecord(
        pk,
        sends=recent + [now],
        seq=(record.seq if record else 0) + 1,
        expires_at=now + window,
        created_at=clock.now_iso(),
    )
    if record is None:
        tx.save(item, condition=OtpRecord.pk.does_not_exist())
    elif record.seq:
        tx.save(item, condition=OtpRecord.seq == record.seq)
    else:  # written before ``seq`` existed
        tx.save(item, condition=OtpRecord.seq.does_not_exist() | (OtpRecord.seq == 0))


def _maybe(future):
    try:
        return future.get()
    except DoesNotExist:
        return None


def _decoy_code(phone: str) -> Prepared:
    """For a phone without an account: a code record no answer can match, and nothing is sent. The caller
    sees exactly what a known phone sees (same limits, same code step, wrong-code answers, the lock)."""
    return Prepared(attrs={"code_hash": hash_code(phone, "never-sent-" + secrets.token_hex(16))})


def _check_send_limits(phone: str, phone_recent: list, ip_recent: list, now: int, window: int) -> None:
    per_phone, per_ip = settings.OTP_SENDS_PER_PHONE, settings.OTP_SENDS_PER_IP
    if len(phone_recent) >= per_phone:
        wait = phone_recent[-per_phone] + window - now
        raise RateLimited(
            gettext(
                "We've already sent %(len)s codes to %(display_phone)s in the last "
                "%(minutes)s. To keep your account safe, you can ask for another in "
                "%(minutes2)s."
            )
            % {
                "len": len(phone_recent),
                "display_phone": display_phone(phone),
                "minutes": _minutes(window),
                "minutes2": _minutes(wait),
            },
            retry_after=wait,
            field="phone",
        )
    if len(ip_recent) >= per_ip:
        wait = ip_recent[-per_ip] + window - now
        raise RateLimited(
            gettext("Too many codes have been requested from your network. Please try again in %(minutes)s.")
            % {"minutes": _minutes(wait)},
            retry_after=wait,
        )


def _try_store_code(phone: str, client_ip: str, purpose: str, backend):
    """One read-check-write round; returns (decoy, prepared, phone_recent) or None when another send won."""
    window = settings.OTP_SEND_WINDOW_SECONDS
    phone_pk, ip_pk = phone_sends_key(phone), ip_sends_key(client_ip)
    with transact_get() as tg:
        user_f = tg.get(User, phone)
        phone_f = tg.get(OtpRecord, phone_pk)
        ip_f = tg.get(OtpRecord, ip_pk)
    user, phone_rec, ip_rec = _maybe(user_f), _maybe(phone_f), _maybe(ip_f)
    decoy = purpose == SIGN_IN and user is None
    if purpose == SIGN_UP and not phone_is_free_for(user):
        raise PhoneTaken(gettext("This phone number already has an account. Sign in instead."), field="phone")
    now = int(time.time())
    phone_recent, ip_recent = _recent(phone_rec, now, window), _recent(ip_rec, now, window)
    _check_send_limits(phone, phone_recent, ip_recent, now, window)
    prepared = _decoy_code(phone) if decoy else backend.prepare(phone)
    try:
        with transact_write() as tx:
            _take_slot(tx, phone_pk, phone_rec, phone_recent, now, window)
            _take_slot(tx, ip_pk, ip_rec, ip_recent, now, window)
            tx.save(
                OtpRecord(
                    code_key(phone),
                    attempts=0,
                    backend="local" if decoy else backend.name,
                    created_at=clock.now_iso(),
                    expires_at=now + settings.OTP_CODE_TTL_SECONDS,
                    seq=0,
                    **prepared.attrs,
                )
            )
    except TransactWriteError as exc:
        codes = set(cancellation_codes(exc))
        if codes & {"ConditionalCheckFailed", "TransactionConflict"}:
            return None  # another send for this phone or network won the race: read again
        raise
    return decoy, prepared, phone_recent


def _deliver(backend, phone: str, prepared: Prepared) -> None:
    try:
        extra = backend.deliver(phone, prepared)
    except CodeNotSent:
        raise
    except Exception as exc:  # webdpro.sms.SmsError, provider outages
        log.warning("sign-in code not sent", extra={"error": repr(exc)})
        raise CodeNotSent(gettext("We couldn't send the SMS just now. Please try again in a minute.")) from exc
    if extra:
        OtpRecord(code_key(phone)).update(actions=[getattr(OtpRecord, k).set(v) for k, v in extra.items()])


def request_code(phone: str, client_ip: str, *, purpose: str = SIGN_IN) -> CodeSent:
    """Send a sign-in code to ``phone`` (raw or E.164). For SIGN_IN the answer is the same whether or not
    the phone has an account (the code goes only to known phones: ``_decoy_code``); SIGN_UP needs a phone
    without an account (or only a customer's). Raises ValidationFailed, PhoneTaken, RateLimited, CodeNotSent."""
    phone = clean_phone(phone)
    backend = get_backend()
    for _ in range(_SEND_RETRIES):
        stored = _try_store_code(phone, client_ip, purpose, backend)
        if stored is not None:
            break
    else:
        raise RateLimited(
            gettext("Lots of codes are being requested for this number right now. Please wait a moment and try again."),
            retry_after=5,
        )
    decoy, prepared, phone_recent = stored
    if not decoy:
        _deliver(backend, phone, prepared)
    return CodeSent(
        phone=phone,
        sends_left=max(0, settings.OTP_SENDS_PER_PHONE - len(phone_recent) - 1),
        expires_in=settings.OTP_CODE_TTL_SECONDS,
        backend=backend.name,
    )


# --- checking --------------------------------------------------------------------------------------
def _refusal(phone: str, now: int):
    record = get_or_none(OtpRecord, code_key(phone), consistent_read=True)
    if record is None or record.expires_at <= now:
        return CodeExpired(gettext("This code has expired or was already used. Request a new code."), field="code")
    return CodeLocked(
        gettext("Too many wrong codes: this code is locked. Request a new code to try again."), field="code"
    )


def check_code(phone: str, code: str) -> Checked:
    """Spend one attempt on ``code`` for ``phone``; return the backend's verdict or raise
    ValidationFailed / WrongSignInCode / CodeLocked / CodeExpired."""
    code = clean_code(code)
    max_attempts = settings.OTP_MAX_ATTEMPTS
    now = int(time.time())
    record = OtpRecord(code_key(phone))
    try:
        record.update(
            actions=[OtpRecord.attempts.add(1)],
            condition=OtpRecord.pk.exists() & (OtpRecord.attempts < max_attempts) & (OtpRecord.expires_at > now),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise _refusal(phone, now) from None
        raise
    issued = record.created_at
    result = get_backend(record.backend or "local").check(phone, code, record)
    if result.ok:
        try:
            record.delete(condition=OtpRecord.created_at == issued)  # single use, and not a newer code
        except DeleteError as exc:
            if is_condition_failure(exc):
                raise CodeExpired(
                    gettext("This code was already used or replaced by a newer one. Request a new code."), field="code"
                ) from None
            raise
        return result
    if result.ended:
        _update_quietly(record, issued, [OtpRecord.attempts.set(max_attempts)])
        raise CodeExpired(gettext("This code no longer works. Request a new code."), field="code")
    if result.challenge:
        _update_quietly(record, issued, [OtpRecord.challenge.set(result.challenge)])
    remaining = max_attempts - record.attempts
    if remaining <= 0:
        raise CodeLocked(
            gettext(
                "That code is wrong, and that was try %(max_attempts)s of "
                "%(max_attempts)s: this code is now locked. Request a new code."
            )
            % {"max_attempts": max_attempts},
            field="code",
        )
    tries = "1 try" if remaining == 1 else f"{remaining} tries"
    raise WrongSignInCode(
        gettext("That code is wrong. Check the SMS and try again: %(tries)s left.") % {"tries": tries},
        remaining=remaining,
        field="code",
    )


def _update_quietly(record, issued, actions):
    try:
        record.update(actions=actions, condition=OtpRecord.created_at == issued)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise


# --- who may come in -------------------------------------------------------------------------------
def ensure_can_sign_in(user: User) -> Tenant | None:
    """Refuse inactive users and the owners and agents of a suspended (or missing) business.
    Returns the tenant of an owner or agent."""
    if not user.is_active:
        if user.role == Role.DELIVERY_AGENT:
            raise SignInRefused(
                gettext(
                    "Your delivery account has been switched off by the business. Ask the owner to turn it back on."
                )
            )
        raise SignInRefused(
            gettext("This account has been deactivated. If you think this is a mistake, contact WebDPro support.")
        )
    if user.role not in (Role.BUSINESS_OWNER, Role.DELIVERY_AGENT):
        return None
    tenant = None
    if user.tenant_id:
        tenant = get_or_none(Tenant, user.tenant_id)
    if tenant is None:
        raise SignInRefused(gettext("This account is not linked to a business. Contact WebDPro support."))
    if tenant.is_suspended:
        raise SignInRefused(suspension_message(tenant))
    return tenant


def suspension_message(tenant: Tenant) -> str:
    reason = (tenant.suspension_reason or "").strip().rstrip(".") or "no reason was recorded"
    return (
        f"{tenant.business_name} is suspended on WebDPro. Reason: {reason}. Contact WebDPro support to restore access."
    )


def _remember_sub(user: User, sub: str | None) -> None:
    if sub and user.cognito_sub != sub:
        user.update(actions=[User.cognito_sub.set(sub), User.updated_at.set(clock.now_iso())])


def finish_sign_in(phone: str, code: str) -> tuple[User, Tenant | None]:
    """The code step of sign-in: the user to start a session for, or a DomainError."""
    phone = clean_phone(phone)
    checked = check_code(phone, code)
    user = get_or_none(User, phone, consistent_read=True)
    if user is None:
        raise NoAccount(
            gettext("There is no WebDPro account for %(display_phone)s.") % {"display_phone": display_phone(phone)},
            field="phone",
        )
    tenant = ensure_can_sign_in(user)
    _remember_sub(user, checked.cognito_sub)
    return user, tenant


def finish_sign_up(
    phone: str, code: str, *, name: str, business_name: str, email: str | None = None
) -> tuple[User, Tenant]:
    """The code step of sign-up: the phone is proven, so the owner and the tenant are created now
    (one transaction). Raises PhoneTaken if the number got an account in the meantime."""
    phone = clean_phone(phone)
    checked = check_code(phone, code)
    user, tenant = create_owner(phone, name, business_name, email)
    _remember_sub(user, checked.cognito_sub)
    return user, tenant


__all__ = [
    "SIGN_IN",
    "SIGN_UP",
    "CodeSent",
    "request_code",
    "check_code",
    "finish_sign_in",
    "finish_sign_up",
    "ensure_can_sign_in",
    "clean_phone",
    "clean_code",
    "PhoneTaken",
]
