"""The storefront's forms: everything a customer's phone posts or asks for is read here. The messages are in a
customer's words and, like the rest of the storefront, translated into every language a store can speak.

Where a value is bad: a page cursor that is not valid starts the list from the beginning (as an expired one
does), an over-long category or search is shortened, an over-long preview token is no token, and ``next``
falls back to the cart; a ``product_id`` that is missing or malformed is a product this store does not have
(404); every other bad value is refused (a 400 with the field's message) before anything is written.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboard.forms import CursorField, NextField
from webdpro.errors import ValidationFailed
from webdpro.labels import label
from webdpro.orders import placement
from webdpro.orders.placement import read_checkout_token
from webdpro.orders.statuses import Fulfilment

CATEGORY_MAX_LENGTH = 100
SEARCH_MAX_LENGTH = 60
PRODUCT_ID_MAX_LENGTH = 60  # a product id, or a cart line's "product:variant" key
VARIANT_ID_MAX_LENGTH = 40
COUPON_CODE_MAX_LENGTH = 30  # the coupon box's maxlength
PREVIEW_MAX_LENGTH = 1000  # a signed preview token is under a hundred characters
TOKEN_MAX_LENGTH = 1000  # a signed checkout token is about a hundred characters
STALE = gettext_lazy("This page is out of date. Please reload it and try again.")
QUANTITY = gettext_lazy("Choose a quantity.")


def _hidden_choice(value: str):
    """A hidden switch the pages post with one value; anything else means the page was changed or is stale."""
    return forms.ChoiceField(choices=[(value, value)], required=False, error_messages={"invalid_choice": STALE})


def _quantity(**kwargs):
    messages = {code: QUANTITY for code in ("invalid", "min_value", "required")}
    return forms.IntegerField(required=False, error_messages=messages, **kwargs)


class PreviewForm(forms.Form):
    """A draft store's preview link: its signed token (``preview``); an over-long one is no token (the draft
    stays hidden, as with any token that is not valid)."""

    preview = forms.CharField(required=False, max_length=PREVIEW_MAX_LENGTH)

    def token(self) -> str | None:
        self.is_valid()
        return self.cleaned_data.get("preview") or None


# --- Catalogue ---------------------------------------------------------------------------------------


class _ListingForm(forms.Form):
    cursor = CursorField()

    def page_cursor(self) -> str | None:
        """The cursor of the page asked for; None for the first page and for one that is not valid (the
        list starts again from the beginning)."""
        self.is_valid()
        return self.cleaned_data.get("cursor")


class CategoryForm(_ListingForm):
    """A category's page (``c``) and where in it (``cursor``)."""

    c = forms.CharField(required=False)

    def clean_c(self) -> str:
        return self.cleaned_data["c"].strip()[:CATEGORY_MAX_LENGTH]


class SearchForm(_ListingForm):
    """A search (``q``, spaces collapsed) and where in its results (``cursor``)."""

    q = forms.CharField(required=False)

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:SEARCH_MAX_LENGTH]


# --- Cart --------------------------------------------------------------------------------------------


class _CartPageForm(forms.Form):
    """What every cart change carries: where to go back to without JavaScript (``next``), and ``from=cart``
    when the cart page sent it (its body comes back in place)."""

    next = NextField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _hidden_choice("cart")  # a Python keyword: declared here

    @property
    def from_cart(self) -> bool:
        return getattr(self, "cleaned_data", {}).get("from") == "cart"


class CartChangeForm(_CartPageForm):
    """A change to one product or cart line (``product_id``: a product id, or a line's key)."""

    product_id = forms.CharField(required=False, max_length=PRODUCT_ID_MAX_LENGTH)

    def product_key(self) -> str | None:
        """The product (or cart line) the change is about; None when it is missing or malformed (a 404)."""
        self.is_valid()
        return self.cleaned_data.get("product_id") or None


class CartAddForm(CartChangeForm):
    """Add a product (and the option picked, ``variant_id``) to the cart; ``quantity`` defaults to one."""

    variant_id = forms.CharField(
        required=False,
        max_length=VARIANT_ID_MAX_LENGTH,
        error_messages={"max_length": gettext_lazy("Choose one of the options shown.")},
    )
    quantity = _quantity(min_value=1)

    def clean_quantity(self) -> int:
        return self.cleaned_data["quantity"] or 1


class CartUpdateForm(CartChangeForm):
    """A new quantity for a cart line; zero or less (or none) takes the line off."""

    quantity = _quantity()

    def clean_quantity(self) -> int:
        return self.cleaned_data["quantity"] or 0


class CartRemoveForm(CartChangeForm):
    """Take a line off the cart."""


class CouponCodeField(forms.CharField):
    """A coupon code as typed; a longer one than the box allows is refused like any code that is not one."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=COUPON_CODE_MAX_LENGTH, **kwargs)

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except forms.ValidationError as exc:
            message = _("“%(code)s” is not a valid coupon code.") % {"code": value[:COUPON_CODE_MAX_LENGTH]}
            raise forms.ValidationError(message, code="max_length") from exc


class CouponForm(_CartPageForm):
    """Apply a coupon (``coupon_code``) or take it off (``remove=1``)."""

    coupon_code = CouponCodeField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"] = _hidden_choice("1")


# --- Checkout and tracking ---------------------------------------------------------------------------


def method_label(method: str) -> str:
    return label("payment_method", method)


class CheckoutForm(forms.Form):
    customer_name = forms.CharField(
        label=gettext_lazy("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    customer_phone = forms.CharField(
        label=gettext_lazy("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "98765 43210"}),
    )
    delivery_address = forms.CharField(
        label=gettext_lazy("Delivery address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=gettext_lazy("House / flat, street, area, city"),
    )
    pincode = forms.CharField(
        label=gettext_lazy("PIN code"),
        max_length=7,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "pattern": "[1-9][0-9]{5}", "maxlength": "6"}
        ),
    )
    fulfilment = forms.ChoiceField(
        label=gettext_lazy("How do you want your order?"), widget=forms.RadioSelect, required=False
    )
    payment_method = forms.ChoiceField(label=gettext_lazy("Payment"), widget=forms.RadioSelect)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, store_id: str, methods=(), modes=(Fulfilment.DELIVERY,), area="", **kwargs):
        super().__init__(*args, **kwargs)
        self.store_id, self.options = store_id, {"store_id": store_id, "methods": methods, "modes": modes, "area": area}
        self.fields["payment_method"].choices = [(m, method_label(m)) for m in methods]
        if len(methods) == 1:
            self.fields["payment_method"].initial = methods[0]
        self.modes = list(modes)
        labels = {
            Fulfilment.DELIVERY: _("Delivery to my address"),
            Fulfilment.PICKUP: _("I'll pick it up at the shop (no delivery fee)"),
        }
        self.fields["fulfilment"].choices = [(m, labels[m]) for m in self.modes]
        self.fields["fulfilment"].initial = self.modes[0]
        if len(self.modes) == 1:
            self.fields["fulfilment"].widget = forms.HiddenInput()
        if Fulfilment.DELIVERY not in self.modes:  # pickup only: no address asked at all
            del self.fields["delivery_address"]
            del self.fields["pincode"]
        elif area:
            self.fields["pincode"].help_text = area
        if Fulfilment.PICKUP in self.modes and Fulfilment.DELIVERY in self.modes:
            self.fields["delivery_address"].required = False
            self.fields["pincode"].required = False

    @property
    def address_fields(self):
        return [self[name] for name in ("delivery_address", "pincode") if name in self.fields]

    @property
    def detail_fields(self):
        return [self[name] for name in ("customer_name", "customer_phone")]

    def clean_token(self) -> str | None:
        """The order id the checkout token holds for this store; None for a missing, forged or expired one."""
        token = self.cleaned_data["token"]
        return read_checkout_token(token, self.store_id) if len(token) <= TOKEN_MAX_LENGTH else None

    def renewed(self, token: str) -> CheckoutForm:
        """The same answers with a fresh token (after the old one expired)."""
        data = self.data.copy()
        data["token"] = token
        return CheckoutForm(data, **self.options)

    def clean_fulfilment(self):
        return self.cleaned_data.get("fulfilment") or self.modes[0]

    def clean(self):
        data = super().clean()
        if data.get("fulfilment") == Fulfilment.DELIVERY and Fulfilment.PICKUP in self.modes:
            for name, message in (
                ("delivery_address", _("Enter your full delivery address (house, street, area, city).")),
                ("pincode", _("Enter a 6-digit PIN code.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data

    # The shape is checked here, the rules by placement (the same functions place_order runs).
    def clean_customer_name(self):
        return _domain_clean(placement.clean_customer_name, self.cleaned_data["customer_name"])

    def clean_customer_phone(self):
        return _domain_clean(placement.clean_customer_phone, self.cleaned_data["customer_phone"])

    def clean_delivery_address(self):
        return self._optional("delivery_address", placement.clean_delivery_address)

    def clean_pincode(self):
        return self._optional("pincode", placement.clean_pincode)

    def _optional(self, name, rule):
        """Address fields may stay empty when the customer can also pick the order up (clean() then asks
        for them if delivery was chosen)."""
        value = self.cleaned_data[name]
        if not value.strip() and not self.fields[name].required:
            return ""
        return _domain_clean(rule, value)


def _domain_clean(rule, value):
    try:
        return rule(value)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from None


class TrackForm(forms.Form):
    order_ref = forms.CharField(
        label=gettext_lazy("Order number"),
        max_length=40,
        help_text=gettext_lazy("On your confirmation, e.g. #7K3M9QXA"),
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobile number used for the order"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
