"""Payment statuses and kinds, subscription, payout and transfer statuses, for the web layer (views never import
``webdpro.db``). They are defined with their tables in :mod:`webdpro.db.payments` and :mod:`webdpro.db.tenants`."""

from webdpro.db.payments import PaymentKind, PaymentStatus, RefundStatus  # noqa: F401 (re-exported)
from webdpro.db.tenants import PayoutStatus, SubscriptionStatus  # noqa: F401 (re-exported)
from webdpro.db.transfers import TransferStatus  # noqa: F401 (re-exported)
