"""Hostile input never answers 5xx.

Path ids are checked by format in the URL patterns (``dashboard/converters.py``): an over-long,
non-ASCII, ``../`` or NUL id is a 404 before any DynamoDB call on the object's table. If a malformed key
still reaches DynamoDB, its ``ValidationException`` is a not-found (``BaseModel.get``, the middleware).
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver
from pynamodb.exceptions import DoesNotExist, QueryError

from tests.helpers import count_calls, make_owner, sign_in
from tests.integration.test_tenancy import build, kwargs_of, walk
from webdpro.db import Order, Store, is_invalid_request

HOSTILE_IDS = {
    "over 2,048 bytes": "A" * 2100,
    "non-ASCII": "ऑर्डर०१२३४५६७८९०१२३४५६७८९०",
    "dot-dot-slash": "..%2F..%2F..%2Fetc%2Fpasswd",
    "NUL": "01J0000000000000000000000%00",
    "encoded newline": "01J00000000000000000000000%0A",
}
# The signed-in caller's own user and tenant may be read (sign-in check); nothing else.
SESSION_TABLES = ("users", "tenants")


def patterns_with_ids(resolver=None):
    return [(name, route) for name, route, _ in walk(resolver) if kwargs_of(route)]


@pytest.fixture(scope="module")
def owner(dynamodb):
    return make_owner(name="Hostile Tester")[0]


@pytest.mark.parametrize("label", list(HOSTILE_IDS))
def test_malformed_path_ids_are_404_before_any_object_read(client, owner, label):
    sign_in(client, owner)
    failures = []
    for name, route in patterns_with_ids():
        for kwarg in kwargs_of(route):
            values = {k: ("a-store" if k == "slug" else "01J00000000000000000000000") for k in kwargs_of(route)}
            values[kwarg] = HOSTILE_IDS[label]
            url = build(route, values)
            with count_calls() as calls:
                response = client.get(url)
            tables = [t for t in calls.tables() if not t.endswith(SESSION_TABLES)]
            if response.status_code != 404 or tables:
                failures.append(f"{url[:80]} ({name}, {kwarg}): {response.status_code}, read {tables}")
    assert not failures, "\n".join(failures)


def test_a_key_dynamodb_refuses_is_not_found(dynamodb):
    with pytest.raises(DoesNotExist) as refused:
        Order.get("A" * 2100)
    assert is_invalid_request(refused.value)  # DynamoDB refused the key (not merely "no such item")
    with pytest.raises(DoesNotExist):
        Store.get("", "S")
    with pytest.raises(QueryError) as caught:
        list(Store.query(""))
    assert is_invalid_request(caught.value)


def test_the_middleware_turns_a_refused_key_into_404(client, owner, settings):
    """The last line of defence: a view that queries with a malformed key answers 404, not 500."""
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    try:
        response = client.get("/refused-key/")
    finally:
        clear_url_caches()
    assert response.status_code == 404


def _view_with_a_refused_key(request):
    list(Store.query(""))
    raise AssertionError("unreachable")


def _urlpatterns():
    from django.urls import path

    return [path("refused-key/", _view_with_a_refused_key)]


urlpatterns = _urlpatterns()
handler404 = "dashboard.views.errors.not_found"


def test_every_id_kwarg_has_a_format():
    """No ``<str:…>`` id is left: each has a converter that rejects malformed values."""
    loose = [
        f"{name}: {route}"
        for name, route in patterns_with_ids(get_resolver())
        if "<str:" in route or "<path:" in route or "<slug:" in route
    ]
    loose += [
        f"{name}: {route}"
        for name, route in patterns_with_ids(get_resolver("dashboard.views.storefront.host_urls"))
        if "<str:" in route or "<path:" in route or "<slug:" in route
    ]
    assert not loose, loose
