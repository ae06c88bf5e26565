#!/usr/bin/env python
"""Profile the place-order POST in this process: `.venv/bin/python bench/profile_checkout.py`.

Prepares ``--requests`` buyer sessions through Django's test client (product page, add to cart, checkout form,
as bench/checkout.py does), then submits their checkout forms one after another: no contention, so what is
measured is the CPU a POST costs the server. Prints per POST the medians of wall time, time inside DynamoDB
calls, this process's CPU and botocore's share of it, the calls made, and (``--profile``) the functions that
cost the most.
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
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare(store, product, n: int) -> list:
    from django.test import Client

    from bench.checkout import _urls, fill, parse_forms

    product_url, checkout_url = _urls(store, product)
    out = []
    rng = random.Random(3)
    for _ in range(n):
        client = Client(REMOTE_ADDR="127.0.0.1")
        phone = "+9196" + "".join(rng.choice("0123456789") for _ in range(8))
        page = client.get(product_url)
        cart = next(f for f in parse_forms(page.content.decode()) if f["method"] == "post" and "cart" in f["action"])
        client.post(cart["action"], fill(cart, phone))
        page = client.get(checkout_url)
        form = next(
            f
            for f in parse_forms(page.content.decode())
            if f["method"] == "post" and any("phone" in k for k in f["fields"])
        )
        out.append((client, form["action"] or checkout_url, fill(form, phone)))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile the POSTs (slower)")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--callers", default="")
    args = parser.parse_args(argv)
    from bench import env

    state = env.setup()
    try:
        from botocore.client import BaseClient

        from bench import load
        from bench.checkout import _hot_product
        from webdpro.db import tables
        from webdpro.db.calls import count_dynamodb_calls

        tables.create_tables(state["prefix"], log=lambda m: None)
        data = load.load(stores=1, products=30, orders=300, log=lambda *a, **k: None)
        store = data["stores"][0]
        product = _hot_product(store, 100000, "Profiled Box")
        buyers = prepare(store, product, args.requests + 10)
        for client, url, form in buyers[:10]:  # warm-up
            assert client.post(url, form).status_code == 302
        spent = {"botocore": 0.0}
        api_call = BaseClient._make_api_call

        every: dict = {}

        def timed_call(self, *a, **k):
            every[a[0]] = every.get(a[0], 0) + 1
            start = time.process_time()
            try:
                return api_call(self, *a, **k)
            finally:
                spent["botocore"] += time.process_time() - start

        BaseClient._make_api_call = timed_call
        from bench.checkout import _dynamodb_local_pid, _proc_cpu

        jvm = _dynamodb_local_pid()
        idle = _proc_cpu(jvm)
        time.sleep(3)
        print(f"DynamoDB Local idle: {1000 * (_proc_cpu(jvm) - idle) / 3:.0f} ms CPU a second")
        jvm_before = _proc_cpu(jvm) if jvm else 0.0
        profiler = cProfile.Profile(time.thread_time)  # CPU of this thread, not waits
        rows, calls = [], {}
        try:
            for client, url, form in buyers[10:]:
                spent["botocore"] = 0.0
                with count_dynamodb_calls() as counter:
                    start, cpu = time.perf_counter(), time.process_time()
                    if args.profile:
                        profiler.enable()
                    response = client.post(url, form)
                    if args.profile:
                        profiler.disable()
                    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
                assert response.status_code == 302, response.status_code
                rows.append((wall, counter.seconds, cpu, spent["botocore"], len(response.content)))
                for name, count in counter.items():
                    calls[name] = calls.get(name, 0) + count
                calls["total"] = calls.get("total", 0) + counter.total
        finally:
            BaseClient._make_api_call = api_call
        jvm_used = (_proc_cpu(jvm) - jvm_before) if jvm else 0.0
        print("every botocore call in the process:", every)
        wall, db, cpu, boto, size = (median(col) for col in zip(*rows, strict=True))
        n = len(rows)
        print(
            f"place-order POST x{n}: wall {1000 * wall:.1f} ms, DynamoDB {1000 * db:.1f} ms | CPU {1000 * cpu:.1f} ms"
            f" = botocore {1000 * boto:.1f} + outside {1000 * (cpu - boto):.1f} (medians); "
            f"{calls.pop('total', 0) / n:.1f} calls ({', '.join(f'{k} {v / n:.1f}' for k, v in sorted(calls.items()))}"
            "),"
            f" response {size:.0f} bytes; DynamoDB Local CPU {1000 * jvm_used / n:.1f} ms a POST"
        )
        if args.profile:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            if args.callers:
                stats.strip_dirs().sort_stats(args.sort).print_callers(args.callers)
            else:
                stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())
    finally:
        env.teardown(state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
