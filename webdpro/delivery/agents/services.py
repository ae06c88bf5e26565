"""Writes on the owner's delivery agents: add by phone, deactivate/reactivate, the agent's language and the
cash limit. Each is a conditional write on the agent's user item (another tenant's agent is never touched)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.accounts.services import PhoneTaken, create_user
from webdpro.db import User, conflict_on_condition
from webdpro.db.users import Role
from webdpro.errors import ValidationFailed
from webdpro.money import parse_rupees
from webdpro.phones import InvalidPhone, normalize_phone

MAX_CASH_LIMIT = Decimal("10000000")  # ₹1 crore: anything above is a typo


def add_agent(tenant_id: str, phone: str, name: str) -> User:
    """A DELIVERY_AGENT user linked to the tenant. A phone with an owner's, agent's or admin's account is
    refused; a customer's record (from a storefront order) becomes the agent."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(gettext("Enter the agent's name."), field="name")
    if len(name) > 80:
        raise ValidationFailed(gettext("The name is too long (at most 80 characters)."), field="name")
    try:
        phone = normalize_phone(phone)
    except InvalidPhone as exc:
        raise ValidationFailed(str(exc), field="phone") from exc
    try:
        return create_user(phone, Role.DELIVERY_AGENT, name=name, tenant_id=tenant_id)
    except PhoneTaken as exc:
        raise PhoneTaken(
            gettext(
                "This phone number already belongs to a WebDPro business account (an owner, or an agent of "
                "another business), so it cannot be added as your agent. Use a different number."
            ),
            field="phone",
        ) from exc


def _agent_condition(agent: User):
    return (User.tenant_id == agent.tenant_id) & (User.role == Role.DELIVERY_AGENT) & (User.user_id == agent.user_id)


def set_active(agent: User, active: bool) -> User:
    """Deactivate (signs them out everywhere: session_version is bumped) or reactivate an agent."""
    with conflict_on_condition(_("This agent changed a moment ago. Reload and try again.")):
        agent.update(
            actions=[
                User.is_active.set(bool(active)),
                User.session_version.add(1),
                User.updated_at.set(clock.now_iso()),
            ],
            condition=_agent_condition(agent),
        )
    return agent


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
    return parse_rupees(raw, field="cash_limit", label=gettext("cash limit"), maximum=MAX_CASH_LIMIT, blank=None)


def set_cash_limit(agent: User, raw) -> User:
    """Set (Decimal rupees) or clear (empty) the most cash the agent may hold before new COD assignments stop."""
    value = parse_cash_limit(raw)
    action = User.cash_limit.set(value) if value is not None else User.cash_limit.remove()
    with conflict_on_condition(_("This agent changed a moment ago. Reload and try again.")):
        agent.update(actions=[action, User.updated_at.set(clock.now_iso())], condition=_agent_condition(agent))
    return agent
