"""One way to show things to people: ``{% load labels %}``.

- ``{{ code|label:"payment_method" }}`` — the label of a status, method, kind, plan or role (webdpro/labels.py).
- ``{{ iso|owner_datetime }}`` — the owner's one date-time format, ``2 Dec 2026, 4:37 pm`` in IST.
- ``{{ iso|owner_date }}`` — ``2 Dec 2026`` in IST.
- ``{{ iso|customer_datetime }}`` — the customer's format, in the active language.
- ``{{ order|unit_count }}`` — "1 unit" / "3 units" (quantities summed, not lines counted).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from django import template
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext

from webdpro import clock
from webdpro.labels import label as label_for
from webdpro.stores import links

register = template.Library()
IST = ZoneInfo("Asia/Kolkata")


@register.filter
def label(value, vocabulary):
    return label_for(vocabulary, value)


BABEL_LOCALES = {"pa": "pa_Guru_IN"}  # CLDR names Punjabi in Gurmukhi by script


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
    return moment.astimezone(IST)


_month_years: dict[tuple, str] = {}


def _month_year(moment) -> str:
    """'Dec 2026' in the active language (worked out once per language and month: list pages show many)."""
    key = (translation.get_language(), moment.year, moment.month)
    if key not in _month_years:
        _month_years[key] = formats.date_format(moment, "M Y")
    return _month_years[key]


def format_owner_datetime(value) -> str:
    moment = _moment(value)
    if moment is None:
        return ""
    hour = moment.hour % 12 or 12
    noon = "am" if moment.hour < 12 else "pm"
    return f"{moment.day} {_month_year(moment)}, {hour}:{moment.minute:02d} {noon}"


@register.filter
def owner_datetime(value):
    return format_owner_datetime(value)


@register.filter
def owner_date(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day} {_month_year(value)}"
    moment = _moment(value)
    return f"{moment.day} {_month_year(moment)}" if moment else ""


@register.filter
def customer_datetime(value):
    moment = _moment(value)
    if moment is None:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    if language == "en":
        return formats.date_format(moment, gettext("j M Y, g:i A"))
    # Babel (CLDR) has the month names of every served language; Django's own formats lack some of them.
    locale = BABEL_LOCALES.get(language, f"{language}_IN")
    return format_datetime(moment.astimezone(clock.IST), "d MMM y, h:mm a", locale=locale)


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
