"""The project's form pieces: the rupee field (every amount typed into a form is read by
``webdpro.money.parse_rupees``), the bridge from a form to a domain error, and the one "run a domain action
and answer" helper of the views."""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.http import Http404, HttpResponse
from django.test import RequestFactory

import dashboard
from dashboard.forms import CursorField, RupeesField, add_domain_error, next_parameter, valid_data
from dashboard.views.common import run_action, safe_next
from webdpro.errors import Conflict, NotFound, ValidationFailed

MONEY_FIELDS = {"price", "fee", "free_above", "min_order", "max_discount", "amount", "cash_limit"}


class Amount(forms.Form):
    amount = RupeesField(concept="amount handed over", maximum=Decimal("1000"), positive=True, required=False)
    fee = RupeesField(concept="delivery fee", maximum=Decimal("500"))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1,000", Decimal("1000.00")), ("₹ 49.5", Decimal("49.50")), ("", None), ("  ", None)],
)
def test_the_rupee_field_reads_what_parse_rupees_reads(typed, expected):
    form = Amount({"amount": typed, "fee": "0"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == expected
    assert form.cleaned_data["fee"] == Decimal("0.00")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("49,50", "Use a dot for paise"),
        ("1001", "at most ₹1,000.00"),
        ("0", "must be more than ₹0"),
        ("-5", "must be more than ₹0"),
        ("12.345", "two decimal places"),
        ("१००", "is not an amount"),
    ],
)
def test_the_rupee_field_refuses_on_the_field_with_the_money_message(typed, message):
    form = Amount({"amount": typed, "fee": "1"})
    assert not form.is_valid()
    assert message in form.errors["amount"][0]
    assert list(form.errors) == ["amount"]


def test_a_required_rupee_field_asks_for_the_amount():
    form = Amount({"amount": "5"})
    assert not form.is_valid() and form.errors["fee"] == ["Enter the delivery fee."]


def test_valid_data_names_the_first_bad_field():
    with pytest.raises(ValidationFailed) as refused:
        valid_data(Amount({"amount": "abc", "fee": "1"}))
    assert refused.value.field == "amount"
    assert valid_data(Amount({"amount": "", "fee": "2"}))["fee"] == Decimal("2.00")


def test_a_domain_error_lands_on_its_field_or_above_the_form():
    form = Amount({"amount": "5", "fee": "1"})
    form.is_valid()
    add_domain_error(form, ValidationFailed("Too much.", field="fee"))
    add_domain_error(form, Conflict("Changed meanwhile."))
    assert form.errors["fee"] == ["Too much."] and form.non_field_errors() == ["Changed meanwhile."]


def _all_forms():
    for module in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        if ".management." not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [f for f in subclasses(forms.Form) if f.__module__.startswith("dashboard.")]


def test_every_money_field_of_every_form_is_read_by_parse_rupees():
    found, offenders = [], []
    for form in _all_forms():
        for name, field in form.base_fields.items():
            if name in MONEY_FIELDS:
                found.append(f"{form.__name__}.{name}")
                if not isinstance(field, RupeesField):
                    offenders.append(f"{form.__module__}.{form.__name__}.{name}")
    assert len(found) >= 8, found  # the walk saw the forms with money in them
    assert not offenders, "Money fields must be RupeesField (webdpro.money.parse_rupees):\n" + "\n".join(offenders)


def _respond(result, error, status):
    return HttpResponse(f"{result}|{type(error).__name__ if error else ''}", status=status)


def test_run_action_answers_with_the_result_or_the_refusal_and_its_status():
    request = RequestFactory().post("/")
    ok = run_action(request, lambda: "saved", _respond)
    assert (ok.status_code, ok.content) == (200, b"saved|")
    refused = run_action(request, lambda: (_ for _ in ()).throw(ValidationFailed("Bad.", field="x")), _respond)
    assert (refused.status_code, refused.content) == (400, b"None|ValidationFailed")
    conflict = run_action(request, lambda: (_ for _ in ()).throw(Conflict("Changed.")), _respond)
    assert conflict.status_code == 409
    missing = run_action(request, lambda: (_ for _ in ()).throw(NotFound("Gone.")), _respond)
    assert missing.status_code == 404
    with pytest.raises(Http404):
        run_action(request, lambda: (_ for _ in ()).throw(NotFound("Gone.")), _respond, not_found_404=True)


def test_run_action_swaps_an_htmx_refusal_in_place():
    request = RequestFactory().post("/", HTTP_HX_REQUEST="true")
    request.htmx = True
    missing = run_action(request, lambda: (_ for _ in ()).throw(NotFound("Gone.")), _respond)
    assert missing.status_code == 409  # htmx swaps 400/409/422 only


def test_next_is_read_from_the_body_then_the_query_string_and_an_over_long_one_is_ignored():
    factory = RequestFactory()
    assert next_parameter(factory.post("/x/?next=/from-query/", {"next": "/from-body/"})) == "/from-body/"
    assert next_parameter(factory.post("/x/?next=/from-query/", {})) == "/from-query/"
    assert next_parameter(factory.get("/x/", {"next": " /kept as typed"})) == " /kept as typed"
    assert next_parameter(factory.get("/x/", {"next": "/" + "a" * 2000})) == ""
    assert next_parameter(factory.get("/x/", {"next": "/a\x00b"})) == ""
    assert next_parameter(factory.get("/x/", {"next": "/" + "a" * 1999})) == "/" + "a" * 1999


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/dashboard/orders/?status=CONFIRMED", "/dashboard/orders/?status=CONFIRMED"),
        ("https://evil.example/", "/home/"),
        ("//evil.example/", "/home/"),
        ("/\\evil.example/", "/home/"),
        (" /dashboard/", "/home/"),
        ("dashboard", "/home/"),
        ("", "/home/"),
    ],
)
def test_safe_next_keeps_paths_on_this_site_only(value, expected):
    request = RequestFactory().get("/x/", {"next": value})
    assert safe_next(request, default="/home/") == expected


class Page(forms.Form):
    cursor = CursorField()


def test_a_cursor_field_is_none_for_the_first_page_and_refuses_an_over_long_one():
    assert valid_data(Page({}))["cursor"] is None
    assert valid_data(Page({"cursor": "abc"}))["cursor"] == "abc"
    with pytest.raises(ValidationFailed) as refused:
        valid_data(Page({"cursor": "c" * 2001}))
    assert refused.value.field == "cursor" and "That page link is not valid any more" in refused.value.message
