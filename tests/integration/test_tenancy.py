"""The tenancy harness: every URL pattern with ids, filled with *another* tenant's objects.

Each pattern from the URLconf is requested as the other tenant's owner, the other tenant's agent, a
colleague agent, a customer and an anonymous visitor. The answer must be 404, 403 or a redirect to
sign-in — never the object. A URL pattern whose kwargs the harness does not know fails the test, so
every new URL must be covered here (add its kwarg to ``FILL``).
"""

from __future__ import annotations

import itertools

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.helpers import make_agent, make_customer, make_order, make_owner, make_product, make_store, sign_in
from webdpro import clock
from webdpro.db import Delivery, Payment
from webdpro.ids import new_id

# Patterns that are public by design (no tenant data beyond what the store publishes).
PUBLIC = {
    "home",
    "healthz",
    "accounts:signin",
    "accounts:signout",
}
# URL namespaces served to the public (storefront): only their *non-slug* ids are checked, with the
# slug of the attacker's own store (so a store cannot be used to read another store's objects).
PUBLIC_NAMESPACES = {"storefront"}
OK_STATUSES = {403, 404}


def walk(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry


def kwargs_of(route: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", route)


class Side:
    """One tenant with everything in it."""

    def __init__(self, label):
        self.owner, self.tenant = make_owner(name=f"{label} Owner", business_name=f"{label} Business {new_id()[-6:]}")
        self.store = make_store(self.tenant, name=f"{label} Store", slug=f"{label.lower()}-{new_id()[-8:].lower()}")
        self.product = make_product(self.store, name=f"{label} Secret Product {new_id()[-6:]}")
        self.order = make_order(self.store, [self.product])
        self.agent = make_agent(self.tenant, name=f"{label} Agent")
        self.agent2 = make_agent(self.tenant, name=f"{label} Agent Two")
        now = clock.now_iso()
        self.delivery = Delivery(
            self.agent.user_id,
            new_id(),
            order_id=self.order.order_id,
            tenant_id=self.tenant.tenant_id,
            store_id=self.store.store_id,
            status="PENDING",
            customer_name="C",
            customer_phone=self.order.customer_phone,
            delivery_address="addr",
            is_cod=True,
            cod_amount=self.order.total_amount,
            created_at=now,
        )
        self.delivery.save()
        self.payment = Payment(
            self.tenant.tenant_id,
            new_id(),
            order_id=self.order.order_id,
            store_id=self.store.store_id,
            amount=self.order.total_amount,
            payment_method="COD",
            status="CAPTURED",
            created_at=now,
        )
        self.payment.save()
        from webdpro.coupons.services import create_coupon

        self.coupon = create_coupon(self.store, {"code": f"{label.upper()}10", "kind": "PERCENT", "value": "10"})
        self.markers = [self.tenant.business_name, self.product.name, self.order.order_id]

    def fill(self, name):
        return FILL[name](self)


FILL = {
    "store_id": lambda s: s.store.store_id,
    "product_id": lambda s: s.product.product_id,
    "order_id": lambda s: s.order.order_id,
    "delivery_id": lambda s: s.delivery.delivery_id,
    "agent_id": lambda s: s.agent.user_id,
    "payment_id": lambda s: s.payment.payment_id,
    "tenant_id": lambda s: s.tenant.tenant_id,
    "phone": lambda s: s.owner.phone,
    "slug": lambda s: s.store.slug,
    "code": lambda s: s.coupon.code,
}


@pytest.fixture(scope="module")
def world(dynamodb):
    return {"attacker": Side("Alpha"), "victim": Side("Beta"), "customer": make_customer()}


def callers(world):
    a, b = world["attacker"], world["victim"]
    return {
        "other tenant's owner": a.owner,
        "other tenant's agent": a.agent,
        "colleague agent": b.agent2,
        "customer": world["customer"],
        "anonymous": None,
    }


def url_variants(name, route, world):
    """(url, description) pairs: all ids the victim's; and each id the victim's with the rest the attacker's."""
    names = kwargs_of(route)
    a, b = world["attacker"], world["victim"]
    namespace = name.split(":")[0] if ":" in name else ""
    if namespace in PUBLIC_NAMESPACES:
        ids = [k for k in names if k != "slug"]
        if not ids:
            return []
        values = {k: (a.fill(k) if k == "slug" else b.fill(k)) for k in names}
        return [(values, "victim ids on attacker's storefront")]
    variants = [({k: b.fill(k) for k in names}, "all ids the victim's")]
    if len(names) > 1:
        for k in names:
            values = {n: (b.fill(n) if n == k else a.fill(n)) for n in names}
            variants.append((values, f"{k} the victim's, rest the attacker's"))
    return variants


def build(route, values):
    import re

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def unknown_kwargs(resolver=None) -> dict:
    """URL name → kwargs the harness cannot fill (not in ``FILL``, or a regex pattern it cannot build)."""
    unknown = {}
    for name, route, _ in walk(resolver):
        missing = [k for k in kwargs_of(route) if k not in FILL]
        if "(?P<" in route:
            missing.append("(regex pattern: use path() with <converter:name>)")
        if missing:
            unknown[name] = missing
    return unknown


def test_every_url_with_ids_is_known_to_the_harness():
    unknown = unknown_kwargs()
    assert not unknown, f"add these URL kwargs to the tenancy harness FILL: {unknown}"


def find_failures(world, client, patterns) -> tuple[list[str], int]:
    """Request every pattern with ids as every caller; returns (failures, requests made)."""
    failures = []
    checked = 0
    for (name, route, _), (who, user) in itertools.product(list(patterns), callers(world).items()):
        if name in PUBLIC or not kwargs_of(route):
            continue
        for values, how in url_variants(name, route, world):
            url = build(route, values)
            client.cookies.clear()
            if user is not None:
                sign_in(client, user)
            method, response = "GET", client.get(url)
            if response.status_code == 405:  # POST-only action: the object lookup must still refuse
                method, response = "POST", client.post(url)
            checked += 1
            status = response.status_code
            body = response.content.decode(errors="replace") if status != 302 else ""
            ok = status in OK_STATUSES or (status == 302 and "/accounts/signin/" in response.get("Location", ""))
            leaked = [m for m in world["victim"].markers if m in body]
            if not ok or leaked:
                failures.append(
                    f"{method} {url} ({name}; {how}) as {who}: {status}" + (f" leaked {leaked}" if leaked else "")
                )
    return failures, checked


def test_no_url_leaks_another_tenants_objects(world, client):
    failures, _ = find_failures(world, client, walk())
    assert not failures, "tenancy failures:\n" + "\n".join(failures)


def test_console_urls_refuse_owners_agents_and_customers(world, client):
    for name, route, _ in walk():
        if not name or not name.startswith("console:"):
            continue
        values = {k: world["victim"].fill(k) for k in kwargs_of(route)}
        url = build(route, values)
        for who, user in callers(world).items():
            client.cookies.clear()
            if user is not None:
                sign_in(client, user)
            response = client.get(url)
            assert response.status_code in {403, 404, 405} or (
                response.status_code == 302 and "/accounts/signin/" in response["Location"]
            ), f"{url} as {who}"


# --- The harness itself must be able to fail ---------------------------------------------------------
def test_an_unknown_url_kwarg_makes_the_harness_fail():
    """A new URL whose kwarg has no FILL entry (or a regex pattern) is reported, so it cannot slip by."""
    from django.urls import clear_url_caches, path, re_path

    from tests.integration import tenancy_leaky_urls as module

    resolver = get_resolver(module.__name__)
    assert unknown_kwargs(resolver) == {}
    module.urlpatterns.append(path("widgets/<int:widget_id>/", module.leaky_order, name="widget"))
    module.urlpatterns.append(re_path(r"^gadgets/(?P<order_id>[0-9A-Z]+)/$", module.leaky_order, name="gadget"))
    clear_url_caches()
    try:
        unknown = unknown_kwargs(get_resolver(module.__name__))
        assert unknown["widget"] == ["widget_id"]
        assert "regex pattern" in unknown["gadget"][0]
    finally:
        del module.urlpatterns[-2:]
        clear_url_caches()


def test_a_view_that_leaks_is_caught(world, client, settings):
    """A view that looks up an order by id without checking the tenant fails the harness for every caller
    (including the anonymous visitor), and one that checks the tenant passes."""
    from django.urls import clear_url_caches

    from tests.integration import tenancy_leaky_urls as module

    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()
    try:
        patterns = [p for p in walk(get_resolver(module.__name__))]
        failures, checked = find_failures(world, client, [p for p in patterns if p[0] == "leaky:order"])
        assert checked == len(callers(world))
        assert len(failures) == checked and all("leaked" in f and ": 200" in f for f in failures), failures
        failures, checked = find_failures(world, client, [p for p in patterns if p[0] == "leaky:safe_order"])
        assert checked == len(callers(world)) and failures == []
    finally:
        clear_url_caches()
