"""Load one tenant with N stores, products and orders into DynamoDB with BatchWriteItem (threaded)."""

from __future__ import annotations

import random
import time
from collections import deque, namedtuple
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

WORKERS = 4
DAYS = 60
ORDERS_PER_DAY = 20000 / DAYS  # the default bench: 20,000 orders over 60 days
WRITERS = 8  # BatchWriteItem threads for orders (DynamoDB Local answers each in its own thread)
NAMES = [
    "Toor Dal",
    "Basmati Rice",
    "Atta",
    "Sunflower Oil",
    "Sugar",
    "Tea",
    "Ghee",
    "Besan",
    "Poha",
    "Jaggery",
    "Rajma",
    "Chana",
    "Moong Dal",
    "Masoor Dal",
    "Salt",
    "Turmeric",
    "Chilli Powder",
    "Coriander",
    "Cumin",
    "Soap",
]
STATUS_WEIGHTS = [
    ("DELIVERED", 60),
    ("CONFIRMED", 8),
    ("PREPARING", 6),
    ("OUT_FOR_DELIVERY", 5),
    ("CANCELLED", 8),
    ("PENDING_PAYMENT", 3),
]
STATUSES = [s for s, w in STATUS_WEIGHTS for _ in range(w)]


def _chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _batch_save(model, items):
    with model.batch_write() as batch:
        for item in items:
            batch.save(item)


def parallel_save(model, items, chunk=500):
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda part: _batch_save(model, part), _chunks(items, chunk)))


OrderRef = namedtuple("OrderRef", "order_id store_id created_at")


def raw_client(model, workers: int = WRITERS):
    """A botocore DynamoDB client on ``model``'s endpoint for bulk writes of items already in DynamoDB's JSON
    form (no parameter validation: the items are built to the model's shape, checked against it in a test)."""
    from botocore.config import Config

    from webdpro.db.calls import hooked_session

    meta = model.Meta
    return hooked_session().create_client(
        "dynamodb",
        endpoint_url=meta.host,
        region_name=meta.region,
        aws_access_key_id=meta.aws_access_key_id,
        aws_secret_access_key=meta.aws_secret_access_key,
        config=Config(parameter_validation=False, max_pool_connections=workers + 2, read_timeout=60),
    )


def _write_raw(client, table: str, items: list[dict]) -> None:
    """BatchWriteItem of ``items`` 25 at a time, sending unprocessed ones again."""
    for part in _chunks(items, 25):
        requests = {table: [{"PutRequest": {"Item": item}} for item in part]}
        for attempt in range(50):
            unprocessed = client.batch_write_item(RequestItems=requests).get("UnprocessedItems") or {}
            if not unprocessed:
                break
            requests = unprocessed
            time.sleep(min(0.05 * 2**attempt, 1.0))
        else:
            raise RuntimeError(f"BatchWriteItem left items unprocessed in {table}")


def stream_save(model, items, chunk=500, workers=WRITERS) -> list[OrderRef]:
    """Write ``items`` (a generator of raw items of ``model``) with BatchWriteItem from ``workers`` threads,
    ``chunk`` at a time, holding at most ``2 × workers`` chunks in memory (200,000 orders never sit in memory
    at once). Returns each item's (order_id, store_id, created_at)."""
    refs: list[OrderRef] = []
    pending: deque = deque()
    client, table = raw_client(model, workers), model.Meta.table_name
    with ThreadPoolExecutor(workers) as pool:
        part: list = []
        for item in items:
            part.append(item)
            if len(part) == chunk:
                refs.extend(_submit(pool, pending, lambda p: _write_raw(client, table, p), part, workers))
                part = []
        if part:
            refs.extend(_submit(pool, pending, lambda p: _write_raw(client, table, p), part, workers))
        while pending:
            pending.popleft().result()
    return refs


def _submit(pool, pending: deque, write, part: list, workers: int) -> list[OrderRef]:
    while len(pending) >= 2 * workers:
        pending.popleft().result()
    pending.append(pool.submit(write, part))
    return [OrderRef(o["order_id"]["S"], o["store_id"]["S"], o["created_at"]["S"]) for o in part]


def _s(value: str) -> dict:
    return {"S": value}


def _n(value) -> dict:
    return {"N": str(value)}


def _order(i: int, orders: int, shape: dict) -> dict:
    """The i-th of ``orders`` bench orders, spread over the span (newest first), from the shared rng, as the
    item ``Order.serialize()`` writes (built directly: a model per order would cost more than the write)."""
    rng = shape["rng"]
    store = shape["stores"][rng.randrange(len(shape["stores"]))]
    created = shape["now"] - timedelta(seconds=shape["span"] * (i / orders) + rng.random())
    lines, subtotal = [], Decimal("0.00")
    for p in rng.sample(shape["catalogue"][store.store_id], rng.randint(1, 4)):
        qty = rng.randint(1, 3)
        line = p.price * qty
        subtotal += line
        item = {"product_id": _s(p.product_id), "name": _s(p.name), "price": _n(p.price), "quantity": _n(qty)}
        item["line_total"] = _n(line)
        lines.append({"M": item})
    fee = Decimal("0.00") if subtotal >= 499 else Decimal("30.00")
    status = rng.choice(STATUSES)
    method = rng.choice(["COD", "COD", "UPI", "CARD"])
    if status == "PENDING_PAYMENT" and method == "COD":
        status = "CONFIRMED"  # cash on delivery is confirmed at once: never waits for a payment
    if method == "COD":
        pay = "COD_PENDING" if status != "DELIVERED" else "PAID"
    else:
        pay = "PENDING" if status == "PENDING_PAYMENT" else "PAID"
    if status == "PENDING_PAYMENT" and created < shape["unpaid_since"]:
        # What a running shop holds: `expire_orders` (and the sweep on read) cancelled it when its payment
        # window closed, so only the last ORDER_PAYMENT_TIMEOUT_MINUTES' orders still wait for a payment.
        status, pay = "CANCELLED", "FAILED"
    at = _s(shape["iso"](created))
    item = {
        "order_id": _s(shape["new_id"]()),
        "tenant_id": _s(shape["tenant_id"]),
        "store_id": _s(store.store_id),
        "status": _s(status),
        "items": {"L": lines},
        "subtotal": _n(subtotal),
        "delivery_fee": _n(fee),
        "total_amount": _n(subtotal + fee),
        "customer_name": _s(f"Customer {i % 2000}"),
        "customer_phone": _s(rng.choice(shape["customers"])),
        "delivery_address": _s("12 MG Road, Bengaluru"),
        "pincode": _s("560001"),
        "payment_method": _s(method),
        "payment_status": _s(pay),
        "created_at": at,
        "updated_at": at,
        "history": {
            "L": [
                {"M": {"status": _s("CONFIRMED"), "at": at, "by": _s("customer")}},
                {"M": {"status": _s(status), "at": at, "by": _s(shape["owner_id"])}},
            ]
        },
    }
    if status in ("OUT_FOR_DELIVERY", "DELIVERED"):
        item["delivery_agent_id"] = _s(shape["agent_id"])
    return item


def span_days(orders: int) -> int:
    """Days ``orders`` span by default: 60, or more at the default bench's orders a day, so that more orders
    are a longer history (``--orders 200000``: 600 days), not a busier today."""
    return max(DAYS, round(orders / ORDERS_PER_DAY))


def load(stores: int = 3, products: int = 2000, orders: int = 20000, days: int = 60, seed: int = 7, log=print) -> dict:
    from django.conf import settings

    from webdpro import clock
    from webdpro.accounts.services import create_owner, create_user
    from webdpro.db import DomainClaim, Order, Product, Store, Tenant
    from webdpro.db.users import Role
    from webdpro.demo import demo_config
    from webdpro.ids import new_id
    from webdpro.orders import expiry

    rng = random.Random(seed)
    started = time.perf_counter()
    phone = "+9199" + "".join(rng.choice("0123456789") for _ in range(8))
    owner, tenant = create_owner(phone, "Bench Owner", "Bench Traders")
    Tenant(tenant.tenant_id).update(
        actions=[Tenant.plan.set("ENTERPRISE"), Tenant.max_stores.set(50), Tenant.store_count.set(stores)]
    )
    agent = create_user(
        "+9198" + "".join(rng.choice("0123456789") for _ in range(8)),
        Role.DELIVERY_AGENT,
        name="Bench Agent",
        tenant_id=tenant.tenant_id,
    )
    now = clock.now()
    store_rows, claims = [], []
    for i in range(stores):
        store_id = new_id()
        slug = f"bench-{store_id[-8:].lower()}"
        domain = f"{slug}.{settings.PLATFORM_DOMAIN}"
        name = f"Bench Store {i + 1}"
        store_rows.append(
            Store(
                tenant.tenant_id,
                store_id,
                status="PUBLISHED",
                prompt="bench",
                store_type="grocery",
                config=demo_config(name),
                language="en",
                currency="INR",
                domain=domain,
                live_url=f"https://{domain}/",
                published_at=clock.iso(now),
                created_at=clock.iso(now),
                name=name,
                slug=slug,
                updated_at=clock.iso(now),
            )
        )
        claims.append(
            DomainClaim(
                domain, tenant_id=tenant.tenant_id, store_id=store_id, kind="SUBDOMAIN", created_at=clock.iso(now)
            )
        )
    _batch_save(Store, store_rows)
    _batch_save(DomainClaim, claims)
    catalogue = {s.store_id: [] for s in store_rows}
    product_rows = []
    for i in range(products):
        store = store_rows[i % stores]
        product = Product(
            store.store_id,
            new_id(),
            name=f"{NAMES[i % len(NAMES)]} {i}",
            description="bench",
            price=Decimal(rng.randrange(20, 900)) + Decimal("0.50"),
            currency="INR",
            category=rng.choice(["Staples", "Dal", "Oil", "Spices"]),
            images=[],
            stock_quantity=rng.randrange(0, 200),
            low_stock_threshold=10,
            is_active=True,
            created_at=clock.iso(now),
            tenant_id=tenant.tenant_id,
        )
        catalogue[store.store_id].append(product)
        product_rows.append(product)
    parallel_save(Product, product_rows)
    t_products = time.perf_counter()
    customers = ["+9197" + f"{n:08d}" for n in rng.sample(range(10**8), 2000)]
    shape = {"rng": rng, "stores": store_rows, "catalogue": catalogue, "customers": customers, "now": now}
    shape["unpaid_since"] = now - timedelta(minutes=expiry.timeout_minutes())
    shape.update(tenant_id=tenant.tenant_id, owner_id=owner.user_id, agent_id=agent.user_id, span=days * 24 * 3600)
    shape.update(iso=clock.iso, new_id=new_id)
    order_refs = stream_save(Order, (_order(i, orders, shape) for i in range(orders)))
    done = time.perf_counter()
    log(
        f"loaded 1 tenant, {stores} stores, {products:,} products ({t_products - started:.1f}s), "
        f"{orders:,} orders over {days} days ({done - t_products:.1f}s, {orders / max(done - t_products, 1e-9):,.0f}/s)"
    )
    return {
        "owner": owner,
        "tenant": tenant,
        "stores": store_rows,
        "products": catalogue,
        "orders": order_refs,
        "customers": customers,
    }
