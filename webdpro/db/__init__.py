"""One PynamoDB module per table. Import models from here: ``from webdpro.db import Order``."""

from webdpro.db import calls  # noqa: F401  (installs the call-counting hook first)
from webdpro.db.attributes import DecimalAttribute, IntAttribute  # noqa: F401
from webdpro.db.audit import AuditEntry  # noqa: F401
from webdpro.db.base import (  # noqa: F401
    CONDITION_FAILED,
    TRANSACTION_CONFLICT,
    BaseModel,
    backoff,
    cancellation_codes,
    condition_failed,
    configure,
    conflict_on_condition,
    connection,
    get_many,
    get_or_none,
    get_or_not_found,
    is_condition_failure,
    is_invalid_request,
    is_transaction_conflict,
    is_unavailable,
    read_ahead,
    registered_models,
    retry_hot_transaction,
    retry_transaction,
    someone_was_first,
    transact_get,
    transact_write,
    warm_up,
)
from webdpro.db.coupons import Coupon, CouponUse  # noqa: F401
from webdpro.db.customers import StoreCustomer  # noqa: F401
from webdpro.db.deliveries import Delivery  # noqa: F401
from webdpro.db.domains import DomainClaim  # noqa: F401
from webdpro.db.invoice_counters import InvoiceCounter  # noqa: F401
from webdpro.db.orders import Order  # noqa: F401
from webdpro.db.otp import OtpRecord  # noqa: F401
from webdpro.db.payments import Payment  # noqa: F401
from webdpro.db.products import Product  # noqa: F401
from webdpro.db.route_sandbox import RouteSandboxItem  # noqa: F401
from webdpro.db.stats import PlatformStat  # noqa: F401
from webdpro.db.stock_movements import StockMovement  # noqa: F401
from webdpro.db.stores import Store  # noqa: F401
from webdpro.db.tenants import Tenant  # noqa: F401
from webdpro.db.transfers import Transfer  # noqa: F401
from webdpro.db.users import User  # noqa: F401
from webdpro.db.webhook_events import WebhookEvent  # noqa: F401
