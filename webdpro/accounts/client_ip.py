"""The client's IP address for rate limits.

``REMOTE_ADDR`` unless ``TRUST_X_FORWARDED_FOR`` is on (behind a load balancer). Then the address is
read from ``X-Forwarded-For`` counting ``TRUSTED_PROXY_COUNT`` hops from the right: each proxy *appends*
the address it saw, so the right-most hops are written by our own proxies, while anything to their left
came from the client and can be forged. With one ALB and an honest client this is also the first hop.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(meta) -> str:
    """``meta`` is ``request.META``."""
    address = (meta.get("REMOTE_ADDR") or "").strip()
    if settings.TRUST_X_FORWARDED_FOR:
        hops = [hop.strip() for hop in (meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop.strip()]
        count = max(1, settings.TRUSTED_PROXY_COUNT)
        if hops:
            address = hops[-count] if len(hops) >= count else hops[0]
    return address or "unknown"


def rate_limit_key(address: str) -> str:
    """IPv4 addresses as they are; IPv6 by /64 (one subscriber usually holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address[:64] or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
