#!/usr/bin/env python
"""WebDPro benchmarks: `make bench` (full) or `.venv/bin/python bench/run.py --quick`.

Starts DynamoDB Local in memory (unless DYNAMODB_ENDPOINT is set: tables then go under a fresh prefix and
are deleted afterwards), loads one tenant with 3 stores, 2,000 products and 20,000 orders, then prints
server time (p50, p95), DynamoDB time, calls and items read per request for the owner's pages and the
storefront, and checkout throughput with 30 concurrent buyers on one contested product through gunicorn.
``--orders 200000`` also loads a tenant with 20,000 orders and times each page of both in turn.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data and fewer requests (about a minute)")
    parser.add_argument("--orders", type=int, help="orders to load (default 20,000; --quick 3,000)")
    parser.add_argument(
        "--days",
        type=int,
        help="days the orders span (default 60, longer beyond 20,000 orders: the history grows, "
        "a day's orders stay ~333)",
    )
    parser.add_argument(
        "--compare",
        type=int,
        help="also load a second tenant with this many orders (same stores, products and orders a day) and time "
        "every page of both tenants in turn (default 20,000 when --orders is larger; 0: off)",
    )
    parser.add_argument("--products", type=int, help="products to load (default 2,000; --quick 300)")
    parser.add_argument("--requests", type=int, help="timed requests per page (default 25; --quick 10)")
    parser.add_argument("--buyers", type=int, default=30, help="concurrent buyers at checkout (default 30)")
    parser.add_argument("--skip-checkout", action="store_true")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below (stop DynamoDB Local)
    orders = args.orders or (3000 if args.quick else 20000)
    products = args.products or (300 if args.quick else 2000)
    n = args.requests or (10 if args.quick else 25)

    from bench import env

    began = time.perf_counter()
    state = env.setup()
    try:
        from webdpro.db import tables

        tables.create_tables(state["prefix"], log=lambda m: None)
        import os

        print(
            f"DynamoDB at {state['endpoint']} (tables {state['prefix']}*); load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
        )
        from bench import checkout, load, pages

        data = load.load(stores=3, products=products, orders=orders, days=args.days or load.span_days(orders))
        compare = args.compare if args.compare is not None else (20000 if orders > 20000 else 0)
        _pages(data, products, n, compare)
        csv_rate = pages.csv_rates(data)
        print(
            f"\nCSV export, last {csv_rate['days']} days ({csv_rate['orders']:,} orders): raw Query "
            f"{csv_rate['raw']:,.0f} orders/s, export {csv_rate['export']:,.0f} orders/s "
            f"({100 * csv_rate['share']:.0f}% of the raw Query rate)"
        )
        if not args.skip_checkout:
            print()
            _print_checkout(checkout.run(data, buyers=args.buyers, stock=60 if args.quick else 300))
        import os

        print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"bench finished in {time.perf_counter() - began:.0f}s")
    finally:
        env.teardown(state)
    return 0


def _pages(data: dict, products: int, n: int, compare: int) -> None:
    from bench import load, pages
    from webdpro import serving

    base = (
        load.load(stores=3, products=products, orders=compare, days=load.span_days(compare), seed=8)
        if compare
        else None
    )
    serving.ready()  # this process times the pages as a server process serves them (webdpro/serving.py)
    if not compare:
        rows = pages.run(data, n)
        print()
        _print_pages(rows)
        return
    paired = pages.run_paired(data, base, n)
    print()
    _print_pages([(label, row) for label, row, _ in paired])
    print(f"\nThe same pages of a tenant with {compare:,} orders, timed in turn with the one above:")
    _print_history(paired, compare, len(data["orders"]))


def _print_history(paired, few: int, many: int) -> None:
    a, b = f"{few // 1000}k", f"{many // 1000}k"
    head = (
        f"{'page':<38} {'p50 ' + a:>9} {'p50 ' + b:>9} {'change':>7} {'DDB ' + a:>9} {'DDB ' + b:>9} "
        f"{'items ' + a:>10} {'items ' + b:>10} {'KB ' + a:>7} {'KB ' + b:>7}"
    )
    print(head)
    print("-" * len(head))
    for label, big, small in paired:
        change = 100 * (big["p50"] / small["p50"] - 1) if small["p50"] else 0.0
        print(
            f"{label:<38} {small['p50']:>9.1f} {big['p50']:>9.1f} {change:>+6.0f}% {small['db_p50']:>9.1f} "
            f"{big['db_p50']:>9.1f} {small['items']:>10.0f} {big['items']:>10.0f} {small['kb']:>7.1f} {big['kb']:>7.1f}"
        )


def _print_pages(rows) -> None:
    head = (
        f"{'page':<38} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'DynamoDB p50':>13} {'ratio':>6} {'calls':>6} {'Scans':>6}"
        f" {'items':>6} {'KB':>6}"
    )
    print(head)
    print("-" * len(head))
    for label, row in rows:
        if isinstance(row, str):
            print(f"{label:<38} {row}")
            continue
        calls = (
            f"{row['calls_min']}" if row["calls_min"] == row["calls_max"] else f"{row['calls_min']}–{row['calls_max']}"
        )
        print(
            f"{label:<38} {row['n']:>4} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['db_p50']:>13.1f} "
            f"{row['ratio']:>6.2f} {calls:>6} {row['scans']:>6} {row['items']:>6.0f} {row['kb']:>6.1f}"
        )


def _print_checkout(result) -> None:
    from bench import checkout

    checkout.print_result(result)


if __name__ == "__main__":
    sys.exit(main())
