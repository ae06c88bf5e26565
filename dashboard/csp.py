"""Content-Security-Policy on every response (a small middleware; no inline script anywhere).

Scripts come only from the app itself (``'self'``: static files, htmx included). Pages that open
Razorpay Checkout (the pay page, the publish-fee page, billing) are marked with
:func:`allow_razorpay_checkout`, which adds ``https://checkout.razorpay.com`` to ``script-src`` and
Razorpay's hosts to ``frame-src``/``connect-src``/``img-src`` for that response only. Styles allow
``'unsafe-inline'`` (htmx's indicator style and a store's theme colours); images allow ``data:``/``blob:``
(QR codes, previews), the delivery map's tile host and the media bucket.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings

HEADER = "Content-Security-Policy"
RAZORPAY = {
    "script-src": ["https://checkout.razorpay.com"],
    "frame-src": ["https://api.razorpay.com", "https://checkout.razorpay.com"],
    "connect-src": ["https://*.razorpay.com"],
    "img-src": ["https://*.razorpay.com"],
}


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def base_policy() -> dict[str, list[str]]:
    images = ["'self'", "data:", "blob:"]
    for url in (getattr(settings, "DELIVERY_MAP_TILES", "") or "https://tile.openstreetmap.org/", settings.MEDIA_URL):
        origin = _origin(url.replace("{s}", "a"))
        if origin:
            images.append(origin)
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        images.append(f"https://{settings.AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        images.append(f"https://{settings.AWS_STORAGE_BUCKET_NAME}.s3.{settings.AWS_REGION}.amazonaws.com")
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": images,
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }


def policy(razorpay: bool = False) -> str:
    directives = base_policy()
    if razorpay:
        for name, sources in RAZORPAY.items():
            kept = [s for s in directives[name] if s != "'none'"]
            directives[name] = kept + sources if kept else ["'self'", *sources]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def allow_razorpay_checkout(view):
    """Mark a view whose page loads Razorpay Checkout (checkout.js and its iframe)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.csp_razorpay = True
        return response

    wrapper.csp_razorpay = True
    return wrapper


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.plain, self.with_razorpay = policy(), policy(razorpay=True)

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = self.with_razorpay if getattr(response, "csp_razorpay", False) else self.plain
        return response
