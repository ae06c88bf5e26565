"""Order statuses, fulfilments, payment methods and payment statuses, for the web layer (views never import
``webdpro.db``). They are defined with the orders table in :mod:`webdpro.db.orders`."""

from webdpro.db.orders import (  # noqa: F401 (re-exported)
    FULFILMENTS,
    PAYMENT_METHODS,
    STATUSES,
    Fulfilment,
    OrderPaymentStatus,
    OrderStatus,
    PaymentMethod,
)
