"""webdpro-webhook-events (added table, TTL on expires_at): provider webhook deliveries already applied.

Razorpay delivers webhooks at least once, retries for 24 hours and does not keep order. Each delivery's
``X-Razorpay-Event-Id`` is written here once it has been applied (``attribute_not_exists`` put), so a
replay is answered 200 without touching payments or orders again. DynamoDB's TTL removes the record
after 7 days (well past Razorpay's retry window).
"""

from pynamodb.attributes import UnicodeAttribute

from webdpro.db.attributes import IntAttribute
from webdpro.db.base import BaseModel


class WebhookEvent(BaseModel):
    class Meta:
        logical_name = "webhook-events"

    event_id = UnicodeAttribute(hash_key=True)  # "razorpay#<X-Razorpay-Event-Id>"
    event = UnicodeAttribute(null=True)  # e.g. payment.captured
    outcome = UnicodeAttribute(null=True)  # what applying it did, for support
    received_at = UnicodeAttribute()
    expires_at = IntAttribute()  # epoch seconds; DynamoDB TTL attribute
