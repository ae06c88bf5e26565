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

import http.client
import os
import random
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

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
    """gunicorn as deployed (gunicorn.conf.py in the project root: workers, threads), unless told otherwise."""

    def __init__(self, workers: int | None = None, threads: int | None = None):
        from webdpro.devtools.dynamodb_local import free_port

        self.port = free_port()
        self.args = [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "webdpro.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
        ]
        if workers:
            self.args += ["--workers", str(workers)]
        if threads:
            self.args += ["--threads", str(threads)]
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


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process, from /proc (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _dynamodb_local_pid() -> int | None:
    """The DynamoDB Local JVM serving this bench (found by the port of DYNAMODB_ENDPOINT)."""
    from django.conf import settings

    port = (settings.DYNAMODB_ENDPOINT or "").rsplit(":", 1)[-1].strip("/")
    if not port.isdigit():
        return None
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if b"DynamoDBLocal.jar" in args and port.encode() in args:
            return int(name)
    return None


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / CLOCK_TICKS


class CpuMeter:
    """Where the CPU goes during one run: DynamoDB Local's JVM, the app server (gunicorn and its workers),
    the bench's own client threads, and everything else on the machine (other work sharing the cores)."""

    def __init__(self, server=None):
        self.server = server
        self.jvm = _dynamodb_local_pid()

    def _sample(self) -> dict:
        server = 0.0
        if self.server is not None and self.server.process is not None:
            pid = self.server.process.pid
            server = _proc_cpu(pid) + sum(_proc_cpu(child) for child in _children(pid))
        return {
            "dynamodb": _proc_cpu(self.jvm) if self.jvm else 0.0,
            "server": server,
            "bench": _proc_cpu(os.getpid()),
            "machine": _machine_busy(),
            "wall": time.perf_counter(),
        }

    def __enter__(self):
        self.start = self._sample()
        return self

    def __exit__(self, *exc):
        end = self._sample()
        used = {key: end[key] - self.start[key] for key in end}
        used["other"] = max(0.0, used["machine"] - used["dynamodb"] - used["server"] - used["bench"])
        self.used = used


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


def _sold_out(html: str) -> bool:
    """The storefront's message that the product ran out ("Sorry, X is out of stock.", "X is out of stock
    and was removed from your cart."), not a product card's "Out of stock" label."""
    return " is out of stock" in html.lower()


class _SoldOut(Exception):
    pass


def _to_checkout(session, base, product_url, checkout_url, product_id, phone) -> dict:
    """Product page, add to cart, checkout page: the checkout form. ``_SoldOut`` when the product ran out on
    the way (the storefront says so); RuntimeError for anything else."""
    page = session.get(base + product_url, timeout=10)
    forms = [f for f in parse_forms(page.text) if f["method"] == "post"]
    cart = next((f for f in forms if product_id in f["fields"].values() or "cart" in f["action"]), None)
    if cart is None:
        text = page.text.lower()
        if "sold out" in text or "out of stock" in text:
            raise _SoldOut()
        raise RuntimeError("no add-to-cart form on the product page")
    added = session.post(urljoin(base + product_url, cart["action"] or product_url), data=fill(cart, phone), timeout=10)
    if _sold_out(added.text):  # the last unit went between the product page and the add
        raise _SoldOut()
    page = session.get(base + checkout_url, timeout=10)
    form = next(
        (f for f in parse_forms(page.text) if f["method"] == "post" and any("phone" in n.lower() for n in f["fields"])),
        None,
    )
    if form is None:
        if _sold_out(page.text):  # ... or between the add and the checkout page (the cart page says so)
            raise _SoldOut()
        raise RuntimeError(f"no checkout form (HTTP {page.status_code})")
    return form


def buyer(base, product_url, checkout_url, product_id, stop, results, rng):
    import requests

    session = requests.Session()
    phone = "+9196" + "".join(rng.choice("0123456789") for _ in range(8))
    while not stop.is_set():
        try:
            form = _to_checkout(session, base, product_url, checkout_url, product_id, phone)
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
        except _SoldOut:
            results["sold_out"] += 1
            stop.set()
            return
        except RuntimeError as exc:
            results["errors"].append(str(exc))
            return
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


def _outcome(store, product, stock, since, elapsed, results, cpu=None) -> dict:
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
        "sold_out": results.get("sold_out", 0),
        "errors": results["errors"][:3],
        "latency": results["latency"],
        "cpu": cpu.used if cpu is not None else None,
    }


def _raw_client(buyers: int):
    import boto3
    from botocore.config import Config
    from django.conf import settings

    return boto3.client(
        "dynamodb",
        endpoint_url=settings.DYNAMODB_ENDPOINT,
        region_name=settings.AWS_REGION,
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(max_pool_connections=buyers + 4, retries={"max_attempts": 1}),
    )


def _raw_run(store, product, stock: int, buyers: int, since: str, next_items) -> dict:
    """``buyers`` threads sending ``TransactWriteItems`` until the stock is gone. ``next_items(previous)``
    gives the items of the next attempt (``previous``: those of an attempt cancelled by a conflict, else
    None); None ends the thread."""
    from botocore.exceptions import ClientError

    client = _raw_client(buyers)
    results = {"errors": [], "latency": []}
    stop = threading.Event()

    def one():
        retry = None
        while not stop.is_set():
            items = next_items(retry)
            if items is None:
                return
            retry = None
            began = time.perf_counter()
            try:
                client.transact_write_items(TransactItems=items)
                results["latency"].append((time.perf_counter() - began) * 1000)
            except ClientError as exc:
                reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
                if "ConditionalCheckFailed" in reasons:
                    stop.set()
                elif any(code in ("TransactionConflict", "ThrottlingError") for code in reasons):
                    retry = items
                else:
                    results["errors"].append(repr(exc))
                    return

    threads = [threading.Thread(target=one) for _ in range(buyers)]
    with CpuMeter() as cpu:
        start = time.perf_counter()
        [t.start() for t in threads]
        [t.join(180) for t in threads]
        elapsed = time.perf_counter() - start
    return _outcome(store, product, stock, since, elapsed, results, cpu)


def raw_transactions(store, buyers: int, stock: int) -> dict:
    """The write at the heart of place_order (order put + conditional decrement), straight through boto3:
    two items, a new order on every attempt."""
    from webdpro import clock
    from webdpro.db import Order, Product
    from webdpro.db.orders import OrderItem, StatusChange
    from webdpro.ids import new_id

    product = _hot_product(store, stock, "Raw Contested Box")
    key = {"store_id": {"S": store.store_id}, "product_id": {"S": product.product_id}}

    def two_items(_retry):
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
        return [
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

    return _raw_run(store, product, stock, buyers, clock.now_iso(), two_items)


class _Captured(Exception):
    pass


def _app_transaction_items(store, product, count: int) -> list[list]:
    """The TransactItems place_order itself would send for ``count`` one-unit orders of ``product`` (each
    with a new buyer, phone and browser session), built by the app's own code and captured unsent."""
    from pynamodb.connection import Connection

    from webdpro.db import base
    from webdpro.ids import new_id
    from webdpro.orders import placement
    from webdpro.ratelimits.storefront import checkout_slots

    captured = []

    class Capture(Connection):
        def dispatch(self, operation_name, operation_kwargs):
            captured.append(operation_kwargs["TransactItems"])
            raise _Captured()

    state = base.settings_state()
    capture = Capture(host=state["host"], region=state["region"])
    real = placement.transact_write
    placement.transact_write = lambda client_request_token=None: base.TransactWrite(connection=capture)
    rng = random.Random(5)
    try:
        for _ in range(count):
            phone = "+9195" + "".join(rng.choice("0123456789") for _ in range(8))
            try:
                placement.place_order(
                    store=store,
                    lines=[placement.Line(product.product_id, 1, product.price)],
                    customer_name="Raw Buyer",
                    customer_phone=phone,
                    delivery_address="12 MG Road, Bengaluru",
                    pincode="560001",
                    payment_method="COD",
                    limits=checkout_slots(store.store_id, new_id(), phone, "127.0.0.1"),
                )
            except _Captured:
                pass
    finally:
        placement.transact_write = real
    return captured


def raw_app_transactions(store, buyers: int, stock: int) -> dict:
    """The app's own order transaction (every item place_order writes with the order), straight through
    boto3: the ceiling for the write the place-order POST actually makes."""
    from webdpro import clock

    product = _hot_product(store, stock, "Raw App Box")
    since = clock.now_iso()
    prepared = _app_transaction_items(store, product, stock)
    lock = threading.Lock()

    def next_items(retry):
        if retry is not None:
            return retry
        with lock:
            return prepared.pop() if prepared else None

    items = len(prepared[0]) if prepared else 0
    out = _raw_run(store, product, stock, buyers, since, next_items)
    out["items"] = items
    return out


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
    # A buyer submits after filling the form in: the server has long closed this idle connection, so the
    # timed POST opens a new one (reusing it would race the server's close and be reset).
    session.close()
    url = urljoin(base + checkout_url, form["action"] or checkout_url)
    return _PreparedPost(url, session.cookies.get_dict(), fill(form, phone))


class _PreparedPost:
    """One checkout submit, ready to send as a browser would: the form encoded and the session's cookies in
    one header, prepared while nothing is timed, then sent with http.client on a new connection.

    The timed clients share the machine's cores with the server and DynamoDB Local, so what they cost is
    taken from what is measured: through ``requests`` a submit cost the bench 4.1-4.7 ms of CPU, as much as a
    third of the server's own; this way it costs ~0.6 ms (the CPU table's "clients" column)."""

    def __init__(self, url: str, cookies: dict, form: dict):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.path = parts.path + (f"?{parts.query}" if parts.query else "")
        self.body = urlencode(form).encode()
        self.headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": url,
            "Origin": f"{parts.scheme}://{parts.netloc}",
        }

    def send(self, timeout: float = 30) -> int:
        """POST it; the HTTP status (redirects are not followed)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request("POST", self.path, body=self.body, headers=self.headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()


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
        while True:
            with lock:
                if not prepared:
                    return
                post = prepared.pop()
            began = time.perf_counter()
            try:
                status = post.send()
            except (OSError, http.client.HTTPException) as exc:
                results["errors"].append(repr(exc))
                continue
            results["latency"].append((time.perf_counter() - began) * 1000)
            if status in (302, 303):
                results["placed"] += 1
            elif status in (400, 409, 422, 429):
                results["refused"] += 1
            else:
                results["errors"].append(f"checkout HTTP {status}")

    threads = [threading.Thread(target=one) for _ in range(buyers)]
    with CpuMeter(server) as cpu:
        start = time.perf_counter()
        [t.start() for t in threads]
        [t.join(300) for t in threads]
        elapsed = time.perf_counter() - start
    return _outcome(store, product, stock, since, elapsed, results, cpu)


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
    with CpuMeter(server) as cpu:
        start = time.perf_counter()
        [t.start() for t in threads]
        deadline = start + 180
        for t in threads:
            t.join(max(0.1, deadline - time.perf_counter()))
        stop.set()
        elapsed = time.perf_counter() - start
    return _outcome(store, product, stock, since, elapsed, results, cpu)


def run(
    data: dict,
    buyers: int = 30,
    stock: int = 300,
    log=print,
    with_funnel: bool = True,
    with_raw_app: bool = True,
    workers: int | None = None,
    threads: int | None = None,
) -> dict | str:
    from types import SimpleNamespace

    store = data["stores"][0]
    if _urls(store, SimpleNamespace(product_id="0" * 26)) is None:
        return "skipped: URL names storefront:checkout / storefront:product are not on this branch"
    out = {"buyers": buyers, "stock": stock}
    raw_transactions(store, buyers, stock)  # warm-up: DynamoDB Local's JIT compiles the transaction path
    out["raw"] = raw_transactions(store, buyers, stock)
    if with_raw_app:
        out["raw_app"] = raw_app_transactions(store, buyers, stock)
    with Gunicorn(workers, threads) as server:
        # warm-up, like the raw one: the same POSTs on another product, so that DynamoDB Local's JIT has
        # compiled the calls the place-order POST makes (not only the transaction) and the workers are warm
        carts_ready(server, store, buyers, stock)
        out["ready"] = carts_ready(server, store, buyers, stock)
        if with_funnel:
            out["funnel"] = funnel(server, store, buyers, stock)
    return out


def main(argv=None) -> int:
    """``.venv/bin/python -m bench.checkout``: the checkout runs alone, on a small catalogue."""
    import argparse

    parser = argparse.ArgumentParser(description="checkout throughput only (small catalogue)")
    parser.add_argument("--buyers", type=int, default=30)
    parser.add_argument("--stock", type=int, default=300)
    parser.add_argument("--skip-funnel", action="store_true")
    parser.add_argument("--skip-raw-app", action="store_true", help="skip the app's transaction sent raw")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: gunicorn.conf.py)")
    parser.add_argument("--rounds", type=int, default=1, help="measure again in the same DynamoDB Local (warmer)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    from bench import env

    state = env.setup()
    try:
        from bench import load
        from webdpro.db import tables

        tables.create_tables(state["prefix"], log=lambda m: None)
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        data = load.load(stores=1, products=30, orders=300, log=lambda *a, **k: None)
        for _ in range(args.rounds):
            result = run(
                data,
                buyers=args.buyers,
                stock=args.stock,
                with_funnel=not args.skip_funnel,
                workers=args.workers,
                threads=args.threads,
                with_raw_app=not args.skip_raw_app,
            )
            print_result(result)
        print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        env.teardown(state)
    return 0


NAMES = {
    "raw": "raw TransactWriteItems (boto3)",
    "raw_app": "raw, the app's order transaction",
    "ready": "place-order POST, carts ready",
    "funnel": "full funnel (page, cart, checkout)",
}


def print_result(result, out=print) -> None:
    """The checkout table, then where each run's CPU went (ms per order placed)."""
    from bench.pages import percentile

    if isinstance(result, str):
        out(f"checkout: {result}")
        return
    raw = result["raw"]["orders_per_second"]
    out(f"checkout, {result['buyers']} buyers on one product with {result['stock']} units:")
    head = f"{'run':<34} {'orders':>6} {'orders/s':>9} {'% of raw':>9} {'p50 ms':>8} {'p95 ms':>8}  check"
    out(head)
    out("-" * len(head))
    for key, label in NAMES.items():
        if key not in result:
            continue
        r = result[key]
        lat = r["latency"]
        share = f"{100 * r['orders_per_second'] / raw:.0f}%" if raw else "-"
        check = (
            f"sold {r['units']}, stock {r['final_stock']}, "
            + ("consistent" if r["consistent"] else "INCONSISTENT")
            + (f", refused {r['refused']}" if r["refused"] else "")
            + (f", {r['sold_out']} buyers found it sold out" if r.get("sold_out") else "")
            + (f", errors {r['errors']}" if r["errors"] else "")
        )
        out(
            f"{label:<34} {r['orders']:>6} {r['orders_per_second']:>9.1f} {share:>9} "
            f"{percentile(lat, 50):>8.0f} {percentile(lat, 95):>8.0f}  {check}"
        )
    if result.get("raw_app", {}).get("orders_per_second") and result.get("ready"):
        app = result["raw_app"]
        share = 100 * result["ready"]["orders_per_second"] / app["orders_per_second"]
        out(
            f"(the app's order transaction has {app['items']} items, the raw one 2; sent straight through boto3, one "
            "order a transaction; the place-order POST, whose server writes the orders waiting on one product "
            f"together (webdpro/db/together.py), runs at {share:.0f}% of that rate)"
        )
    _print_cpu(result, out)


def _print_cpu(result, out) -> None:
    cores = os.cpu_count() or 1
    head = (
        f"{'CPU ms per order':<34} {'DynamoDB':>9} {'server':>7} {'clients':>8} {'other':>7} "
        f"{'busy of ' + str(cores) + ' cores':>16}"
    )
    out(head)
    out("-" * len(head))
    for key, label in NAMES.items():
        if key not in result:
            continue
        r = result[key]
        used, orders = r.get("cpu"), r["orders"]
        if not used or not orders:
            continue
        per = {k: 1000 * used[k] / orders for k in ("dynamodb", "server", "bench", "other")}
        busy = used["machine"] / (cores * r["seconds"]) if r["seconds"] else 0.0
        out(
            f"{label:<34} {per['dynamodb']:>9.1f} {per['server']:>7.1f} {per['bench']:>8.1f} {per['other']:>7.1f} "
            f"{100 * busy:>15.0f}%"
        )


if __name__ == "__main__":
    sys.exit(main())
