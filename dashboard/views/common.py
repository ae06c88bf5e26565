"""What view modules share, one home each: the HTMX-aware redirect, the status a refused action answers
with, the safe ``next`` URL, and a stored photo's response."""

from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from webdpro.errors import DomainError

# htmx 2 swaps 4xx answers only for these statuses (static/js/app.js): other refusals answer 409 in place.
SWAPPED_STATUSES = (400, 409, 422)


def client_redirect(request, url: str):
    """Go to ``url`` as a full page: ``HX-Redirect`` for an HTMX request (htmx ignores headers on a 3xx),
    a plain redirect otherwise."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def error_status(request, error: DomainError) -> int:
    """The status a refused action answers with: the error's own (400 if it has none); for an HTMX request,
    one that htmx swaps into the page (400/409/422), so the message is shown in place."""
    status = getattr(error, "status_code", 400) or 400
    status = status if status >= 400 else 400
    if getattr(request, "htmx", False) and status not in SWAPPED_STATUSES:
        return 409
    return status


def safe_next(request, value: str | None = None, default: str = "") -> str:
    """``value`` (default: the request's ``next`` parameter) if it points at this site, else ``default``."""
    if value is None:
        value = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: anything else (e.g. "a b") would be taken by redirect() for a view name.
    if (
        value
        and value.startswith("/")
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return default


def photo_response(name: str):
    """A stored proof-of-delivery photo, privately cacheable for an hour (404 when it is missing)."""
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Photo missing") from exc
    response = FileResponse(handle, content_type=mimetypes.guess_type(name)[0] or "image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
