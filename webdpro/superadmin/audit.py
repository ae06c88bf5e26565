"""Audit entries: who did what, when, to which tenant, with before/after snapshots (JSON strings).

Services build an entry with :func:`entry` and put it with :func:`add` inside the transaction of the
action itself, so an action is never recorded without happening, or the other way round.
"""

from __future__ import annotations

import json
from decimal import Decimal

from webdpro import clock, labels
from webdpro.db import AuditEntry
from webdpro.db.audit import FEED_ALL, PLATFORM
from webdpro.ids import new_id

LABELS = {
    "tenant.plan": "Plan changed",
    "tenant.subscription": "Subscription status set",
    "tenant.suspend": "Business suspended",
    "tenant.reactivate": "Business reactivated",
    "store.suspend": "Store suspended",
    "store.reactivate": "Store reactivated",
    "user.deactivate": "User deactivated",
    "user.reactivate": "User reactivated",
    "user.role": "Role changed",
    "platform.rollup": "Platform figures refreshed",
}


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def to_json(snapshot) -> str | None:
    if snapshot is None:
        return None
    return json.dumps(snapshot, default=_default, sort_keys=True, ensure_ascii=False)


def entry(
    actor,
    action: str,
    *,
    tenant_id: str | None,
    target_type: str,
    target_id: str,
    summary: str,
    target_label: str | None = None,
    before=None,
    after=None,
    reason: str | None = None,
    at: str | None = None,
) -> AuditEntry:
    """An unsaved audit entry for ``actor`` (the signed-in super admin, a ``User``)."""
    return AuditEntry(
        tenant_id or PLATFORM,
        new_id(),
        feed=FEED_ALL,
        action=action,
        actor_user_id=getattr(actor, "user_id", None) or "system",
        actor_phone=getattr(actor, "phone", None),
        actor_name=getattr(actor, "name", None),
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        summary=summary,
        reason=reason or None,
        before=to_json(before),
        after=to_json(after),
        created_at=at or clock.now_iso(),
    )


def add(tx, audit: AuditEntry) -> None:
    """Put the entry inside a ``transact_write()`` (never overwrites: ids are unique)."""
    tx.save(audit, condition=AuditEntry.audit_id.does_not_exist())


def decode(value: str | None):
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value


def pretty(value: str | None) -> str:
    """A snapshot as indented JSON for people to read ("—" when there is none)."""
    decoded = decode(value)
    if decoded is None:
        return "—"
    decoded = _in_words(decoded)
    if isinstance(decoded, str):
        return decoded
    return json.dumps(decoded, indent=2, sort_keys=True, ensure_ascii=False)


_SNAPSHOT_VOCABULARIES = ("store_status", "tenant_status", "subscription_status", "plan", "role")


def _in_words(value):
    """Status, plan and role codes inside a snapshot shown as their labels (keys are left as they are)."""
    if isinstance(value, dict):
        return {key: _in_words(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_words(item) for item in value]
    if isinstance(value, str):
        for vocabulary in _SNAPSHOT_VOCABULARIES:
            if value in labels.VOCABULARIES[vocabulary]:
                return labels.label(vocabulary, value)
    return value
