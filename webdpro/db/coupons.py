"""webdpro-coupons: a store's discount codes and who used them (store_id, sk).

Two item types share the store's partition:

* ``COUPON#<CODE>`` — the coupon (:class:`Coupon`): rule, limits and the ``uses`` counter that the
  order transaction raises with ``uses < max_uses``;
* ``USE#<CODE>#<phone>`` — one customer's uses of one code (:class:`CouponUse`), raised in the same
  transaction with ``uses < per_phone_limit``.

``begins_with(sk, "COUPON#")`` lists the coupons, ``begins_with(sk, "USE#<CODE>#")`` a coupon's uses.
"""

from decimal import Decimal

from pynamodb.attributes import BooleanAttribute, ListAttribute, UnicodeAttribute

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel

PERCENT = "PERCENT"
FLAT = "FLAT"
KINDS = (PERCENT, FLAT)

COUPON_PREFIX = "COUPON#"
USE_PREFIX = "USE#"


def coupon_sk(code: str) -> str:
    return f"{COUPON_PREFIX}{code}"


def use_sk(code: str, phone: str) -> str:
    return f"{USE_PREFIX}{code}#{phone}"


class Coupon(BaseModel):
    class Meta:
        logical_name = "coupons"

    store_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)  # COUPON#<CODE>
    code = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # PERCENT | FLAT
    value = DecimalAttribute()  # percent (1–100) or rupees
    min_order = DecimalAttribute(default=Decimal)
    max_discount = DecimalAttribute(null=True)  # rupees; only for PERCENT
    starts_on = UnicodeAttribute(null=True)  # YYYY-MM-DD, IST, inclusive
    ends_on = UnicodeAttribute(null=True)  # YYYY-MM-DD, IST, inclusive
    max_uses = IntAttribute(null=True)  # total uses; None = unlimited
    per_phone_limit = IntAttribute(null=True)  # uses per customer phone; None = unlimited
    uses = IntAttribute(default=0)
    discount_given = DecimalAttribute(default=Decimal)
    is_paused = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)


class CouponUse(BaseModel):
    class Meta:
        logical_name = "coupons"

    store_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)  # USE#<CODE>#<phone>
    code = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    uses = IntAttribute(default=0)
    order_ids = ListAttribute(of=UnicodeAttribute, null=True)  # newest last
    cancelled_order_ids = ListAttribute(of=UnicodeAttribute, null=True)  # their use was given back
    last_used_at = UnicodeAttribute(null=True)
