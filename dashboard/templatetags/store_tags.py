"""Store filters: ``{{ store.store_type|store_type_label }}`` → "Sweets & namkeen"."""

from django import template

from webdpro.stores.schema import store_type_label as _label

register = template.Library()


@register.filter
def store_type_label(value):
    return _label(value)
