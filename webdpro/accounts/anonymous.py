"""The visitor who is not signed in: ``request.user`` until a session names a live user.

Below the web layer so that the domain's middleware (the 503 page) can set it without importing
``dashboard``.
"""


class AnonymousUser:
    is_authenticated = False
    is_active = False
    role = None
    tenant_id = None
    phone = None
    user_id = None
    name = None

    def __bool__(self):
        return False

    def __repr__(self):
        return "<AnonymousUser>"


ANONYMOUS = AnonymousUser()
