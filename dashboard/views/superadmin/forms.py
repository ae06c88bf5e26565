"""The console's forms: the businesses list's filters, the people search, the audit log's filter, and one form per
action on a business or a person. Shapes only (a choice from its list, a length, a phone read by
``webdpro.phones``); the services hold the rules (a reason is required, a role fits the person, the last super
admin stays) and their messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.forms import ON_OFF, ChoiceOf, CursorField, TextOf, valid_data
from webdpro.accounts.plans import PlanCode
from webdpro.accounts.roles import Role
from webdpro.phones import InvalidPhone, looks_like_phone, normalize_phone
from webdpro.superadmin.audit import PLATFORM
from webdpro.superadmin.services import MAX_REASON, SUBSCRIPTION_LABELS

MAX_SEARCH = 120  # a business name is at most 120 characters (sign-up)
ULID = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _is_ulid(text: str) -> bool:
    return len(text) == 26 and all(ch in ULID for ch in text)


def _subscription_choices():
    return list(SUBSCRIPTION_LABELS.items())


def _phone(text: str) -> str:
    """``text`` as an E.164 phone (``webdpro.phones``), or the phone's own message as the field's error."""
    try:
        return normalize_phone(text)
    except InvalidPhone as exc:
        raise forms.ValidationError(str(exc), code="phone") from exc


# --- Lists (query strings) -----------------------------------------------------------------------------------


class TenantFilterForm(forms.Form):
    """The businesses list: a plan and a subscription status from their lists (another value is refused with a
    400 naming the filter, as on the order desk), the search (cut to ``MAX_SEARCH``) and the page cursor."""

    q = forms.CharField(required=False)
    plan = ChoiceOf(concept=_("plan"), choices=PlanCode.choices, required=False)
    status = ChoiceOf(concept=_("subscription status"), choices=_subscription_choices, required=False)
    cursor = CursorField()

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_SEARCH]


class UserSearchForm(forms.Form):
    """The people search: a phone typed any way, read by ``webdpro.phones`` (empty: no search yet)."""

    phone = TextOf(concept=_("phone number"), max_length=32, required=False)

    def clean_phone(self):
        text = self.cleaned_data["phone"]
        return _phone(text) if text else ""


class AuditFilterForm(forms.Form):
    """The audit log's filter: a business id, ``PLATFORM`` (people without a business) or an owner's phone
    (then ``phone`` holds it in E.164); anything else is refused with a 400 naming the business."""

    tenant = forms.CharField(
        required=False,
        max_length=32,
        error_messages={"max_length": _("Enter a business id or its owner's phone number.")},
    )
    cursor = CursorField()

    def clean_tenant(self):
        text = self.cleaned_data["tenant"]
        if text and text != PLATFORM and not looks_like_phone(text) and not _is_ulid(text):
            raise forms.ValidationError(_("Enter a business id or its owner's phone number."), code="tenant")
        return text

    def clean(self):
        data = super().clean()
        text = data.get("tenant")
        if text and looks_like_phone(text):
            try:
                data["phone"] = _phone(text)
            except forms.ValidationError as exc:
                self.add_error("tenant", exc)
        return data


# --- Actions (posted) ------------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    plan = ChoiceOf(concept=_("plan"), choices=PlanCode.choices)


class SubscriptionForm(forms.Form):
    status = ChoiceOf(concept=_("subscription status"), choices=_subscription_choices)


class ReasonForm(forms.Form):
    """Suspending a business or a store: the reason the owner sees (required by the service)."""

    reason = TextOf(concept=_("reason"), max_length=MAX_REASON, required=False)


class NoteForm(forms.Form):
    """Reactivating a business: an optional note for the audit log."""

    note = TextOf(concept=_("note"), max_length=MAX_REASON, required=False)


class StoreReactivateForm(forms.Form):
    """Reactivating a store takes no input: the store goes back to the status it had."""


class ActiveForm(forms.Form):
    active = ChoiceOf(concept=_("active switch"), choices=ON_OFF)

    def turned_on(self) -> bool:
        return valid_data(self)["active"] == "1"


class RoleForm(forms.Form):
    """A role from the list; whether it fits the person (a business's people, a customer) is the service's rule."""

    role = ChoiceOf(concept=_("role"), choices=Role.choices)
