"""The owner's delivery agents: add by phone, deactivate/reactivate, cash limit, cash held, today's load."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.accounts.services import PhoneTaken, create_user
from webdpro.db import Delivery, Payment, User, conflict_on_condition
from webdpro.db.deliveries import DELIVERED, FAILED
from webdpro.db.orders import COD
from webdpro.db.payments import CAPTURED, PaymentKind
from webdpro.db.users import DELIVERY_AGENT
from webdpro.delivery.transitions import ACTIVE
from webdpro.errors import NotFound, ValidationFailed
from webdpro.money import parse_rupees
from webdpro.phones import InvalidPhone, normalize_phone

KIND_COD, KIND_HANDOVER = PaymentKind.COD, PaymentKind.HANDOVER
ZERO = Decimal("0.00")
MAX_CASH_LIMIT = Decimal("10000000")  # ₹1 crore: anything above is a typo


def list_agents(tenant_id: str) -> list[User]:
    """The tenant's delivery agents, oldest first (one Query on the users tenant-index)."""
    return [u for u in User.tenant_index.query(tenant_id, filter_condition=User.role == DELIVERY_AGENT)]


def get_agent(tenant_id: str, agent_id: str) -> User:
    """The tenant's agent with this user_id, or NotFound (another tenant's agent looks missing)."""
    if not tenant_id or not agent_id:
        raise NotFound("Agent not found.")
    for user in User.user_id_index.query(agent_id, limit=1):
        if user.tenant_id == tenant_id and user.role == DELIVERY_AGENT:
            return user
    raise NotFound("Agent not found.")


def add_agent(tenant_id: str, phone: str, name: str) -> User:
    """A DELIVERY_AGENT user linked to the tenant. A phone with an owner's, agent's or admin's account is
    refused; a customer's record (from a storefront order) becomes the agent."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("Enter the agent's name.", field="name")
    if len(name) > 80:
        raise ValidationFailed("The name is too long (at most 80 characters).", field="name")
    try:
        phone = normalize_phone(phone)
    except InvalidPhone as exc:
        raise ValidationFailed(str(exc), field="phone") from exc
    try:
        return create_user(phone, DELIVERY_AGENT, name=name, tenant_id=tenant_id)
    except PhoneTaken as exc:
        raise PhoneTaken(
            "This phone number already belongs to a WebDPro business account (an owner, or an agent of "
            "another business), so it cannot be added as your agent. Use a different number.",
            field="phone",
        ) from exc


def _agent_condition(agent: User):
    return (User.tenant_id == agent.tenant_id) & (User.role == DELIVERY_AGENT) & (User.user_id == agent.user_id)


def set_active(agent: User, active: bool) -> User:
    """Deactivate (signs them out everywhere: session_version is bumped) or reactivate an agent."""
    with conflict_on_condition("This agent changed a moment ago. Reload and try again."):
        agent.update(
            actions=[
                User.is_active.set(bool(active)),
                User.session_version.add(1),
                User.updated_at.set(clock.now_iso()),
            ],
            condition=_agent_condition(agent),
        )
    return agent


AGENT_DEFAULT_LANGUAGE = "hi"


def agent_language(agent: User) -> str:
    """The language of the agent's phone view: their choice, else Hindi."""
    served = {code for code, _ in settings.LANGUAGES}
    return agent.language if agent.language in served else AGENT_DEFAULT_LANGUAGE


def set_agent_language(agent: User, language: str) -> User:
    """Store the agent's chosen language (one of settings.LANGUAGES) on their user item."""
    language = (language or "").strip().lower()
    if language not in {code for code, _ in settings.LANGUAGES}:
        raise ValidationFailed(_("Choose a language from the list."), field="language")
    with conflict_on_condition(_("Your account changed a moment ago. Reload and try again.")):
        agent.update(
            actions=[User.language.set(language), User.updated_at.set(clock.now_iso())],
            condition=_agent_condition(agent),
        )
    return agent


def parse_cash_limit(raw) -> Decimal | None:
    """The most cash an agent may hold, in rupees; None (no limit) when left empty."""
    return parse_rupees(raw, field="cash_limit", label="cash limit", maximum=MAX_CASH_LIMIT, blank=None)


def set_cash_limit(agent: User, raw) -> User:
    """Set (Decimal rupees) or clear (empty) the most cash the agent may hold before new COD assignments stop."""
    value = parse_cash_limit(raw)
    action = User.cash_limit.set(value) if value is not None else User.cash_limit.remove()
    with conflict_on_condition("This agent changed a moment ago. Reload and try again."):
        agent.update(actions=[action, User.updated_at.set(clock.now_iso())], condition=_agent_condition(agent))
    return agent


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
        if payment.kind == KIND_HANDOVER:
            self.handed_over += payment.amount or ZERO
        elif payment.kind == KIND_COD and (payment.payment_method or COD) == COD and payment.status == CAPTURED:
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
        elif d.status == DELIVERED and (d.delivered_at or "") >= today:
            row["delivered"] += 1
        elif d.status == FAILED and (d.failed_at or d.updated_at or "") >= today:
            row["failed"] += 1
    held = cash_held_by_agent(tenant_id)
    for agent_id, row in rows.items():
        row["cash_held"] = held.get(agent_id, Decimal("0.00"))
        limit = row["agent"].cash_limit
        row["over_limit"] = limit is not None and row["cash_held"] > limit
    return list(rows.values())
