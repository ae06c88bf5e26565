"""Order statuses, fulfilments, payment methods and payment statuses, for the web layer (views never import
``webdpro.db``). They are defined with the orders table in :mod:`webdpro.db.orders`."""

from webdpro.db.orders import (  # noqa: F401 (re-exported)
    CANCELLED,
    CARD,
    COD,
    CONFIRMED,
    DELIVERED,
    DELIVERY,
    FULFILMENTS,
    OUT_FOR_DELIVERY,
    PAY_COD_PENDING,
    PAY_FAILED,
    PAY_PAID,
    PAY_PENDING,
    PAY_REFUNDED,
    PAYMENT_METHODS,
    PENDING_PAYMENT,
    PICKED_UP,
    PICKUP,
    PLACED,
    PREPARING,
    READY_FOR_PICKUP,
    STATUSES,
    UPI,
)
