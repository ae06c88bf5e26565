"""Reads for the super admin console.

Tenant pages read by key (GetItem / Query on tenant_id). The only Scans in WebDPro live here, for
lists that span every tenant and have no key: the tenants list (bounded per request: at most
``MAX_SCANNED`` items examined, then a "more" cursor) and the super-admin registry's rebuild.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext

from webdpro import clock, pagination
from webdpro.accounts.plans import PLANS
from webdpro.db import AuditEntry, Order, Payment, PlatformStat, Store, Tenant, User, get_or_none, get_or_not_found
from webdpro.db.audit import FEED_ALL
from webdpro.db.orders import OrderStatus
from webdpro.db.stats import ACTIVE, CURRENT, DAILY, SNAPSHOT, SUPERADMINS
from webdpro.db.tenants import SubscriptionStatus
from webdpro.db.users import Role
from webdpro.errors import NotFound, ValidationFailed
from webdpro.phones import InvalidPhone, looks_like_phone, normalize_phone

PAGE_SIZE = 25
WINDOW_DAYS = 30  # the console's "last 30 days" are IST calendar days
MAX_SCANNED = 1000
SUBSCRIPTION_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED, SubscriptionStatus.EXPIRED)


def get_tenant(tenant_id: str) -> Tenant:
    return get_or_not_found(Tenant, tenant_id, message="Business not found.")


def get_user(phone: str) -> User:
    try:
        phone = normalize_phone(phone)
    except InvalidPhone as exc:
        raise NotFound(gettext("User not found.")) from exc
    return get_or_not_found(User, phone, message="User not found.")


def find_user(raw_phone: str) -> User | None:
    """The user with this phone (typed any way: normalised first), or None. InvalidPhone if garbage."""
    phone = normalize_phone(raw_phone)
    return get_or_none(User, phone)


@dataclass
class Page:
    items: list
    next_cursor: str | None = None
    examined: int = 0  # items DynamoDB returned to us (Scan pages): shows when a search stopped early


def list_tenants(
    plan: str | None = None,
    subscription: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    page_size: int = PAGE_SIZE,
    max_scanned: int = MAX_SCANNED,
) -> Page:
    """Tenants filtered by plan / subscription status, searched by business name or owner phone.

    A phone search is a GetItem on the users table (phone → tenant), not a Scan. A name search is a
    case-insensitive substring match over a Scan filtered on the server by plan and status; one
    request examines at most ``max_scanned`` tenants and hands back a cursor to continue.
    """
    if plan and plan not in PLANS:
        raise ValidationFailed(gettext("Unknown plan."), field="plan")
    if subscription and subscription not in SUBSCRIPTION_STATUSES:
        raise ValidationFailed(gettext("Unknown subscription status."), field="status")
    q = (q or "").strip()
    if q and looks_like_phone(q):
        return Page(items=_tenant_by_phone(q, plan, subscription))
    condition = None
    if plan:
        condition = Tenant.plan == plan
    if subscription:
        status_condition = Tenant.subscription_status == subscription
        condition = status_condition if condition is None else condition & status_condition
    start = pagination.load(cursor, "console:tenants")
    needle = q.casefold()
    results = Tenant.scan(condition, last_evaluated_key=start, page_size=100)
    items, last_key, examined = [], None, 0
    exhausted = True
    for tenant in results:
        examined += 1
        last_key = _tenant_key(tenant)
        if not needle or needle in (tenant.business_name or "").casefold():
            items.append(tenant)
        if len(items) >= page_size or examined >= max_scanned:
            exhausted = False
            break
    next_key = None if exhausted else last_key  # an exhausted Scan has no next page
    return Page(items=items, next_cursor=pagination.dump(next_key, "console:tenants"), examined=examined)


def _tenant_key(tenant: Tenant) -> dict:
    return {"tenant_id": {"S": tenant.tenant_id}}


def _tenant_by_phone(raw: str, plan: str | None, subscription: str | None) -> list[Tenant]:
    try:
        user = find_user(raw)
    except InvalidPhone:
        return []
    if user is None or not user.tenant_id:
        return []
    tenant = get_or_none(Tenant, user.tenant_id)
    if tenant is None:
        return []
    if plan and tenant.plan != plan or subscription and tenant.subscription_status != subscription:
        return []
    return [tenant]


def tenant_people(tenant_id: str) -> list[User]:
    """The tenant's owner and delivery agents (one Query on users.tenant-index)."""
    return list(User.tenant_index.query(tenant_id))


def tenant_stores(tenant_id: str) -> list[Store]:
    return list(Store.query(tenant_id))


@dataclass
class Activity:
    orders: int = 0
    cancelled: int = 0
    gmv: Decimal = field(default_factory=lambda: Decimal("0.00"))
    by_day: "OrderedDict" = field(default_factory=OrderedDict)  # date → [orders, gmv]

    @property
    def average(self) -> Decimal:
        return (self.gmv / self.orders).quantize(Decimal("0.01")) if self.orders else Decimal("0.00")

    def chart(self) -> dict:
        return {
            "labels": [formats.date_format(d, "d M") for d in self.by_day],
            "orders": [v[0] for v in self.by_day.values()],
            "gmv": [str(v[1]) for v in self.by_day.values()],
        }


def tenant_activity(tenant_id: str, window_days: int = WINDOW_DAYS) -> Activity:
    """Orders and GMV (Σ total_amount, Decimal, cancelled excluded) over the last ``window_days`` IST
    days: one Query on orders.tenant-index with a created_at range (pages of 1 MB if busy)."""
    window = clock.last_days(window_days)
    activity = Activity(by_day=OrderedDict((d, [0, Decimal("0.00")]) for d in window))
    since = clock.day_start_iso(window[0])
    for order in Order.tenant_index.query(
        tenant_id, Order.created_at >= since, attributes_to_get=["order_id", "status", "total_amount", "created_at"]
    ):
        if order.status == OrderStatus.CANCELLED:
            activity.cancelled += 1
            continue
        amount = order.total_amount or Decimal("0")
        activity.orders += 1
        activity.gmv += amount
        bucket = activity.by_day.get(clock.local_date(order.created_at))
        if bucket is not None:
            bucket[0] += 1
            bucket[1] += amount
    return activity


def tenant_payments(tenant_id: str, limit: int = 20) -> list[Payment]:
    """The tenant's latest payments (one Query on the payments table's tenant partition)."""
    payments = list(Payment.query(tenant_id, scan_index_forward=False, limit=limit))
    return sorted(payments, key=lambda p: p.created_at or "", reverse=True)


def audit_page(tenant_id: str | None = None, cursor: str | None = None, page_size: int = PAGE_SIZE) -> Page:
    """Audit entries newest first: one tenant's (Query on its partition) or everyone's (feed-index)."""
    kind = f"audit:{tenant_id or '*'}"
    start = pagination.load(cursor, kind)
    if tenant_id:
        results = AuditEntry.query(tenant_id, scan_index_forward=False, limit=page_size, last_evaluated_key=start)
    else:
        results = AuditEntry.feed_index.query(
            FEED_ALL, scan_index_forward=False, limit=page_size, last_evaluated_key=start
        )
    items = list(results)
    next_key = results.last_evaluated_key if len(items) >= page_size else None
    return Page(items=items, next_cursor=pagination.dump(next_key, kind))


# --- Platform overview: reads the rollups only (2 calls whatever the platform's size) -------------


@dataclass
class Overview:
    snapshot: PlatformStat | None
    days: list  # [(date, orders, gmv)] oldest first, zeros for days without a rollup
    orders: int
    gmv: Decimal
    computed_at: str | None

    def counts(self, name: str) -> dict:
        """A snapshot map (``tenants_by_plan``, ``stores_by_status``…) as a plain dict of ints."""
        value = getattr(self.snapshot, name, None) if self.snapshot else None
        if value is None:
            return {}
        raw = value.as_dict() if hasattr(value, "as_dict") else dict(value)
        return {key: int(count) for key, count in raw.items()}

    def chart(self) -> dict:
        return {
            "labels": [formats.date_format(d, "d M") for d, _, _ in self.days],
            "orders": [n for _, n, _ in self.days],
            "gmv": [str(g) for _, _, g in self.days],
        }


def overview(window_days: int = WINDOW_DAYS) -> Overview:
    window = clock.last_days(window_days)
    rows = {
        item.sk: item
        for item in PlatformStat.query(DAILY, PlatformStat.sk.between(window[0].isoformat(), window[-1].isoformat()))
    }
    snapshot = get_or_none(PlatformStat, SNAPSHOT, CURRENT)
    series = []
    for day in window:
        row = rows.get(day.isoformat())
        series.append((day, (row.orders or 0) if row else 0, (row.gmv or Decimal("0.00")) if row else Decimal("0.00")))
    return Overview(
        snapshot=snapshot,
        days=series,
        orders=sum(n for _, n, _ in series),
        gmv=sum((g for _, _, g in series), Decimal("0.00")),
        computed_at=snapshot.computed_at if snapshot else None,
    )


# --- Super admins --------------------------------------------------------------------------------


def scan_active_superadmins() -> set[str]:
    """Phones of every active super admin, by Scan of the users table (only to rebuild the registry;
    filtered on the server, projected to the phone)."""
    condition = (User.role == Role.SUPER_ADMIN) & (User.is_active == True)  # noqa: E712 (a DynamoDB condition)
    return {user.phone for user in User.scan(condition, attributes_to_get=["phone"])}


def superadmin_registry() -> PlatformStat | None:
    return get_or_none(PlatformStat, SUPERADMINS, ACTIVE, consistent_read=True)


def registered_superadmins() -> list[User]:
    """The active super admins the registry knows, by name (one GetItem + one BatchGetItem)."""
    registry = superadmin_registry()
    phones = sorted(registry.phones or ()) if registry else []
    if not phones:
        return []
    return sorted(User.batch_get(phones), key=lambda u: ((u.name or "").casefold(), u.phone))


def stuck_transfers(older_than_hours: int = 24, limit: int = 50) -> list:
    """Route transfers whose release or reversal has been pending (or that failed) for more than a day,
    oldest first: one Query of the sparse ``attention-index`` of ``webdpro-transfers``."""
    from webdpro import clock
    from webdpro.db import Transfer
    from webdpro.db.transfers import RETRY

    cutoff = clock.ago_iso(hours=older_than_hours)
    return list(Transfer.attention_index.query(RETRY, Transfer.attention_since < cutoff, limit=limit))
