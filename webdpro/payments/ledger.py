"""The owner's settlements ledger (reads only): online orders with their commission, transfer status
and settlement, totals for today / this week / a date range, and a streamed CSV.

Access pattern (no Scan): ``webdpro-transfers`` is keyed (tenant_id, order_id) and order ids are ULIDs,
whose first 10 characters encode the order's millisecond time. A range of IST days is therefore one
Query ``tenant_id = :t AND order_id BETWEEN :lo AND :hi`` with ``lo`` / ``hi`` the ULID prefixes of
the range's first and last instants, read page by page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ulid import ULID

from webdpro import clock
from webdpro.db import Tenant, Transfer
from webdpro.db.tenants import PayoutStatus
from webdpro.db.transfers import TransferStatus
from webdpro.errors import ValidationFailed
from webdpro.ids import ulid_bounds

MAX_RANGE_DAYS = 366
PAGE = 200
SHOWN = 200  # rows listed on the page (newest first); the totals and the CSV cover the whole range


def today() -> date:
    return clock.local_today()


def key_bounds(start: date, end: date) -> tuple[str, str]:
    """ULID bounds of the IST days ``start``..``end`` (inclusive)."""
    first, last = clock.day_bounds(start, end)
    return ulid_bounds(first, last)


def parse_range(raw_from: str | None, raw_to: str | None) -> tuple[date, date]:
    """``from``/``to`` as YYYY-MM-DD (default: the last 7 days); refused with the field named."""
    end = _parse_day(raw_to, "to") or today()
    start = _parse_day(raw_from, "from") or end - timedelta(days=6)
    if start > end:
        raise ValidationFailed(_("The start date is after the end date."), field="from")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ValidationFailed(_("Choose at most a year at a time."), field="from")
    return start, end


def _parse_day(raw: str | None, name: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationFailed(_("Enter a date like 2026-12-01."), field=name) from exc


def rows(tenant_id: str, start: date, end: date) -> Iterator[Transfer]:
    """The ledger rows of the range, newest first (one Query, paginated by DynamoDB)."""
    low, high = key_bounds(start, end)
    return Transfer.query(tenant_id, Transfer.order_id.between(low, high), scan_index_forward=False, page_size=PAGE)


@dataclass
class Totals:
    count: int = 0
    amount: Decimal = Decimal("0.00")
    commission: Decimal = Decimal("0.00")
    payout: Decimal = Decimal("0.00")
    by_status: dict = field(default_factory=dict)

    def add(self, row: Transfer) -> None:
        if row.status == TransferStatus.REVERSED:
            self.by_status[row.status] = self.by_status.get(row.status, Decimal("0.00")) + row.amount
            return
        self.count += 1
        self.amount += row.amount
        self.commission += row.commission
        self.payout += row.payout
        self.by_status[row.status] = self.by_status.get(row.status, Decimal("0.00")) + row.payout


def totals(items) -> Totals:
    """Totals of rows; reversed (refunded) orders count in no total but their own status."""
    result = Totals()
    for row in items:
        result.add(row)
    return result


@dataclass
class Ledger:
    start: date
    end: date
    rows: list
    totals: Totals
    today: Totals
    week: Totals
    count: int = 0  # rows in the range (the page lists at most SHOWN of them)


def build(tenant_id: str, start: date, end: date) -> Ledger:
    """The page: the range's rows and totals, plus today and this week (Monday to today, IST)."""
    now = today()
    week_start = now - timedelta(days=now.weekday())
    listed = list(rows(tenant_id, start, end))
    for row in listed[:SHOWN]:
        row.settled_day = _ist_date(row.settled_at)
        row.order_day = _order_date(row.order_id)
    if start <= week_start and end >= now:
        recent = [r for r in listed if r.order_id >= key_bounds(week_start, now)[0]]
    else:
        recent = list(rows(tenant_id, week_start, now))
    today_low = key_bounds(now, now)[0]
    return Ledger(
        start=start,
        end=end,
        rows=listed[:SHOWN],
        count=len(listed),
        totals=totals(listed),
        today=totals(r for r in recent if r.order_id >= today_low),
        week=totals(recent),
    )


# Razorpay's requirement field references and reason codes, as the owner reads them.
FIELD_LABELS = {
    "settlements.account_number": gettext_lazy("Bank account number"),
    "settlements.ifsc_code": gettext_lazy("IFSC"),
    "settlements.beneficiary_name": gettext_lazy("Account holder's name"),
    "kyc.pan": gettext_lazy("PAN"),
    "legal_info.pan": gettext_lazy("PAN"),
    "legal_info.gst": gettext_lazy("GSTIN"),
    "name": gettext_lazy("Contact person"),
    "contact_name": gettext_lazy("Contact person"),
    "legal_business_name": gettext_lazy("Legal business name"),
    "individual_proof_of_address": gettext_lazy("Proof of address"),
    "individual_proof_of_identification": gettext_lazy("Proof of identity"),
}
REASON_LABELS = {
    "field_missing": gettext_lazy("missing"),
    "invalid_value": gettext_lazy("not accepted, check it"),
    "invalid_bank_account": gettext_lazy("the bank could not verify this account"),
    "kyc_failed": gettext_lazy("could not be verified"),
    "document_missing": gettext_lazy("a document is needed"),
}


FORM_FIELDS = {
    "settlements.account_number": "account_number",
    "settlements.ifsc_code": "ifsc",
    "settlements.beneficiary_name": "beneficiary_name",
    "kyc.pan": "pan",
    "legal_info.pan": "pan",
    "legal_info.gst": "gstin",
    "name": "contact_name",
    "contact_name": "contact_name",
    "legal_business_name": "legal_business_name",
}


def flagged_fields(reason: str | None) -> set[str]:
    """The "Get paid" form fields Razorpay's requirements point at (highlighted for the owner)."""
    refs = (part.partition(": ")[0] for part in (reason or "").split("; ") if part)
    return {FORM_FIELDS[ref] for ref in refs if ref in FORM_FIELDS}


def reason_lines(reason: str | None) -> list[str]:
    """The stored requirements ("field_reference: reason code; …") in the owner's words."""
    if not reason:
        return [str(_("Razorpay needs more information about this account."))]
    lines = []
    for part in reason.split("; "):
        ref, _sep, code = part.partition(": ")
        label = FIELD_LABELS.get(ref, ref)
        why = REASON_LABELS.get(code.replace(" ", "_"), code)
        lines.append(f"{label}: {why}" if why else str(label))
    return lines


def payout_summary(tenant: Tenant) -> dict:
    """What the Payments pages say about payouts (no extra read: the tenant is already loaded)."""
    status = tenant.payout_status or PayoutStatus.NOT_STARTED
    return {
        "status": status,
        "label": PayoutStatus(status).label,
        "reason": tenant.payout_reason,
        "reasons": reason_lines(tenant.payout_reason) if status == PayoutStatus.NEEDS_CLARIFICATION else [],
        "flagged": flagged_fields(tenant.payout_reason) if status == PayoutStatus.NEEDS_CLARIFICATION else set(),
        "activated": status == PayoutStatus.ACTIVATED,
        "held": tenant.platform_held_total or Decimal("0.00"),
        "commission": tenant.commission_total or Decimal("0.00"),
        "details": tenant.payout_details,
    }


CSV_HEADER = [
    "order_id",
    "order_date",
    "online_amount",
    "commission",
    "payout",
    "transfer_status",
    "transfer_id",
    "settlement_id",
    "settled_at",
]


def _ist_date(iso: str | None) -> str:
    if not iso:
        return ""
    return clock.local_date(iso).isoformat()


def _order_date(order_id: str) -> str:
    return clock.local_date(ULID.from_str(order_id).datetime).isoformat()


def csv_lines(tenant_id: str, start: date, end: date) -> Iterator[str]:
    """The range as CSV, one line at a time (for a streamed response); money as plain decimals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(CSV_HEADER)
    for row in rows(tenant_id, start, end):
        yield line(
            [
                row.order_id,
                _order_date(row.order_id),
                f"{row.amount:.2f}",
                f"{row.commission:.2f}",
                f"{row.payout:.2f}",
                TransferStatus(row.status).label,
                row.transfer_id or "",
                row.settlement_id or "",
                _ist_date(row.settled_at),
            ]
        )
