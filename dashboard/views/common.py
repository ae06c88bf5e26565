"""What view modules share, one home each: running a domain action and answering with its result or its
refusal, the HTMX-aware redirect, the status a refused action answers with, the safe ``next`` URL, a
stored photo's response, and what rows printed in Python keep per language."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django_htmx.http import HttpResponseClientRedirect

from dashboard.forms import next_parameter
from webdpro.errors import DomainError, NotFound

# htmx 2 swaps 4xx answers only for these statuses (static/js/app.js): other refusals answer 409 in place.
SWAPPED_STATUSES = (400, 409, 422)


_per_language: dict = {}


def per_language(kind):
    """One ``kind()`` for the active language and script prefix, built the first time and kept for the
    process: the words and links that rows printed in Python share (desk_rows, product_rows), which depend on
    nothing but the language and the URLconf."""
    key = (kind, get_language(), get_script_prefix())
    found = _per_language.get(key)
    if found is None:
        found = _per_language[key] = kind()
    return found


Respond = Callable[[object, DomainError | None, int], HttpResponse]


def run_action(request, action: Callable[[], object], respond: Respond, *, not_found_404: bool = False):
    """Run ``action()`` (a service call; a form's :func:`dashboard.forms.valid_data` inside it refuses a bad
    field the same way) and answer ``respond(result, None, 200)``. When the domain refuses, answer
    ``respond(None, error, status)`` with the error's 4xx (:func:`error_status`: one htmx swaps in place).
    ``not_found_404``: a NotFound is the 404 page rather than a refusal shown on the page."""
    try:
        result = action()
    except NotFound as error:
        if not_found_404:
            raise Http404(error.message) from error
        return respond(None, error, error_status(request, error))
    except DomainError as error:
        return respond(None, error, error_status(request, error))
    return respond(result, None, 200)


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
    """``value`` (default: the request's ``next`` parameter, read by :func:`dashboard.forms.next_parameter`) if
    it is a path on this site, else ``default``."""
    if value is None:
        value = next_parameter(request)
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
