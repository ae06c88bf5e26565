"""Demo data for `make run`: a super admin, an owner with a published grocery store, an agent, orders.

Later areas replace the direct writes here with their domain functions as they land.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from webdpro import clock
from webdpro.accounts.services import create_owner, create_user
from webdpro.db import Order, Product, User, get_or_none
from webdpro.db.orders import OrderItem, OrderPaymentStatus, OrderStatus, PaymentMethod, StatusChange
from webdpro.db.users import Role
from webdpro.ids import new_id
from webdpro.superadmin.services import create_superadmin

SUPERADMIN_PHONE = "+919000000001"
OWNER_PHONE = "+919000000002"
AGENT_PHONE = "+919000000003"
CUSTOMER_PHONE = "+919000000004"
STORE_SLUG = "sharma-kirana"

GROCERIES = [
    ("Staples", "Toor Dal 1 kg", "165.00"),
    ("Staples", "Basmati Rice 5 kg", "545.00"),
    ("Staples", "Sona Masoori Rice 5 kg", "375.00"),
    ("Staples", "Chakki Atta 5 kg", "265.00"),
    ("Staples", "Moong Dal 1 kg", "148.00"),
    ("Staples", "Chana Dal 1 kg", "98.00"),
    ("Staples", "Sugar 1 kg", "46.00"),
    ("Staples", "Iodised Salt 1 kg", "28.00"),
    ("Oils & Ghee", "Mustard Oil 1 L", "172.00"),
    ("Oils & Ghee", "Sunflower Oil 1 L", "149.00"),
    ("Oils & Ghee", "Desi Ghee 500 ml", "329.00"),
    ("Spices", "Turmeric Powder 200 g", "62.00"),
    ("Spices", "Red Chilli Powder 200 g", "78.00"),
    ("Spices", "Garam Masala 100 g", "85.00"),
    ("Spices", "Jeera 100 g", "55.00"),
    ("Dairy", "Toned Milk 1 L", "56.00"),
    ("Dairy", "Paneer 200 g", "90.00"),
    ("Dairy", "Curd 400 g", "45.00"),
    ("Dairy", "Butter 100 g", "58.00"),
    ("Snacks", "Namkeen Bhujia 400 g", "105.00"),
    ("Snacks", "Marie Biscuits 250 g", "35.00"),
    ("Snacks", "Potato Chips 90 g", "30.00"),
    ("Beverages", "Tea Leaves 500 g", "255.00"),
    ("Beverages", "Instant Coffee 100 g", "310.00"),
    ("Household", "Dishwash Bar 3 pcs", "60.00"),
    ("Household", "Detergent Powder 1 kg", "120.00"),
    ("Household", "Bath Soap 4 pcs", "160.00"),
    ("Fruits & Vegetables", "Onion 1 kg", "40.00"),
    ("Fruits & Vegetables", "Potato 1 kg", "32.00"),
    ("Fruits & Vegetables", "Tomato 1 kg", "36.00"),
]


def demo_config(name: str) -> dict:
    categories = sorted({c for c, _, _ in GROCERIES})
    return {
        "name": name,
        "tagline": "Fresh groceries at your doorstep",
        "store_type": "grocery",
        "language": "en",
        "theme": {"primary": "#15803d", "accent": "#f59e0b", "background": "#f7fdf9", "text": "#111827"},
        "sections": [
            {"type": "hero", "visible": True, "title": name, "subtitle": "Daily essentials, delivered in 30 minutes"},
            {"type": "categories", "visible": True, "title": "Shop by category"},
            {"type": "featured", "visible": True, "title": "Popular this week"},
            {"type": "about", "visible": True, "title": "About us", "text": "Serving the neighbourhood since 1998."},
            {"type": "contact", "visible": True, "title": "Contact"},
        ],
        "categories": categories,
        "contact": {
            "phone": OWNER_PHONE,
            "whatsapp": OWNER_PHONE,
            "address": "12 MG Road, Indiranagar, Bengaluru 560038",
            "hours": "7 am – 10 pm, every day",
        },
        "delivery": {"fee": "30.00", "free_above": "499.00", "radius_km": "5"},
        "payments": {"cod": True, "upi": True, "card": True, "upi_id": "sharmakirana@upi"},
        "seo": {
            "title": f"{name} — groceries delivered",
            "description": "Order dal, rice, atta, oil and daily essentials online.",
        },
    }


def seed(stdout=print) -> dict:
    """Create the demo world. Returns the phones to sign in with. Skips if it already exists."""
    if get_or_none(User, OWNER_PHONE) is not None:
        stdout("demo data already present")
        return phones()
    create_superadmin(SUPERADMIN_PHONE, "Asha (super admin)")
    owner, tenant = create_owner(OWNER_PHONE, "Ramesh Sharma", "Sharma Kirana Store", "ramesh@example.com")
    create_user(AGENT_PHONE, Role.DELIVERY_AGENT, name="Vijay (delivery)", tenant_id=tenant.tenant_id)
    create_user(CUSTOMER_PHONE, Role.CUSTOMER, name="Priya Nair")
    now = clock.now()
    # The store goes through the stores services: plan limit, subdomain claim, schema validation, publish.
    from webdpro.stores import selectors as store_selectors
    from webdpro.stores import services as store_services

    store = store_services.create_store(
        tenant, "A kirana store in Indiranagar selling dal, rice, atta and oil", owner, slug=STORE_SLUG, generate=False
    )
    store_services.finish_generation(
        tenant.tenant_id, store.store_id, store.updated_at, demo_config("Sharma Kirana Store"), []
    )
    # The FREE plan's publish fee, paid through the payments gateway (the sandbox locally), publishes it.
    from webdpro.payments.gateway import get_gateway
    from webdpro.payments.sandbox import sandbox_pay
    from webdpro.payments.services import start_publish_fee_checkout

    draft = store_selectors.get_store(tenant.tenant_id, store.store_id)
    gateway = get_gateway()
    if getattr(gateway, "is_sandbox", False):
        fee = store_services.publish_fee(draft, tenant).fee
        sandbox_pay(start_publish_fee_checkout(draft, fee, gateway=gateway), "upi", gateway)
    else:  # a real gateway: no demo charge; the demo store is marked paid by the console
        store_services.mark_paid(draft, "console")
        store_services.publish(store_selectors.get_store(tenant.tenant_id, store.store_id), owner)
    store = store_selectors.get_store(tenant.tenant_id, store.store_id)
    store_id = store.store_id
    products = []
    with Product.batch_write() as batch:
        for i, (category, name, price) in enumerate(GROCERIES):
            product = Product(
                store_id,
                new_id(),
                name=name,
                description=f"{name}, quality checked.",
                price=Decimal(price),
                currency="INR",
                category=category,
                images=[],
                stock_quantity=5 + (i * 7) % 60,
                low_stock_threshold=8,
                is_active=True,
                created_at=clock.iso(now),
                tenant_id=tenant.tenant_id,
            )
            products.append(product)
            batch.save(product)
    statuses = [
        OrderStatus.CONFIRMED,
        OrderStatus.PREPARING,
        OrderStatus.OUT_FOR_DELIVERY,
        OrderStatus.DELIVERED,
        OrderStatus.PENDING_PAYMENT,
        OrderStatus.CANCELLED,
    ]
    for i, status in enumerate(statuses):
        created = clock.iso(now - timedelta(hours=6 * (len(statuses) - i)))
        picks = products[i : i + 2]
        items = [
            OrderItem(
                product_id=p.product_id,
                name=p.name,
                price=p.price,
                quantity=1 + i % 2,
                line_total=p.price * (1 + i % 2),
            )
            for p in picks
        ]
        subtotal = sum((item.line_total for item in items), Decimal("0.00"))
        fee = Decimal("0.00") if subtotal >= Decimal("499.00") else Decimal("30.00")
        method = PaymentMethod.UPI if status == OrderStatus.PENDING_PAYMENT else PaymentMethod.COD
        pay_status = OrderPaymentStatus.PENDING if method == PaymentMethod.UPI else OrderPaymentStatus.COD_PENDING
        Order(
            new_id(),
            tenant_id=tenant.tenant_id,
            store_id=store_id,
            status=status,
            items=items,
            subtotal=subtotal,
            delivery_fee=fee,
            total_amount=subtotal + fee,
            customer_name="Priya Nair",
            customer_phone=CUSTOMER_PHONE,
            delivery_address="Flat 4B, Lake View Apartments, Indiranagar, Bengaluru",
            pincode="560038",
            payment_method=method,
            payment_status=pay_status,
            created_at=created,
            updated_at=created,
            history=[StatusChange(status=status, at=created, by="system", note="demo data")],
        ).save()
    # Products area: two months of delivered orders so the stock prediction has a history, then forecasts.
    import random

    from webdpro.products.prediction import refresh

    rng = random.Random(7)
    for day in range(1, 61):
        picks = [p for j, p in enumerate(products[:8]) if rng.random() < (0.95 if j < 3 else 0.5 if j < 6 else 0.15)]
        if not picks:
            continue
        created = clock.iso(now - timedelta(days=day, hours=rng.randint(0, 10)))
        items = [
            OrderItem(product_id=p.product_id, name=p.name, price=p.price, quantity=q, line_total=p.price * q)
            for p, q in ((p, rng.randint(1, 3)) for p in picks)
        ]
        subtotal = sum((item.line_total for item in items), Decimal("0.00"))
        fee = Decimal("0.00") if subtotal >= Decimal("499.00") else Decimal("30.00")
        Order(
            new_id(),
            tenant_id=tenant.tenant_id,
            store_id=store_id,
            status=OrderStatus.DELIVERED,
            items=items,
            subtotal=subtotal,
            delivery_fee=fee,
            total_amount=subtotal + fee,
            customer_name="Priya Nair",
            customer_phone=CUSTOMER_PHONE,
            delivery_address="Flat 4B, Lake View Apartments, Indiranagar, Bengaluru",
            pincode="560038",
            payment_method=PaymentMethod.COD,
            payment_status=OrderPaymentStatus.PAID,
            created_at=created,
            updated_at=created,
            delivered_at=created,
            history=[StatusChange(status=OrderStatus.DELIVERED, at=created, by="system", note="demo history")],
        ).save()
    refresh(store_id)
    from webdpro.delivery.demo import seed_deliveries  # delivery area

    seed_deliveries(tenant.tenant_id, AGENT_PHONE)
    from webdpro.payments.demo import seed_payments

    seed_payments(tenant.tenant_id, User.get(AGENT_PHONE).user_id)
    from webdpro.payments.demo import seed_payouts  # Razorpay Route: activated payout account, settled orders

    seed_payouts(tenant, store, products[10:], CUSTOMER_PHONE)
    from webdpro.superadmin import rollup  # console overview figures (keep this the last step of seed)

    rollup.run()
    stdout("demo data created")
    return phones()


def phones() -> dict:
    return {
        "super admin": SUPERADMIN_PHONE,
        "business owner": OWNER_PHONE,
        "delivery agent": AGENT_PHONE,
        "customer": CUSTOMER_PHONE,
    }
