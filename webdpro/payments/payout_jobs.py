"""The payouts' periodic job (``manage.py payouts_sync``): retry every pending Route release or reversal.

Above both :mod:`webdpro.payments.payouts` (transfer bookkeeping) and :mod:`webdpro.payments.refunds`
(a pending reversal is retried by refunding the payment again, which reverses its transfer).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from webdpro.db import Payment, Transfer
from webdpro.db.transfers import RETRY, PendingAction
from webdpro.errors import DomainError
from webdpro.payments import payouts
from webdpro.payments.gateway import get_gateway
from webdpro.payments.refunds import refund_payment


def _retry(row: Transfer, gateway) -> str:
    if row.pending_action == PendingAction.RELEASE:
        return payouts.release(row, gateway)
    if row.pending_action == PendingAction.REVERSE:
        payment = Payment.get(row.tenant_id, row.payment_id, consistent_read=True)
        try:
            refund_payment(payment, _("Order cancelled"), by="payouts", gateway=gateway)
        except DomainError as exc:
            payouts._pending(row, PendingAction.REVERSE, str(exc))
            return "reversal pending"
        return "reversed"
    return "failed: waiting for support"


def run_pending(gateway=None, limit: int = 200) -> dict:
    """The periodic job: the sandbox's due work first, then every pending release or reversal, oldest
    first (one Query of the sparse ``attention-index``)."""
    gateway = gateway or get_gateway()
    done = {"sandbox": gateway.route.tick() if gateway.is_sandbox else 0}
    for row in Transfer.attention_index.query(RETRY, limit=limit):
        if not row.pending_action:
            continue
        outcome = _retry(row, gateway)
        done[outcome] = done.get(outcome, 0) + 1
    return done
