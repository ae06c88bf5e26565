"""Django's signed-cookie sessions, each cookie's signature checked once per process.

Django checks a session cookie's HMAC signature, decodes and parses it on every request (~50 µs an owner page).
The answer depends only on the cookie's text, the secret keys and the clock: a cookie this process has verified
is kept (its data, serialized, and when it was signed), and a request with exactly the same text gets a fresh
copy of that data after the same age check Django makes (``SESSION_COOKIE_AGE``). Any other text — tampered,
signed with another key, expired, never seen — goes through Django's own check. The keys are part of the cache's
key; at most ``VERIFIED_MAX`` cookies are kept, all forgotten when full. Sign-out and "sign out everywhere" do not
depend on this: they are checked on the user's item every request (dashboard/auth.py).
tests/unit/test_sessions.py.
"""

import time

from django.conf import settings
from django.contrib.sessions.backends import signed_cookies
from django.core import signing

_verified: dict = {}
VERIFIED_MAX = 10000


class SessionStore(signed_cookies.SessionStore):
    def load(self):
        cookie = self.session_key
        key = (cookie, settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))
        kept = _verified.get(key)
        if kept is not None:
            signed_at, data = kept
            if time.time() - signed_at <= self.get_session_cookie_age():
                return self.serializer().loads(data)
        session = super().load()  # Django's check: {} (and a new session) unless the signature holds
        if session and self.session_key == cookie:
            try:
                signed_at = signing.b62_decode(cookie.rsplit(signing.Signer().sep, 2)[1])  # data:timestamp:signature
            except (IndexError, ValueError):
                return session
            if len(_verified) >= VERIFIED_MAX:
                _verified.clear()
            _verified[key] = (signed_at, self.serializer().dumps(session))
        return session
