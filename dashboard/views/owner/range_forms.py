"""A report's date range as a form: the payments reconciliation and the settlements ledger read their
``from``/``to`` (query string) through :class:`DateRangeForm`, and the forms posted from those pages carry
the range back through :class:`RangeQueryField`; the order desk's date filters are the same fields.

A date not written YYYY-MM-DD, a start after the end or a range longer than the report allows is refused
naming the field (the page is drawn with the default range and the message, with a 400).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from dashboard.forms import TextOf, valid_data
from webdpro.errors import ValidationFailed

RangeRule = Callable[[str | None, str | None], tuple[date, date]]

DATE_MESSAGES = {
    "from": gettext_lazy("Enter the start date as YYYY-MM-DD, like 2026-12-01."),
    "to": gettext_lazy("Enter the end date as YYYY-MM-DD, like 2026-12-31."),
}


def date_field(name: str) -> forms.DateField:
    """The ``from`` or ``to`` day of a range, YYYY-MM-DD or empty (also the order desk's date filters)."""
    return forms.DateField(required=False, input_formats=["%Y-%m-%d"], error_messages={"invalid": DATE_MESSAGES[name]})


class DateRangeForm(forms.Form):
    """A report's IST days ``from``..``to``, each YYYY-MM-DD or empty. ``rule`` is the report's own range
    rule (``parse_range`` of the reconciliation or the ledger: the default days, the start after the end,
    the most days at once), called from :meth:`clean`, so the form and the domain share one rule."""

    def __init__(self, *args, rule: RangeRule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule
        for name in ("from", "to"):  # Python keywords: declared here
            self.fields[name] = date_field(name)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["start"], data["end"] = self.rule(_iso(data["from"]), _iso(data["to"]))
        except ValidationFailed as exc:
            self.add_error(exc.field if exc.field in self.fields else "from", exc.message)
        return data

    def dates(self) -> tuple[date, date]:
        """The first and last day, or ValidationFailed naming the bad field."""
        data = valid_data(self)
        return data["start"], data["end"]

    def query(self) -> str:
        """The range as the person gave it (``from=…&to=…``, cleaned), to come back to after an action."""
        data = valid_data(self)
        return urlencode({name: data[name].isoformat() for name in ("from", "to") if data[name]})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class RangeQueryField(TextOf):
    """A report's date range carried through a form (the hidden ``from=…&to=…`` of the page it came from),
    read by :class:`DateRangeForm` with the report's ``rule``: the same query rebuilt from its cleaned
    dates, or the range's own refusal."""

    def __init__(self, *, rule: RangeRule, **kwargs):
        super().__init__(concept=gettext_lazy("date range"), max_length=200, required=False, **kwargs)
        self.rule = rule

    def clean(self, value):
        form = DateRangeForm(QueryDict(super().clean(value)), rule=self.rule)
        if not form.is_valid():
            raise forms.ValidationError(next(iter(form.errors.values()))[0], code="range")
        return form.query()
