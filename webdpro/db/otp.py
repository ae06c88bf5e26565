"""webdpro-otp (added table, TTL on expires_at): sign-in codes and send rate limits.

Items are keyed by ``pk``: ``code#<E.164>`` holds the hashed code of the current sign-in attempt;
``sends#phone#<E.164>`` and ``sends#ip#<address>`` hold recent send times for rate limiting.
DynamoDB's TTL removes them after ``expires_at``.
"""
from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute

from webdpro.db.attributes import IntAttribute
from webdpro.db.base import BaseModel


class OtpRecord(BaseModel):
    class Meta:
        logical_name = "otp"

    pk = UnicodeAttribute(hash_key=True)
    code_hash = UnicodeAttribute(null=True)
    attempts = IntAttribute(default=0)
    sends = ListAttribute(of=NumberAttribute, null=True)  # epoch seconds of recent sends
    created_at = UnicodeAttribute(null=True)
    expires_at = IntAttribute()  # epoch seconds; DynamoDB TTL attribute
