"""Shared by the store services: their errors, the actor label, the store's addresses and text cleaning."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from webdpro.db import Store
from webdpro.db.users import Role
from webdpro.errors import Conflict, DomainError, ValidationFailed
from webdpro.stores import preview, selectors
from webdpro.stores.transitions import CONSOLE

log = logging.getLogger("webdpro.stores")


class PlanLimitReached(Conflict):
    pass


class SlugTaken(Conflict):
    pass


class PaymentRequired(DomainError):
    """Publishing needs the plan's one-time fee first (payments:publish_fee)."""

    status_code = 402

    def __init__(self, message, *, fee: Decimal):
        super().__init__(message, code="payment_required")
        self.fee = fee


def _by(by) -> str:
    """An audit label for the actor: a user id, or a label like "payments"."""
    return getattr(by, "user_id", None) or str(by or "system")


def _is_console(by) -> bool:
    return getattr(by, "role", None) == Role.SUPER_ADMIN or by == CONSOLE


def platform_domain(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


def preview_url(store_or_slug, tenant_id=None, store_id=None) -> str:
    if isinstance(store_or_slug, Store):
        slug, tenant_id, store_id = store_or_slug.slug, store_or_slug.tenant_id, store_or_slug.store_id
    else:
        slug = store_or_slug
    return f"/s/{slug}/?preview={preview.make_token(tenant_id, store_id)}"


def live_url_for(store) -> str:
    return f"https://{store.custom_domain or store.domain}/"


MAX_STORE_AMOUNT = Decimal("9999999")  # ₹99,99,999: the most a store fee or threshold can be
SAVED_MEANWHILE = gettext_lazy(
    "Someone saved this store in the meantime. Reload the page to see the latest version, then make your change again."
)


def store_config(store) -> dict:
    """The store's config as plain dicts/lists: :attr:`Store.config_dict` (the one rule)."""
    return store.config_dict


def _reload(store) -> Store:
    return selectors.get_store(store.tenant_id, store.store_id)


def _text(value, label, max_length, required=False, field=None) -> str:
    value = " ".join(str(value or "").split()) if "\n" not in str(value or "") else str(value).strip()
    if required and not value:
        raise ValidationFailed(_("Enter the %(label)s.") % {"label": label}, field=field)
    if len(value) > max_length:
        raise ValidationFailed(
            _("The %(label)s is too long (at most %(max_length)s characters).")
            % {"label": label, "max_length": max_length},
            field=field,
        )
    return value
