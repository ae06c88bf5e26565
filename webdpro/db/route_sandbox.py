"""webdpro-route-sandbox (added table): what the local payments sandbox keeps in place of Razorpay Route.

Only the sandbox (``PAYMENTS_SANDBOX``, no Razorpay keys) reads or writes it. Items are Razorpay-shaped
JSON documents under a generic key:

    ACC#<acc_id>   / ACC            a linked account with its stakeholder, product and status
    TRF#<trf_id>   / TRF            a transfer (on hold, released, reversed, settled)
    SETL#<setl_id> / TRF#<trf_id>   the transfers of one settlement
    DUE            / <iso>#<what>   work the sandbox owes at a time: activate an account, settle a transfer
"""

from pynamodb.attributes import UnicodeAttribute

from webdpro.db.base import BaseModel


class RouteSandboxItem(BaseModel):
    class Meta:
        logical_name = "route-sandbox"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    data = UnicodeAttribute()  # JSON
