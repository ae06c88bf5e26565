"""dashboard/message_storage.py: Django's cookie messages, the signer made only when a message cookie is used."""

from django.contrib import messages
from django.contrib.messages.storage import cookie
from django.http import HttpResponse
from django.test import RequestFactory

from dashboard.message_storage import CookieStorage


def storage(cookies=None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    request._messages = CookieStorage(request)
    return request, request._messages


def test_a_request_without_messages_makes_no_signer():
    request, store = storage()
    assert list(store) == []
    store.update(HttpResponse())
    assert "signer" not in store.__dict__


def test_messages_go_to_the_cookie_and_back_as_with_djangos_storage():
    request, store = storage()
    messages.success(request, "Saved <b>")
    response = HttpResponse()
    store.update(response)
    value = response.cookies[store.cookie_name].value
    assert [m.message for m in cookie.CookieStorage(RequestFactory().get("/"))._decode(value)] == ["Saved <b>"]
    _, again = storage({store.cookie_name: value})
    assert [(m.message, m.tags) for m in again] == [("Saved <b>", "success")]
    _, forged = storage({store.cookie_name: value[:-2] + "xx"})
    assert list(forged) == []
