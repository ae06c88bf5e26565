#!/usr/bin/env python
"""Profile one bench page in this process: `.venv/bin/python bench/profile_page.py PAGE [PAGE ...]`.

Loads the bench data (smaller by default: `--orders`, `--products`), requests the page `--requests` times
through Django's test client (as bench/pages.py does) under cProfile, and prints the mean server time, the
mean time inside DynamoDB calls, and the functions that cost the most outside them. PAGE is one of
desk25, desk100, detail, home, products, sf-home, sf-product (or `all`). `--sort tottime` for self time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ("desk25", "desk100", "detail", "home", "products", "sf-home", "sf-product")


def page_urls(data: dict) -> dict:
    """Each page's client (signed-in owner or anonymous buyer) and URL picker."""
    from django.test import Client
    from django.urls import reverse

    from bench.pages import sign_in

    owner = Client()
    sign_in(owner, data["owner"])
    anon = Client()
    store = data["stores"][0]
    rng = random.Random(11)
    desk = reverse("owner:orders")
    items = [p.product_id for p in data["products"][store.store_id] if p.stock_quantity > 0]
    return {
        "desk25": (owner, lambda i: desk),
        "desk100": (owner, lambda i: f"{desk}?store={store.store_id}&size=100"),
        "detail": (
            owner,
            lambda i: reverse("owner:order_detail", kwargs={"order_id": rng.choice(data["orders"]).order_id}),
        ),
        "home": (owner, lambda i: reverse("owner:home")),
        "products": (owner, lambda i: reverse("owner:products", kwargs={"store_id": store.store_id})),
        "sf-home": (anon, lambda i: reverse("storefront:home", kwargs={"slug": store.slug})),
        "sf-product": (
            anon,
            lambda i: reverse("storefront:product", kwargs={"slug": store.slug, "product_id": items[i % len(items)]}),
        ),
    }


def profile(
    name: str, client, pick, n: int, sort: str, top: int, callers: str = "", ours: bool = False, only: str = ""
) -> None:
    from webdpro.db.calls import count_dynamodb_calls

    for i in range(5):
        assert client.get(pick(i)).status_code == 200
    profiler = cProfile.Profile()
    wall = db = 0.0
    calls = 0
    for i in range(n):
        url = pick(i)
        with count_dynamodb_calls() as counter:
            start = time.perf_counter()
            profiler.enable()
            response = client.get(url)
            profiler.disable()
            wall += time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        db += counter.seconds
        calls += counter.total
    print(
        f"\n== {name}: {n} requests, server {1000 * wall / n:.1f} ms, DynamoDB {1000 * db / n:.1f} ms, "
        f"outside DynamoDB {1000 * (wall - db) / n:.1f} ms (profiled, so slower), {calls / n:.1f} calls"
    )
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    if callers:
        stats.strip_dirs().sort_stats(sort).print_callers(callers)
    elif ours or only:
        stats.sort_stats(sort).print_stats(only or str(ROOT / "(webdpro|dashboard)"), top)
    else:
        stats.strip_dirs().sort_stats(sort).print_stats(top)
    print(out.getvalue())


def split(name: str, client, pick, n: int) -> None:
    """Without a profiler, medians per request: wall time, time inside DynamoDB calls, this process's CPU
    time, and the CPU time spent rendering templates. CPU time is the steadier figure on a busy machine."""
    from botocore.client import BaseClient
    from django.template.backends import django as backend

    from webdpro.db.calls import count_dynamodb_calls

    original, api_call = backend.Template.render, BaseClient._make_api_call
    spent = {"render": 0.0, "botocore": 0.0}

    def timed_call(self, *args, **kwargs):
        start = time.process_time()
        try:
            return api_call(self, *args, **kwargs)
        finally:
            spent["botocore"] += time.process_time() - start

    def timed_render(self, *args, **kwargs):
        start = time.process_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent["render"] += time.process_time() - start

    backend.Template.render, BaseClient._make_api_call = timed_render, timed_call
    try:
        for i in range(5):
            client.get(pick(i))
        rows = []
        for i in range(n):
            url = pick(i)
            spent["render"] = spent["botocore"] = 0.0
            with count_dynamodb_calls() as counter:
                start, cpu = time.perf_counter(), time.process_time()
                client.get(url)
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu
            rows.append((wall, counter.seconds, cpu, spent["botocore"], spent["render"], cpu - spent["botocore"]))
    finally:
        backend.Template.render, BaseClient._make_api_call = original, api_call
    from statistics import median

    wall, db, cpu, boto, render, outside = (1000 * median(col) for col in zip(*rows, strict=True))
    print(
        f"{name:<11} wall {wall:6.1f}  DynamoDB {db:6.1f} | CPU {cpu:5.1f} = botocore {boto:5.1f} + "
        f"outside {outside:5.1f} (rendering {render:5.1f}) ms, medians"
    )


def nodes(name: str, client, pick, n: int, top: int) -> None:
    """Self time (CPU) of each template node, summed by template line: where a page's rendering goes."""
    from collections import defaultdict

    from django.template.base import Node

    original = Node.render_annotated
    stack: list[float] = []
    spent: dict = defaultdict(float)

    def timed(self, context):
        start = time.process_time()
        stack.append(0.0)
        try:
            return original(self, context)
        finally:
            elapsed = time.process_time() - start
            children = stack.pop()
            if stack:
                stack[-1] += elapsed
            token = self.token
            where = getattr(getattr(self, "origin", None), "template_name", "?")
            line = token.lineno if token else 0
            what = (token.contents[:50] if token else type(self).__name__).replace("\n", " ")
            spent[(where, line, what)] += elapsed - children

    for i in range(5):
        client.get(pick(i))
    Node.render_annotated = timed
    try:
        for i in range(n):
            client.get(pick(i))
    finally:
        Node.render_annotated = original
    total = sum(spent.values())
    print(f"\n== {name}: template nodes' self CPU time, {1000 * total / n:.1f} ms a request (instrumented, so slower)")
    for (where, line, what), seconds in sorted(spent.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{1000 * seconds / n:7.2f} ms  {100 * seconds / total:4.1f}%  {where}:{line}  {what}")


def missing(name: str, client, pick, n: int, top: int) -> None:
    """Template variables that fail to resolve (each failure costs a few exceptions and, on an object,
    a ``dir()``): count per request by variable."""
    from collections import Counter

    from django.template.base import Variable, VariableDoesNotExist

    original = Variable._resolve_lookup
    failed: Counter = Counter()

    def counted(self, context):
        try:
            return original(self, context)
        except VariableDoesNotExist:
            failed[self.var] += 1
            raise

    Variable._resolve_lookup = counted
    try:
        for i in range(n):
            client.get(pick(i))
    finally:
        Variable._resolve_lookup = original
    print(f"\n== {name}: {sum(failed.values()) / n:.0f} failed variable lookups a request")
    for var, count in failed.most_common(top):
        print(f"{count / n:7.1f}  {var}")


def calls(name: str, client, pick, n: int) -> None:
    """The DynamoDB calls of each request (operation and table), grouped: what a page asks for."""
    from collections import Counter

    from webdpro.db.calls import count_dynamodb_calls

    seen: Counter = Counter()
    for i in range(n):
        with count_dynamodb_calls() as counter:
            client.get(pick(i))
        seen[", ".join(f"{op} {table}" for (op, _), table in zip(counter.calls, counter.tables(), strict=True))] += 1
    print(f"\n== {name}: DynamoDB calls of {n} requests")
    for described, count in seen.most_common():
        print(f"{count:4d}×  {described}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", choices=(*PAGES, "all"))
    parser.add_argument("--orders", type=int, default=3000)
    parser.add_argument("--products", type=int, default=600)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--ours", action="store_true", help="only the project's own functions")
    parser.add_argument("--only", default="", help="only the functions whose file path matches this regex")
    parser.add_argument("--nodes", action="store_true", help="template nodes' self time by template line")
    parser.add_argument("--missing", action="store_true", help="template variables that fail to resolve")
    parser.add_argument("--split", action="store_true", help="no profiler: time in rendering and the rest")
    parser.add_argument("--calls", action="store_true", help="each request's DynamoDB calls and tables")
    parser.add_argument("--callers", default="", help="print who calls the functions matching this regex")
    args = parser.parse_args(argv)
    from bench import env

    state = env.setup()
    try:
        from bench import load
        from webdpro.db import tables

        tables.create_tables(state["prefix"], log=lambda m: None)
        data = load.load(stores=3, products=args.products, orders=args.orders)
        from webdpro import serving

        serving.ready()  # as a server process, and as bench/run.py before it times pages
        urls = page_urls(data)
        for name in PAGES if "all" in args.pages else args.pages:
            client, pick = urls[name]
            if args.missing:
                missing(name, client, pick, args.requests, args.top)
            elif args.nodes:
                nodes(name, client, pick, args.requests, args.top)
            elif args.calls:
                calls(name, client, pick, args.requests)
            elif args.split:
                split(name, client, pick, args.requests)
            else:
                profile(name, client, pick, args.requests, args.sort, args.top, args.callers, args.ours, args.only)
    finally:
        env.teardown(state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
