"""Every page a person sees, on the demo world (``webdpro.demo.seed``): the words-on-pages test renders
them all, and the phone walk (tests/browser/test_phone_walk.py) opens every owner page at 360 × 740."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class World:
    owner: object
    agent: object
    customer: object
    superadmin: object
    store: object
    products: list
    orders: list
    deliveries: list
    owner_pages: list[tuple[str, str]] = field(default_factory=list)


def demo_world() -> World:
    from webdpro import demo
    from webdpro.db import Delivery, Order, Product, User
    from webdpro.stores.selectors import list_stores

    demo.seed(stdout=lambda *args: None)
    owner, agent = User.get(demo.OWNER_PHONE), User.get(demo.AGENT_PHONE)
    stores = list_stores(owner.tenant_id)  # the demo's one store (another test may hold its slug)
    store = next((s for s in stores if s.slug == demo.STORE_SLUG), stores[0])
    products = sorted(Product.query(store.store_id), key=lambda p: p.stock_quantity or 0)
    _place_one_real_order(store, products[-1], demo.CUSTOMER_PHONE)
    orders = list(Order.tenant_index.query(owner.tenant_id, scan_index_forward=False, limit=12))
    return World(
        owner=owner,
        agent=agent,
        customer=User.get(demo.CUSTOMER_PHONE),
        superadmin=User.get(demo.SUPERADMIN_PHONE),
        store=store,
        products=products,
        orders=orders,
        deliveries=list(Delivery.query(agent.user_id)),
    )


COUPON = "WELCOME10"


def _place_one_real_order(store, product, phone) -> None:
    """The demo's orders are written directly; one placed order adds what placement keeps (the store's
    customer record, a SALE movement, a coupon use), so those pages have something to show."""
    from webdpro.coupons.services import create_coupon
    from webdpro.customers.selectors import search
    from webdpro.orders.placement import Line, place_order

    if search(store.store_id).items:
        return
    create_coupon(store, {"code": COUPON, "kind": "PERCENT", "value": "10", "ends_on": "2099-12-31"})
    place_order(
        coupon_code=COUPON,
        store=store,
        lines=[Line(product.product_id, 1, product.price)],
        customer_name="Priya Nair",
        customer_phone=phone,
        delivery_address="Flat 4B, Lake View Apartments, Indiranagar, Bengaluru",
        pincode="560038",
        payment_method="COD",
    )


def owner_pages(world: World) -> list[tuple[str, str]]:
    store_id = world.store.store_id
    in_store = {"store_id": store_id}
    product = {"store_id": store_id, "product_id": world.products[0].product_id}
    pages = [
        ("home", reverse("owner:home")),
        ("stores", reverse("owner:stores")),
        ("store_new", reverse("owner:store_new")),
        ("store_editor", reverse("owner:store_detail", kwargs=in_store)),
        ("products", reverse("owner:products", kwargs=in_store)),
        ("product_new", reverse("owner:product_new", kwargs=in_store)),
        ("product_import", reverse("owner:product_import", kwargs=in_store)),
        ("low_stock", reverse("owner:low_stock", kwargs=in_store)),
        ("product_detail", reverse("owner:product_detail", kwargs=product)),
        ("product_edit", reverse("owner:product_edit", kwargs=product)),
        ("coupons", reverse("owner:coupons", kwargs=in_store)),
        ("coupon_uses", reverse("owner:coupon_uses", kwargs={**in_store, "code": COUPON})),
        ("customers", reverse("owner:customers", kwargs=in_store)),
        ("customer_detail", reverse("owner:customer_detail", kwargs={**in_store, "phone": world.customer.phone})),
        ("tax", reverse("owner:tax", kwargs=in_store)),
        ("poster", reverse("owner:poster", kwargs=in_store)),
        ("get_paid", reverse("owner:get_paid")),
        ("settlements", reverse("owner:settlements")),
        ("order_desk", reverse("owner:orders")),
        ("deliveries", reverse("owner:deliveries")),
        ("agents", reverse("owner:agents")),
        ("payments", reverse("owner:payments")),
        ("billing", reverse("owner:billing")),
    ]
    seen = set()
    for order in world.orders:
        if order.status in seen:
            continue
        seen.add(order.status)
        kwargs = {"order_id": order.order_id}
        pages.append((f"order_detail_{order.status.lower()}", reverse("owner:order_detail", kwargs=kwargs)))
        pages.append((f"order_delivery_{order.status.lower()}", reverse("owner:order_delivery", kwargs=kwargs)))
    first = world.orders[0].order_id
    pages.append(("order_slip", reverse("owner:order_slip", kwargs={"order_id": first})))
    return pages


def agent_pages(world: World) -> list[tuple[str, str]]:
    pages = [("agent_home", reverse("agent:home"))]
    for delivery in world.deliveries[:4]:
        pages.append(
            (f"agent_delivery_{delivery.status.lower()}", reverse("agent:delivery", args=[delivery.delivery_id]))
        )
    return pages


def customer_pages(world: World) -> list[tuple[str, str]]:
    slug = world.store.slug
    pages = [
        ("my_orders", reverse("customer:orders")),
        ("storefront_home", reverse("storefront:home", kwargs={"slug": slug})),
        ("storefront_cart", reverse("storefront:cart", kwargs={"slug": slug})),
        ("storefront_track", reverse("storefront:track", kwargs={"slug": slug})),
    ]
    for product in world.products[:2]:
        pages.append(
            (
                f"storefront_product_{product.product_id[-4:]}",
                reverse("storefront:product", kwargs={"slug": slug, "product_id": product.product_id}),
            )
        )
    for order in world.orders[:6]:
        pages.append(
            (
                f"track_{order.status.lower()}",
                reverse("storefront:track_order", kwargs={"slug": slug, "order_id": order.order_id}),
            )
        )
    return pages


def console_pages(world: World) -> list[tuple[str, str]]:
    return [
        ("console_home", reverse("console:home")),
        ("console_tenants", reverse("console:tenants")),
        ("console_tenant", reverse("console:tenant", kwargs={"tenant_id": world.owner.tenant_id})),
        ("console_users", reverse("console:users")),
        ("console_user", reverse("console:user", kwargs={"phone": world.owner.phone})),
        ("console_audit", reverse("console:audit")),
    ]
