"""Pay at the door by UPI: the ``upi://pay`` deep link for the exact amount and its QR code (SVG, drawn
server-side with segno — no JavaScript, no CDN)."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.utils.translation import gettext as _

from webdpro.errors import Conflict
from webdpro.ids import short
from webdpro.money import to_decimal

UPI_ID = re.compile(r"^[A-Za-z0-9._\-]{2,256}@[A-Za-z][A-Za-z0-9.\-]{1,64}$")


class UpiNotConfigured(Conflict):
    """The store has no usable UPI ID, so no UPI QR can be shown at the door."""


def store_upi(store) -> tuple[str, str]:
    """(upi_id, payee name) from the store config ``payments.upi_id`` and ``name``."""
    config = store.config_dict if store else {}
    payments = config.get("payments") or {}
    upi_id = (payments.get("upi_id") or "").strip()
    payee = (config.get("name") or getattr(store, "name", None) or "Store").strip()
    if not upi_id:
        raise UpiNotConfigured(
            _(
                "This store has no UPI ID yet, so a UPI QR cannot be shown. Collect cash, or ask the "
                "owner to add the UPI ID in the store's payment settings."
            )
        )
    if not UPI_ID.match(upi_id):
        raise UpiNotConfigured(
            _(
                "The store's UPI ID “%(upi_id)s” does not look right (like name@bank). "
                "Collect cash, or ask the owner to fix it in the store's payment "
                "settings."
            )
            % {"upi_id": upi_id}
        )
    return upi_id, payee


def upi_uri(upi_id: str, payee: str, amount, order_id: str) -> str:
    params = [
        ("pa", upi_id),
        ("pn", payee[:50]),
        ("am", f"{to_decimal(amount):.2f}"),
        ("cu", "INR"),
        ("tn", f"Order {short(order_id)}"),
        ("tr", order_id),
    ]
    return "upi://pay?" + "&".join(f"{k}={quote(v, safe='@.-_')}" for k, v in params)


def qr_svg(data: str, scale: int = 6) -> str:
    """An inline <svg> QR code of ``data`` (error correction M; dark on white with a quiet zone)."""
    import segno

    qr = segno.make(data, error="m", micro=False)
    return qr.svg_inline(scale=scale, border=3, dark="#111827", light="#ffffff", title="UPI payment QR code")
