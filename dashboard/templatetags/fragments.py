"""Fragments of HTML printed once and kept by the process, for the parts of a page that are the same on every
request (the page frame: head, header, menus, footer, fixed labels and links). Each costs a dict lookup
instead of its variable lookups, ``translate`` and ``url`` tags (~180 lookups and ~58 nodes a storefront
home request before).

``{% frame a b %}…{% endframe %}``: kept per storefront (``Storefront.frame_key``: the store, a digest of
its settings as this request read them, its name, status and links), language and the values named
(``{% frame category %}``). It may print the storefront (``sf``, ``config``, ``theme``, ``sections``,
``categories``), fixed settings and the named values: never the request, the cart (unless named), a CSRF
token or the clock. Without a storefront in the context it renders every time.

``{% once a b %}…{% endonce %}``: kept per language and the values named; it may print only those, fixed
settings, static files and ``url`` links (``{% once store.store_id %}`` for a store's links).

A fragment is told apart by its template file and its place in it; one inside a template made from a
string is kept per template object. Tags that set context variables (``{% url … as x %}``) inside a
fragment only do so the first time: keep them out. tests/unit/test_frame_fragments.py.

A fragment that prints something its key does not name (the request's user, a CSRF token, the clock) would
show one visitor's page to the next: with ``TEMPLATE_FRAGMENTS_CHECK`` on (the tests, and ``DEBUG``) every
kept fragment is rendered again and must print the same, or the page fails with ``FragmentNotConstant``
naming the template and the fragment — so every page the test suite renders checks its fragments.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils import translation

register = template.Library()

_fragments: dict = {}
FRAGMENTS_MAX = 20000  # fragments one process keeps (stores × languages × frames); cleared when full


class FragmentNotConstant(AssertionError):
    """A kept fragment printed something else for the same key: it depends on a value its tag does not name."""


def _checking() -> bool:
    return getattr(settings, "TEMPLATE_FRAGMENTS_CHECK", settings.DEBUG)


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
        key = (where, translation.get_language(), get_script_prefix(), store_key)
        if self.values:
            key += tuple(v.resolve(context) for v in self.values)
        html = _fragments.get(key)
        if html is not None and _checking():
            again = self.nodelist.render(context)
            if again != html:
                raise FragmentNotConstant(
                    f"{{% {'frame' if self.per_store else 'once'} %}} #{self.number} of "
                    f"{self.origin.template_name if self.origin else 'a string template'} printed {again[:120]!r} "
                    f"where it had printed {html[:120]!r} for the same key: name what it depends on in the tag, "
                    "or keep that part out of the fragment"
                )
        if html is None:
            html = self.nodelist.render(context)
            if len(_fragments) >= FRAGMENTS_MAX:
                _fragments.clear()
            _fragments[key] = html
        return html


def _fragment(parser, token, end: str, per_store: bool) -> _FragmentNode:
    """The n-th fragment of its template: the values named in the tag, its body up to ``end``."""
    parser.fragments_seen = getattr(parser, "fragments_seen", 0) + 1
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return _FragmentNode(nodelist, values, per_store=per_store, number=parser.fragments_seen)


@register.tag
def frame(parser, token):
    return _fragment(parser, token, "endframe", per_store=True)


@register.tag
def once(parser, token):
    return _fragment(parser, token, "endonce", per_store=False)
