"""One way to show things to people: ``{% load labels %}``.

- ``{{ code|label:"payment_method" }}`` — the label of a status, method, kind, plan or role (webdpro/labels.py).
- ``{{ iso|owner_datetime }}`` — the owner's one date-time format, ``2 Dec 2026, 4:37 pm`` in IST.
- ``{{ iso|owner_date }}`` — ``2 Dec 2026`` in IST.
- ``{{ iso|customer_datetime }}`` — the customer's format, in the active language.
- ``{{ order|unit_count }}`` — "1 unit" / "3 units" (quantities summed, not lines counted).
"""

from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, get_datetime_format
from django import template
from django.utils import translation
from django.utils.translation import ngettext

from webdpro import clock
from webdpro.labels import label as label_for
from webdpro.stores import links

register = template.Library()


@register.filter
def label(value, vocabulary):
    return label_for(vocabulary, value)


# The served languages' CLDR locales (Babel): Indian English, and Punjabi named by its script.
BABEL_LOCALES = {"en": "en_IN", "pa": "pa_Guru_IN"}


def _moment(value) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = clock.parse(str(value))
        except ValueError:
            return None
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(clock.IST)


def _language(language: str | None = None) -> str:
    return (language or translation.get_language() or "en").split("-")[0].lower()


@lru_cache(maxsize=32)
def _patterns(language: str) -> tuple[str, str, str, str]:
    """(babel locale, date pattern, time pattern, date+time glue) from CLDR for ``language``: the date is the
    locale's ``yMMMd`` ("2 Dec 2026", "2 दिस॰ 2026"), the time its 12-hour clock — in English ``h:mm a``
    ("4:37 pm"), in the Indian languages with the day period people say ("शाम 4:37", "4:37 ಮಧ್ಯಾಹ್ನ")."""
    name = BABEL_LOCALES.get(language, f"{language}_IN")
    try:
        locale = Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        name, locale = "en_IN", Locale.parse("en_IN")
    skeletons = locale.datetime_skeletons
    clock_skeleton = "hm" if locale.language == "en" else "Bhm"
    date_pattern = str(getattr(skeletons["yMMMd"], "pattern", skeletons["yMMMd"]))
    time_pattern = str(getattr(skeletons[clock_skeleton], "pattern", skeletons[clock_skeleton]))
    return name, date_pattern, time_pattern, str(get_datetime_format("medium", locale=locale))


def local_datetime(value, language: str | None = None) -> str:
    """``value`` in India time, the way people read it in ``language`` (the active language by default)."""
    moment = _moment(value)
    if moment is None:
        return ""
    locale, date_pattern, time_pattern, glue = _patterns(_language(language))
    day = _day_text(locale, date_pattern, moment.year, moment.month, moment.day)
    on_the_minute = not (moment.second or moment.microsecond)  # "midnight" is 00:00:00 exactly
    time = _clock_text(locale, time_pattern, moment.hour, moment.minute, on_the_minute)
    return glue.replace("{1}", day).replace("{0}", time)


# The date and the clock patterns print only the day, and only the hour and minute (with the day
# period, where 00:00:00 exactly is "midnight"): their text depends on nothing else, so list pages (a
# date-time per row) format each once.
@lru_cache(maxsize=4096)
def _day_text(locale: str, pattern: str, year: int, month: int, day: int) -> str:
    return format_datetime(datetime(year, month, day, tzinfo=clock.IST), pattern, locale=locale)


@lru_cache(maxsize=8192)
def _clock_text(locale: str, pattern: str, hour: int, minute: int, on_the_minute: bool) -> str:
    moment = datetime(2000, 1, 1, hour, minute, 0 if on_the_minute else 1, tzinfo=clock.IST)
    return format_datetime(moment, pattern, locale=locale)


def local_date(value, language: str | None = None) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        moment = value
    else:
        moment = _moment(value)
        if moment is None:
            return ""
    locale, date_pattern, _, _ = _patterns(_language(language))
    return _date_text(locale, date_pattern, moment.year, moment.month, moment.day)


@lru_cache(maxsize=4096)
def _date_text(locale: str, pattern: str, year: int, month: int, day: int) -> str:
    """A day's text depends on nothing else (the dashboard home's table prints 30 of them a request)."""
    return format_date(date(year, month, day), pattern, locale=locale)


def format_owner_datetime(value) -> str:
    return local_datetime(value)


@register.filter
def owner_datetime(value):
    """The owner's one format: ``2 Dec 2026, 4:37 pm`` (India time; month and clock in the active language)."""
    return local_datetime(value)


@register.filter
def owner_date(value):
    return local_date(value)


@register.filter
def customer_datetime(value):
    """The customer's format in their language, from CLDR: ``2 दिस॰ 2026, शाम 4:37`` in Hindi."""
    return local_datetime(value)


def _quantity(item) -> int:
    quantity = item.get("quantity") if isinstance(item, dict) else getattr(item, "quantity", 0)
    return int(quantity or 0)


@register.filter
def unit_count(order_or_items):
    items = getattr(order_or_items, "items", order_or_items) or []
    units = sum(
        int(getattr(i, "quantity", None) or (i.get("quantity", 0) if isinstance(i, dict) else 0)) for i in items
    )
    return ngettext("%(n)s unit", "%(n)s units", units) % {"n": units}


@register.simple_tag(takes_context=True)
def storefront_url(context, store):
    """``{% storefront_url store %}``: the "View store" link for this deployment (webdpro/stores/links.py)."""
    request = context.get("request")
    return links.storefront_url(store, host=request.get_host() if request else None)
