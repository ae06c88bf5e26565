"""What a payment row is for (its ``kind``) and the notes WebDPro attaches to Razorpay objects.

Below the payment services, the gateway adapters and the webhook handler, so each of them can name a
kind or build notes without importing the others. Webhooks read the notes back (``app``, ``kind``,
``tenant_id``) to find the row a Razorpay event is about.
"""

from __future__ import annotations

from webdpro.db.payments import PaymentKind

KINDS = tuple(PaymentKind)
APP_NOTE = "webdpro"


def razorpay_notes(kind: str | None, tenant_id: str, **extra) -> dict:
    """``{"app": "webdpro", "kind": kind, "tenant_id": …}`` plus every non-empty ``extra`` value
    (no ``kind`` for objects that are not a payment, such as a Razorpay customer or a refund)."""
    notes = {"app": APP_NOTE}
    if kind:
        notes["kind"] = kind
    notes["tenant_id"] = tenant_id
    notes.update({key: value for key, value in extra.items() if value})
    return notes
