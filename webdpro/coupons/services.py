"""The owner's writes: create a coupon (a code is unique per store), pause and resume it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pynamodb.exceptions import PutError, UpdateError

from webdpro import clock
from webdpro.coupons.rules import clean_spec, normalize_code
from webdpro.db import is_condition_failure
from webdpro.db.coupons import Coupon, coupon_sk
from webdpro.errors import Conflict, NotFound


def create_coupon(store, data) -> Coupon:
    """Create a coupon from the owner's form. Raises ValidationFailed (field named) or Conflict."""
    spec = clean_spec(data)
    now = clock.now_iso()
    coupon = Coupon(
        store.store_id,
        coupon_sk(spec.code),
        code=spec.code,
        tenant_id=store.tenant_id,
        kind=spec.kind,
        value=spec.value,
        min_order=spec.min_order,
        max_discount=spec.max_discount,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        max_uses=spec.max_uses,
        per_phone_limit=spec.per_phone_limit,
        uses=0,
        is_paused=False,
        created_at=now,
        updated_at=now,
    )
    try:
        coupon.save(condition=Coupon.sk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            raise Conflict(_("This shop already has the code %(code)s.") % {"code": spec.code}, field="code") from exc
        raise
    return coupon


def set_paused(store, code: str, paused: bool) -> Coupon:
    code = normalize_code(code)
    coupon = Coupon(store.store_id, coupon_sk(code))
    try:
        coupon.update(
            actions=[Coupon.is_paused.set(paused), Coupon.updated_at.set(clock.now_iso())],
            condition=Coupon.sk.exists(),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound(_("No such coupon.")) from exc
        raise
    return coupon
