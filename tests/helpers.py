"""Fixtures and factories shared by every test (imported by tests/conftest.py)."""

import random
from contextlib import contextmanager
from decimal import Decimal
from html import unescape

import pytest

__all__ = [
    "calls",
    "patient_dynamodb",
    "count_calls",
    "assert_max_calls",
    "sign_in",
    "random_phone",
    "make_owner",
    "make_store",
    "make_product",
    "make_order",
    "make_agent",
    "make_customer",
    "make_superadmin",
]


def random_phone() -> str:
    """A valid, unique-enough Indian mobile in E.164."""
    return "+91" + random.choice("6789") + "".join(random.choice("0123456789") for _ in range(9))


@contextmanager
def count_calls():
    from webdpro.db.calls import count_dynamodb_calls

    with count_dynamodb_calls() as counter:
        yield counter


WRITES = ("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem")


def refused(client, method: str, url: str, data, *, status: int = 400, names: str | None, field=None, **headers):
    """Send ``data`` to ``url`` (``method`` "get" or "post") and check the refusal: the answer is ``status``,
    ``names`` is on the page (its text, entities unescaped; ``None`` skips that), the field's
    ``data-field`` marker is there when ``field`` is given, and nothing was written to DynamoDB."""
    with count_calls() as counter:
        response = getattr(client, method)(url, data, **headers)
    body = unescape(response.content.decode())
    assert response.status_code == status, body[:300]
    if names is not None:
        assert names in body, body[:2000]
    if field:
        assert f'data-field="{field}"' in body
    assert sum(counter[op] for op in WRITES) == 0, counter.describe()
    return response


@pytest.fixture
def patient_dynamodb(dynamodb, settings):
    """Concurrency tests (30–40 threads against one DynamoDB Local on a shared 2-core machine): a longer
    timeout and retries for that test only. Correctness is what they check; a read timeout is retried and a
    retried transaction is idempotent."""
    from webdpro import db

    db.configure(
        host=dynamodb["endpoint"], region=settings.AWS_REGION, prefix=dynamodb["prefix"], timeout=30, retries=3
    )
    yield
    db.configure(
        host=dynamodb["endpoint"],
        region=settings.AWS_REGION,
        prefix=dynamodb["prefix"],
        timeout=settings.DYNAMODB_TIMEOUT_SECONDS,
        retries=1,
    )


@pytest.fixture
def calls():
    """``with calls() as c: ...; assert c.total <= 3``"""
    return count_calls


@contextmanager
def assert_max_calls(limit: int, forbid=("Scan",)):
    """Like Django's assertNumQueries, for DynamoDB: at most ``limit`` calls, none of ``forbid``."""
    with count_calls() as counter:
        yield counter
    assert counter.total <= limit, f"{counter.total} DynamoDB calls (limit {limit}): {counter.describe()}"
    for op in forbid:
        assert counter[op] == 0, f"{op} used: {counter.describe()}"


def sign_in(client, user):
    """Sign ``user`` in on a Django test client (signed-cookie session set by hand)."""
    from django.conf import settings
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from dashboard.auth import SESSION_PHONE, SESSION_VERSION

    store = SessionStore()
    store[SESSION_PHONE] = user.phone
    store[SESSION_VERSION] = user.session_version or 0
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return client


def make_owner(name="Owner", business_name="Test Business", phone=None, plan="FREE"):
    from webdpro.accounts.plans import get_plan
    from webdpro.accounts.services import create_owner
    from webdpro.db import Tenant

    user, tenant = create_owner(phone or random_phone(), name, business_name)
    if plan != "FREE":
        p = get_plan(plan)
        tenant.update(actions=[Tenant.plan.set(p.code), Tenant.max_stores.set(p.max_stores)])
    return user, tenant


def make_store(
    tenant, name="Test Store", status="PUBLISHED", slug=None, store_type="grocery", language="en", config=None
):
    from django.conf import settings

    from webdpro import clock
    from webdpro.db import DomainClaim, Store, Tenant
    from webdpro.demo import demo_config
    from webdpro.ids import new_id

    store_id = new_id()
    slug = slug or f"store-{store_id[-8:].lower()}"
    domain = f"{slug}.{settings.PLATFORM_DOMAIN}"
    now = clock.now_iso()
    cfg = config or demo_config(name)
    store = Store(
        tenant.tenant_id,
        store_id,
        status=status,
        prompt="test store",
        store_type=store_type,
        config=cfg,
        language=language,
        currency="INR",
        domain=domain,
        live_url=f"https://{domain}/",
        published_at=now if status == "PUBLISHED" else None,
        created_at=now,
        name=name,
        slug=slug,
        updated_at=now,
    )
    store.save()
    DomainClaim(domain, tenant_id=tenant.tenant_id, store_id=store_id, kind="SUBDOMAIN", created_at=now).save()
    Tenant(tenant.tenant_id).update(actions=[Tenant.store_count.add(1)])
    return store


def make_product(store, name="Product", price="100.00", stock=10, active=True, category="General", threshold=3):
    from webdpro import clock
    from webdpro.db import Product
    from webdpro.ids import new_id

    product = Product(
        store.store_id,
        new_id(),
        name=name,
        description=f"{name} description",
        price=Decimal(price),
        currency="INR",
        category=category,
        images=[],
        stock_quantity=stock,
        low_stock_threshold=threshold,
        is_active=active,
        created_at=clock.now_iso(),
        tenant_id=store.tenant_id,
    )
    product.save()
    return product


def make_order(store, products=(), status="CONFIRMED", payment_method="COD", customer_phone=None, quantity=1):
    """A stored order (written directly; placement rules are tested through the orders domain)."""
    from webdpro import clock
    from webdpro.db import Order
    from webdpro.db.orders import OrderItem, StatusChange
    from webdpro.ids import new_id

    now = clock.now_iso()
    items = [
        OrderItem(product_id=p.product_id, name=p.name, price=p.price, quantity=quantity, line_total=p.price * quantity)
        for p in products
    ]
    subtotal = sum((i.line_total for i in items), Decimal("0.00"))
    fee = Decimal("30.00")
    order = Order(
        new_id(),
        tenant_id=store.tenant_id,
        store_id=store.store_id,
        status=status,
        items=items,
        subtotal=subtotal,
        delivery_fee=fee,
        total_amount=subtotal + fee,
        customer_name="Customer",
        customer_phone=customer_phone or random_phone(),
        delivery_address="1 Test Road, Bengaluru",
        pincode="560001",
        payment_method=payment_method,
        payment_status="COD_PENDING" if payment_method == "COD" else "PENDING",
        created_at=now,
        updated_at=now,
        history=[StatusChange(status=status, at=now, by="test")],
    )
    order.save()
    return order


def make_agent(tenant, name="Agent", phone=None, language="en"):
    """An agent whose phone view is in ``language`` (None: never chosen, so the default, Hindi)."""
    from webdpro.accounts.services import create_user
    from webdpro.db.users import Role
    from webdpro.delivery.agents.services import set_agent_language

    agent = create_user(phone or random_phone(), Role.DELIVERY_AGENT, name=name, tenant_id=tenant.tenant_id)
    return set_agent_language(agent, language) if language else agent


def make_customer(name="Customer", phone=None):
    from webdpro.accounts.services import create_user
    from webdpro.db.users import Role

    return create_user(phone or random_phone(), Role.CUSTOMER, name=name)


def make_superadmin(name="Admin", phone=None):
    from webdpro.superadmin.services import create_superadmin

    return create_superadmin(phone or random_phone(), name)[0]


# --- accounts ---------------------------------------------------------------------------------------
def last_sms_code(phone: str) -> str:
    """The 6-digit code in the newest SMS to ``phone`` (E.164) in the memory outbox."""
    import re

    from webdpro import sms

    for message in reversed(list(sms.outbox)):
        if message["to"] == phone:
            match = re.search(r"\b(\d{6})\b", message["body"])
            if match:
                return match.group(1)
    raise AssertionError(f"no sign-in code was sent to {phone}; outbox: {sms.outbox}")


def random_ip() -> str:
    """A client address of its own, so per-IP send limits of one test never touch another."""
    return "10.{}.{}.{}".format(*(random.randint(1, 254) for _ in range(3)))
