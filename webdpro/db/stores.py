"""webdpro-stores: a tenant's generated stores (tenant_id, store_id)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from pynamodb.attributes import BooleanAttribute, MapAttribute, UnicodeAttribute

from webdpro.db.attributes import to_plain
from webdpro.db.base import BaseModel


class StoreStatus(models.TextChoices):
    """Where a store is (``stores/transitions.py`` holds the moves and who may make them)."""

    GENERATING = "GENERATING", _("Being generated")
    DRAFT = "DRAFT", _("Draft")
    PAID = "PAID", _("Paid, not yet published")
    PUBLISHED = "PUBLISHED", _("Published")
    SUSPENDED = "SUSPENDED", _("Suspended")


STATUSES = tuple(StoreStatus)


class Store(BaseModel):
    class Meta:
        logical_name = "stores"

    tenant_id = UnicodeAttribute(hash_key=True)
    store_id = UnicodeAttribute(range_key=True)
    status = UnicodeAttribute(default=StoreStatus.GENERATING)
    prompt = UnicodeAttribute(null=True)
    store_type = UnicodeAttribute(null=True)  # grocery / restaurant / clinic / fashion / general
    # The generated site configuration (schema: webdpro/stores/config_schema.json). Money inside the
    # config is kept as decimal strings ("40.00") so it never becomes a float.
    config = MapAttribute(null=True)
    language = UnicodeAttribute(default="en")
    currency = UnicodeAttribute(default="INR")
    domain = UnicodeAttribute(null=True)  # <slug>.webdpro.in
    custom_domain = UnicodeAttribute(null=True)
    live_url = UnicodeAttribute(null=True)
    preview_url = UnicodeAttribute(null=True)
    published_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    name = UnicodeAttribute(null=True)
    slug = UnicodeAttribute(null=True)
    previous_status = UnicodeAttribute(null=True)  # restored when a suspension is lifted
    suspension_reason = UnicodeAttribute(null=True)
    suspended_with_tenant = BooleanAttribute(null=True)  # suspended by its tenant's suspension (console)
    status_message = UnicodeAttribute(null=True)  # e.g. why generation fell back to defaults
    updated_at = UnicodeAttribute(null=True)
    prices_include_tax = BooleanAttribute(null=True)  # GST: None/True = prices include GST, False = GST added

    @property
    def config_dict(self) -> dict:
        """The config as plain dicts/lists (a fresh copy, safe to edit); ``{}`` before generation."""
        return to_plain(self.config) if self.config is not None else {}

    @property
    def config_read(self) -> dict:
        """The config as plain dicts/lists for READING: built once per loaded config and shared by every
        caller (a checkout asked for it 8 times, 0.1-0.2 ms each) — never edit it; edit :attr:`config_dict`.
        Rebuilt when ``config`` is assigned another value."""
        cached = self.__dict__.get("_config_read")
        if cached is None or cached[0] is not self.config:
            cached = (self.config, self.config_dict)
            self.__dict__["_config_read"] = cached
        return cached[1]
