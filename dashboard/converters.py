"""Path converters: ids are checked by their format in the URL patterns, so a malformed id (over-long,
non-ASCII, ``../``, NUL) is a 404 before any DynamoDB call.

- ``ulid``: WebDPro's own ids (``webdpro.ids.new_id``: 26 characters, Crockford base32).
- ``payid``: payment ids, ours (ULIDs) or Razorpay's (``pay_…``, ``order_…``, ``sub_…``): letters, digits
  and underscores, at most 64.
- ``phone``: an E.164 phone (``+`` and 8–15 digits).
- ``storeslug``: a store's slug (one DNS label: lower-case letters, digits, hyphens, at most 63).
- ``coupon``: a coupon code as ``webdpro.coupons.rules.CODE_RE`` allows (upper-case letters, digits, hyphens).
"""

from django.urls import register_converter


class UlidConverter:
    regex = "[0-9A-HJKMNP-TV-Z]{26}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class PaymentIdConverter(UlidConverter):
    regex = "[A-Za-z0-9_]{1,64}"


class PhoneConverter(UlidConverter):
    regex = r"\+[1-9][0-9]{7,14}"


class StoreSlugConverter(UlidConverter):
    regex = "[a-z0-9-]{1,63}"


class CouponCodeConverter(UlidConverter):
    regex = "[A-Z0-9][A-Z0-9-]{2,19}"


CONVERTERS = {
    "ulid": UlidConverter,
    "payid": PaymentIdConverter,
    "phone": PhoneConverter,
    "storeslug": StoreSlugConverter,
    "coupon": CouponCodeConverter,
}
_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    for name, converter in CONVERTERS.items():
        register_converter(converter, name)
    _registered = True


register()
