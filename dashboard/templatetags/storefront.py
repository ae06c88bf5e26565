"""Storefront template helpers: ``{% sfurl "product" product_id=p.product_id %}`` builds a link that works
both under /s/<slug>/ and on the store's own host."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def sfurl(context, name, **kwargs):
    sf = context.get("sf") or getattr(context.get("request"), "storefront", None)
    return sf.url(name, **kwargs)


@register.filter
def product_image(product):
    """The first image's URL: absolute URLs and paths as they are, storage names through the storage."""
    images = [i for i in (getattr(product, "images", None) or []) if i]
    if not images:
        return ""
    first = str(images[0])
    if first.startswith(("http://", "https://", "/")):
        return first
    from django.core.files.storage import default_storage

    try:
        return default_storage.url(first)
    except Exception:  # noqa: BLE001 — a broken image must not break the page
        return ""


@register.filter
def page_url(request):
    """``scheme://host/path`` of the page (its canonical link): the request's scheme and host as
    ``build_absolute_uri`` worked them out (once a request), and its path."""
    return request._current_scheme_host + request.path


@register.filter
def initials(name):
    words = [w for w in (name or "").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "•"


@register.filter
def hue(text):
    """A stable colour hue (0–359) per name, for tasteful image placeholders."""
    return sum(ord(c) for c in (text or "")) * 37 % 360


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    """``{% product_cards products %}``: the product cards of a list (dashboard/views/storefront/cards.py)."""
    return context["cards"].html(products or [], context.get("csrf_token"))


@register.simple_tag(takes_context=True)
def product_info(context):
    """``{% product_info %}``: the product page's product, printed by ``product_info`` in its context
    (dashboard/views/storefront/product_info.py)."""
    return context["product_info"](context)
