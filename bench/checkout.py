"""Checkout throughput: N concurrent buyers on one contested product, measured three ways in one run.

1. **raw**: N threads doing the write checkout needs, straight through boto3 — one ``TransactWriteItems``
   with the order put and the conditional stock decrement on the hot item, retried on a conflict — until
   the stock is gone. This is the ceiling DynamoDB Local gives on this machine.
2. **carts ready**: one buyer session per unit, each with its cart filled and the checkout form read
   beforehand (not timed); then N threads submit only the place-order POST against gunicorn. Its rate as
   a share of the raw rate says what the app adds around the transaction.
3. **funnel**: each buyer repeatedly opens the product page, adds to cart, opens checkout and submits it
   (cash on delivery), until the product is sold out.

Forms are read from the storefront's own HTML (hidden inputs, CSRF token, idempotency key) and the visible
fields are filled by name. After each run DynamoDB is checked: units ordered = stock sold, stock ≥ 0.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

FIELD_VALUES = [  # (substring of the field name, value)
    ("phone", None),
    ("mobile", None),
    ("pincode", "560001"),
    ("pin", "560001"),
    ("address", "12 MG Road, Bengaluru"),
    ("name", "Bench Buyer"),
    ("email", ""),
    ("payment", "COD"),
    ("method", "COD"),
    ("quantity", "1"),
    ("qty", "1"),
]


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
                "choices": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button") and a.get("name"):
            kind = (a.get("type") or "").lower()
            if kind in ("radio", "checkbox"):
                self._form["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form["fields"][a["name"]] = a.get("value", "on")
            elif tag != "button":
                self._form["fields"].setdefault(a["name"], a.get("value", ""))
        elif self._form is not None and tag == "option" and "value" in a:
            pass

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse_forms(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def fill(form: dict, phone: str) -> dict:
    data = dict(form["fields"])
    for name, values in form["choices"].items():
        if name not in data:
            data[name] = "COD" if "COD" in values else values[0]
    for name in list(data) + list(form["choices"]):
        lowered = name.lower()
        if name == "csrfmiddlewaretoken" or data.get(name) not in ("", None):
            if not ("payment" in lowered or "method" in lowered):
                continue
        for needle, value in FIELD_VALUES:
            if needle in lowered:
                data[name] = phone if value is None else value
                break
    return data


class Gunicorn:
    def __init__(self, workers=2, threads=8):
        from webdpro.devtools.dynamodb_local import free_port

        self.port = free_port()
        self.args = [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "webdpro.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ]
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        import requests

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self.process = subprocess.Popen(self.args, cwd=root, env=dict(os.environ), start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code < 500:
                    return self
            except requests.RequestException:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _urls(store, product):
    from django.urls import NoReverseMatch, reverse

    try:
        checkout = reverse("storefront:checkout", kwargs={"slug": store.slug})
    except NoReverseMatch:
        return None
    for kwargs in ({"slug": store.slug, "product_id": product.product_id},):
        try:
            return reverse("storefront:product", kwargs=kwargs), checkout
        except NoReverseMatch:
            pass
    return None


def buyer(base, product_url, checkout_url, product_id, stop, results, rng):
    import requests

    session = requests.Session()
    phone = "+9196" + "".join(rng.choice("0123456789") for _ in range(8))
    while not stop.is_set():
        try:
            page = session.get(base + product_url, timeout=10)
            forms = [f for f in parse_forms(page.text) if f["method"] == "post"]
            cart = next((f for f in forms if product_id in f["fields"].values() or "cart" in f["action"]), None)
            if cart is None:
                results["sold_out"] += 1
                text = page.text.lower()
                if "sold out" in text or "out of stock" in text:
                    stop.set()
                else:
                    results["errors"].append("no add-to-cart form on the product page")
                return
            session.post(urljoin(base + product_url, cart["action"] or product_url), data=fill(cart, phone), timeout=10)
            page = session.get(base + checkout_url, timeout=10)
            form = next(
                (
                    f
                    for f in parse_forms(page.text)
                    if f["method"] == "post" and any("phone" in n.lower() for n in f["fields"])
                ),
                None,
            )
            if form is None:
                results["errors"].append(f"no checkout form (HTTP {page.status_code})")
                return
            start = time.perf_counter()
            response = session.post(
                urljoin(base + checkout_url, form["action"] or checkout_url),
                data=fill(form, phone),
                timeout=20,
                allow_redirects=False,
            )
            results["latency"].append((time.perf_counter() - start) * 1000)
            if response.status_code in (302, 303):
                results["placed"] += 1
            elif response.status_code in (400, 409, 422):
                results["refused"] += 1
                text = response.text.lower()
                if "stock" in text or "sold out" in text or "only" in text:
                    stop.set()
            else:
                results["errors"].append(f"checkout HTTP {response.status_code}")
        except requests.RequestException as exc:
            results["errors"].append(repr(exc))


def _hot_product(store, stock: int, name: str):
    from webdpro import clock
    from webdpro.db import Product
    from webdpro.ids import new_id

    product = Product(
        store.store_id,
        new_id(),
        name="Contested Mango Box",
        description="bench",
        price=500,
        currency="INR",
        category="Fruit",
        images=[],
        stock_quantity=stock,
        low_stock_threshold=0,
        is_active=True,
        created_at=clock.now_iso(),
        tenant_id=store.tenant_id,
    )
    product.name = name
    product.save()
    return product


def _outcome(store, product, stock, since, elapsed, results) -> dict:
    from webdpro.db import Order, Product

    final = Product.get(store.store_id, product.product_id).stock_quantity
    orders = [
        o
        for o in Order.store_index.query(store.store_id, Order.created_at >= since)
        if any(i.product_id == product.product_id for i in o.items)
    ]
    units = sum(i.quantity for o in orders for i in o.items if i.product_id == product.product_id)
    return {
        "stock": stock,
        "orders": len(orders),
        "units": units,
        "seconds": elapsed,
        "orders_per_second": len(orders) / elapsed if elapsed else 0.0,
        "final_stock": final,
        "consistent": final >= 0 and units == stock - final,
        "refused": results.get("refused", 0),
        "errors": results["errors"][:3],
        "latency": results["latency"],
    }


def raw_transactions(store, buyers: int, stock: int) -> dict:
    """The same write as place_order (order put + conditional decrement), straight through boto3."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
    from django.conf import settings

    from webdpro import clock
    from webdpro.db import Order, Product
    from webdpro.db.orders import OrderItem, StatusChange
    from webdpro.ids import new_id

    product = _hot_product(store, stock, "Raw Contested Box")
    client = boto3.client(
        "dynamodb",
        endpoint_url=settings.DYNAMODB_ENDPOINT,
        region_name=settings.AWS_REGION,
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(max_pool_connections=buyers + 4, retries={"max_attempts": 1}),
    )
    key = {"store_id": {"S": store.store_id}, "product_id": {"S": product.product_id}}
    since = clock.now_iso()
    results = {"errors": [], "latency": []}
    stop = threading.Event()

    def one():
        while not stop.is_set():
            at = clock.now_iso()
            order = Order(
                new_id(),
                tenant_id=store.tenant_id,
                store_id=store.store_id,
                status="CONFIRMED",
                items=[
                    OrderItem(
                        product_id=product.product_id,
                        name=product.name,
                        price=product.price,
                        quantity=1,
                        line_total=product.price,
                    )
                ],
                subtotal=product.price,
                delivery_fee=0,
                total_amount=product.price,
                customer_name="Raw Buyer",
                customer_phone="+919700000000",
                delivery_address="12 MG Road, Bengaluru",
                pincode="560001",
                payment_method="COD",
                payment_status="COD_PENDING",
                created_at=at,
                updated_at=at,
                history=[StatusChange(status="CONFIRMED", at=at, by="customer")],
            )
            items = [
                {
                    "Put": {
                        "TableName": Order.Meta.table_name,
                        "Item": order.serialize(),
                        "ConditionExpression": "attribute_not_exists(order_id)",
                    }
                },
                {
                    "Update": {
                        "TableName": Product.Meta.table_name,
                        "Key": key,
                        "UpdateExpression": "SET stock_quantity = stock_quantity - :one",
                        "ConditionExpression": "stock_quantity >= :one AND is_active = :yes",
                        "ExpressionAttributeValues": {":one": {"N": "1"}, ":yes": {"BOOL": True}},
                    }
                },
            ]
            began = time.perf_counter()
            try:
                client.transact_write_items(TransactItems=items)
                results["latency"].append((time.perf_counter() - began) * 1000)
            except ClientError as exc:
                reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
                if "ConditionalCheckFailed" in reasons:
                    stop.set()
                elif not any(code in ("TransactionConflict", "ThrottlingError") for code in reasons):
                    results["errors"].append(repr(exc))
                    return

    threads = [threading.Thread(target=one) for _ in range(buyers)]
    start = time.perf_counter()
    [t.start() for t in threads]
    [t.join(180) for t in threads]
    elapsed = time.perf_counter() - start
    return _outcome(store, product, stock, since, elapsed, results)


def _prepared_checkout(base, product_url, checkout_url, product_id, rng):
    """A buyer session with one unit in its cart and its filled checkout form (untimed)."""
    import requests

    session = requests.Session()
    phone = "+9196" + "".join(rng.choice("0123456789") for _ in range(8))
    page = session.get(base + product_url, timeout=30)
    forms = [f for f in parse_forms(page.text) if f["method"] == "post"]
    cart = next((f for f in forms if product_id in f["fields"].values() or "cart" in f["action"]), None)
    if cart is None:
        raise RuntimeError("no add-to-cart form on the product page")
    session.post(urljoin(base + product_url, cart["action"] or product_url), data=fill(cart, phone), timeout=30)
    page = session.get(base + checkout_url, timeout=30)
    form = next(
        (f for f in parse_forms(page.text) if f["method"] == "post" and any("phone" in n.lower() for n in f["fields"])),
        None,
    )
    if form is None:
        raise RuntimeError(f"no checkout form (HTTP {page.status_code})")
    return session, urljoin(base + checkout_url, form["action"] or checkout_url), fill(form, phone)


def carts_ready(server, store, buyers: int, stock: int) -> dict:
    """Only the place-order POST is timed: carts and checkout forms are prepared first."""
    from concurrent.futures import ThreadPoolExecutor

    from webdpro import clock

    product = _hot_product(store, stock, "Ready Contested Box")
    urls = _urls(store, product)
    product_url, checkout_url = urls
    with ThreadPoolExecutor(8) as pool:
        prepared = list(
            pool.map(
                lambda i: _prepared_checkout(
                    server.url, product_url, checkout_url, product.product_id, random.Random(1000 + i)
                ),
                range(stock),
            )
        )
    since = clock.now_iso()
    results = {"placed": 0, "refused": 0, "errors": [], "latency": []}
    lock = threading.Lock()

    def one():
        import requests

        while True:
            with lock:
                if not prepared:
                    return
                session, url, form = prepared.pop()
            began = time.perf_counter()
            try:
                response = session.post(url, data=form, timeout=30, allow_redirects=False)
            except requests.RequestException as exc:
                results["errors"].append(repr(exc))
                continue
            results["latency"].append((time.perf_counter() - began) * 1000)
            if response.status_code in (302, 303):
                results["placed"] += 1
            elif response.status_code in (400, 409, 422, 429):
                results["refused"] += 1
            else:
                results["errors"].append(f"checkout HTTP {response.status_code}")

    threads = [threading.Thread(target=one) for _ in range(buyers)]
    start = time.perf_counter()
    [t.start() for t in threads]
    [t.join(300) for t in threads]
    elapsed = time.perf_counter() - start
    return _outcome(store, product, stock, since, elapsed, results)


def funnel(server, store, buyers: int, stock: int) -> dict:
    from webdpro import clock

    product = _hot_product(store, stock, "Contested Mango Box")
    product_url, checkout_url = _urls(store, product)
    since = clock.now_iso()
    results = {"placed": 0, "refused": 0, "sold_out": 0, "errors": [], "latency": []}
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=buyer,
            args=(server.url, product_url, checkout_url, product.product_id, stop, results, random.Random(i)),
        )
        for i in range(buyers)
    ]
    start = time.perf_counter()
    [t.start() for t in threads]
    deadline = start + 180
    for t in threads:
        t.join(max(0.1, deadline - time.perf_counter()))
    stop.set()
    elapsed = time.perf_counter() - start
    return _outcome(store, product, stock, since, elapsed, results)


def run(data: dict, buyers: int = 30, stock: int = 300, log=print) -> dict | str:
    from types import SimpleNamespace

    store = data["stores"][0]
    if _urls(store, SimpleNamespace(product_id="0" * 26)) is None:
        return "skipped: URL names storefront:checkout / storefront:product are not on this branch"
    out = {"buyers": buyers, "stock": stock}
    out["raw"] = raw_transactions(store, buyers, stock)
    with Gunicorn() as server:
        out["ready"] = carts_ready(server, store, buyers, stock)
        out["funnel"] = funnel(server, store, buyers, stock)
    return out
