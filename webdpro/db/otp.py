"""webdpro-otp (added table, TTL on expires_at): sign-in codes and send rate limits.

Items are keyed by ``pk``:

- ``code#<E.164>``: the current sign-in code of a phone — ``code_hash`` (salted HMAC, never the code),
  ``attempts`` (wrong or right, counted with a conditional ADD before the check), ``backend`` that issued
  it (``local`` / ``cognito``; Cognito keeps its ``challenge`` session here), ``expires_at`` (5 minutes).
- ``sends#phone#<E.164>`` and ``sends#ip#<address or IPv6 /64>``: epoch seconds of recent sends
  (``sends``), written with optimistic concurrency on ``seq`` so concurrent sends cannot overrun the limit;
  ``expires_at`` is the newest send plus the window.

DynamoDB's TTL deletes items some time after ``expires_at``; readers always check it themselves.
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
    # Optimistic-concurrency counter for ``sends``; the issuing backend and its state.
    seq = IntAttribute(default=0)
    backend = UnicodeAttribute(null=True)
    challenge = UnicodeAttribute(null=True)  # Cognito's auth-flow Session between the two steps
