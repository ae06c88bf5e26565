"""Demo data for the delivery area (called from webdpro.demo.seed): the demo agent gets a cash limit
and the confirmed demo order, so `make run` shows a delivery to pick up on the agent's phone."""

from webdpro.db import Order, User
from webdpro.db.orders import OrderStatus
from webdpro.delivery import services
from webdpro.delivery.agents import services as agent_services


def seed_deliveries(tenant_id: str, agent_phone: str) -> None:
    agent = User.get(agent_phone)
    agent_services.set_cash_limit(agent, "5000")
    for order in Order.tenant_index.query(tenant_id, filter_condition=Order.status == OrderStatus.CONFIRMED):
        if not order.delivery_agent_id:
            services.assign(order, User.get(agent_phone), "system")
