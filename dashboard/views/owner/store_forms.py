"""The store editor's own cards as Django forms: name and language, contact details, payment methods and the
web address. Each form parses its card's POST and draws its fields through the project's field template
(``{{ field.as_field_group }}``), as do the rule cards' forms (``store_rule_forms``). Shapes only: the
rules, and their messages, are the services'.

The editor shows each card as a form bound to what is saved (or to what was just submitted), with the
service's refusal put on the field it names.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboard.views.owner.store_rule_forms import FulfilmentForm, HoursForm, OrderRulesForm
from webdpro.errors import ValidationFailed


def _text(label, max_length, *, textarea_rows=None, **attrs):
    widget = forms.Textarea(attrs={"rows": textarea_rows, **attrs}) if textarea_rows else forms.TextInput(attrs=attrs)
    if max_length:
        widget.attrs["maxlength"] = max_length
    return forms.CharField(label=label, required=False, strip=False, widget=widget)


class BasicsForm(forms.Form):
    name = _text(gettext_lazy("Store name"), 80, required=True)
    tagline = _text(gettext_lazy("Tagline"), 140)
    language = forms.CharField(  # a Select, but any code reaches the service, which names a bad one
        label=gettext_lazy("Store language"),
        required=False,
        help_text=gettext_lazy("Customers see your storefront's buttons and labels in this language."),
        widget=forms.Select,
    )
    categories = _text(gettext_lazy("Categories (one per line, in order)"), None, textarea_rows=5)
    seo_title = _text(gettext_lazy("Title"), 70)
    seo_description = _text(gettext_lazy("Description"), 200, textarea_rows=2)

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = list(languages)

    def changes(self) -> dict:
        data = cleaned(self)
        return {**data, "categories": data["categories"].splitlines()}


class ContactForm(forms.Form):
    phone = _text(gettext_lazy("Phone"), None, type="tel", placeholder="98765 43210", autocomplete="tel")
    whatsapp = _text(gettext_lazy("WhatsApp"), None, type="tel", placeholder="98765 43210")
    address = _text(gettext_lazy("Address"), 300, textarea_rows=2)
    hours = _text(gettext_lazy("Opening hours"), 120)


class PaymentsForm(forms.Form):
    cod = forms.BooleanField(label=gettext_lazy("Cash on delivery"), required=False)
    upi = forms.BooleanField(label="UPI", required=False)
    card = forms.BooleanField(label=gettext_lazy("Cards and net banking"), required=False)
    upi_id = _text(gettext_lazy("UPI id (optional)"), None, placeholder="yourshop@okaxis", autocomplete="off")


class DomainForm(forms.Form):
    slug = _text(
        gettext_lazy("Address"), 40, pattern="[a-z0-9][a-z0-9-]{1,38}[a-z0-9]", autocapitalize="off", spellcheck="false"
    )
    custom_domain = forms.CharField(
        label=gettext_lazy("Your own domain (optional)"),
        help_text=gettext_lazy("Leave empty to remove."),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "shop.example.com", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, domain: str = "", platform_domain: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if platform_domain:
            self.fields["slug"].help_text = _("Your store's address: <name>%(domain)s") % {"domain": platform_domain}
        if domain:
            self.fields["custom_domain"].help_text = _(
                "Point a CNAME record for it at %(domain)s. Leave empty to remove."
            ) % {"domain": domain}


CARD_FORMS = {"basics": BasicsForm, "contact": ContactForm, "payments": PaymentsForm, "domain": DomainForm}
# The rule cards' forms (store_rules parses their POST): shown the same way.
SHOWN_FORMS = {**CARD_FORMS, "delivery": FulfilmentForm, "orders": OrderRulesForm, "hours": HoursForm}


def parse(card: str, data, **options):
    """The card's form bound to the POST (read its values with :func:`cleaned` inside the card's action)."""
    return CARD_FORMS[card](data, auto_id="f-%s", **options)


def cleaned(form) -> dict:
    """The form's values, or ValidationFailed naming the first bad field (e.g. a NUL character)."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise ValidationFailed(errors[0], field=None if name == "__all__" else name)
    return form.cleaned_data


def card_forms(values: dict, errors: dict, options: dict) -> dict:
    """Each card's form bound to the values it shows, with the refusal on the field it names.
    ``options``: card → keyword arguments of its form (the languages, the store's domains)."""
    shown = {}
    for card, form_class in SHOWN_FORMS.items():
        form = form_class(_as_data(values.get(card) or {}), auto_id="f-%s", **options.get(card, {}))
        form.is_valid()
        for name, message in errors.items():
            if name in form.fields and message not in form.errors.get(name, []):
                form.add_error(name, message)
        shown[card] = form
    return shown


def _as_data(values: dict) -> dict:
    return {name: value for name, value in values.items() if value not in (None, False)}
