"""Django's cookie message storage (``MESSAGE_STORAGE``), its signer made only when a message cookie is read or
written instead of on every request: ``get_cookie_signer`` imports the signing backend and sets up its keys
(~15 µs), and most requests carry no message. Everything else is Django's ``CookieStorage``.
tests/unit/test_message_storage.py."""

from django.contrib.messages.storage import base, cookie
from django.core import signing
from django.utils.functional import cached_property


class CookieStorage(cookie.CookieStorage):
    def __init__(self, *args, **kwargs):
        base.BaseStorage.__init__(self, *args, **kwargs)  # CookieStorage's own __init__ only makes the signer

    @cached_property
    def signer(self):
        return signing.get_cookie_signer(salt=self.key_salt)
