"""Server time, time inside DynamoDB and DynamoDB calls per request for the owner's and storefront pages.

Requests go through Django's test client in this process (the full middleware stack, template rendering
and DynamoDB round trips; no network or gunicorn in front): "server time" is the wall time of one request,
"DynamoDB time" the part of it spent inside botocore calls (``webdpro.db.calls`` times each call), and
their ratio says how much a page costs beyond the calls it needs. "Items" (the items DynamoDB examined for
the request's calls) and "KB" (the size of its answers), both p50, show the app's own work apart from
DynamoDB Local's speed: they should not grow with the order history.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def percentile(values, pct):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def sign_in(client, user):
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from dashboard.auth import SESSION_PHONE, SESSION_VERSION

    store = SessionStore()
    store[SESSION_PHONE] = user.phone
    store[SESSION_VERSION] = user.session_version or 0
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key


@dataclass
class Case:
    """One page of the table: ``n`` timed GETs of ``pick(i)`` by ``client`` after ``warmup`` untimed ones."""

    label: str
    client: Any
    pick: Callable[[int], str]
    n: int
    warmup: int = 2


def _picker(urls) -> Callable[[int], str]:
    return urls if callable(urls) else (lambda i: urls[i % len(urls)])


def _sample(client, url: str, expect=(200,)) -> tuple:
    """One timed GET: (ms, ms inside DynamoDB calls, calls, Scans, items read, bytes read)."""
    from webdpro.db.calls import count_dynamodb_calls

    with count_dynamodb_calls() as counter:
        start = time.perf_counter()
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - start
    if response.status_code not in expect:
        raise RuntimeError(f"GET {url} → {response.status_code}")
    db_ms = counter.seconds * 1000
    return elapsed * 1000, db_ms, counter.total, counter["Scan"], counter.items_read, counter.bytes_read


def _summary(samples: list[tuple]) -> dict:
    times, db_times, calls, scans, items, size = zip(*samples, strict=True)
    p50, db_p50 = percentile(times, 50), percentile(db_times, 50)
    return {
        "n": len(samples),
        "p50": p50,
        "p95": percentile(times, 95),
        "db_p50": db_p50,
        "ratio": p50 / db_p50 if db_p50 else float("inf"),
        "mean": statistics.mean(times),
        "calls_min": min(calls),
        "calls_max": max(calls),
        "scans": sum(scans),
        "items": percentile(items, 50),
        "kb": percentile(size, 50) / 1024,
    }


def measure(client, urls, n: int, warmup: int = 2, expect=(200,)) -> dict:
    """Request ``urls`` (a list or a callable returning one URL) ``n`` times; p50/p95 ms and calls."""
    return measure_case(Case("", client, _picker(urls), n, warmup), expect)


def measure_case(case: Case, expect=(200,)) -> dict:
    for i in range(case.warmup):
        case.client.get(case.pick(i))
    samples = [_sample(case.client, case.pick(i), expect) for i in range(case.n)]
    print(".", end="", flush=True)
    return _summary(samples)


def measure_pair(a: Case, b: Case) -> tuple[dict, dict]:
    """The same page of two tenants, request by request in turn (who goes first alternates), so both
    meet the same machine: on a shared machine, two runs minutes apart are not comparable."""
    for i in range(max(a.warmup, b.warmup)):
        a.client.get(a.pick(i))
        b.client.get(b.pick(i))
    samples: tuple[list, list] = ([], [])
    for i in range(a.n):
        order = ((0, a), (1, b)) if i % 2 == 0 else ((1, b), (0, a))
        for side, case in order:
            samples[side].append(_sample(case.client, case.pick(i)))
    print(".", end="", flush=True)
    return _summary(samples[0]), _summary(samples[1])


def run(data: dict, n: int, log=print) -> list[tuple[str, dict | str]]:
    return [(case, "skipped: " + note) if note else (case.label, measure_case(case)) for case, note in cases(data, n)]


def run_paired(data: dict, base: dict, n: int) -> list[tuple[str, dict, dict]]:
    """Every page of ``data``'s tenant and of ``base``'s, timed in turn: (label, row of data, row of base)."""
    theirs = {case.label: case for case, note in cases(base, n) if not note}
    return [
        (case.label, *measure_pair(case, theirs[case.label]))
        for case, note in cases(data, n)
        if not note and case.label in theirs
    ]


def cases(data: dict, n: int) -> list[tuple[Case | str, str]]:
    """The bench's pages for ``data``'s tenant: (case, "") or (label, why it is skipped)."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    rng = random.Random(11)
    client = Client()
    sign_in(client, data["owner"])
    found: list[tuple[Case | str, str]] = []

    def add(label, urls, count=n, warmup=2, who=client):
        found.append((Case(label, who, _picker(urls), count, warmup), ""))

    desk = reverse("owner:orders")
    store = data["stores"][0]
    add("order desk, all stores (25/page)", [desk])
    add("order desk, one store (100/page)", [f"{desk}?store={store.store_id}&size=100"])
    add("order desk, status=PREPARING", [f"{desk}?status=PREPARING"])
    add("order desk, last 7 days + UPI", [f"{desk}?from={_days_ago(7)}&method=UPI"])
    first = client.get(desk).content.decode()
    match = re.search(r'href="([^"]*cursor=[^"]+)"', first)
    if match:
        add("order desk, page 2 (cursor)", [match.group(1).replace("&amp;", "&")])
    phones = data["customers"]
    add("order desk, search by phone", lambda i: f"{desk}?q={phones[i % len(phones)]}")
    orders = data["orders"]
    add("order detail", lambda i: reverse("owner:order_detail", kwargs={"order_id": rng.choice(orders).order_id}))
    export = reverse("owner:orders_export") + f"?from={_days_ago(7)}"
    add("CSV export, last 7 days (streamed)", [export], max(3, n // 10), warmup=1)
    home = reverse("owner:home")

    def cold(i):
        from webdpro.orders.home_cache import forget_home_stats

        forget_home_stats(data["tenant"].tenant_id)  # as after a status change: re-read the 29 closed days
        return home

    add("dashboard home, cold (30 days read)", cold, max(3, n // 5), warmup=1)
    add("dashboard home, warm (today read)", [home])
    add("products list", [reverse("owner:products", kwargs={"store_id": store.store_id})])
    try:
        url = reverse("storefront:home", kwargs={"slug": store.slug})
    except NoReverseMatch:
        found.append(("storefront home", "URL name storefront:home is not on this branch"))
        return found
    anon = Client()
    add("storefront home", [url], who=anon)
    items = [p.product_id for p in data["products"][store.store_id] if p.stock_quantity > 0]

    def product(i):
        return reverse("storefront:product", kwargs={"slug": store.slug, "product_id": items[i % len(items)]})

    add("storefront product", product, who=anon)
    return found


def csv_rates(data: dict, days: int = 7, runs: int = 3) -> dict:
    """Orders per second of the CSV export (the whole streamed response, through Django) against the raw
    Query it makes (the same index, range and projection, paged straight through PynamoDB), alternated."""
    from datetime import date

    from django.test import Client
    from django.urls import reverse

    from webdpro.orders import export, selectors

    client = Client()
    sign_in(client, data["owner"])
    since = _days_ago(days)
    url = reverse("owner:orders_export") + f"?from={since}"
    filters = selectors.DeskFilters(date_from=date.fromisoformat(since))
    tenant_id = data["tenant"].tenant_id
    raw, app, rows = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        count = sum(len(items) for items in export.raw_pages(tenant_id, filters))
        raw.append(count / (time.perf_counter() - start))
        start = time.perf_counter()
        body = b"".join(client.get(url).streaming_content)
        rows = body.count(b"\n") - 1
        app.append(rows / (time.perf_counter() - start))
    raw_rate, app_rate = statistics.median(raw), statistics.median(app)
    return {"days": days, "orders": rows, "raw": raw_rate, "export": app_rate, "share": app_rate / raw_rate}


def _days_ago(days: int) -> str:
    from datetime import timedelta

    from webdpro import clock

    return (clock.local_today() - timedelta(days=days)).isoformat()
