"""Signed preview links: whoever holds the link may see the store's draft storefront."""

from django.core import signing

SALT = "webdpro.store-preview"
MAX_AGE = 60 * 60 * 24 * 30  # a preview link works for 30 days


def make_token(tenant_id: str, store_id: str) -> str:
    return signing.dumps({"t": tenant_id, "s": store_id}, salt=SALT, compress=True)


def read_token(token: str, max_age: int = MAX_AGE) -> tuple[str, str] | None:
    """(tenant_id, store_id) from a valid token, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or "t" not in data or "s" not in data:
        return None
    return data["t"], data["s"]
