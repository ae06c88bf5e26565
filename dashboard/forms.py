"""The project's forms: the renderer (every ``{{ field.as_field_group }}`` is drawn by one template,
``templates/forms/field.html`` — label, the widget, help text linked by ``aria-describedby``, and each error
with ``role="alert"`` — so no page writes its own error block), the rupee field (every amount typed in a
form is read by ``webdpro.money.parse_rupees``) and the bridge from a form to the domain's errors."""

from decimal import Decimal

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _

from webdpro import pagination
from webdpro.errors import DomainError, ValidationFailed
from webdpro.money import MAX_INPUT_LENGTH, group_indian, parse_rupees

NEXT_MAX_LENGTH = 2000  # a ``next`` path longer than this is not one of ours


class FormRenderer(TemplatesSetting):
    """Widgets from the project's templates (with Django's own as the fallback), fields through one template."""

    field_template_name = "forms/field.html"


class RupeesField(forms.CharField):
    """An amount of rupees typed by a person, read by :func:`webdpro.money.parse_rupees` (the one home of rupee
    parsing): a Decimal exact to the paisa, or the field's own error ("Enter the delivery fee…").

    ``concept`` names the amount in messages; ``maximum`` is the largest amount the concept allows;
    ``positive`` refuses zero; an empty value is ``None`` when the field is not required."""

    widget = forms.TextInput

    def __init__(self, *, concept: str, maximum: Decimal, positive: bool = False, **kwargs):
        kwargs.setdefault("max_length", MAX_INPUT_LENGTH)
        super().__init__(**kwargs)
        self.concept, self.maximum, self.positive = concept, maximum, positive
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value):
        text = self.to_python(value)
        if text in self.empty_values and not self.required:
            return None
        self.run_validators(text)
        try:
            return parse_rupees(text, field="", label=str(self.concept), maximum=self.maximum, positive=self.positive)
        except ValidationFailed as exc:  # also "Enter the …" for a required amount left empty
            raise forms.ValidationError(exc.message, code="rupees") from exc


class ChoiceOf(forms.ChoiceField):
    """A choice from a fixed list (a TextChoices, the plans, a view's actions); a missing or unknown value is
    refused with a message naming ``concept`` ("Choose the plan from the list.")."""

    def __init__(self, *, concept: str, **kwargs):
        super().__init__(**kwargs)
        self.concept = concept

    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as exc:
            message = _("Choose the %(concept)s from the list.") % {"concept": self.concept}
            raise forms.ValidationError(message, code=exc.code) from exc


ON_OFF = [("1", "1"), ("0", "0")]  # a switch posted by a hidden input: "1" turns it on, "0" off


class TextOf(forms.CharField):
    """Free text of at most ``max_length`` characters; a longer one is refused naming ``concept``."""

    def __init__(self, *, concept: str, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.concept = concept

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except forms.ValidationError as exc:
            message = _("The %(concept)s is too long: at most %(n)s characters.") % {
                "concept": self.concept,
                "n": self.max_length,
            }
            raise forms.ValidationError(message, code="max_length") from exc


class CountOf(forms.IntegerField):
    """A whole number a person typed (units, a stock level) from ``min_value`` to ``max_value``; each
    refusal names ``concept`` ("Enter the quantity as a whole number.")."""

    def __init__(self, *, concept: str, min_value: int, max_value: int, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        self.concept = concept
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            message = _("Enter the %(concept)s as a whole number.") % {"concept": self.concept}
            raise forms.ValidationError(message, code="invalid") from exc

    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as exc:
            raise forms.ValidationError(_("Enter the %(concept)s.") % {"concept": self.concept}, code=exc.code) from exc

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except forms.ValidationError as exc:
            message = _("The %(concept)s must be from %(min)s to %(max)s.") % {
                "concept": self.concept,
                "min": _grouped(self.min_value),
                "max": _grouped(self.max_value),
            }
            raise forms.ValidationError(message, code="range") from exc


def _grouped(number: int) -> str:
    return ("-" if number < 0 else "") + group_indian(str(abs(number)))


class CursorField(forms.CharField):
    """A list's signed page cursor (the ``cursor`` of a "More" link). The form takes it as typed; the list's
    selector checks its signature and scope (:mod:`webdpro.pagination`: a bad one is a 400 naming ``cursor``).
    One longer than any cursor a list makes is refused here with the same words."""

    MAX_LENGTH = 2000

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", self.MAX_LENGTH)
        super().__init__(**kwargs)
        self.error_messages["max_length"] = pagination.INVALID
        self.error_messages["null_characters_not_allowed"] = pagination.INVALID

    def clean(self, value):
        return super().clean(value) or None  # None: the first page


class NextField(forms.CharField):
    """The page to go back to (``next``), as typed: :func:`dashboard.views.common.safe_next` decides whether it
    is one of this site's. An over-long or malformed value is ignored (the view's default page is used), never
    refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def clean(self, value):
        try:
            value = super().clean(value)
        except forms.ValidationError:  # a NUL character: not a path of ours either
            return ""
        return value if len(value) <= NEXT_MAX_LENGTH else ""


class NextForm(forms.Form):
    """The ``next`` parameter of a request (posted, or in the query string)."""

    next = NextField()


def next_parameter(request) -> str:
    """The request's ``next``: the posted one, else the query string's ("" when there is none)."""
    for form in (NextForm(request.POST), NextForm(request.GET)):
        if form.is_valid() and form.cleaned_data["next"]:
            return form.cleaned_data["next"]
    return ""


def valid_data(form: forms.Form) -> dict:
    """The form's cleaned values, or :class:`~webdpro.errors.ValidationFailed` naming the first bad field (a
    4xx through the view's error handling, with the message on that field)."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise ValidationFailed(errors[0], field=None if name == "__all__" else name)
    return form.cleaned_data


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the field it names (or above the form when it names none of its fields)."""
    name = error.field if error.field in form.fields else None
    if name is None or error.message not in form.errors.get(name, []):
        form.add_error(name, error.message)
