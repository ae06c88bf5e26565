"""Reads: a store's coupons and a coupon's uses (Queries on the store's partition, never a Scan)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pynamodb.exceptions import DoesNotExist

from webdpro.coupons.rules import normalize_code
from webdpro.db.coupons import COUPON_PREFIX, Coupon, CouponUse, coupon_sk, use_sk
from webdpro.errors import NotFound, ValidationFailed

MAX_COUPONS = 200
MAX_USES_SHOWN = 200


def list_coupons(store_id: str) -> list[Coupon]:
    """The store's coupons, by code."""
    return list(Coupon.query(store_id, Coupon.sk.startswith(COUPON_PREFIX), limit=MAX_COUPONS))


def get_coupon(store_id: str, code: str, consistent: bool = False) -> Coupon:
    try:
        code = normalize_code(code)
        return Coupon.get(store_id, coupon_sk(code), consistent_read=consistent)
    except (DoesNotExist, ValidationFailed):
        raise NotFound(_("No such coupon.")) from None


def coupon_uses(store_id: str, code: str) -> list[CouponUse]:
    """Who used ``code``: one row per customer phone, with their orders."""
    prefix = use_sk(normalize_code(code), "")
    return list(CouponUse.query(store_id, CouponUse.sk.startswith(prefix), limit=MAX_USES_SHOWN))
