"""Cash handovers: an agent's cash handed to the owner, recorded as a HANDOVER payment row."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import CONDITION_FAILED, Payment, User, cancellation_codes, transact_write
from webdpro.db.deliveries import CollectionMethod
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.db.users import Role
from webdpro.delivery.agents.selectors import cash_of_agent
from webdpro.errors import Conflict, NotFound
from webdpro.ids import new_id
from webdpro.money import format_inr, parse_rupees

MAX_HANDOVER = Decimal("10000000")  # ₹1 crore: a larger cash handover is a typo


class ExceedsCashHeld(Conflict):
    """A handover larger than the cash the agent holds: allowed only when the owner confirms."""


def record_handover(tenant_id: str, agent_id: str, amount, by: str, note: str = "", confirm: bool = False) -> Payment:
    """Cash handed over by an agent to the owner (a HANDOVER row)."""
    agents = [
        u
        for u in User.user_id_index.query(agent_id, limit=2)
        if u.tenant_id == tenant_id and u.role == Role.DELIVERY_AGENT
    ]
    if not agents:
        raise NotFound(_("Agent not found."))
    amount = parse_rupees(amount, field="amount", label=_("amount handed over"), maximum=MAX_HANDOVER, positive=True)
    # Handovers of one agent are serialised by a sequence number on the agent's user item: the
    # HANDOVER row and the bump go in one transaction conditional on the number read before the cash
    # figure, so two owners recording at once cannot both hand over the same cash.
    agent = User.get(agents[0].phone, consistent_read=True)
    seq = agent.handover_seq
    held = cash_of_agent(agent_id, tenant_id).held
    if amount > held and not confirm:
        raise ExceedsCashHeld(
            _("%(amount)s is more than the %(held)s %(agent)s holds. Tick “confirm” to record it anyway.")
            % {
                "amount": format_inr(amount),
                "held": format_inr(held),
                "agent": agents[0].name or _("this agent"),
            },
            field="confirm",
        )
    now = clock.now_iso()
    row = Payment(
        tenant_id,
        new_id(),
        kind=PaymentKind.HANDOVER,
        collected_by=agent_id,
        amount=amount,
        currency="INR",
        payment_method=CollectionMethod.CASH,
        status=PaymentStatus.CAPTURED,
        created_at=now,
        updated_at=now,
        note=(note or "").strip()[:200] or None,
        recorded_by=by,
    )
    unchanged = User.handover_seq.does_not_exist() if seq is None else (User.handover_seq == seq)
    try:
        with transact_write() as tx:
            tx.save(row, condition=Payment.payment_id.does_not_exist())
            tx.update(
                agent,
                actions=[User.handover_seq.set((seq or 0) + 1)],
                condition=unchanged & (User.tenant_id == tenant_id),
            )
    except TransactWriteError as exc:
        if CONDITION_FAILED in cancellation_codes(exc):
            raise Conflict(
                _(
                    "Another cash handover for this agent was recorded at the same moment. "
                    "Check the figures and record it again if it is still needed."
                )
            ) from exc
        raise
    return row
