"""Reads of orders for the owner: the desk, search, new-order polling, export, the dashboard home.

Every read is a Query on a GSI whose partition key is the tenant, one of its stores, or (for a phone
search) the customer's phone filtered to the tenant — never a Scan — with a ``Limit`` and a fixed
budget of calls per request, whatever the page size. Pages continue from an opaque signed cursor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext

from webdpro import clock, pagination
from webdpro.db import Order
from webdpro.db.orders import PAYMENT_METHODS, STATUSES, Fulfilment, OrderStatus
from webdpro.db.rows import get_item, row_reader, rows
from webdpro.errors import NotFound, ValidationFailed
from webdpro.orders import expiry, home_cache
from webdpro.orders.workflow import get_order_for_tenant
from webdpro.phones import InvalidPhone, normalize_phone

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
# With a status / method filter DynamoDB reads `FILTERED_READ` orders per call and we stop after
# `MAX_CALLS` calls: a page may then come back short, with a "keep looking" cursor.
FILTERED_READ = 200
MAX_CALLS = 4
SHORT_ID_SEARCH_CALLS = 4
SHORT_ID_SEARCH_READ = 500
ORDER_ID_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
SHORT_ID_RE = re.compile(r"^#?[0-9A-HJKMNP-TV-Z]{6,10}$")
# What a desk row shows (and what its buttons and the expiry check need): the Query projects these,
# leaving the timeline (`history`), the address and the GST snapshot to the order's detail page.
DESK_ATTRIBUTES = (
    "order_id",
    "tenant_id",
    "store_id",
    "created_at",
    "status",
    "items",
    "total_amount",
    "customer_name",
    "customer_phone",
    "payment_method",
    "payment_status",
    "coupon_code",
    "fulfilment",
    "scheduled_for",
    "acceptance",
    "accept_by",
    "delivery_status",
    "delivery_agent_id",
)

# --- the desk -------------------------------------------------------------------------------------


@dataclass
class DeskFilters:
    store_id: str | None = None  # None: all of the tenant's stores
    status: str | None = None
    method: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self):
        if self.status and self.status not in STATUSES:
            raise ValidationFailed(gettext("Pick a status from the list."), field="status")
        if self.method and self.method not in PAYMENT_METHODS:
            raise ValidationFailed(gettext("Pick a payment method from the list."), field="method")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationFailed(gettext("The start date is after the end date."), field="date_from")
        if self.page_size not in PAGE_SIZES:
            self.page_size = DEFAULT_PAGE_SIZE

    @property
    def filtered(self) -> bool:
        return bool(self.status or self.method)


@dataclass
class DeskPage:
    orders: list = field(default_factory=list)
    next_cursor: str | None = None
    searched_all: bool = True  # False: stopped at the call budget; more may match further back
    search_kind: str | None = None  # "order_id" | "short_id" | "phone"
    message: str = ""


def range_condition(filters: DeskFilters, after: str | None = None):
    lo = clock.day_start_iso(filters.date_from) if filters.date_from else None
    hi = clock.day_end_iso(filters.date_to) if filters.date_to else None
    if after:  # strictly newer than `after` (timestamps carry microseconds)
        after = clock.iso(clock.parse(after) + timedelta(microseconds=1))
        lo = max(lo, after) if lo else after
    if lo and hi:
        return Order.created_at.between(lo, hi)
    if lo:
        return Order.created_at >= lo
    if hi:
        return Order.created_at <= hi
    return None


def filter_condition(filters: DeskFilters, tenant_id: str | None = None, store_id: str | None = None):
    condition = None

    def both(a, b):
        return b if a is None else (a & b)

    if tenant_id:
        condition = both(condition, Order.tenant_id == tenant_id)
    if store_id:
        condition = both(condition, Order.store_id == store_id)
    if filters.status:
        condition = both(condition, Order.status == filters.status)
    if filters.method:
        condition = both(condition, Order.payment_method == filters.method)
    return condition


def index_for(tenant_id: str, filters: DeskFilters):
    """(index, hash key value, index hash attribute name)."""
    if filters.store_id:
        return Order.store_index, filters.store_id, "store_id"
    return Order.tenant_index, tenant_id, "tenant_id"


def make_cursor(scope: str, key: dict) -> str:
    return pagination.dump(key, "orders:" + scope)


def read_cursor(scope: str, cursor: str | None) -> dict | None:
    return pagination.load(cursor, "orders:" + scope)


def paged_query(
    index,
    hash_value,
    hash_attr: str,
    *,
    range_key_condition=None,
    filter_condition=None,
    start_key: dict | None = None,
    want: int,
    per_call: int,
    max_calls: int,
    attributes=DESK_ATTRIBUTES,
):
    """Up to ``want`` orders, newest first, in at most ``max_calls`` Query calls of ``Limit=per_call``.

    Only ``attributes`` are read (None: the whole order); such partial orders are read-only rows
    (:mod:`webdpro.db.rows`), marked ``projected``.
    Returns (orders, next_key, searched_all). ``next_key`` resumes right after the last order returned
    (or where the budget ran out)."""
    results = index.query(
        hash_value,
        range_key_condition=range_key_condition,
        filter_condition=filter_condition,
        scan_index_forward=False,
        page_size=per_call,
        last_evaluated_key=start_key,
        attributes_to_get=list(attributes) if attributes else None,
    )
    pages = results.page_iter
    raw_items: list[dict] = []
    last_key = start_key
    calls = 0
    exhausted = False
    while calls < max_calls and len(raw_items) <= want:
        try:
            page = next(pages)
        except StopIteration:
            exhausted = True
            break
        calls += 1
        raw_items.extend(page.get("Items", []))
        last_key = pages.last_evaluated_key
        if last_key is None:
            exhausted = True
            break
    key_names = ("order_id", hash_attr, "created_at")
    if len(raw_items) > want:
        shown = raw_items[:want]
        next_key = {k: shown[-1][k] for k in key_names}
        return _orders(shown, attributes), next_key, True
    orders = _orders(raw_items, attributes)
    if exhausted:
        return orders, None, True
    # Budget used up (or exactly `want` found at a page boundary): continue from DynamoDB's key.
    return orders, last_key, len(raw_items) >= want


def _orders(raw_items, attributes) -> list:
    """Whole orders as models; projected ones as read-only rows (no model per order and per line)."""
    if attributes == DESK_ATTRIBUTES:
        return desk_rows(raw_items)
    if attributes:
        return rows(Order, attributes, raw_items)
    return [Order.from_raw_data(r) for r in raw_items]


_DESK_FIELDS = tuple(name for name in DESK_ATTRIBUTES if name != "items")


def desk_rows(raw_items) -> list:
    """Desk rows: the projected attributes, the lines only counted (``units``, the sum of their quantities)
    — a row per line, as the generic reader makes, cost more than the rest of the order."""
    read = row_reader(Order, _DESK_FIELDS)
    out = []
    for raw in raw_items:
        row = read(raw)
        row.units = sum(int(line["M"]["quantity"]["N"]) for line in raw.get("items", {}).get("L", ()))
        out.append(row)
    return out


def desk_page(tenant_id: str, filters: DeskFilters, cursor: str | None = None) -> DeskPage:
    """One page of the order desk (or a search)."""
    if filters.q.strip():
        return search(tenant_id, filters, cursor)
    index, hash_value, hash_attr = index_for(tenant_id, filters)
    scope = f"{hash_attr}:{hash_value}"
    start = read_cursor(scope, cursor)
    per_call = FILTERED_READ if filters.filtered else filters.page_size + 1  # FILTERED_READ > the largest page
    orders, next_key, searched_all = paged_query(
        index,
        hash_value,
        hash_attr,
        range_key_condition=range_condition(filters),
        filter_condition=filter_condition(filters),
        start_key=start,
        want=filters.page_size,
        per_call=per_call,
        max_calls=MAX_CALLS if filters.filtered else 2,
    )
    return DeskPage(expiry.sweep(orders), make_cursor(scope, next_key) if next_key else None, searched_all)


def order_for_owner(tenant_id: str, order_id: str) -> Order:
    """The tenant's order (NotFound otherwise), expired first if its payment or acceptance window is over."""
    return expiry.sweep_one(get_order_for_tenant(tenant_id, order_id))


ORDER_FIELDS = tuple(Order.get_attributes())


def order_to_show(tenant_id: str, order_id: str):
    """The tenant's order for its page, or None: one GetItem read into a read-only row of every attribute
    (:mod:`webdpro.db.rows`: no model per order, line and step). An order due to expire is expired first
    and comes back as the model :func:`order_for_owner` returns."""
    raw = get_item(Order, order_id) if order_id else None
    if raw is None or raw.get("tenant_id", {}).get("S") != tenant_id:
        return None  # another tenant's order looks exactly like a missing one
    order = row_reader(Order, ORDER_FIELDS)(raw)
    if expiry.is_due(order):
        return expiry.sweep_one(Order.from_raw_data(raw))
    return order


def _phone_read(filters: DeskFilters) -> int:
    """Orders read per call by a phone search: a page and one more (a phone's orders are nearly all one
    tenant's, so the page fills from that; a customer with years of orders costs the same as a new one),
    or ``FILTERED_READ`` when a status, method or store filter may skip most of them."""
    if filters.filtered or filters.store_id:
        return max(filters.page_size + 1, FILTERED_READ)
    return filters.page_size + 1


def search(tenant_id: str, filters: DeskFilters, cursor: str | None = None) -> DeskPage:
    """Search by full order id (GetItem), short order id (bounded recent search) or customer phone."""
    q = filters.q.strip().upper().replace(" ", "")
    if ORDER_ID_RE.match(q):
        try:
            order = get_order_for_tenant(tenant_id, q)
        except NotFound:
            return DeskPage([], search_kind="order_id", message="No order with that number.")
        return DeskPage(expiry.sweep([order]), search_kind="order_id")
    digits = re.sub(r"[^\d+]", "", filters.q)
    if len(re.sub(r"\D", "", digits)) >= 10:
        try:
            phone = normalize_phone(filters.q)
        except InvalidPhone as exc:
            raise ValidationFailed(str(exc), field="q") from exc
        scope = f"customer_phone:{phone}"
        start = read_cursor(scope, cursor)
        orders, next_key, searched_all = paged_query(
            Order.customer_index,
            phone,
            "customer_phone",
            range_key_condition=range_condition(filters),
            filter_condition=filter_condition(filters, tenant_id=tenant_id, store_id=filters.store_id),
            start_key=start,
            want=filters.page_size,
            per_call=_phone_read(filters),
            max_calls=MAX_CALLS,
        )
        return DeskPage(
            expiry.sweep(orders),
            make_cursor(scope, next_key) if next_key else None,
            searched_all,
            "phone",
            "" if orders else "No orders from that phone number.",
        )
    if SHORT_ID_RE.match(q):
        short = q.lstrip("#")
        index, hash_value, hash_attr = index_for(tenant_id, filters)
        scope = f"{hash_attr}:{hash_value}:short"
        start = read_cursor(scope, cursor)
        condition = Order.order_id.contains(short)
        extra = filter_condition(filters)
        orders, next_key, searched_all = paged_query(
            index,
            hash_value,
            hash_attr,
            range_key_condition=range_condition(filters),
            filter_condition=condition if extra is None else (condition & extra),
            start_key=start,
            want=filters.page_size,
            per_call=SHORT_ID_SEARCH_READ,
            max_calls=SHORT_ID_SEARCH_CALLS,
        )
        orders = expiry.sweep([o for o in orders if o.order_id.endswith(short)])
        return DeskPage(
            orders,
            make_cursor(scope, next_key) if next_key else None,
            searched_all,
            "short_id",
            "" if orders else "No recent order ends with that number.",
        )
    raise ValidationFailed(gettext("Search by order number (e.g. 7K3M9QXA) or the customer's phone number."), field="q")


def newer_orders(tenant_id: str, filters: DeskFilters, since: str, limit: int = 50) -> list:
    """Orders created after ``since`` (the newest one on screen), newest first: one Query."""
    if filters.date_to and since >= clock.day_end_iso(filters.date_to):
        return []  # the list ends before `since`: nothing newer can belong to it
    index, hash_value, hash_attr = index_for(tenant_id, filters)
    orders, _, _ = paged_query(
        index,
        hash_value,
        hash_attr,
        range_key_condition=range_condition(filters, after=since),
        filter_condition=filter_condition(filters),
        want=limit,
        per_call=limit + 1,
        max_calls=1,
    )
    return expiry.sweep(orders)


def batch_orders_for_tenant(tenant_id: str, order_ids: list[str]) -> dict:
    """The tenant's orders among ``order_ids`` (BatchGetItem; other tenants' ids are dropped)."""
    ids = list(dict.fromkeys(i for i in order_ids if i and ORDER_ID_RE.match(i)))[:100]
    found = {o.order_id: o for o in Order.batch_get(ids)} if ids else {}
    return {i: o for i, o in found.items() if o.tenant_id == tenant_id}


# --- dashboard home -------------------------------------------------------------------------------


@dataclass
class HomeStats:
    today_orders: int = 0
    today_revenue: Decimal = field(default_factory=lambda: Decimal("0.00"))
    by_status: dict = field(default_factory=dict)
    days: list = field(default_factory=list)  # [(date, revenue, orders)] oldest first
    total_orders: int = 0
    total_revenue: Decimal = field(default_factory=lambda: Decimal("0.00"))
    truncated: bool = False
    recent: list = field(default_factory=list)


HOME_DAYS = 30
HOME_PAGE = 1000
HOME_MAX_CALLS = 20  # 20,000 orders in 30 days; beyond that the chart says it is partial
HOME_CACHE_SECONDS = 300
TODAY_CACHE_SECONDS = 30  # today is re-read whole at least this often (other processes' status changes)
HOME_FIELDS = ["order_id", "created_at", "status", "total_amount", "customer_name", "accept_by"]
NOT_REVENUE = (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT)


def _tally_range(tenant_id: str, store_id: str | None, lo: str, hi: str | None, max_calls: int) -> dict:
    """Revenue and orders per IST day, orders by status and the newest few orders in [lo, hi]: one
    paginated Query of the created_at range, reading five attributes, parsed without model objects."""
    index, hash_value = (Order.store_index, store_id) if store_id else (Order.tenant_index, tenant_id)
    condition = Order.created_at.between(lo, hi) if hi else Order.created_at >= lo
    results = index.query(
        hash_value,
        range_key_condition=condition,
        scan_index_forward=False,
        page_size=HOME_PAGE,
        attributes_to_get=HOME_FIELDS,
    )
    per_day: dict = {}
    by_status: dict = {}
    recent: list = []
    truncated = False
    pages = results.page_iter
    due: list = []
    pending: list = []  # orders that may still fall due (awaiting payment or acceptance), as raw items
    newest = None
    for calls, page in enumerate(pages, start=1):
        items = page.get("Items", [])
        expired = set(expiry.due_ids(items))
        due.extend(expired)
        for raw in items:
            created = raw["created_at"]["S"]
            newest = newest or created
            status = OrderStatus.CANCELLED if raw["order_id"]["S"] in expired else raw.get("status", {}).get("S", "")
            if status in (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED):
                pending.append(raw)
            amount = Decimal(raw.get("total_amount", {}).get("N", "0"))
            day = clock.local_date(created)
            entry = per_day.setdefault(day, [Decimal("0.00"), 0])
            entry[1] += 1
            if status not in NOT_REVENUE:
                entry[0] += amount
            by_status[status] = by_status.get(status, 0) + 1
            if len(recent) < 5:
                recent.append(
                    {
                        "order_id": raw["order_id"]["S"],
                        "created_at": created,
                        "status": status,
                        "total_amount": amount,
                        "customer_name": raw.get("customer_name", {}).get("S", ""),
                    }
                )
        if calls >= max_calls and pages.last_evaluated_key:
            truncated = True
            break
    return {
        "per_day": per_day,
        "by_status": by_status,
        "recent": recent,
        "truncated": truncated,
        "due": due,
        "pending": pending,
        "newest": newest,
    }


def _today_tally(tenant_id: str, store_id: str | None, today) -> dict:
    """Today's tally: read whole at most every ``TODAY_CACHE_SECONDS`` (and after any status change of a
    today's order in this process, or when an order it counts as awaiting falls due); in between, only the
    orders created since the newest one counted are read and added (one small Query)."""
    from django.core.cache import cache

    key = f"orders:home:today:{tenant_id}:{store_id or '*'}:{home_cache.today_generation(tenant_id)}:{today}"
    now = clock.now()
    part = cache.get(key)
    fresh = part is not None and part["read_at"] > clock.iso(now - timedelta(seconds=TODAY_CACHE_SECONDS))
    if not fresh or expiry.due_ids(part["pending"], now):
        part = _tally_range(tenant_id, store_id, clock.day_start_iso(today), None, HOME_MAX_CALLS)
        part["read_at"] = clock.iso(now)
    else:
        since = clock.iso(clock.parse(part["newest"]) + timedelta(microseconds=1)) if part["newest"] else None
        newer = _tally_range(tenant_id, store_id, since or clock.day_start_iso(today), None, HOME_MAX_CALLS)
        part = _merged(newer, part)
    cache.set(key, part, TODAY_CACHE_SECONDS)
    return part


def _merged(newer: dict, older: dict) -> dict:
    """Two tallies of adjacent ranges (``newer`` after ``older``) as one."""
    per_day = {day: list(entry) for day, entry in older["per_day"].items()}
    for day, (revenue, count) in newer["per_day"].items():
        entry = per_day.setdefault(day, [Decimal("0.00"), 0])
        entry[0] += revenue
        entry[1] += count
    by_status = dict(older["by_status"])
    for status, count in newer["by_status"].items():
        by_status[status] = by_status.get(status, 0) + count
    return {
        "per_day": per_day,
        "by_status": by_status,
        "recent": (newer["recent"] + older["recent"])[:5],
        "truncated": newer["truncated"] or older["truncated"],
        "due": newer["due"],  # the older ones were handed to the expiry when first counted
        "pending": newer["pending"] + older["pending"],
        "newest": newer["newest"] or older["newest"],
        "read_at": older["read_at"],
    }


def empty_home_stats(days: int = HOME_DAYS) -> HomeStats:
    today = clock.local_today()
    return HomeStats(days=[(today - timedelta(days=days - 1 - i), Decimal("0.00"), 0) for i in range(days)])


def home_stats(tenant_id: str, store_id: str | None = None, days: int = HOME_DAYS) -> HomeStats:
    """Today's orders and revenue (IST day), orders by status, revenue per day for ``days`` days.

    Today is read whole at most every ``TODAY_CACHE_SECONDS``, and in between only the orders created
    since (:func:`_today_tally`: flat however busy the day). The closed days before it are one paginated
    Query over their
    created_at range on the tenant-index (or a store's store-index), kept in the cache for
    ``HOME_CACHE_SECONDS`` and dropped by a status change they do not already count right
    (:mod:`webdpro.orders.home_cache`). Orders past their payment or acceptance window are counted as
    cancelled and expired in the background (:func:`webdpro.orders.expiry.expire_later`).
    Revenue counts every order that is neither cancelled nor awaiting payment."""
    from django.core.cache import cache

    today = clock.local_today()
    first = today - timedelta(days=days - 1)
    gen = home_cache.generation(tenant_id)
    key = f"orders:home:{tenant_id}:{store_id or '*'}:{gen}:{first}:{today}"
    past = cache.get(key)
    if past is None:
        past = {"per_day": {}, "by_status": {}, "recent": [], "truncated": False, "due": []}
        home_cache.mark_read_started(tenant_id, gen, clock.now_iso(), expiry.cutoff_iso())
        if days > 1:
            yesterday_end = clock.day_end_iso(today - timedelta(days=1))
            past = _tally_range(tenant_id, store_id, clock.day_start_iso(first), yesterday_end, HOME_MAX_CALLS)
        home_cache.remember_counted_cancelled(tenant_id, gen, past["due"])
        cache.set(key, past, HOME_CACHE_SECONDS)
    live = _today_tally(tenant_id, store_id, today)
    # Due orders are counted as cancelled above; they are expired (stock back) off the request path.
    expiry.expire_later(tenant_id, live["due"] + past["due"])
    stats = HomeStats(truncated=past["truncated"] or live["truncated"])
    for part in (past, live):
        for status, count in part["by_status"].items():
            stats.by_status[status] = stats.by_status.get(status, 0) + count
    per_day = {first + timedelta(days=i): [Decimal("0.00"), 0] for i in range(days)}
    for part in (past, live):
        for day, (revenue, count) in part["per_day"].items():
            if day in per_day:
                per_day[day][0] += revenue
                per_day[day][1] += count
    stats.days = [(d, v[0], v[1]) for d, v in sorted(per_day.items())]
    stats.today_revenue, stats.today_orders = per_day[today][0], per_day[today][1]
    stats.total_revenue = sum((v[0] for v in per_day.values()), Decimal("0.00"))
    stats.total_orders = sum(v[1] for v in per_day.values())
    stats.recent = (live["recent"] + past["recent"])[:5]
    return stats


# --- new-order alerts (every owner page polls these) ---------------------------------------------

ALERT_LIMIT = 5
ALERT_FIELDS = ["order_id", "created_at", "status", "total_amount", "customer_name", "fulfilment", "tenant_id"]
ALERTED = (OrderStatus.PLACED, OrderStatus.CONFIRMED)  # ready for the shop (not awaiting payment, not already moved on)


def awaiting_count(tenant_id: str) -> int:
    """Orders waiting for the shop to accept them: one Select=COUNT Query on the sparse awaiting-index."""
    return Order.awaiting_index.count(tenant_id)


def new_order_alerts(tenant_id: str, since: str, limit: int = ALERT_LIMIT) -> list[dict]:
    """Orders created after ``since`` that are ready for the shop, newest first: one Query of a few items."""
    after = clock.iso(clock.parse(since) + timedelta(microseconds=1))
    results = Order.tenant_index.query(
        tenant_id,
        Order.created_at >= after,
        scan_index_forward=False,
        filter_condition=Order.status.is_in(*ALERTED),
        attributes_to_get=ALERT_FIELDS,
        page_size=50,
    )
    try:
        page = next(results.page_iter)
    except StopIteration:
        return []
    rows = []
    for raw in page.get("Items", [])[:limit]:
        rows.append(
            {
                "order_id": raw["order_id"]["S"],
                "created_at": raw["created_at"]["S"],
                "status": raw.get("status", {}).get("S", ""),
                "total_amount": Decimal(raw.get("total_amount", {}).get("N", "0")),
                "customer_name": raw.get("customer_name", {}).get("S", ""),
                "pickup": raw.get("fulfilment", {}).get("S") == Fulfilment.PICKUP,
            }
        )
    return rows
