"""Tax settings: the tenant's GST registration, a store's price basis, a product's HSN code and rate."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pynamodb.exceptions import UpdateError

from webdpro import clock
from webdpro.db import Product, Store, Tenant, is_condition_failure
from webdpro.errors import NotFound, ValidationFailed
from webdpro.gst.gstin import clean_gstin
from webdpro.gst.states import STATES

RATES = (0, 5, 12, 18, 28)
RATE_REFUSAL = gettext_lazy("Choose a GST rate of 0, 5, 12, 18 or 28 %.")
HSN_RE = re.compile(r"^(\d{4}|\d{6}|\d{8})$")


def clean_hsn(raw, field: str = "hsn_code") -> str | None:
    """An HSN (goods) or SAC (services) code: 4, 6 or 8 digits; empty means none."""
    text = "".join(str(raw or "").split())
    if not text:
        return None
    if not HSN_RE.match(text):
        raise ValidationFailed(_("An HSN code has 4, 6 or 8 digits, like 1006 or 10063020."), field=field)
    return text


def clean_rate(raw, field: str = "gst_rate") -> int:
    text = str(raw if raw is not None else "").strip().rstrip("%").strip()
    if text not in {str(r) for r in RATES}:
        raise ValidationFailed(str(RATE_REFUSAL), field=field)
    return int(text)


def clean_state(raw, field: str = "gst_state") -> str:
    code = str(raw or "").strip()
    if code not in STATES:
        raise ValidationFailed(_("Choose your state."), field=field)
    return code


def set_registration(tenant_id: str, gstin, state) -> Tenant:
    """Register the tenant for GST (GSTIN + state; the GSTIN's first two digits must be the state's code)."""
    gstin = clean_gstin(gstin)
    state = clean_state(state)
    if gstin[:2] != state:
        raise ValidationFailed(
            _("This GSTIN belongs to state code %(code)s (%(name)s), not the state you chose.")
            % {"code": gstin[:2], "name": STATES[gstin[:2]]},
            field="gstin",
        )
    tenant = Tenant(tenant_id)
    tenant.update(
        actions=[Tenant.gstin.set(gstin), Tenant.gst_state.set(state), Tenant.updated_at.set(clock.now_iso())],
        condition=Tenant.tenant_id.exists(),
    )
    return tenant


def clear_registration(tenant_id: str) -> None:
    Tenant(tenant_id).update(
        actions=[Tenant.gstin.remove(), Tenant.gst_state.remove(), Tenant.updated_at.set(clock.now_iso())],
        condition=Tenant.tenant_id.exists(),
    )


def set_prices_include_tax(store, include: bool) -> None:
    Store(store.tenant_id, store.store_id).update(
        actions=[Store.prices_include_tax.set(bool(include)), Store.updated_at.set(clock.now_iso())],
        condition=Store.store_id.exists(),
    )


def set_product_tax(store, product_id: str, hsn_code, gst_rate) -> Product:
    """Set a product's HSN code and GST rate (both validated before anything is written)."""
    hsn = clean_hsn(hsn_code)
    rate = clean_rate(gst_rate)
    product = Product(store.store_id, product_id)
    actions = [Product.gst_rate.set(rate), Product.updated_at.set(clock.now_iso())]
    actions.append(Product.hsn_code.set(hsn) if hsn else Product.hsn_code.remove())
    try:
        product.update(actions=actions, condition=Product.product_id.exists())
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound(_("Product not found.")) from exc
        raise
    return product
