"""Delivery reads. Each is a GetItem or a Query keyed by the agent or the tenant — never a Scan."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from webdpro import clock
from webdpro.db import Delivery, Order, get_or_none, get_or_not_found
from webdpro.db.deliveries import STATUSES, CollectionMethod, DeliveryStatus
from webdpro.db.orders import Fulfilment, OrderStatus
from webdpro.db.rows import row_reader
from webdpro.delivery.transitions import ACTIVE
from webdpro.ids import ulid_floor
from webdpro.labels import DELIVERY_STATUS_LABELS

ACTIVE_FILTER = "ACTIVE"  # the deliveries list filter for every not-yet-finished status


AGENT_WINDOW_DAYS = 14  # an agent's list: active deliveries assigned in the last two weeks, plus today's done
STATUS_LABELS = DELIVERY_STATUS_LABELS


def get_agent_delivery(agent_id: str, delivery_id: str) -> Delivery:
    """One of the signed-in agent's deliveries (the key includes their own id), or NotFound."""
    return get_or_not_found(Delivery, agent_id, delivery_id, message="Delivery not found.")


def agent_deliveries(agent_id: str) -> dict:
    """The agent's phone list: deliveries to do (oldest first) and today's finished ones (one Query)."""
    today = clock.days_ago_start_iso()
    todo, done = [], []
    query = Delivery.query(
        agent_id,
        Delivery.delivery_id >= ulid_floor(clock.now() - timedelta(days=AGENT_WINDOW_DAYS)),
        scan_index_forward=False,
        filter_condition=Delivery.status.is_in(*ACTIVE) | (Delivery.updated_at >= today),
    )
    for d in query:
        if d.status in ACTIVE:
            todo.append(d)
        else:
            done.append(d)
    order = {DeliveryStatus.IN_TRANSIT: 0, DeliveryStatus.PICKED_UP: 1, DeliveryStatus.PENDING: 2}
    todo.sort(key=lambda d: (order.get(d.status, 3), d.created_at))
    return {"todo": todo, "done": done, "cash_today": cash_collected(done)}


def cash_collected(deliveries) -> Decimal:
    """The cash taken at the door on these deliveries (UPI at the door went to the store, not the agent)."""
    return sum(
        (
            d.cod_collected_amount
            for d in deliveries
            if d.status == DeliveryStatus.DELIVERED
            and d.collection_method == CollectionMethod.CASH
            and d.cod_collected_amount
        ),
        start=Decimal("0.00"),
    )


def tenant_deliveries(
    tenant_id: str, days: int = 7, status: str | None = None, agent_id: str | None = None, limit: int = 200
) -> tuple[list[Delivery], bool]:
    """The owner's view: the tenant's deliveries of the last ``days`` days, newest first, filtered by
    status and agent (one Query on the deliveries tenant-index). Returns (rows, more)."""
    since = clock.days_ago_start_iso(days_back=max(0, days - 1))
    condition = None
    if status in STATUSES:
        condition = Delivery.status == status
    elif status == ACTIVE_FILTER:
        condition = Delivery.status.is_in(*ACTIVE)
    if agent_id:
        condition = (
            (Delivery.agent_id == agent_id) if condition is None else condition & (Delivery.agent_id == agent_id)
        )
    rows = []
    more = False
    for d in Delivery.tenant_index.query(
        tenant_id, Delivery.created_at >= since, scan_index_forward=False, filter_condition=condition, page_size=limit
    ):
        if len(rows) >= limit:
            more = True
            break
        rows.append(d)
    return rows, more


# What the "Waiting for an agent" list and its assign form show of an order: never its lines, timeline or GST.
UNASSIGNED_ATTRIBUTES = (
    "order_id",
    "tenant_id",
    "store_id",
    "created_at",
    "status",
    "customer_name",
    "delivery_address",
    "payment_method",
    "total_amount",
    "delivery_agent_id",
    "delivery_status",
)


def unassigned_orders(tenant_id: str, days: int = 14, limit: int = 100) -> list:
    """Orders waiting for an agent: CONFIRMED/PREPARING without an agent, newest first (one Query on
    the orders tenant-index over the last ``days`` days, paged), as read-only rows of
    :data:`UNASSIGNED_ATTRIBUTES` (:mod:`webdpro.db.rows`)."""
    since = clock.ago_iso(days=days)
    pages = Order.tenant_index.query(
        tenant_id,
        Order.created_at >= since,
        scan_index_forward=False,
        filter_condition=Order.status.is_in(OrderStatus.CONFIRMED, OrderStatus.PREPARING)
        & Order.delivery_agent_id.does_not_exist()
        & (Order.fulfilment.does_not_exist() | (Order.fulfilment != Fulfilment.PICKUP)),  # pickup orders need no agent
        attributes_to_get=list(UNASSIGNED_ATTRIBUTES),
    ).page_iter
    read = row_reader(Order, UNASSIGNED_ATTRIBUTES)
    found = []
    for page in pages:
        found.extend(read(raw) for raw in page.get("Items", ())[: limit - len(found)])
        if len(found) >= limit:
            break
    return found


def order_delivery(order: Order) -> Delivery | None:
    """The order's current delivery (one GetItem), or None when it has no agent."""
    if not order.delivery_agent_id or not order.delivery_id:
        return None
    delivery = get_or_none(Delivery, order.delivery_agent_id, order.delivery_id)
    if delivery is None:
        return None
    return delivery if delivery.tenant_id == order.tenant_id else None


def maps_link(lat, lng) -> str:
    return f"https://www.google.com/maps/search/?api=1&query={lat},{lng}"


def address_maps_link(address: str) -> str:
    from urllib.parse import quote

    return f"https://www.google.com/maps/search/?api=1&query={quote(address or '')}"
