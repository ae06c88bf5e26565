"""webdpro-transfers (added table): the settlements ledger, one row per online order payment.

Keys: ``tenant_id`` (partition) and ``order_id`` (sort; a ULID, so rows sort by order time and a date
range is a key condition on ULID bounds — see ``webdpro.payments.ledger``). A row is written when an
online payment is captured and follows the Razorpay Route transfer of that payment:

    PLATFORM  held by WebDPro (the tenant had no activated payout account when the order was created)
    HELD      transferred to the linked account, on hold until delivery
    RELEASED  hold released (order delivered), waiting for Razorpay's settlement
    SETTLED   settled to the owner's bank (settlement id and date recorded)
    REVERSED  reversed with the customer's refund
    FAILED    Razorpay reported the transfer failed

``pending_action`` (RELEASE / REVERSE) marks work that could not be done at once; the sparse
``attention-index`` (``attention`` = ``RETRY`` only while something is pending or failed, sorted by
``attention_since``) is what the retry job and the console's "stuck for more than a day" list read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class TransferStatus(models.TextChoices):
    PLATFORM = "PLATFORM", _("Held by WebDPro")
    HELD = "HELD", _("Held")
    RELEASED = "RELEASED", _("Released")
    SETTLED = "SETTLED", _("Settled")
    REVERSED = "REVERSED", _("Reversed")
    FAILED = "FAILED", _("Failed")


class PendingAction(models.TextChoices):
    RELEASE = "RELEASE", _("Release waiting to be retried")
    REVERSE = "REVERSE", _("Reversal waiting to be retried")


RETRY = "RETRY"


class AttentionIndex(GlobalSecondaryIndex):
    """Sparse: transfers with work pending (or failed), oldest first — the retry job and the console."""

    class Meta:
        index_name = "attention-index"
        projection = AllProjection()

    attention = UnicodeAttribute(hash_key=True)
    attention_since = UnicodeAttribute(range_key=True)


class Transfer(BaseModel):
    class Meta:
        logical_name = "transfers"

    tenant_id = UnicodeAttribute(hash_key=True)
    order_id = UnicodeAttribute(range_key=True)
    store_id = UnicodeAttribute(null=True)
    payment_id = UnicodeAttribute(null=True)  # our payments row (the Razorpay order id)
    razorpay_payment_id = UnicodeAttribute(null=True)
    account_id = UnicodeAttribute(null=True)  # the linked account (acc_…), none for PLATFORM
    transfer_id = UnicodeAttribute(null=True)  # trf_…, known once Razorpay has created it
    amount = DecimalAttribute()  # what the customer paid online (rupees)
    commission = DecimalAttribute()  # the platform's commission (rupees)
    payout = DecimalAttribute()  # amount - commission: what the owner receives
    status = UnicodeAttribute(default=TransferStatus.HELD)
    pending_action = UnicodeAttribute(null=True)
    attempts = IntAttribute(default=0)
    last_error = UnicodeAttribute(null=True)
    settlement_id = UnicodeAttribute(null=True)
    settled_at = UnicodeAttribute(null=True)
    released_at = UnicodeAttribute(null=True)
    reversed_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    attention = UnicodeAttribute(null=True)
    attention_since = UnicodeAttribute(null=True)

    attention_index = AttentionIndex()

    def get_status_label(self) -> str:
        return TransferStatus(self.status).label

    def get_pending_label(self) -> str:
        return PendingAction(self.pending_action).label if self.pending_action else ""
