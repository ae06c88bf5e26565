"""Storefront benchmark: server time and DynamoDB calls per page for a store with 2,000 products.

    .venv/bin/python bench/storefront_home.py [--products 2000] [--requests 200]

Starts its own in-memory DynamoDB Local, loads one published store with N products (80 % active, 8
categories), then renders each storefront page in-process through Django's test client (server time:
routing, DynamoDB, templates; no network) and prints p50 / p95 in milliseconds and the DynamoDB calls
per request. The domain-claim lookup is cached (30 s) after the first request, as in production.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from tests.helpers import make_owner, make_product, make_store
    from webdpro import clock, db
    from webdpro.db import Product, tables
    from webdpro.db.calls import count_dynamodb_calls
    from webdpro.devtools.dynamodb_local import DynamoDBLocal
    from webdpro.ids import new_id

    with DynamoDBLocal(in_memory=True) as local:
        prefix = f"b{uuid.uuid4().hex[:6]}-"
        settings.DYNAMODB_ENDPOINT, settings.DYNAMODB_TABLE_PREFIX = local.endpoint, prefix
        db.configure(host=local.endpoint, region=settings.AWS_REGION, prefix=prefix)
        tables.create_tables(prefix, log=lambda m: None)
        _, tenant = make_owner()
        store = make_store(tenant, name="Bench Store", slug="bench-store")
        categories = [
            "Staples",
            "Dairy",
            "Snacks",
            "Household",
            "Spices",
            "Beverages",
            "Oils & Ghee",
            "Fruits & Vegetables",
        ]
        started = time.perf_counter()
        now = clock.now_iso()
        with Product.batch_write() as batch:
            for i in range(args.products):
                batch.save(
                    Product(
                        store.store_id,
                        new_id(),
                        name=f"Product {i:05d}",
                        description="Quality checked, fresh stock.",
                        price=Decimal("10.00") + i % 500,
                        category=categories[i % len(categories)],
                        images=[],
                        stock_quantity=i % 40,
                        low_stock_threshold=5,
                        is_active=(i % 5 != 0),
                        created_at=now,
                        tenant_id=tenant.tenant_id,
                    )
                )
        needle = make_product(store, name="Kashmiri Saffron 1 g", category="Spices")
        print(f"loaded {args.products + 1} products in {time.perf_counter() - started:.1f} s")

        client = Client()
        base = f"/s/{store.slug}/"
        pages = [
            ("home", base),
            ("category", base + "category/?c=Spices"),
            ("search", base + "search/?q=saffron"),
            ("product", base + f"p/{needle.product_id}/"),
            ("cart", base + "cart/"),
        ]
        client.post(base + "cart/add/", {"product_id": needle.product_id})
        print(f"{'page':10} {'p50 ms':>8} {'p95 ms':>8} {'calls':>6}  operations")
        for name, url in pages:
            client.get(url)  # warm up (JIT in DynamoDB Local, template cache, domain cache)
            timings, calls = [], None
            for _ in range(args.requests):
                with count_dynamodb_calls() as counter:
                    t0 = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                calls = counter
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(f"{name:10} {statistics.median(timings):8.1f} {p95:8.1f} {calls.total:6d}  {calls.describe()}")


if __name__ == "__main__":
    main()
