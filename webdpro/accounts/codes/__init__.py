"""Sign-in code backends: the interface in :mod:`.base`, one module per implementation (:mod:`.local`,
:mod:`.cognito`), and :func:`get_backend`, which imports the one a setting names.

``AUTH_BACKEND`` is a short name from ``AUTH_CODE_BACKENDS`` (``local``, ``cognito``) or a dotted path
to a class implementing :class:`~webdpro.accounts.codes.base.CodeBackend`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


def backend_path(name: str) -> str:
    known = settings.AUTH_CODE_BACKENDS
    if name in known:
        return known[name]
    if "." in name:
        return name
    raise ImproperlyConfigured(f"AUTH_BACKEND must be one of {sorted(known)} or a dotted path, not {name!r}")


def get_backend(name: str | None = None):
    """The backend called ``name`` (default: ``settings.AUTH_BACKEND``), a new instance."""
    path = backend_path(name or settings.AUTH_BACKEND)
    try:
        backend_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"AUTH_BACKEND: cannot import {path!r} ({exc})") from exc
    return backend_class()
