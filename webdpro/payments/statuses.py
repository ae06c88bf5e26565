"""Payment statuses and kinds and subscription statuses, for the web layer (views never import
``webdpro.db``). They are defined with their tables in :mod:`webdpro.db.payments` and :mod:`webdpro.db.tenants`."""

from webdpro.db.payments import PaymentKind, PaymentStatus, RefundStatus  # noqa: F401 (re-exported)
from webdpro.db.tenants import SubscriptionStatus  # noqa: F401 (re-exported)
