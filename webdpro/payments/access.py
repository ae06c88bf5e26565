"""Who may pay for an order: the browser session that placed it, or whoever holds its signed pay link.

``payments:pay`` (``/pay/<order_id>/``) answers 404 to everyone else, so order ids in URLs reveal
nothing. Two ways in:

* **The placing session.** The storefront remembers the orders a session placed
  (``sf_orders``: {store_id: [order_id, …]}) and redirects to ``reverse("payments:pay", …)`` on the same
  host; :func:`allow_in_session` does the same for other callers. On a store's own host
  (``<slug>.webdpro.in``, custom domain) only that store's orders are served.
* **A signed pay link** (:func:`signed_pay_url`): ``/pay/<order_id>/?t=<token>``, a Django
  ``TimestampSigner`` token over the order id (salted, valid ``PAY_LINK_MAX_AGE_SECONDS``, 2 days by
  default) — for an SMS "complete your payment" link or a customer on another device. Opening it
  remembers the order in that session and redirects to the clean URL (the token leaves the address bar).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SESSION_KEY = "pay_orders"
STOREFRONT_KEY = "placed_orders"
STOREFRONT_ORDERS = "sf_orders"  # dashboard.views.storefront.common.ORDERS_SESSION_KEY
SALT = "webdpro.payments.pay-link"
MAX_REMEMBERED = 20


def allow_in_session(session, order_id: str) -> None:
    orders = [o for o in session.get(SESSION_KEY, []) if o != order_id]
    orders.append(order_id)
    session[SESSION_KEY] = orders[-MAX_REMEMBERED:]


def session_may_pay(session, order_id: str) -> bool:
    if order_id in session.get(SESSION_KEY, []) or order_id in (session.get(STOREFRONT_KEY) or []):
        return True
    # The storefront remembers the orders a session placed as {store_id: [order_id, …]}.
    remembered = session.get(STOREFRONT_ORDERS) or {}
    return isinstance(remembered, dict) and any(order_id in (ids or []) for ids in remembered.values())


def make_token(order_id: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign(order_id).split(":", 1)[1]


def token_valid(order_id: str, token: str | None) -> bool:
    if not token:
        return False
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(
            f"{order_id}:{token}", max_age=settings.PAY_LINK_MAX_AGE_SECONDS
        )
    except signing.BadSignature:
        return False
    return value == order_id


def signed_pay_url(order_id: str, request=None) -> str:
    url = reverse("payments:pay", kwargs={"order_id": order_id}) + "?t=" + make_token(order_id)
    return request.build_absolute_uri(url) if request is not None else url
