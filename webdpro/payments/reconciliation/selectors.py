"""The reconciliation report of an owner: COD cash by agent and day, UPI at the door, online payments
against the orders placed, the mismatches between them, and every agent's cash.

Bounded reads only, never a Scan:

* COD collections and handovers in a date range: one Query on the tenant's payments partition with
  ``payment_id BETWEEN`` the ULID bounds of the range (their payment ids are ULIDs: time-ordered).
* Online payments: the tenant's orders in the range (``tenant-index`` Query on created_at) and a
  BatchGet of their payment rows by (tenant, razorpay_order_id).
* Cash an agent holds (all time): ``collected_by-index`` Query for that agent — Σ COD cash − Σ handovers.
* Agents: ``users`` ``tenant-index`` Query.

Days are India days (Asia/Kolkata).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from webdpro import clock, labels
from webdpro.db import Order, Payment, User, get_or_not_found
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.db.payments import PaymentKind, PaymentStatus, RefundStatus
from webdpro.db.rows import row_reader
from webdpro.db.users import Role
from webdpro.delivery.agents.selectors import AgentCash, cash_by_agent
from webdpro.errors import ValidationFailed
from webdpro.ids import ulid_bounds
from webdpro.money import format_inr

ZERO = Decimal("0.00")
MAX_DAYS = 92


@dataclass
class AgentDay:
    day: date
    agent_id: str
    agent_name: str
    due: Decimal = ZERO
    collected: Decimal = ZERO
    handed_over: Decimal = ZERO
    deliveries: int = 0

    @property
    def net(self) -> Decimal:
        return self.collected - self.handed_over


@dataclass
class Mismatch:
    kind: str  # COD_SHORT / COD_OVER / CAPTURED_NOT_PAID / PAID_NOT_CAPTURED / REFUND_DUE
    message: str
    order_id: str | None = None
    payment_id: str | None = None
    amount: Decimal | None = None

    @property
    def label(self) -> str:
        return MISMATCH_LABELS.get(self.kind, self.kind)

    @property
    def badge(self) -> str:
        """Cash over what was due is a warning; every other mismatch is money missing or owed."""
        return "warn" if self.kind == "COD_OVER" else "danger"

    @property
    def refundable(self) -> bool:
        """The owner can refund it from the page (money captured that the business should not keep)."""
        return self.kind in ("CAPTURED_NOT_PAID", "REFUND_DUE") and bool(self.payment_id)


MISMATCH_LABELS = labels.MISMATCH_LABELS


@dataclass
class Report:
    start: date
    end: date
    agent_days: list[AgentDay] = field(default_factory=list)
    agents: list[dict] = field(default_factory=list)  # {agent_id, name, collected, handed_over, held}
    door_upi: dict = field(default_factory=lambda: {"count": 0, "due": ZERO, "collected": ZERO})
    online: list[dict] = field(default_factory=list)  # {order, payment, refund_pending}
    online_captured: Decimal = ZERO
    online_refunded: Decimal = ZERO
    mismatches: list[Mismatch] = field(default_factory=list)
    lines: list[Payment] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    chart: dict = field(default_factory=dict)  # per day: due / collected / handed over (decimal strings)


def parse_range(start_text: str | None, end_text: str | None, default_days: int = 7) -> tuple[date, date]:
    today = clock.local_today()
    try:
        end = date.fromisoformat(end_text) if end_text else today
        start = date.fromisoformat(start_text) if start_text else end - timedelta(days=default_days - 1)
    except ValueError as exc:
        raise ValidationFailed(_("Enter dates as YYYY-MM-DD.")) from exc
    if start > end:
        raise ValidationFailed(_("The start date is after the end date."))
    if (end - start).days >= MAX_DAYS:
        raise ValidationFailed(_("Choose at most %(max_days)s days at a time.") % {"max_days": MAX_DAYS})
    return start, end


def tenant_agents(tenant_id: str) -> dict[str, User]:
    return {u.user_id: u for u in User.tenant_index.query(tenant_id) if u.role == Role.DELIVERY_AGENT}


def payments_in_range(tenant_id: str, start: date, end: date) -> list[Payment]:
    lo, hi = ulid_bounds(*clock.day_bounds(start, end))
    return list(Payment.query(tenant_id, Payment.payment_id.between(lo, hi)))


def agents_with_cash(tenant_id: str, agents: dict[str, User] | None = None) -> list[dict]:
    """Every agent of the tenant with their cash (collected, handed over, held): two Queries in all."""
    agents = tenant_agents(tenant_id) if agents is None else agents
    cash = cash_by_agent(tenant_id)
    return [
        {
            "agent_id": agent_id,
            "name": user.name or user.phone,
            "phone": user.phone,
            **cash.get(agent_id, AgentCash()).as_dict(),
        }
        for agent_id, user in agents.items()
    ]


def build_report(tenant_id: str, start: date, end: date) -> Report:
    """The reconciliation of the IST days ``start``..``end``: cash by agent and day, UPI at the door, the
    online payments against the orders placed, the mismatches, every agent's cash, the chart and totals."""
    report = Report(start, end)
    agents = tenant_agents(tenant_id)
    rows = payments_in_range(tenant_id, start, end)
    report.lines = sorted(rows, key=lambda p: p.payment_id)
    days = _cod_by_agent_day(report, rows, agents)
    report.agent_days = sorted(days.values(), key=lambda c: (c.day, c.agent_name), reverse=True)
    _online_payments(report, tenant_id, start, end)
    _agent_cash_rows(report, tenant_id, agents, {c.agent_id for c in days.values()})
    report.chart = _chart(days.values())
    report.totals = {
        "due": sum((c.due for c in days.values()), ZERO),
        "collected": sum((c.collected for c in days.values()), ZERO),
        "handed_over": sum((c.handed_over for c in days.values()), ZERO),
        "held": sum((a["held"] for a in report.agents), ZERO),
    }
    return report


def _cod_by_agent_day(report: Report, rows: list[Payment], agents: dict[str, User]) -> dict:
    """Cash due, collected and handed over per (IST day, agent); UPI at the door and COD mismatches go
    straight into ``report``."""
    days: dict[tuple[date, str], AgentDay] = {}

    def cell(row) -> AgentDay:
        key = (clock.local_date(row.created_at), row.collected_by)
        if key not in days:
            agent = agents.get(row.collected_by)
            days[key] = AgentDay(key[0], row.collected_by, (agent.name or agent.phone) if agent else _("Former agent"))
        return days[key]

    for row in rows:
        if row.kind == PaymentKind.COD:
            _count_cod(report, row, cell, agents)
        elif row.kind == PaymentKind.HANDOVER and row.collected_by:
            cell(row).handed_over += row.amount
    return days


def _count_cod(report: Report, row: Payment, cell, agents: dict[str, User]) -> None:
    due = row.amount_due if row.amount_due is not None else row.amount
    if row.payment_method == PaymentMethod.COD and row.collected_by:
        day = cell(row)
        day.due += due
        day.collected += row.amount
        day.deliveries += 1
    else:
        report.door_upi["count"] += 1
        report.door_upi["due"] += due
        report.door_upi["collected"] += row.amount
    diff = row.amount - due
    if diff:
        who = agents.get(row.collected_by)
        report.mismatches.append(
            Mismatch(
                "COD_SHORT" if diff < 0 else "COD_OVER",
                _cash_mismatch_message(diff, row.amount, due, who.name if who else None),
                row.order_id,
                row.payment_id,
                diff,
            )
        )


# What the online rows, their mismatches, the CSV and the expiry check read of an order: never its lines or
# timeline (an order due to expire is read whole by the sweep before it is expired).
ONLINE_ATTRIBUTES = (
    "order_id",
    "tenant_id",
    "store_id",
    "created_at",
    "status",
    "payment_method",
    "payment_status",
    "razorpay_order_id",
    "total_amount",
    "accept_by",
)


def _online_payments(report: Report, tenant_id: str, start: date, end: date) -> None:
    """The online (UPI / card) orders placed in the range, their payments (one BatchGetItem), the amounts
    captured and refunded, and the mismatches between them."""
    from webdpro.orders.expiry import sweep

    lo, hi = clock.day_bounds(start, end)
    pages = Order.tenant_index.query(
        tenant_id,
        Order.created_at.between(clock.iso(lo), clock.iso(hi)),
        filter_condition=Order.payment_method.is_in(PaymentMethod.UPI, PaymentMethod.CARD),
        attributes_to_get=list(ONLINE_ATTRIBUTES),
    ).page_iter
    read = row_reader(Order, ONLINE_ATTRIBUTES)
    orders = [read(raw) for page in pages for raw in page.get("Items", ())]
    orders = sweep(orders)  # an order past its payment window is shown cancelled, its stock back
    keys = [(tenant_id, o.razorpay_order_id) for o in orders if o.razorpay_order_id]
    payments = {p.payment_id: p for p in Payment.batch_get(keys)} if keys else {}
    for order in sorted(orders, key=lambda o: o.created_at, reverse=True):
        payment = payments.get(order.razorpay_order_id) if order.razorpay_order_id else None
        refund_pending = payment is not None and payment.refund_status == RefundStatus.PENDING
        report.online.append({"order": order, "payment": payment, "refund_pending": refund_pending})
        if payment and payment.status in (PaymentStatus.CAPTURED, PaymentStatus.REFUNDED):
            report.online_captured += payment.amount
        if payment and payment.status == PaymentStatus.REFUNDED:
            report.online_refunded += payment.amount
        mismatch = _online_mismatch(order, payment)
        if mismatch is not None:
            report.mismatches.append(mismatch)


def _online_mismatch(order: Order, payment: Payment | None) -> Mismatch | None:
    """A refund due, a capture against an unpaid order, or a paid order without a capture (else None)."""
    captured = payment is not None and payment.status == PaymentStatus.CAPTURED
    if captured and order.status == OrderStatus.CANCELLED and payment.refund_status != RefundStatus.PENDING:
        amount = {"amount": format_inr(payment.amount)}
        message = (
            _("Order cancelled but the %(amount)s paid was not refunded (the last refund failed).")
            if payment.refund_status == RefundStatus.FAILED
            else _("Order cancelled but the %(amount)s paid was not refunded.")
        )
        return Mismatch("REFUND_DUE", message % amount, order.order_id, payment.payment_id, payment.amount)
    if captured and order.payment_status != OrderPaymentStatus.PAID:
        values = {"amount": format_inr(payment.amount), "status": labels.label("order_status", order.status)}
        message = _("%(amount)s captured but the order is “%(status)s” and not marked paid — refund or confirm it.")
        if payment.note:  # the gateway's note as it was recorded (stored text, not translated)
            values["note"] = payment.note
            message = _(
                "%(amount)s captured but the order is “%(status)s” and not marked paid (%(note)s) — refund or "
                "confirm it."
            )
        return Mismatch("CAPTURED_NOT_PAID", message % values, order.order_id, payment.payment_id, payment.amount)
    if order.payment_status == OrderPaymentStatus.PAID and not (
        payment and payment.status in (PaymentStatus.CAPTURED, PaymentStatus.REFUNDED)
    ):
        return Mismatch(
            "PAID_NOT_CAPTURED",
            _("Order is marked paid but no captured payment is recorded."),
            order.order_id,
            payment.payment_id if payment else None,
            order.total_amount,
        )
    return None


def _cash_mismatch_message(diff: Decimal, collected: Decimal, due: Decimal, agent: str | None) -> str:
    """Cash short or over at one delivery, in the reader's language: "Short by ₹10.00: ₹90.00 collected,
    ₹100.00 due (Ravi)"."""
    values = {"diff": format_inr(abs(diff)), "collected": format_inr(collected), "due": format_inr(due), "agent": agent}
    if diff < 0:
        message = (
            _("Short by %(diff)s: %(collected)s collected, %(due)s due (%(agent)s)")
            if agent
            else _("Short by %(diff)s: %(collected)s collected, %(due)s due")
        )
    else:
        message = (
            _("Over by %(diff)s: %(collected)s collected, %(due)s due (%(agent)s)")
            if agent
            else _("Over by %(diff)s: %(collected)s collected, %(due)s due")
        )
    return message % values


def _agent_cash_rows(report: Report, tenant_id: str, agents: dict[str, User], active: set[str]) -> None:
    """Agents: everyone with activity in the range, plus everyone still holding cash (one Query)."""
    for row in agents_with_cash(tenant_id, agents):
        if row["collected"] or row["handed_over"] or row["agent_id"] in active:
            report.agents.append(row)
    report.agents.sort(key=lambda a: a["held"], reverse=True)


def _chart(days) -> dict:
    """Due, collected and handed over per day, oldest first (decimal strings for the chart)."""
    per_day: dict[date, list[Decimal]] = {}
    for c in days:
        bucket = per_day.setdefault(c.day, [ZERO, ZERO, ZERO])
        bucket[0] += c.due
        bucket[1] += c.collected
        bucket[2] += c.handed_over
    ordered = sorted(per_day)
    return {
        "labels": [formats.date_format(d, "d M") for d in ordered],
        "due": [str(per_day[d][0]) for d in ordered],
        "collected": [str(per_day[d][1]) for d in ordered],
        "handed_over": [str(per_day[d][2]) for d in ordered],
    }


def payments_for_order(tenant_id: str, order_id: str) -> list[Payment]:
    """An order's payment rows (online attempts, COD at the door), oldest first: one Query on
    ``order-index`` (eventually consistent on AWS; for a display, not for a decision)."""
    return [p for p in Payment.order_index.query(order_id) if p.tenant_id == tenant_id]


def get_payment(tenant_id: str, payment_id: str) -> Payment:
    return get_or_not_found(Payment, tenant_id, payment_id, message="Payment not found.")
