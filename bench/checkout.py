"""Checkout throughput over HTTP against gunicorn: N concurrent buyers on one contested product.

Each buyer is a separate cookie session that repeatedly opens the product page, submits its add-to-cart
form, opens checkout and submits it (cash on delivery), until the product is sold out. Forms are read
from the storefront's own HTML (hidden inputs, CSRF token, idempotency key) and the visible fields are
filled by name. Afterwards DynamoDB is checked: orders for the product = stock sold, stock never negative.
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
                stop.set() if "sold out" in page.text.lower() or "out of stock" in page.text.lower() else None
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


def run(data: dict, buyers: int = 30, stock: int = 300, log=print) -> dict | str:
    from webdpro import clock
    from webdpro.db import Order, Product
    from webdpro.ids import new_id

    store = data["stores"][0]
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
    product.save()
    urls = _urls(store, product)
    if urls is None:
        return "skipped: URL names storefront:checkout / storefront:product are not on this branch"
    product_url, checkout_url = urls
    since = clock.now_iso()
    results = {"placed": 0, "refused": 0, "sold_out": 0, "errors": [], "latency": []}
    stop = threading.Event()
    with Gunicorn() as server:
        threads = [
            threading.Thread(
                target=buyer,
                args=(server.url, product_url, checkout_url, product.product_id, stop, results, random.Random(i)),
            )
            for i in range(buyers)
        ]
        start = time.perf_counter()
        [t.start() for t in threads]
        deadline = start + 120
        for t in threads:
            t.join(max(0.1, deadline - time.perf_counter()))
        stop.set()
        elapsed = time.perf_counter() - start
    final = Product.get(store.store_id, product.product_id).stock_quantity
    orders = [
        o
        for o in Order.store_index.query(store.store_id, Order.created_at >= since)
        if any(i.product_id == product.product_id for i in o.items)
    ]
    units = sum(i.quantity for o in orders for i in o.items if i.product_id == product.product_id)
    return {
        "buyers": buyers,
        "stock": stock,
        "orders": len(orders),
        "seconds": elapsed,
        "orders_per_second": len(orders) / elapsed if elapsed else 0.0,
        "final_stock": final,
        "consistent": final >= 0 and units == stock - final,
        "refused": results["refused"],
        "errors": results["errors"][:3],
        "latency": results["latency"],
    }
