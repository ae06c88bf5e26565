"""The store editor's forms, choices and card values for the shop's own rules (below the editor's views:
``stores`` shows the cards with :func:`values`, ``store_rules`` saves them)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.forms import RupeesField
from webdpro.stores.hours import DAYS
from webdpro.stores.services import MAX_STORE_AMOUNT

AREA_CHOICES = [
    ("anywhere", _("Anywhere")),
    ("pins", _("Only the PIN codes I list")),
    ("radius", _("Within a radius of my shop's PIN code")),
]
ACCEPT_CHOICES = [("auto", _("Confirm every order at once")), ("manual", _("I accept or reject each order"))]
ALERT_CHOICES = [("off", _("Off")), ("sms", _("SMS")), ("whatsapp", _("WhatsApp"))]
CHANNEL_CHOICES = [("sms", _("SMS")), ("whatsapp", _("WhatsApp"))]
OUTSIDE_CHOICES = [
    ("refuse", _("Refuse orders while closed")),
    ("schedule", _("Accept them for when we open")),
]
DAY_LABELS = dict(
    zip(
        DAYS,
        [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")],
        strict=True,
    )
)


DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})  # widgets are copied per field


def store_amount(label, concept) -> RupeesField:
    """A store's amount (fee, threshold, minimum order): rupees up to ``MAX_STORE_AMOUNT``, empty = ₹0.
    ``concept`` is the name the service's messages use for it."""
    return RupeesField(label=label, concept=concept, maximum=MAX_STORE_AMOUNT, required=False, max_length=12)


class FulfilmentForm(forms.Form):
    enabled = forms.BooleanField(label=_("We deliver"), required=False)
    pickup = forms.BooleanField(label=_("Customers can pick up at the shop"), required=False)
    fee = store_amount(_("Delivery fee (₹)"), _("delivery fee"))
    free_above = store_amount(_("Free above (₹)"), _("free-delivery amount"))
    area = forms.ChoiceField(label=_("We deliver to"), choices=AREA_CHOICES, widget=forms.RadioSelect)
    pincodes = forms.CharField(
        label=_("PIN codes we deliver to"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "560001, 560034"}),
    )
    store_pincode = forms.CharField(
        label=_("Shop's PIN code"), required=False, max_length=6, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    radius_km = forms.CharField(label=_("Radius (km)"), required=False, max_length=8, widget=DECIMAL)


class DeliveryFeeForm(forms.Form):
    """The delivery card's fee, free-delivery threshold and radius (``stores.update_delivery``)."""

    enabled = forms.BooleanField(label=_("We deliver"), required=False)
    fee = store_amount(_("Delivery fee (₹)"), _("delivery fee"))
    free_above = store_amount(_("Free above (₹)"), _("free-delivery amount"))
    radius_km = forms.CharField(label=_("Radius (km)"), required=False, max_length=8, widget=DECIMAL)


class OrderRulesForm(forms.Form):
    min_order = store_amount(_("Minimum order (₹, 0 = none)"), _("minimum order"))
    acceptance = forms.ChoiceField(label=_("New orders"), choices=ACCEPT_CHOICES, widget=forms.RadioSelect)
    accept_minutes = forms.IntegerField(
        label=_("Minutes to accept before it is rejected"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    alerts = forms.ChoiceField(label=_("New-order message to my phone"), choices=ALERT_CHOICES)
    customer_channel = forms.ChoiceField(label=_("Customers' order updates by"), choices=CHANNEL_CHOICES)


class HoursForm(forms.Form):
    enabled = forms.BooleanField(label=_("Use opening hours"), required=False)
    outside = forms.ChoiceField(label=_("While closed"), choices=OUTSIDE_CHOICES, required=False)
    holidays = forms.CharField(
        label=_("Holidays (dates closed, like 2026-12-25)"),
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day in DAYS:
            for n in (1, 2):
                for edge in ("open", "close"):
                    self.fields[f"{day}_{edge}{n}"] = forms.CharField(
                        required=False, max_length=5, widget=forms.TimeInput(attrs={"type": "time"})
                    )

    def week(self) -> dict:
        data = self.cleaned_data
        return {
            day: [(data.get(f"{day}_open{n}", ""), data.get(f"{day}_close{n}", "")) for n in (1, 2)] for day in DAYS
        }


def values(config: dict) -> dict:
    """What the three cards show, from the saved config."""
    delivery, orders = config.get("delivery") or {}, config.get("orders") or {}
    raw_hours = config.get("hours") or {}
    week = raw_hours.get("week") or {}
    days = []
    for day in DAYS:
        ranges = list(week.get(day) or []) + [["", ""], ["", ""]]
        days.append(
            {
                "key": day,
                "label": DAY_LABELS[day],
                "open1": ranges[0][0],
                "close1": ranges[0][1],
                "open2": ranges[1][0],
                "close2": ranges[1][1],
            }
        )
    return {
        "delivery": {
            "enabled": delivery.get("enabled", True),
            "pickup": delivery.get("pickup", False),
            "fee": delivery.get("fee", "0.00"),
            "free_above": delivery.get("free_above", "0.00"),
            "radius_km": delivery.get("radius_km", "0"),
            "area": delivery.get("area", "anywhere"),
            "pincodes": ", ".join(delivery.get("pincodes") or []),
            "store_pincode": delivery.get("store_pincode", ""),
        },
        "orders": {
            "min_order": orders.get("min_order", "0.00"),
            "acceptance": orders.get("acceptance", "auto"),
            "accept_minutes": orders.get("accept_minutes", 15),
            "alerts": orders.get("alerts", "off"),
            "customer_channel": orders.get("customer_channel", "sms"),
        },
        "hours": {
            "enabled": bool(raw_hours),
            "outside": raw_hours.get("outside", "refuse"),
            "holidays": "\n".join(raw_hours.get("holidays") or []),
            "days": days,
        },
    }


CHOICES = {
    "area_choices": AREA_CHOICES,
    "accept_choices": ACCEPT_CHOICES,
    "alert_choices": ALERT_CHOICES,
    "channel_choices": CHANNEL_CHOICES,
    "outside_choices": OUTSIDE_CHOICES,
}
