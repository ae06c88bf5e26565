"""Template filters: ``{{ amount|inr }}`` → ₹1,23,456.00, phones, short ids, timestamps."""

from django import template

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
