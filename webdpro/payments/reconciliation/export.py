"""The reconciliation report as CSV: every COD, UPI-at-the-door and handover row of the range, then the
online orders with their payments. Codes stay codes (a spreadsheet filters on them)."""

from __future__ import annotations

import csv
import io

from webdpro import clock
from webdpro.db import User
from webdpro.db.payments import PaymentKind, PaymentStatus
from webdpro.payments.reconciliation.selectors import Report

CSV_HEADER = [
    "date",
    "time",
    "kind",
    "payment_id",
    "order_id",
    "agent",
    "method",
    "status",
    "due",
    "amount",
    "difference",
    "note",
]


def report_csv(report: Report, agents: dict[str, User] | None = None) -> str:
    agents = agents or {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report.lines:
        at = clock.local(row.created_at)
        due = row.amount_due if row.kind == PaymentKind.COD and row.amount_due is not None else None
        agent = agents.get(row.collected_by)
        writer.writerow(
            [
                at.date().isoformat(),
                at.strftime("%H:%M"),
                row.kind,
                row.payment_id,
                row.order_id or "",
                (agent.name if agent else row.collected_by) or "",
                row.payment_method or "",
                row.status,
                f"{due:.2f}" if due is not None else "",
                f"{row.amount:.2f}",
                f"{row.amount - due:.2f}" if due is not None else "",
                _safe(row.note or ""),
            ]
        )
    for item in report.online:
        order, payment = item["order"], item["payment"]
        at = clock.local(order.created_at)
        writer.writerow(
            [
                at.date().isoformat(),
                at.strftime("%H:%M"),
                "ONLINE",
                payment.payment_id if payment else "",
                order.order_id,
                "",
                order.payment_method,
                payment.status if payment else "NOT STARTED",
                f"{order.total_amount:.2f}",
                f"{payment.amount:.2f}"
                if payment and payment.status in (PaymentStatus.CAPTURED, PaymentStatus.REFUNDED)
                else "0.00",
                "",
                _safe(f"order {order.status}, payment {order.payment_status}"),
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """No spreadsheet formula injection."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
