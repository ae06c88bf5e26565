"""Template filters for the super admin console: ``{% load console %}``."""

from django import template

from webdpro.superadmin.services import ROLE_LABELS

register = template.Library()


@register.filter
def role_label(value):
    return ROLE_LABELS.get(value, value or "")
