"""One way to show things to people: labels, the owner's date-time, units, timelines."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import translation

from dashboard.templatetags.labels import customer_datetime, label, owner_date, owner_datetime, unit_count
from webdpro.labels import VOCABULARIES, all_codes
from webdpro.orders.timeline import customer_timeline, owner_timeline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-02T11:07:00.000000Z", "2 Dec 2026, 4:37 pm"),
        ("2026-12-01T18:45:00.000000Z", "2 Dec 2026, 12:15 am"),
        ("2026-12-02T06:30:00Z", "2 Dec 2026, 12:00 pm"),
        ("", ""),
        ("not a date", ""),
    ],
)
def test_owner_datetime_is_one_format_in_india_time(value, expected):
    assert owner_datetime(value) == expected


def test_owner_date():
    assert owner_date(date(2026, 12, 2)) == "2 Dec 2026"
    assert owner_date("2026-12-01T20:00:00.000000Z") == "2 Dec 2026"  # 1:30 am IST on the 2nd


CUSTOMER_FORMATS = {
    # One format per served language, from CLDR (Babel): the locale's short date and its 12-hour clock with
    # the day period people say in that language; never a Latin "pm" beside a Devanagari month.
    "en": ("2 Dec 2026, 4:37 pm", "2 Dec 2026, 9:05 am"),
    "hi": ("2 दिस॰ 2026, शाम 4:37", "2 दिस॰ 2026, सुबह 9:05"),
    "mr": ("2 डिसें, 2026, संध्याकाळ 4:37", "2 डिसें, 2026, सकाळ 9:05"),
    "bn": ("2 ডিসেঃ, 2026 4:37 বিকাল", "2 ডিসেঃ, 2026 9:05 সকাল"),
    "te": ("2, డిసెం 2026 4:37 మధ్యాహ్నం", "2, డిసెం 2026 9:05 ఉదయం"),
    "ta": ("2 டிச., 2026, மாலை 4:37", "2 டிச., 2026, காலை 9:05"),
    "gu": ("2 ડિસે, 2026 4:37 સાંજે", "2 ડિસે, 2026 9:05 સવારે"),
    "kn": ("ಡಿಸೆಂ 2,2026 4:37 ಮಧ್ಯಾಹ್ನ", "ಡಿಸೆಂ 2,2026 9:05 ಬೆಳಗ್ಗೆ"),
    "ml": ("2026 ഡിസം 2 വൈകുന്നേരം 4:37", "2026 ഡിസം 2 രാവിലെ 9:05"),
    "pa": ("2 ਦਸੰ 2026, 4:37 ਸ਼ਾਮੀਂ", "2 ਦਸੰ 2026, 9:05 ਸਵੇਰੇ"),
    "or": ("ଡିସେମ୍ବର 2, 2026, 4:37 PM", "ଡିସେମ୍ବର 2, 2026, 9:05 AM"),
}


def test_there_is_one_customer_format_for_every_served_language(settings):
    assert set(CUSTOMER_FORMATS) == {code for code, _ in settings.LANGUAGES}


@pytest.mark.parametrize(("language", "expected"), sorted(CUSTOMER_FORMATS.items()))
def test_customer_datetime_in_each_language(language, expected):
    with translation.override(language):
        afternoon = customer_datetime("2026-12-02T11:07:00.000000Z")
        morning = customer_datetime("2026-12-02T03:35:00Z")
    assert (afternoon, morning) == expected
    if language not in ("en", "or"):  # CLDR gives Odia only AM/PM
        assert not re.search(r"(?i)\b[ap]\.?m\b", afternoon + morning)


def test_an_unknown_language_falls_back_to_indian_english():
    with translation.override("xx"):
        assert customer_datetime("2026-12-02T11:07:00.000000Z") == "2 Dec 2026, 4:37 pm"


def test_owner_date_time_is_the_same_one_format_in_english():
    with translation.override("en"):
        assert owner_datetime("2026-12-02T11:07:00.000000Z") == "2 Dec 2026, 4:37 pm"
        assert owner_date("2026-12-02T11:07:00.000000Z") == "2 Dec 2026"


@pytest.mark.parametrize(
    ("vocabulary", "code", "expected"),
    [
        ("payment_method", "UPI", "UPI"),
        ("payment_method", "COD", "Cash on delivery"),
        ("payment_method", "CARD", "Card"),
        ("payment_kind", "PUBLISH_FEE", "Publish fee"),
        ("payment_status", "CAPTURED", "Received"),
        ("order_status", "PENDING_PAYMENT", "Awaiting payment"),
        ("customer_order_status", "PENDING_PAYMENT", "Awaiting payment"),
        ("order_payment_status", "PENDING", "Awaiting payment"),
        ("store_status", "PAID", "Paid, not yet published"),
        ("plan", "ENTERPRISE", "Enterprise"),
        ("payment_method", None, ""),
    ],
)
def test_labels(vocabulary, code, expected):
    assert label(code, vocabulary) == expected


def test_every_code_has_a_label_that_is_not_the_code():
    for name, words in VOCABULARIES.items():
        for code, text in words.items():
            assert str(text) and (str(text) != code or code in ("UPI",)), (name, code)
    assert {"PENDING_PAYMENT", "CAPTURED", "PUBLISH_FEE", "COD", "CARD"} <= all_codes()


def test_each_order_status_has_one_customer_label_beside_the_enum():
    from webdpro.db.orders import CUSTOMER_ORDER_STATUS_LABELS, OrderStatus

    assert set(CUSTOMER_ORDER_STATUS_LABELS) == set(OrderStatus)
    assert OrderStatus.PLACED.customer_label == "Waiting for the shop to accept" != OrderStatus.PLACED.label
    assert OrderStatus.PREPARING.customer_label == "Being prepared"
    assert OrderStatus.PENDING_PAYMENT.customer_label == OrderStatus.PENDING_PAYMENT.label == "Awaiting payment"
    for status in OrderStatus:
        assert label(status.value, "customer_order_status") == str(status.customer_label)
    with translation.override("hi"):
        assert str(OrderStatus.DELIVERED.customer_label) == label("DELIVERED", "customer_order_status")


@pytest.mark.parametrize(("quantities", "expected"), [([2], "2 units"), ([1], "1 unit"), ([1, 1, 3], "5 units")])
def test_unit_count_counts_units_not_lines(quantities, expected):
    order = SimpleNamespace(items=[SimpleNamespace(quantity=q) for q in quantities])
    assert unit_count(order) == expected


def change(status, by, note=None, at="2026-12-02T11:07:00.000000Z"):
    return SimpleNamespace(status=status, by=by, note=note, at=at)


def test_timelines_name_every_actor_and_show_one_preparing():
    order = SimpleNamespace(
        customer_name="Asha",
        history=[
            change("CONFIRMED", "01CUSTOMERUSERID", "Order placed, Cash on delivery"),
            change("PREPARING", "owner-1"),
            change("PREPARING", "owner-1", "Assigned to Ravi"),
            change("CANCELLED", "system", "Payment not received within 30 minutes"),
        ],
    )
    entries = owner_timeline(order, {"owner-1": "Meena"})
    assert [e.by for e in entries] == ["Asha (customer)", "Meena", "Meena", "WebDPro (automatic)"]
    assert [e.is_event for e in entries] == [False, False, True, False]
    assert not any("Someone" in e.by for e in entries)
    assert [e.label for e in customer_timeline(order)] == ["Confirmed", "Being prepared", "Cancelled"]


def test_date_times_formatted_from_cached_parts_read_as_babel_formats_the_whole_moment():
    """List pages format each day and each clock time once (labels._day_text, _clock_text): the text is
    the one Babel gives for the whole moment, "midnight" included, in every served language."""
    from datetime import datetime, timedelta, timezone

    from babel.dates import format_datetime
    from django.utils import translation

    from dashboard.templatetags import labels
    from webdpro import clock

    moments = [datetime(2026, 3, 1, 18, 30, s, tzinfo=timezone.utc) for s in (0, 1)]  # IST midnight, and after
    moments += [datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=97 * i, seconds=i) for i in range(60)]
    for language in ("en", "hi", "kn", "ta", "pa"):
        with translation.override(language):
            locale, day_pattern, clock_pattern, glue = labels._patterns(labels._language())
            for moment in moments:
                local = moment.astimezone(clock.IST)
                day = format_datetime(local, day_pattern, locale=locale)
                expected = glue.replace("{1}", day).replace("{0}", format_datetime(local, clock_pattern, locale=locale))
                assert labels.local_datetime(moment) == expected, (language, moment)
