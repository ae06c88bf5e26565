"""Storefront template helpers: ``{% sfurl "product" product_id=p.product_id %}`` builds a link that works
both under /s/<slug>/ and on the store's own host."""

from django import template
from django.utils import translation

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
    return context["cards"].html(products or [])


# --- Fragments printed once ----------------------------------------------------------------------------
#
# The storefront frame (header, footer, the home page's sections but the products) is the same HTML on every
# request for one store's settings in one language: ``{% frame %}…{% endframe %}`` renders it once and keeps
# it; ``{% once %}…{% endonce %}`` is for what depends on nothing but the language (static files, the htmx
# script). What a frame may print: the storefront (``sf``, ``config``, ``theme``: all of the store's
# settings, see Storefront.frame_key), the active language, the fixed settings, and the values named in the
# tag (``{% frame category %}``): never the request, the cart, a CSRF token or the clock. Without a
# storefront in the context a ``frame`` renders every time. Before: ~180 variable lookups and ~58 nodes a
# storefront home request after the product cards.

_fragments: dict = {}
FRAGMENTS_MAX = 20000  # fragments one process keeps (stores × languages × frames); cleared when full


class _FragmentNode(template.Node):
    def __init__(self, nodelist, values, per_store: bool, number: int):
        self.nodelist, self.values, self.per_store = nodelist, values, per_store
        self.number = number  # the n-th fragment of its template file: with the file's name, which one it is

    def render(self, context):
        if self.per_store:
            store_key = getattr(context.get("sf"), "frame_key", None)
            if store_key is None:
                return self.nodelist.render(context)
        else:
            store_key = None
        # a template file's name with the fragment's number; a template made from a string has no name: itself
        where = (self.origin.name, self.number) if self.origin and self.origin.template_name else self
        key = (where, translation.get_language(), store_key, *(v.resolve(context) for v in self.values))
        html = _fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(_fragments) >= FRAGMENTS_MAX:
                _fragments.clear()
            _fragments[key] = html
        return html


def _number(parser) -> int:
    parser.fragments_seen = getattr(parser, "fragments_seen", 0) + 1
    return parser.fragments_seen


@register.tag
def frame(parser, token):
    number = _number(parser)
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endframe",))
    parser.delete_first_token()
    return _FragmentNode(nodelist, values, per_store=True, number=number)


@register.tag
def once(parser, token):
    if len(token.split_contents()) > 1:
        raise template.TemplateSyntaxError("{% once %} takes no arguments")
    number = _number(parser)
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return _FragmentNode(nodelist, [], per_store=False, number=number)
