"""Reads on the owner's delivery agents: the list, one agent, their language, the cash each holds (the one
home of "cash held": COD cash collected at doors minus handovers) and today's load per agent."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext

from webdpro import clock
from webdpro.db import Delivery, Payment, User
from webdpro.db.deliveries import DeliveryStatus
from webdpro.db.orders import PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.db.users import Role
from webdpro.delivery.transitions import ACTIVE
from webdpro.errors import NotFound

ZERO = Decimal("0.00")


def list_agents(tenant_id: str) -> list[User]:
    """The tenant's delivery agents, oldest first (one Query on the users tenant-index)."""
    return [u for u in User.tenant_index.query(tenant_id, filter_condition=User.role == Role.DELIVERY_AGENT)]


def get_agent(tenant_id: str, agent_id: str) -> User:
    """The tenant's agent with this user_id, or NotFound (another tenant's agent looks missing)."""
    if not tenant_id or not agent_id:
        raise NotFound(gettext("Agent not found."))
    for user in User.user_id_index.query(agent_id, limit=1):
        if user.tenant_id == tenant_id and user.role == Role.DELIVERY_AGENT:
            return user
    raise NotFound(gettext("Agent not found."))


AGENT_DEFAULT_LANGUAGE = "hi"


def agent_language(agent: User) -> str:
    """The language of the agent's phone view: their choice, else Hindi."""
    served = {code for code, _ in settings.LANGUAGES}
    return agent.language if agent.language in served else AGENT_DEFAULT_LANGUAGE


@dataclass
class AgentCash:
    """An agent's cash, all time: cash collected at doors, handed over to the owner, and still held."""

    collected: Decimal = ZERO
    handed_over: Decimal = ZERO

    @property
    def held(self) -> Decimal:
        return self.collected - self.handed_over

    def add(self, payment: Payment) -> None:
        """Count one payment row: captured cash-on-delivery cash in, a HANDOVER out, anything else not."""
        if payment.kind == PaymentKind.HANDOVER:
            self.handed_over += payment.amount or ZERO
        elif (
            payment.kind == PaymentKind.COD
            and (payment.payment_method or PaymentMethod.COD) == PaymentMethod.COD
            and payment.status == PaymentStatus.CAPTURED
        ):
            self.collected += payment.amount or ZERO

    def as_dict(self) -> dict:
        return {"collected": self.collected, "handed_over": self.handed_over, "held": self.held}


def cash_of_agent(agent_id: str, tenant_id: str | None = None) -> AgentCash:
    """One agent's cash (one Query on payments.collected_by-index), only the tenant's rows when given."""
    cash = AgentCash()
    for payment in Payment.collected_by_index.query(agent_id):
        if tenant_id is None or payment.tenant_id == tenant_id:
            cash.add(payment)
    return cash


def cash_by_agent(tenant_id: str) -> dict[str, AgentCash]:
    """Every agent's cash with one Query (the tenant's payment rows that carry collected_by)."""
    cash: dict[str, AgentCash] = defaultdict(AgentCash)
    for payment in Payment.query(tenant_id, filter_condition=Payment.collected_by.exists()):
        cash[payment.collected_by].add(payment)
    return dict(cash)


def cash_held(agent_id: str) -> Decimal:
    """Cash the agent collected and has not handed over."""
    return cash_of_agent(agent_id).held


def cash_held_by_agent(tenant_id: str) -> dict[str, Decimal]:
    """Cash held by every agent of the tenant, with one Query."""
    return {agent_id: cash.held for agent_id, cash in cash_by_agent(tenant_id).items()}


def agent_loads(tenant_id: str, agents: list[User]) -> list[dict]:
    """Each agent's day: assigned today, active now, delivered/failed today, cash held, over the limit.

    Fixed cost: one deliveries tenant-index Query (the last three days, so yesterday's unfinished
    deliveries still count as active) and one payments Query, whatever the number of agents.
    """
    today = clock.days_ago_start_iso()
    rows = {
        a.user_id: {
            "agent": a,
            "assigned": 0,
            "active": 0,
            "delivered": 0,
            "failed": 0,
            "cash_held": Decimal("0.00"),
            "over_limit": False,
        }
        for a in agents
    }
    for d in Delivery.tenant_index.query(tenant_id, Delivery.created_at >= clock.days_ago_start_iso(days_back=2)):
        row = rows.get(d.agent_id)
        if row is None:
            continue
        if d.created_at >= today:
            row["assigned"] += 1
        if d.status in ACTIVE:
            row["active"] += 1
        elif d.status == DeliveryStatus.DELIVERED and (d.delivered_at or "") >= today:
            row["delivered"] += 1
        elif d.status == DeliveryStatus.FAILED and (d.failed_at or d.updated_at or "") >= today:
            row["failed"] += 1
    held = cash_held_by_agent(tenant_id)
    for agent_id, row in rows.items():
        row["cash_held"] = held.get(agent_id, Decimal("0.00"))
        limit = row["agent"].cash_limit
        row["over_limit"] = limit is not None and row["cash_held"] > limit
    return list(rows.values())
