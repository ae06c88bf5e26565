"""Template filters: ``{{ amount|inr }}`` → ₹1,23,456.00, phones, short ids, timestamps."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from webdpro import clock
from webdpro.ids import short
from webdpro.money import MoneyError, format_inr
from webdpro.phones import display_phone

register = template.Library()


@register.filter
def inr(value):
    try:
        return format_inr(value)
    except (MoneyError, TypeError, ValueError, ArithmeticError):  # decimal.InvalidOperation: not an amount
        return ""


@register.filter
def inr_whole(value):
    try:
        return format_inr(value, decimals=False)
    except (MoneyError, TypeError, ValueError, ArithmeticError):  # decimal.InvalidOperation: not an amount
        return ""


@register.filter
def phone(value):
    return display_phone(value) if value else ""


@register.filter
def shortid(value):
    return short(value) if value else ""


@register.filter
def when(value):
    """ISO string → aware datetime for the |date filter (shown in Asia/Kolkata)."""
    if not value:
        return None
    try:
        return clock.parse(value)
    except ValueError:
        return None


@register.filter
def ago(iso_value):
    """How long ago an ISO time was, read at a glance: 'just now', '3 min ago', '2 h ago', '4 days ago'."""
    if not iso_value:
        return ""
    try:
        seconds = int((clock.now() - clock.parse(iso_value)).total_seconds())
    except ValueError:
        return ""
    if seconds < 45:
        return _("just now")
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("%(minutes)s min ago") % {"minutes": minutes}
    hours = minutes // 60
    if hours < 24:
        return _("%(hours)s h ago") % {"hours": hours}
    days = hours // 24
    return ngettext("%(days)s day ago", "%(days)s days ago", days) % {"days": days}
