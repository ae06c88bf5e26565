"""Limits on the storefront's checkout and order tracking (see ``webdpro.ratelimits``).

Checkout: per browser session and per client IP (IPv6: per /64) on a store, and per customer phone on
the whole platform (each order sends that phone an SMS). All three slots are taken inside the order's
transaction (:func:`checkout_slots`): an order that is not placed uses none, a refused one writes nothing.
The IP's counter is shared by everyone behind that address, so it is marked ``shared``: placement queues
the writers of one IP in a process like the writers of one product, and retries conflicts with other
processes (``webdpro.db.retry_hot_transaction``). Tracking: per session and per IP on a store (it looks
orders up by number and phone). A refused request writes nothing else (no order, no SMS).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from webdpro.accounts.client_ip import rate_limit_key
from webdpro.ratelimits import Limit, Slots, take


def _busy() -> str:
    return _("Too many orders were placed from here in a short time. Please try again in {minutes} minutes.")


def checkout_slots(store_id: str, session_id: str, phone: str, ip: str) -> Slots:
    """The browser session's, the phone's and the client IP's checkout slots, taken in the order's
    transaction (an order that is not placed uses none); refused: nothing written."""
    window = settings.CHECKOUT_LIMIT_WINDOW_SECONDS
    return Slots(
        (
            Limit("checkout-session", f"{store_id}#{session_id}", settings.CHECKOUTS_PER_SESSION, window, _busy()),
            Limit(
                "checkout-phone",
                phone,
                settings.CHECKOUTS_PER_PHONE,
                window,
                _("Too many orders for this mobile number in a short time. Please try again in {minutes} minutes."),
            ),
            Limit(
                "checkout-ip",
                f"{store_id}#{rate_limit_key(ip)}",
                settings.CHECKOUTS_PER_IP,
                window,
                _busy(),
                shared=True,
            ),
        )
    )


def take_tracking(store_id: str, session_id: str, ip: str) -> None:
    window = settings.TRACKING_LIMIT_WINDOW_SECONDS
    message = _("Too many order look-ups from here. Please try again in {minutes} minutes.")
    take(
        Limit("track-session", f"{store_id}#{session_id}", settings.TRACKING_PER_SESSION, window, message),
        Limit("track-ip", f"{store_id}#{rate_limit_key(ip)}", settings.TRACKING_PER_IP, window, message),
    )
