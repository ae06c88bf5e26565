"""Sign-in and sign-up forms. Phones are normalised (E.164) by the domain's ``clean_phone``."""

from django import forms
from django.utils.translation import gettext_lazy

from dashboard.forms import ON_OFF, ChoiceOf
from webdpro.accounts.signin import clean_code, clean_phone
from webdpro.errors import ValidationFailed


def _domain_clean(func, value):
    try:
        return func(value)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from exc


class PhoneForm(forms.Form):
    phone = forms.CharField(max_length=32, error_messages={"required": gettext_lazy("Enter your mobile number.")})

    def clean_phone(self):
        return _domain_clean(clean_phone, self.cleaned_data["phone"])


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=16, error_messages={"required": gettext_lazy("Enter the 6-digit code from the SMS.")}
    )

    def clean_code(self):
        return _domain_clean(clean_code, self.cleaned_data["code"])


class SignupForm(PhoneForm):
    name = forms.CharField(max_length=120, error_messages={"required": gettext_lazy("Enter your name.")})
    business_name = forms.CharField(
        max_length=120, error_messages={"required": gettext_lazy("Enter your business name.")}
    )
    email = forms.EmailField(
        required=False,
        max_length=254,
        error_messages={"invalid": gettext_lazy("Enter a valid email address, like you@example.com.")},
    )

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()


class PhonePrefillForm(forms.Form):
    """The number a link fills in on the phone step (``?phone=``, e.g. "sign in with it here"); an over-long
    one fills in nothing (the person types their number)."""

    phone = forms.CharField(required=False, max_length=32)

    def prefill(self) -> dict:
        self.is_valid()
        return {"phone": self.cleaned_data.get("phone", "")}


class SignOutForm(forms.Form):
    """Sign out here, or everywhere (``everywhere=1``, the owners' "Sign out everywhere")."""

    everywhere = ChoiceOf(concept=gettext_lazy("sign-out option"), choices=ON_OFF, required=False)
