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


def measure(client, urls, n: int, warmup: int = 2, expect=(200,)) -> dict:
    """Request ``urls`` (a list or a callable returning one URL) ``n`` times; p50/p95 ms and calls."""
    from webdpro.db.calls import count_dynamodb_calls

    pick = urls if callable(urls) else (lambda i: urls[i % len(urls)])
    for i in range(warmup):
        client.get(pick(i))
    times, db_times, calls, read = [], [], [], []
    for i in range(n):
        url = pick(i)
        with count_dynamodb_calls() as counter:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - start
        if response.status_code not in expect:
            raise RuntimeError(f"GET {url} → {response.status_code}")
        times.append(elapsed * 1000)
        db_times.append(counter.seconds * 1000)
        calls.append((counter.total, counter["Scan"]))
        read.append((counter.items_read, counter.bytes_read))
    print(".", end="", flush=True)
    p50, db_p50 = percentile(times, 50), percentile(db_times, 50)
    return {
        "n": n,
        "p50": p50,
        "p95": percentile(times, 95),
        "db_p50": db_p50,
        "ratio": p50 / db_p50 if db_p50 else float("inf"),
        "mean": statistics.mean(times),
        "calls_min": min(c for c, _ in calls),
        "calls_max": max(c for c, _ in calls),
        "scans": sum(s for _, s in calls),
        "items": percentile([i for i, _ in read], 50),
        "kb": percentile([b for _, b in read], 50) / 1024,
    }


def run(data: dict, n: int, log=print) -> list[tuple[str, dict | str]]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    rng = random.Random(11)
    client = Client()
    sign_in(client, data["owner"])
    rows: list[tuple[str, dict | str]] = []
    desk = reverse("owner:orders")
    store = data["stores"][0]
    rows.append(("order desk, all stores (25/page)", measure(client, [desk], n)))
    rows.append(("order desk, one store (100/page)", measure(client, [f"{desk}?store={store.store_id}&size=100"], n)))
    rows.append(("order desk, status=PREPARING", measure(client, [f"{desk}?status=PREPARING"], n)))
    rows.append(("order desk, last 7 days + UPI", measure(client, [f"{desk}?from={_days_ago(7)}&method=UPI"], n)))
    first = client.get(desk).content.decode()
    match = re.search(r'href="([^"]*cursor=[^"]+)"', first)
    if match:
        rows.append(("order desk, page 2 (cursor)", measure(client, [match.group(1).replace("&amp;", "&")], n)))
    phones = data["customers"]
    rows.append(("order desk, search by phone", measure(client, lambda i: f"{desk}?q={phones[i % len(phones)]}", n)))
    orders = data["orders"]
    rows.append(
        (
            "order detail",
            measure(
                client, lambda i: reverse("owner:order_detail", kwargs={"order_id": rng.choice(orders).order_id}), n
            ),
        )
    )
    rows.append(
        (
            "CSV export, last 7 days (streamed)",
            measure(client, [reverse("owner:orders_export") + f"?from={_days_ago(7)}"], max(3, n // 10), warmup=1),
        )
    )
    home = reverse("owner:home")

    def cold(i):
        from webdpro.orders.home_cache import forget_home_stats

        forget_home_stats(data["tenant"].tenant_id)  # as after a status change: re-read the 29 closed days
        return home

    rows.append(("dashboard home, cold (30 days read)", measure(client, cold, max(3, n // 5), warmup=1)))
    rows.append(("dashboard home, warm (today read)", measure(client, [home], n)))
    products = reverse("owner:products", kwargs={"store_id": store.store_id})
    rows.append(("products list", measure(client, [products], n)))
    try:
        url = reverse("storefront:home", kwargs={"slug": store.slug})
    except NoReverseMatch:
        rows.append(("storefront home", "skipped: URL name storefront:home is not on this branch"))
    else:
        anon = Client()
        rows.append(("storefront home", measure(anon, [url], n)))
        items = [p.product_id for p in data["products"][store.store_id] if p.stock_quantity > 0]
        rows.append(
            (
                "storefront product",
                measure(
                    anon,
                    lambda i: reverse(
                        "storefront:product", kwargs={"slug": store.slug, "product_id": items[i % len(items)]}
                    ),
                    n,
                ),
            )
        )
    return rows


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
