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

from dashboard.forms import ChoiceOf, TextOf, valid_data
from dashboard.views.owner.store_rule_forms import FulfilmentForm, HoursForm, OrderRulesForm
from webdpro.errors import ValidationFailed
from webdpro.stores import services
from webdpro.stores.schema import SECTION_TYPES


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

    def changes(self) -> dict:
        """The fields the card posted (the address only while the store is a draft), cleaned."""
        data = cleaned(self)
        return {name: data[name] for name in self.fields if name in self.data}

    def submitted(self, saved: dict) -> dict:
        """What the card shows after a refusal: each field as typed, or as ``saved`` when not posted."""
        return {name: self[name].value() if name in self.data else saved[name] for name in self.fields}


class NewStoreForm(forms.Form):
    """A new store from one sentence about the business. Its length is the creation service's rule (3 to
    ``MAX_PROMPT`` characters once spaces are collapsed), refused in the service's words."""

    prompt = forms.CharField(
        required=False,
        strip=False,
        error_messages={
            "null_characters_not_allowed": gettext_lazy("Write the sentence about your business in plain words.")
        },
    )

    def clean_prompt(self):
        try:
            return services.clean_prompt(self.cleaned_data["prompt"])
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.message, code="prompt") from exc


REWRITE_MODES = [("keep", "keep"), ("replace", "replace")]


class RegenerateForm(forms.Form):
    """The offer to rewrite the store's text in its language: the language (the service checks it is one it
    writes) and whether the owner's own text is kept (the default) or replaced."""

    language = TextOf(concept=gettext_lazy("store language"), max_length=10, required=False)
    mode = ChoiceOf(concept=gettext_lazy("rewrite option"), choices=REWRITE_MODES, required=False)

    def regeneration(self) -> tuple[str, bool]:
        """(language, replace the owner's text?), or ValidationFailed naming the field."""
        data = valid_data(self)
        return data["language"], data["mode"] == "replace"


def _colour(label):
    return forms.CharField(label=label, required=False, max_length=7, widget=forms.TextInput(attrs={"type": "color"}))


class ThemeForm(forms.Form):
    """The store's four colours (the service checks each is #rrggbb and that the text can be read)."""

    primary = _colour(gettext_lazy("Main colour"))
    accent = _colour(gettext_lazy("Highlight"))
    background = _colour(gettext_lazy("Background"))
    text = _colour(gettext_lazy("Text"))


SECTION_LABELS = {
    "hero": gettext_lazy("Banner"),
    "categories": gettext_lazy("Categories"),
    "featured": gettext_lazy("Featured products"),
    "about": gettext_lazy("About"),
    "contact": gettext_lazy("Contact"),
    "services": gettext_lazy("Services"),
    "visiting_hours": gettext_lazy("Visiting hours"),
}
# The words each kind of section has besides its title: (field prefix, label, widget, most characters).
SECTION_WORDS = {
    "hero": [("subtitle", gettext_lazy("Subtitle"), forms.TextInput, 200)],
    "about": [("text", gettext_lazy("Text"), forms.Textarea, 2000)],
    "services": [("items", gettext_lazy("One service per line"), forms.Textarea, 6000)],
    "visiting_hours": [
        ("items", gettext_lazy("One line each, like “Monday – Saturday: 10 am – 1 pm”"), forms.Textarea, 6000)
    ],
}
PAIRS = {"visiting_hours"}  # lines read as "label: value"


class SectionsForm(forms.Form):
    """The home page's sections, in the order shown: each one's visibility, title and words. ``kinds``: the
    store's section types in their saved order; ``move`` ("about:up") moves one section a place."""

    section_type = forms.MultipleChoiceField(required=False, choices=[(t, t) for t in SECTION_TYPES])
    move = forms.CharField(required=False, max_length=40)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = [k for k in kinds if k in SECTION_TYPES]
        for kind in self.kinds:
            self.fields[f"visible_{kind}"] = forms.BooleanField(label=gettext_lazy("Show"), required=False)
            self.fields[f"title_{kind}"] = forms.CharField(
                label=gettext_lazy("Title"),
                required=False,
                strip=False,
                max_length=100,
                widget=forms.TextInput(attrs={"id": f"f-title-{kind}"}),
            )
            for prefix, label, widget, most in SECTION_WORDS.get(kind, []):
                attrs = {"id": f"f-{prefix}-{kind}"}
                if widget is forms.Textarea:
                    attrs["rows"] = 4 if prefix == "items" else 3
                self.fields[f"{prefix}_{kind}"] = forms.CharField(
                    label=label, required=False, strip=False, max_length=most, widget=widget(attrs=attrs)
                )

    def rows(self):
        """What the card draws: per section its type, label, visibility box, title and other word fields."""
        for kind in self.kinds:
            words = [self[f"{prefix}_{kind}"] for prefix, *_rest in SECTION_WORDS.get(kind, [])]
            label = SECTION_LABELS.get(kind, kind)
            yield {
                "type": kind,
                "label": label,
                "visible": self[f"visible_{kind}"],
                "title": self[f"title_{kind}"],
                "words": words,
            }

    def sections(self) -> list[dict]:
        """The sections in their new order for ``update_sections``, or ValidationFailed naming the field."""
        data = valid_data(self)
        order = [kind for kind in data["section_type"] if kind in self.kinds] or list(self.kinds)
        _apply_move(order, data["move"])
        return [self._section(kind, data) for kind in order]

    def _section(self, kind, data) -> dict:
        section = {"type": kind, "visible": data[f"visible_{kind}"], "title": data[f"title_{kind}"]}
        for prefix, *_rest in SECTION_WORDS.get(kind, []):
            if f"{prefix}_{kind}" not in self.data:
                continue
            value = data[f"{prefix}_{kind}"]
            section[prefix] = _lines(value, as_pairs=kind in PAIRS) if prefix == "items" else value
        return section


def _apply_move(order: list[str], move: str) -> None:
    kind, _sep, direction = move.partition(":")
    if kind in order and direction in ("up", "down"):
        i = order.index(kind)
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]


def _lines(text: str, as_pairs: bool) -> list:
    items = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if as_pairs:
            label, sep, value = line.partition(": ")
            items.append({"label": label.strip(), "value": value.strip()} if sep else {"label": line, "value": ""})
        else:
            items.append(line)
    return items


def sections_form(sections: list[dict], data=None) -> SectionsForm:
    """The sections card's form: bound to the POST, or (``data`` None) to the saved sections it shows."""
    kinds = [s["type"] for s in sections]
    if data is None:
        data = {"section_type": kinds}
        for section in sections:
            kind = section["type"]
            if section.get("visible"):
                data[f"visible_{kind}"] = "on"
            data[f"title_{kind}"] = section.get("title", "")
            for key in ("subtitle", "text"):
                data[f"{key}_{kind}"] = section.get(key) or ""
            data[f"items_{kind}"] = section.get("lines", "")
    return SectionsForm(data, kinds=kinds, auto_id="f-%s")


CARD_FORMS = {
    "basics": BasicsForm,
    "theme": ThemeForm,
    "contact": ContactForm,
    "payments": PaymentsForm,
    "domain": DomainForm,
}
# The rule cards' forms (store_rules parses their POST): shown the same way.
SHOWN_FORMS = {**CARD_FORMS, "delivery": FulfilmentForm, "orders": OrderRulesForm, "hours": HoursForm}


def parse(card: str, data, **options):
    """The card's form bound to the POST (read its values with :func:`cleaned` inside the card's action)."""
    return CARD_FORMS[card](data, auto_id="f-%s", **options)


def cleaned(form) -> dict:
    """The form's values, or ValidationFailed naming the first bad field (e.g. a NUL character)."""
    return valid_data(form)


def card_forms(values: dict, errors: dict, options: dict) -> dict:
    """Each card's form bound to the values it shows, with the refusal on the field it names.
    ``options``: card → keyword arguments of its form (the languages, the store's domains)."""
    shown = {}
    for card, form_class in SHOWN_FORMS.items():
        form = form_class(_as_data(values.get(card) or {}), auto_id="f-%s", **options.get(card, {}))
        shown[card] = show_errors(form, errors, card)
    return shown


def show_errors(form, errors: dict, card: str):
    """``form`` validated, with the service's refusal on the field it names; one naming the card itself
    (no field of the form) is shown above the form."""
    form.is_valid()
    for name, message in errors.items():
        target = name if name in form.fields else (None if name == card else False)
        if target is not False and message not in form.errors.get(target or "__all__", []):
            form.add_error(target, message)
    return form


def _as_data(values: dict) -> dict:
    return {name: value for name, value in values.items() if value not in (None, False)}
