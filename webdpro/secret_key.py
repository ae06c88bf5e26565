"""Where ``SECRET_KEY`` comes from (imported by settings, so no Django here).

- ``DJANGO_SECRET_KEY`` when set: it must look like a real key (at least 40 characters, not Django's
  ``django-insecure-`` kind), or the app refuses to start with DEBUG off.
- Otherwise, with DEBUG on or ``WEBDPRO_DATA_DIR_KEY=1`` (both set by ``make run``): a random key made on
  the first run and kept in ``<DATA_DIR>/secret_key`` (mode 0600; ``.data/`` is gitignored), so each data
  directory has its own key and sessions survive restarts.
- Otherwise the app refuses to start: there is no built-in fallback key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

MIN_LENGTH = 40
KEY_FILE = "secret_key"


class InsecureSecretKey(RuntimeError):
    pass


def is_real_key(key: str) -> bool:
    return len(key) >= MIN_LENGTH and not key.startswith("django-insecure") and len(set(key)) >= 5


def data_dir_key(data_dir: Path) -> str:
    """The data directory's own key, created on first use (atomically: two processes agree on one)."""
    path = Path(data_dir) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if not is_real_key(key):
        raise InsecureSecretKey(f"{path} does not hold a usable key: delete it to make a new one")
    return key


def load_secret_key(configured: str, *, debug: bool, data_dir: Path, use_data_dir: bool) -> str:
    if configured:
        if not debug and not is_real_key(configured):
            raise InsecureSecretKey(
                f"DJANGO_SECRET_KEY is too weak: use at least {MIN_LENGTH} random characters "
                "(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        return configured
    if debug or use_data_dir:
        return data_dir_key(data_dir)
    raise InsecureSecretKey("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
