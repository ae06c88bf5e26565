"""Cross-cutting middleware: request ids, a clear 503 when DynamoDB cannot be reached, and a 404 (never a
500) when DynamoDB refuses a malformed key that slipped past the URL patterns' formats."""

import logging
import uuid

from django.http import Http404
from django.shortcuts import render

from webdpro.accounts.anonymous import ANONYMOUS
from webdpro.db import is_invalid_request, is_unavailable
from webdpro.errors import DomainError, NotFound

log = logging.getLogger("webdpro.request")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        return response


def unavailable_response(request):
    """The 'temporarily unavailable' page, status 503. Renders without touching DynamoDB again."""
    request._cached_user = ANONYMOUS
    request._cached_tenant = None
    response = render(request, "errors/503.html", {"reason": "database"}, status=503)
    response["Retry-After"] = "10"
    return response


class DynamoDBUnavailableMiddleware:
    """Turns 'DynamoDB unreachable' into a 503 page, and domain errors that escape a view into a
    4xx page with their message. Recovery needs no restart: botocore reconnects on the next call."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(str(exception))
        if is_invalid_request(exception):
            log.warning("dynamodb refused a malformed key", extra={"path": request.path})
            raise Http404("Not found.")
        if isinstance(exception, DomainError):
            return render(request, "errors/domain.html", {"error": exception}, status=exception.status_code)
        if is_unavailable(exception):
            log.warning("dynamodb unavailable", extra={"path": request.path, "error": repr(exception)})
            return unavailable_response(request)
        return None
