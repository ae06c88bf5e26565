"""Custom error pages. A 500 caused by DynamoDB being unreachable is shown as a 503."""

import sys

from django.shortcuts import render
from django_htmx.http import HttpResponseClientRefresh

from webdpro.middleware import is_unavailable, unavailable_response


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "errors/403.html", {"message": message}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    error = sys.exc_info()[1]
    if error is not None and is_unavailable(error):
        return unavailable_response(request)
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:  # the template itself failed: plain text, never a traceback
        from django.http import HttpResponseServerError

        return HttpResponseServerError("Something went wrong on our side. Please try again.")


def csrf_failure(request, reason=""):
    """A form older than the session's CSRF token (signed in or out in another tab, cookies cleared):
    HTMX reloads the page for a fresh token; a plain form gets a clear 403 page."""
    message = (
        "This form has expired, for example because you signed in or out in another tab. Reload the page and try again."
    )
    if getattr(request, "htmx", False):
        return HttpResponseClientRefresh()
    return render(request, "errors/403.html", {"message": message}, status=403)
