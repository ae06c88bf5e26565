"""Invoices: a number per store, series and financial year with no gaps and no duplicates.

Every sale gets one document: a **tax invoice** when the store's tenant was GST-registered at placement
(``order.seller_gstin``), else a **bill of supply** (no tax lines). Numbers run 1, 2, 3 … per store,
per kind and per financial year (April–March, in IST), shown as ``INV/2026-27/7`` or ``BOS/2026-27/7``.

**When an order is numbered: when it becomes a sale, never inside the place-order request.** A series
has one counter item that every buyer of the store would queue on, so numbering stays off the checkout
POST (issue 20):

* cash on delivery (and pay at pickup, which is cash on delivery at the counter): a sale once placed;
* UPI / card: a sale once the payment is captured (``payment_status`` PAID, or REFUNDED afterwards);
* an online order that is never paid (it expired, or was cancelled while awaiting payment) never
  becomes a sale and is never numbered, so it leaves no gap and no cancelled number.

Placement writes ``invoice_due = tenant_id`` on every order: the key of the sparse ``invoice-due-index``
(sorted by ``created_at``). :func:`number_due` — ``manage.py number_invoices``, run every
``RUN_JOBS_EVERY_SECONDS`` by ``make run``'s jobs (and by a scheduler on AWS) — walks the tenants as
``expire_orders`` does, Queries each tenant's due orders oldest first (never a Scan of orders), and numbers
the sales per store and series in placement order; it removes ``invoice_due`` from orders that can no
longer become a sale (cancelled before being paid) and leaves orders awaiting payment for a later run.
:func:`ensure_number` numbers one order on demand when its invoice is opened (by the owner or the
customer) before the job reached it, and refuses (``InvoiceNotIssued``, 409) for an order that is not a
sale yet.

**No gaps, no duplicates.** :func:`number_orders` reads the series' counter (consistent) and, in ONE
transaction, moves it from ``n`` to ``n + k`` (condition ``last_number = n``, or no counter yet) and writes
``invoice_seq = n + 1 … n + k`` on the ``k`` orders (condition: the order has no number yet and is a
sale), removing their ``invoice_due``. A concurrent numbering (another job run, an invoice opened) makes
the counter's condition fail and the loop reads again; an order someone else numbered first, or that
stopped being a sale, fails its own condition and is left out of the next try. A number is therefore never
taken without its order, and two orders never share one.

**Financial year**: from the order's placement date (IST), not the numbering date: an order placed on
31 March and numbered on 1 April takes the next number of the old year's series.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError, UpdateError

from webdpro import clock, platform
from webdpro.db import CONDITION_FAILED, Order, backoff, cancellation_codes, get_or_none, transact_write
from webdpro.db.invoice_counters import InvoiceCounter
from webdpro.db.orders import OrderPaymentStatus, OrderStatus, PaymentMethod
from webdpro.errors import Conflict

log = logging.getLogger("webdpro.invoices")

TAX_INVOICE = "TAX_INVOICE"
BILL_OF_SUPPLY = "BILL_OF_SUPPLY"
PREFIX = {TAX_INVOICE: "INV", BILL_OF_SUPPLY: "BOS"}
BATCH = 99  # orders per numbering transaction (DynamoDB allows 100 actions: the counter and 99 orders)
MAX_ATTEMPTS = 50
QUERY_PAGE = 200


class InvoiceNotIssued(Conflict):
    """The order is not a sale yet (an online order awaiting payment, or one never paid): no invoice."""


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


def is_sale(order) -> bool:
    """Cash on delivery once placed; an online order once paid (refunded later: still a sale made)."""
    return order.payment_method == PaymentMethod.COD or order.payment_status in (
        OrderPaymentStatus.PAID,
        OrderPaymentStatus.REFUNDED,
    )


def series_of(order) -> tuple[str, str, str]:
    """(kind, financial year of the placement date, series key of the counter)."""
    kind = kind_of(order)
    fy = financial_year(clock.local_date(clock.parse(order.created_at)))
    return kind, fy, f"{fy}#{kind}"


def _sale_condition():
    return (Order.payment_method == PaymentMethod.COD) | Order.payment_status.is_in(
        OrderPaymentStatus.PAID, OrderPaymentStatus.REFUNDED
    )


def _current(store_id: str, series: str) -> int:
    counter = get_or_none(InvoiceCounter, store_id, series, consistent_read=True)
    return (counter.last_number or 0) if counter else 0


def _take(store_id: str, series: str, kind: str, fy: str, last: int, orders) -> None:
    """One transaction: the counter from ``last`` to ``last + len(orders)``, the numbers on the orders."""
    counter = InvoiceCounter(store_id, series)
    if last:
        condition = InvoiceCounter.last_number == last
    else:
        condition = InvoiceCounter.series.does_not_exist()
    with transact_write() as tx:
        tx.update(
            counter,
            actions=[
                InvoiceCounter.last_number.set(last + len(orders)),
                InvoiceCounter.updated_at.set(clock.now_iso()),
            ],
            condition=condition,
        )
        for seq, order in enumerate(orders, start=last + 1):
            tx.update(
                Order(order.order_id),
                actions=[
                    Order.invoice_seq.set(seq),
                    Order.invoice_fy.set(fy),
                    Order.invoice_kind.set(kind),
                    Order.invoice_due.remove(),
                ],
                condition=Order.order_id.exists() & Order.invoice_seq.does_not_exist() & _sale_condition(),
            )


def number_orders(orders) -> int:
    """Number ``orders`` — one store and series, oldest first — in that order; returns how many this call
    numbered. Orders numbered by someone else meanwhile, or no longer sales, are left out."""
    pending, numbered = list(orders), 0
    for attempt in range(MAX_ATTEMPTS):
        if not pending:
            return numbered
        batch = pending[:BATCH]
        kind, fy, series = series_of(batch[0])
        last = _current(batch[0].store_id, series)
        try:
            _take(batch[0].store_id, series, kind, fy, last, batch)
        except TransactWriteError as exc:
            codes = cancellation_codes(exc)
            if not codes:
                raise
            refused = {o.order_id for o, code in zip(batch, codes[1:], strict=False) if code == CONDITION_FAILED}
            pending = [o for o in pending if o.order_id not in refused]
            if not refused:
                time.sleep(backoff(min(attempt, 4)))  # the counter moved: read it again
            continue
        for seq, order in enumerate(batch, start=last + 1):
            order.invoice_seq, order.invoice_fy, order.invoice_kind = seq, fy, kind
        numbered += len(batch)
        pending = pending[len(batch) :]
    if pending:
        raise RuntimeError("could not number the invoices")  # pragma: no cover
    return numbered


def ensure_number(order):
    """``order`` with its number, numbering it now if the job has not yet (``InvoiceNotIssued`` if it is
    not a sale)."""
    if order.invoice_seq:
        return order
    if is_sale(order) and number_orders([order]):
        return order
    fresh = get_or_none(Order, order.order_id, consistent_read=True)  # numbered by someone else, or not a sale
    if fresh is None or not fresh.invoice_seq:
        raise InvoiceNotIssued(_("The invoice is issued once the order is paid."))
    order.invoice_seq, order.invoice_fy, order.invoice_kind = fresh.invoice_seq, fresh.invoice_fy, fresh.invoice_kind
    return order


def _drop(order) -> bool:
    """Take an order that can no longer become a sale (cancelled unpaid) out of the due index."""
    try:
        Order(order.order_id).update(
            actions=[Order.invoice_due.remove()],
            condition=Order.invoice_due.exists() & (Order.status == OrderStatus.CANCELLED) & ~_sale_condition(),
        )
    except UpdateError:
        return False
    return True


def number_tenant(tenant_id: str) -> dict:
    """Number the due sales of one tenant's stores (one Query of the due index, oldest first)."""
    stats = {"numbered": 0, "dropped": 0, "waiting": 0}
    groups: dict[tuple[str, str], list] = {}
    for order in Order.invoice_due_index.query(tenant_id, page_size=QUERY_PAGE):
        if is_sale(order):
            groups.setdefault((order.store_id, series_of(order)[2]), []).append(order)
        elif order.status == OrderStatus.CANCELLED:
            stats["dropped"] += _drop(order)
        else:
            stats["waiting"] += 1
    for orders in groups.values():
        try:
            stats["numbered"] += number_orders(orders)
        except Exception:  # noqa: BLE001 — one store's failure must not stop the others
            log.exception("invoice numbering failed", extra={"store_id": orders[0].store_id})
    return stats


def number_due(*, tenant_id: str | None = None) -> dict:
    """Number every due sale of one tenant, or of every tenant (the periodic job)."""
    totals = {"tenants": 0, "numbered": 0, "dropped": 0, "waiting": 0}
    tenants = [tenant_id] if tenant_id else platform.all_tenant_ids(page_size=QUERY_PAGE)
    for tid in tenants:
        totals["tenants"] += 1
        for key, value in number_tenant(tid).items():
            totals[key] += value
    return totals
