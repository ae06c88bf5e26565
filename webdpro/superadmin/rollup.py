"""The platform rollup behind the console's overview.

Cost model (documented in tables/README.md, webdpro-stats): the overview page reads one Query (30
DAILY items) and one GetItem (SNAPSHOT), whatever the platform's size. This job pays the rest, once:

* one paginated Scan of webdpro-tenants (projected to plan, subscription, suspension, id), and one of
  webdpro-stores (projected to status) — O(tenants + stores) small reads;
* one Query per tenant on orders ``tenant-index`` over the window (``created_at >= start``),
  projected to status / total / created_at — O(orders in the window), never the order history.

Run it nightly (``python manage.py rollup_platform_stats``; it recomputes the whole window, so late
cancellations are picked up and re-runs are harmless) or from the console's "Refresh now".
"""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal

from webdpro import clock
from webdpro.db import Order, PlatformStat, Store, Tenant
from webdpro.db.orders import OrderStatus
from webdpro.db.stats import CURRENT, DAILY, SNAPSHOT
from webdpro.db.tenants import PlanCode, SubscriptionStatus
from webdpro.superadmin.selectors import WINDOW_DAYS


def compute(window_days: int = WINDOW_DAYS) -> dict:
    """Read everything the rollup needs and return the figures (no writes)."""
    window = clock.last_days(window_days)
    since = clock.day_start_iso(window[0])
    by_plan, by_subscription = Counter(), Counter()
    tenant_ids, suspended = [], 0
    for tenant in Tenant.scan(
        attributes_to_get=["tenant_id", "plan", "subscription_status", "is_suspended"], page_size=500
    ):
        tenant_ids.append(tenant.tenant_id)
        by_plan[tenant.plan or PlanCode.FREE] += 1
        by_subscription[tenant.subscription_status or SubscriptionStatus.ACTIVE] += 1
        suspended += 1 if tenant.is_suspended else 0
    by_status = Counter(
        store.status for store in Store.scan(attributes_to_get=["tenant_id", "store_id", "status"], page_size=500)
    )
    daily = {day: {"orders": 0, "cancelled": 0, "gmv": Decimal("0.00")} for day in window}
    for tenant_id in tenant_ids:
        for order in Order.tenant_index.query(
            tenant_id, Order.created_at >= since, attributes_to_get=["order_id", "status", "total_amount", "created_at"]
        ):
            bucket = daily.get(clock.local_date(order.created_at))
            if bucket is None:
                continue
            if order.status == OrderStatus.CANCELLED:
                bucket["cancelled"] += 1
            else:
                bucket["orders"] += 1
                bucket["gmv"] += order.total_amount or Decimal("0")
    return {
        "tenants_total": len(tenant_ids),
        "suspended_tenants": suspended,
        "tenants_by_plan": dict(by_plan),
        "tenants_by_subscription": dict(by_subscription),
        "stores_by_status": dict(by_status),
        "daily": daily,
    }


def run(window_days: int = WINDOW_DAYS) -> dict:
    """Compute and store the rollup (idempotent PutItems). Returns the figures and the duration."""
    started = time.monotonic()
    figures = compute(window_days)
    now = clock.now_iso()
    with PlatformStat.batch_write() as batch:
        for day, values in figures["daily"].items():
            batch.save(
                PlatformStat(
                    DAILY,
                    day.isoformat(),
                    orders=values["orders"],
                    cancelled=values["cancelled"],
                    gmv=values["gmv"],
                    computed_at=now,
                )
            )
        batch.save(
            PlatformStat(
                SNAPSHOT,
                CURRENT,
                tenants_total=figures["tenants_total"],
                suspended_tenants=figures["suspended_tenants"],
                tenants_by_plan=figures["tenants_by_plan"],
                tenants_by_subscription=figures["tenants_by_subscription"],
                stores_by_status=figures["stores_by_status"],
                computed_at=now,
            )
        )
    figures["seconds"] = round(time.monotonic() - started, 3)
    return figures
