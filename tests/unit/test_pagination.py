"""Signed cursors in one place: webdpro.pagination."""

import pytest
from django.core import signing

from webdpro import pagination
from webdpro.errors import ValidationFailed

KEY = {"store_id": {"S": "s1"}, "product_id": {"S": "p9"}}


def test_a_cursor_round_trips_in_its_own_list():
    token = pagination.dump(KEY, "products:s1")
    assert token and "p9" not in token
    assert pagination.load(token, "products:s1") == KEY


def test_no_key_means_no_next_page_and_no_token_means_the_first_page():
    assert pagination.dump(None, "x") is None
    assert pagination.dump({}, "x") is None
    assert pagination.load(None, "x") is None
    assert pagination.load("", "x") is None


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        pagination.dump(KEY, "products:s1")[:-3] + "xyz",  # tampered
        pagination.dump(KEY, "products:s2"),  # another store's list
        signing.dumps({"s": "products:s1", "k": KEY}, salt="another.salt"),  # signed for something else
        signing.dumps({"s": "products:s1", "k": "not a key"}, salt=pagination.SALT),
        signing.dumps(["products:s1", KEY], salt=pagination.SALT),
    ],
)
def test_every_bad_cursor_is_one_validation_error_on_the_cursor_field(token):
    with pytest.raises(ValidationFailed) as err:
        pagination.load(token, "products:s1")
    assert err.value.field == "cursor"
    assert err.value.status_code == 400
    assert str(err.value) == "That page link is not valid any more. Start again from the first page."


def test_an_expired_cursor_is_refused_when_the_list_sets_a_maximum_age(monkeypatch):
    token = pagination.dump(KEY, "storefront:s1")
    assert pagination.load(token, "storefront:s1", max_age=60) == KEY
    with pytest.raises(pagination.InvalidCursor):
        pagination.load(token, "storefront:s1", max_age=-1)
