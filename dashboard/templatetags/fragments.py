"""Fragments of HTML printed once and kept by the process, for the parts of a page that are the same on every
request (the page frame: head, header, menus, footer, fixed labels and links). Each costs a dict lookup
instead of its variable lookups, ``translate`` and ``url`` tags (~180 lookups and ~58 nodes a storefront
home request before).

``{% frame a b %}…{% endframe %}``: kept per page frame, language and the values named (``{% frame category %}``).
On a storefront the frame is the storefront's (``Storefront.frame_key``: the store, a digest of its settings as
this request read them, its name, status and links): a fragment may print the storefront (``sf``, ``config``,
``theme``, ``sections``, ``categories``), fixed settings and the named values: never the request, the cart
(unless named), a CSRF token or the clock. On an owner's page it is the owner's (``OwnerFrame.frame_key``,
dashboard/views/owner/common.py: the user, the tenant's suspension, the stores as the navigation shows them,
the current store and the page): the header and notices of app_base.html and owner/base.html. Without either
in the context it renders every time.

``{% once a b %}…{% endonce %}``: kept per language and the values named; it may print only those, fixed
settings, static files and ``url`` links (``{% once store.store_id %}`` for a store's links).

``{% live %}…{% endlive %}`` inside a kept fragment (or in a block or include printed inside one) is printed
on every request: a CSRF token, the page's own address, the clock. The fragment keeps its HTML around the live
parts, and prints each live part again with the context the fragment itself sees (so a live part may not use
a loop's or a ``{% with %}``'s variables: the check below catches one that does).

A fragment is told apart by its template file and its place in it; one inside a template made from a
string is kept per template object. Tags that set context variables (``{% url … as x %}``) inside a
fragment only do so the first time: keep them out. tests/unit/test_frame_fragments.py.

A fragment that prints something its key does not name (the request's user, a CSRF token, the clock) would
show one visitor's page to the next: with ``TEMPLATE_FRAGMENTS_CHECK`` on (the tests, and ``DEBUG``) every
kept fragment is rendered again and must print the same, or the page fails with ``FragmentNotConstant``
naming the template and the fragment — so every page the test suite renders checks its fragments.
"""

import os
import secrets

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils import translation

register = template.Library()

_fragments: dict = {}
# fragments one process keeps (storefronts and owners' pages × languages × frames), and their characters: all
# are forgotten when either is reached
FRAGMENTS_MAX = 20000
FRAGMENTS_MAX_CHARS = 32_000_000
_kept_chars = 0


class FragmentNotConstant(AssertionError):
    """A kept fragment printed something else for the same key: it depends on a value its tag does not name."""


def _checking() -> bool:
    return settings.TEMPLATE_FRAGMENTS_CHECK  # DEBUG unless set (webdpro/settings.py)


# Stands for a live part in a fragment's HTML while it is recorded: random, so no printed text can forge it.
_LIVE = f"\x00live-{secrets.token_hex(16)}\x00"


def _frame_key(context):
    """The page frame a ``{% frame %}`` fragment is kept for: the storefront's and/or the owner's, or None."""
    store = getattr(context.get("sf"), "frame_key", None)
    owner = getattr(context.get("owner_frame"), "frame_key", None)
    return None if store is None and owner is None else (store, owner)


class _LiveNode(template.Node):
    """Printed on every request, even inside a kept fragment: while a fragment records, its output is set aside
    and a marker stands in its place."""

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        recording = getattr(context, "_fragment_recording", None)
        if recording is None:
            return html
        recording.append((self, html))
        return _LIVE


def _printed(parts, live: list, context) -> str:
    """A kept fragment's HTML with its live parts printed for this request (or, inside another fragment that
    records, set aside for it in turn)."""
    if not live:
        return parts[0]
    out = [parts[0]]
    for node, part in zip(live, parts[1:], strict=True):
        out.append(node.render(context))
        out.append(part)
    return "".join(out)


class _FragmentNode(template.Node):
    def __init__(self, nodelist, values, per_store: bool, number: int):
        self.nodelist, self.values, self.per_store = nodelist, values, per_store
        self.number = number  # the n-th fragment of its template file: with the file's name, which one it is

    def render(self, context):
        if self.per_store:
            frame_key = _frame_key(context)
            if frame_key is None:
                return self.nodelist.render(context)
        else:
            frame_key = None
        # a template file's name with the fragment's number; a template made from a string has no name: itself
        where = (self.origin.name, self.number) if self.origin and self.origin.template_name else self
        key = (where, translation.get_language(), get_script_prefix(), frame_key)
        if self.values:
            key += tuple(v.resolve(context) for v in self.values)
        kept = _fragments.get(key)
        if kept is None:
            return self._record(key, context)
        if _checking():
            self._check(kept, context)
        return _printed(*kept, context)

    def _record(self, key, context) -> str:
        """Render the fragment, keep its HTML split around its live parts, and print it."""
        outer = getattr(context, "_fragment_recording", None)
        live: list = []
        context._fragment_recording = live
        try:
            html = self.nodelist.render(context)
        finally:
            context._fragment_recording = outer
        parts = html.split(_LIVE)
        if len(parts) != len(live) + 1:  # pragma: no cover - the marker is random and never printed otherwise
            raise FragmentNotConstant(f"{self._name()} printed a live part's marker outside a live part")
        global _kept_chars
        if len(_fragments) >= FRAGMENTS_MAX or _kept_chars >= FRAGMENTS_MAX_CHARS:
            _fragments.clear()
            _kept_chars = 0
        _fragments[key] = (parts, [node for node, _ in live])
        _kept_chars += len(html)
        if not live:
            return html
        out = [parts[0]]
        for (node, printed), part in zip(live, parts[1:], strict=True):
            if outer is None:
                out.append(printed)
            else:  # an enclosing fragment records too: the live part stays live in it
                outer.append((node, printed))
                out.append(_LIVE)
            out.append(part)
        return "".join(out)

    def _check(self, kept, context) -> None:
        outer = getattr(context, "_fragment_recording", None)
        context._fragment_recording = None
        try:
            again, html = self.nodelist.render(context), _printed(*kept, context)
        finally:
            context._fragment_recording = outer
        if again != html:
            same = len(os.path.commonprefix([again, html]))
            at = max(0, same - 40)  # from just before the first difference
            raise FragmentNotConstant(
                f"{self._name()} printed {again[at : at + 120]!r} where it had printed {html[at : at + 120]!r} "
                "for the same key: "
                "name what it depends on in the tag, or keep that part out of the fragment (or in {% live %})"
            )

    def _name(self) -> str:
        where = self.origin.template_name if self.origin else "a string template"
        return f"{{% {'frame' if self.per_store else 'once'} %}} #{self.number} of {where}"


def _fragment(parser, token, end: str, per_store: bool) -> _FragmentNode:
    """The n-th fragment of its template: the values named in the tag, its body up to ``end``."""
    # numbered where it starts: a fragment inside one (in its {% live %} part) counts on after it
    parser.fragments_seen = number = getattr(parser, "fragments_seen", 0) + 1
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return _FragmentNode(nodelist, values, per_store=per_store, number=number)


@register.tag
def frame(parser, token):
    return _fragment(parser, token, "endframe", per_store=True)


@register.tag
def once(parser, token):
    return _fragment(parser, token, "endonce", per_store=False)


@register.tag
def live(parser, token):
    nodelist = parser.parse(("endlive",))
    parser.delete_first_token()
    return _LiveNode(nodelist)
