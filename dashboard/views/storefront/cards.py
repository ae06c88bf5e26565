"""The storefront's product cards as HTML: ``storefront/partials/product_cards.html`` (home, category, search,
related products) prints ``{% product_cards products %}`` (templatetags/storefront.py), which calls the
:class:`Cards` every storefront page has in its context (``cards``, views.py ``page``).

Why not a template loop: the Django template engine spent ~250 µs on a card (~30 variable lookups of a few µs
each), as much as the Query that read it; this prints a card in ~15 µs, as the order desk's and the products
list's rows are printed. What cards share is worked out once per list in the request's language: the words,
the cart form's fields, the product link with a slot for the id. Every value is escaped as Django's
autoescape does. ``tests/unit/test_product_cards.py`` holds the cards to what the template printed, for every
kind of card, in English, Hindi and Tamil.

A card's HTML is kept by the process (like the page frame's ``{% frame %}`` fragments), keyed by everything
it prints: the language, the product's link, name, photos, price, stock and whether it has options. What a
card prints for the request — the add-to-cart form's CSRF token and the page to come back to — is never kept:
it is put between the kept parts on every request (~3 µs a card instead of ~13).
"""

from __future__ import annotations

from html import escape

from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.templatetags.storefront import hue, initials, product_image
from webdpro.money import format_inr

KEPT_MAX = 20000  # cards one process keeps (products × languages × links); cleared when full
_kept: dict = {}  # (language, store's links, product id, name, price, photos, stock, has options) → HTML or parts


class Cards:
    """The cards of one list: ``html(products)`` → their HTML."""

    def __init__(self, sf, request):
        self.sf, self.request, self.ready = sf, request, False

    def _prepare(self, csrf_token):
        sf, request, self.ready = self.sf, self.request, True
        # the page's own token (the context's, which the page prints in hx-headers too): one masking a request
        token = str(csrf_token) if csrf_token is not None else get_token(request)
        add_url = escape(sf.url("cart_add"))
        self.out = escape(_("Out of stock"))
        self.options = escape(_("Choose options"))
        self.form = (
            f'<form method="post" action="{add_url}" hx-post="{add_url}" hx-target="#sf-toast" hx-swap="innerHTML" '
            f'class="sf-add-form"><input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
        )
        self.next = escape(request.get_full_path())
        self.language = translation.get_language()
        self.home = sf.url("home")
        self.add = escape(_("Add"))
        self.to_cart = escape(_("to cart"))
        self.sold_out = (
            f'<p class="sf-stock sf-stock-out">{self.out}</p>'
            f'<button type="button" class="sf-btn sf-btn-block" disabled>{self.out}</button>'
        )

    def html(self, products, csrf_token=None) -> SafeString:
        """The cards of ``products``; ``csrf_token``: the template context's (else one is made here)."""
        if not self.ready:
            self._prepare(csrf_token)
        return SafeString("".join([self.card(p) for p in products]))

    def card(self, p) -> str:
        # the store's links (its home link) and the product's id name the product's link
        key = (self.language, self.home, p.product_id, p.name, p.price, tuple(getattr(p, "images", None) or ()))
        key += (p.stock_quantity, bool(p.variants))
        kept = _kept.get(key)
        if kept is None:
            if len(_kept) >= KEPT_MAX:
                _kept.clear()
            kept = _kept[key] = self._card(p, escape(self.sf.url("product", product_id=p.product_id)))
        if isinstance(kept, str):
            return kept
        before_form, before_next, after_next = kept
        return f"{before_form}{self.form}{before_next}{self.next}{after_next}"

    def _card(self, p, url: str):
        """The card's HTML, or for a card with the add-to-cart form the parts around the request's form
        (with its CSRF token) and the page to come back to."""
        name = escape(p.name or "")
        image = product_image(p)
        if image:
            media = f'<img src="{escape(image)}" alt="" loading="lazy" width="320" height="320">'
        else:
            media = f'<span class="sf-ph" style="--h: {hue(p.name)}">{escape(initials(p.name))}</span>'
        if not p.in_stock:
            action = self.sold_out
        elif p.variants:
            action = (
                f'<a class="sf-btn sf-btn-primary sf-btn-block" href="{url}">{self.options}'
                f'<span class="sr-only"> {name}</span></a>'
            )
        else:
            count = p.stock_quantity
            left = ""
            if count <= 5:
                words = ngettext("Only %(counter)s left", "Only %(counter)s left", count) % {"counter": count}
                left = f'<p class="sf-stock sf-stock-low">{escape(words)}</p>'
            action = None
        price = format_inr(p.price) if p.price is not None else ""
        head = (
            f'<article class="sf-card"><a class="sf-card-media" href="{url}" tabindex="-1" aria-hidden="true">'
            f'{media}</a><div class="sf-card-body"><h3 class="sf-card-title"><a href="{url}">{name}</a></h3>'
            f'<p class="sf-price">{price}</p>'
        )
        if action is not None:
            return f"{head}{action}</div></article>"
        return (
            f"{head}{left}",
            f'<input type="hidden" name="product_id" value="{escape(p.product_id)}">'
            '<input type="hidden" name="quantity" value="1"><input type="hidden" name="next" value="',
            f'"><button type="submit" class="sf-btn sf-btn-primary sf-btn-block">{self.add}'
            f'<span class="sr-only"> {name} {self.to_cart}</span></button></form></div></article>',
        )
