"""dashboard/sessions.py: a session cookie's signature is checked once per process, and the answer is always
the one Django's own check gives: the same data (a fresh copy each time), nothing for a tampered, re-keyed or
expired cookie."""

import time

import pytest
from django.contrib.sessions.backends import signed_cookies

from dashboard import sessions
from dashboard.sessions import SessionStore


@pytest.fixture(autouse=True)
def _forget():
    sessions._verified.clear()
    yield
    sessions._verified.clear()


def cookie(**data) -> str:
    store = signed_cookies.SessionStore()  # what Django wrote (tests/helpers.py, bench)
    store.update(data)
    store.save()
    return store.session_key


def test_a_verified_cookie_loads_the_same_data_again_as_a_fresh_copy():
    text = cookie(_uphone="+919876543210", _uver=3, cart={"lines": [1, 2]})
    first = SessionStore(text).load()
    assert first == {"_uphone": "+919876543210", "_uver": 3, "cart": {"lines": [1, 2]}}
    assert len(sessions._verified) == 1
    first["cart"]["lines"].append(3)  # a view changing its session does not change the kept copy
    assert SessionStore(text).load() == {"_uphone": "+919876543210", "_uver": 3, "cart": {"lines": [1, 2]}}


def test_a_tampered_cookie_is_refused_even_next_to_a_verified_one():
    text = cookie(_uphone="+919876543210")
    assert SessionStore(text).load()
    data, stamp, signature = text.rsplit(":", 2)
    other = cookie(_uphone="+919800000000").rsplit(":", 2)[0]
    last = "B" if signature.endswith("A") else "A"
    for forged in (f"{other}:{stamp}:{signature}", f"{data}:{stamp}:{signature[:-1]}{last}", text + "x", "junk"):
        store = SessionStore(forged)
        assert store.load() == {}
        assert store.session_key is None or store.modified  # Django's answer: a new, empty session


def test_a_kept_cookie_expires_like_any_other(settings, monkeypatch):
    text = cookie(_uphone="+919876543210")
    assert SessionStore(text).load()
    settings.SESSION_COOKIE_AGE = 60
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert SessionStore(text).load() == {}


def test_a_kept_cookie_is_refused_once_the_secret_key_changes(settings):
    text = cookie(_uphone="+919876543210")
    assert SessionStore(text).load()
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert SessionStore(text).load() == {}
    settings.SECRET_KEY_FALLBACKS = [old]  # as Django: accepted again while the old key is a fallback
    assert SessionStore(text).load() == {"_uphone": "+919876543210"}
