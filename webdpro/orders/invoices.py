"""Invoices: a number per store, series and financial year with no gaps and no duplicates.

Every order gets one document: a **tax invoice** when the store's tenant was GST-registered at placement
(``order.seller_gstin``), else a **bill of supply** (no tax lines). Numbers run 1, 2, 3 … per store,
per kind and per financial year (April–March, in IST), shown as ``INV/2026-27/7`` or ``BOS/2026-27/7``.

:func:`assign_number` runs right after the order is placed. It reads the series' counter (consistent)
and, in ONE transaction, moves the counter from ``n`` to ``n + 1`` (condition ``last_number = n``, or
no counter yet) and writes ``invoice_seq = n + 1`` on the order (condition: the order has no number
yet). A concurrent order that took ``n + 1`` first makes the condition fail and the loop reads again, so
two orders never share a number and a number is never taken without its order. If the process dies
between placement and numbering, :func:`ensure_number` numbers the order when its invoice is first
opened.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import date

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import Order, get_or_none, transact_write
from webdpro.db.invoice_counters import InvoiceCounter

log = logging.getLogger("webdpro.invoices")

TAX_INVOICE = "TAX_INVOICE"
BILL_OF_SUPPLY = "BILL_OF_SUPPLY"
PREFIX = {TAX_INVOICE: "INV", BILL_OF_SUPPLY: "BOS"}
MAX_ATTEMPTS = 200


def financial_year(day: date) -> str:
    """2026-12-02 → ``2026-27``; 2027-03-31 → ``2026-27``; 2027-04-01 → ``2027-28``."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def kind_of(order) -> str:
    return TAX_INVOICE if order.seller_gstin else BILL_OF_SUPPLY


def title(order) -> str:
    return _("Tax invoice") if kind_of(order) == TAX_INVOICE else _("Bill of supply")


def number_label(order) -> str:
    if not order.invoice_seq:
        return ""
    return f"{PREFIX[order.invoice_kind or kind_of(order)]}/{order.invoice_fy}/{order.invoice_seq}"


def _current(store_id: str, series: str) -> int:
    counter = get_or_none(InvoiceCounter, store_id, series, consistent_read=True)
    return (counter.last_number or 0) if counter else 0


def _take(order, kind: str, fy: str, series: str, last: int) -> None:
    now = clock.now_iso()
    counter = InvoiceCounter(order.store_id, series)
    if last:
        condition = InvoiceCounter.last_number == last
    else:
        condition = InvoiceCounter.series.does_not_exist()
    with transact_write() as tx:
        tx.update(
            counter,
            actions=[InvoiceCounter.last_number.set(last + 1), InvoiceCounter.updated_at.set(now)],
            condition=condition,
        )
        tx.update(
            Order(order.order_id),
            actions=[Order.invoice_seq.set(last + 1), Order.invoice_fy.set(fy), Order.invoice_kind.set(kind)],
            condition=Order.order_id.exists() & Order.invoice_seq.does_not_exist(),
        )


def assign_number(order) -> int:
    """Give ``order`` the next number of its series (idempotent: an order keeps its number)."""
    if order.invoice_seq:
        return order.invoice_seq
    kind = kind_of(order)
    fy = financial_year(clock.local_date(clock.parse(order.created_at)))
    series = f"{fy}#{kind}"
    for attempt in range(MAX_ATTEMPTS):
        last = _current(order.store_id, series)
        try:
            _take(order, kind, fy, series, last)
        except TransactWriteError as exc:
            codes = [r.code if r else None for r in (exc.cancellation_reasons or [])]
            if len(codes) > 1 and codes[1] == "ConditionalCheckFailed":
                fresh = Order.get(order.order_id, consistent_read=True)  # numbered by someone else
                order.invoice_seq, order.invoice_fy, order.invoice_kind = (
                    fresh.invoice_seq,
                    fresh.invoice_fy,
                    fresh.invoice_kind,
                )
                return order.invoice_seq
            if not codes:
                raise
            time.sleep(min(0.05, 0.002 * (attempt + 1)) * random.uniform(0.5, 1.5))
            continue
        order.invoice_seq, order.invoice_fy, order.invoice_kind = last + 1, fy, kind
        return order.invoice_seq
    raise RuntimeError("could not number the invoice")  # pragma: no cover


def assign_after_placement(order) -> None:
    """Never breaks a placed order: a failure leaves the number to :func:`ensure_number`."""
    try:
        assign_number(order)
    except Exception:  # noqa: BLE001
        log.exception("invoice numbering failed", extra={"order_id": order.order_id})


def ensure_number(order):
    if not order.invoice_seq:
        assign_number(order)
    return order
