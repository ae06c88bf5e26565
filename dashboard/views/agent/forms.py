"""The agent's phone forms: language, the delivery step (code, how the customer paid, the cash, the confirmation
of a difference), why a delivery failed, and the live location. Shapes only: the delivery services hold the
rules and their messages; the cash is read by ``webdpro.money.parse_rupees`` (:class:`RupeesField`)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dashboard.forms import RupeesField, valid_data
from webdpro.delivery.services import FAILURE_REASONS, MAX_COLLECTED
from webdpro.delivery.statuses import CollectionMethod
from webdpro.money import format_inr

OTHER = "other"


class LanguageSelect(forms.Select):
    """Each language's name marked with its own language (``lang``), so phones read it aloud correctly."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["lang"] = option["value"]
        return option


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=LanguageSelect,
        error_messages={
            "invalid_choice": _("Choose a language from the list."),
            "required": _("Choose a language from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "agent-%s")
        super().__init__(*args, **kwargs)


class DeliverForm(forms.Form):
    code = forms.CharField(
        label=_("Delivery code from the customer"),
        required=False,
        max_length=20,
        help_text=_("The customer got a 4-digit code by SMS when you picked up."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "pattern": "[0-9]{4}",
                "autocomplete": "one-time-code",
                "class": "code-input",
            }
        ),
    )
    method = forms.ChoiceField(required=False, choices=CollectionMethod.choices)
    amount = RupeesField(
        label=_("Cash collected (₹)"), concept=_("cash collected"), maximum=MAX_COLLECTED, required=False
    )
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["maxlength"] = 4

    def show_due(self, delivery) -> DeliverForm:
        """The cash field's hint: the amount due on this delivery."""
        if delivery.cod_amount is not None:
            self.fields["amount"].widget.attrs["placeholder"] = str(delivery.cod_amount)
            self.fields["amount"].help_text = _("Due: %(amount)s. Enter exactly what you received.") % {
                "amount": format_inr(delivery.cod_amount)
            }
        return self

    def step(self) -> dict:
        """The keyword arguments of ``services.deliver`` (ValidationFailed naming a bad field)."""
        data = valid_data(self)
        return {
            "code": data["code"],
            "method": data["method"] or CollectionMethod.CASH,
            "amount": data["amount"],
            "confirm_difference": data["confirm"],
        }


class FailForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What happened?"),
        required=False,
        choices=[(reason, _(reason)) for reason in FAILURE_REASONS] + [(OTHER, _("Something else"))],
        widget=forms.RadioSelect,
    )
    reason_text = forms.CharField(
        label=_("Details (optional, required for “Something else”)"), required=False, max_length=200
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def reason_given(self) -> str:
        """The reason as the order's timeline keeps it: the chosen one, with the details after it."""
        data = valid_data(self)
        reason, detail = data["reason"], data["reason_text"].strip()
        if reason == OTHER or not reason:
            return detail
        return f"{reason} — {detail}" if detail else reason


class LocationForm(forms.Form):
    """The phone's position (the service checks the ranges and names the coordinate)."""

    lat = forms.CharField(required=False, max_length=40)
    lng = forms.CharField(required=False, max_length=40)
    accuracy = forms.CharField(required=False, max_length=40)
