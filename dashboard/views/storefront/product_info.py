"""The product page's product (``{% product_info %}`` in templates/storefront/product.html): the crumbs, the
photo, the name, price and stock, the buy form with its options and quantity, the share link and the
description, printed in Python.

Why: the storefront bench asks for a different product each time, as visitors do, so nothing of it can be
kept; the Django template spent ~0.3 ms on its ~60 nodes a request. What it prints is what the template
printed — every value escaped as Django's autoescape does, the words from the same gettext catalogues
(``{% translate %}`` escaped, ``{% blocktranslate %}`` as is with its values escaped) —
``tests/unit/test_product_info.py`` holds it to the template's output, case by case, in English, Hindi and
Tamil.
"""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import linebreaksbr, urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.templatetags.storefront import hue, initials, product_image
from webdpro.money import format_inr


def _left(count: int) -> str:
    return ngettext("Only %(counter)s left", "Only %(counter)s left", count) % {"counter": count}


def _variant(v, first: bool) -> str:
    vid = escape(v.variant_id)
    if not v.in_stock:
        state, note = " disabled", f' <span class="sf-muted">{escape(_("Out of stock"))}</span>'
    else:
        state = " checked" if first else ""
        note = f' <span class="sf-stock-low">{_left(v.stock)}</span>' if v.stock <= 5 else ""
    return (
        f'\n          <label class="sf-radio sf-variant{"" if v.in_stock else " is-out"}" for="variant-{vid}">\n'
        f'            <input type="radio" id="variant-{vid}" name="variant_id" value="{vid}"{state} required>\n'
        f"            <span>{escape(v.label)}</span> <strong>{escape(format_inr(v.price))}</strong>{note}\n"
        "          </label>\n          "
    )


def product_info(context) -> SafeString:
    sf, request, product = context["sf"], context["request"], context["product"]
    name = escape(product.name)
    crumbs = (
        f'<nav class="sf-crumbs" aria-label="{escape(_("Breadcrumb"))}"><a href="{escape(sf.url("home"))}">'
        f"{escape(_('Home'))}</a>"
    )
    if product.category:
        crumbs += (
            f' › <a href="{escape(sf.url("category"))}?c={escape(urlencode(product.category))}">'
            f"{escape(product.category)}</a>"
        )
    image = product_image(product)
    if image:
        media = f'<img src="{escape(image)}" alt="{name}" width="640" height="640">'
    else:
        media = (
            f'<span class="sf-ph sf-ph-lg" style="--h: {hue(product.name)}" aria-hidden="true">'
            f"{escape(initials(product.name))}</span>"
        )
    if product.in_stock:
        count = product.stock_quantity
        low = count <= 5
        words = _left(count) if low else escape(_("In stock"))
        variants = context.get("variants")
        picker = ""
        if variants:
            options = escape(" / ".join(context.get("option_names") or ()))
            each = "".join(_variant(v, i == 0) for i, v in enumerate(variants))
            picker = (
                '\n        <fieldset class="sf-variants" id="variant-picker">\n'
                f"          <legend>{escape(_('Choose'))}: {options}</legend>\n          {each}\n"
                "        </fieldset>\n        "
            )
        in_cart = context.get("in_cart")
        cart_note = ""
        if in_cart:
            already = ngettext("%(counter)s already in your cart.", "%(counter)s already in your cart.", in_cart)
            cart_note = (
                f'<p class="sf-muted">{already % {"counter": in_cart}} <a href="{escape(sf.url("cart"))}">'
                f"{escape(_('View cart'))}</a></p>"
            )
        add_url = escape(sf.url("cart_add"))
        branch = (
            f'\n      <p class="sf-stock {"sf-stock-low" if low else "sf-stock-ok"}">{words}</p>\n'
            f'      <form method="post" action="{add_url}" hx-post="{add_url}" hx-target="#sf-toast" '
            'hx-swap="innerHTML" class="sf-buy">\n'
            f'        <input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(context["csrf_token"]))}">'
            f'<input type="hidden" name="product_id" value="{escape(product.product_id)}">'
            f'<input type="hidden" name="next" value="{escape(request.get_full_path())}">\n'
            f"        {picker}\n"
            f'        <label for="qty">{escape(_("Quantity"))}</label>\n'
            f'        <select id="qty" name="quantity">{context["qty_options"]}</select>\n'
            '        <button type="submit" class="sf-btn sf-btn-primary sf-btn-lg">'
            f"{escape(_('Add to cart'))}</button>\n"
            f"      </form>\n      {cart_note}\n    "
        )
    else:
        out = escape(_("Out of stock"))
        branch = (
            f'\n      <p class="sf-stock sf-stock-out">{out}</p>\n'
            f'      <button type="button" class="sf-btn sf-btn-lg" disabled>{out}</button>\n    '
        )
    about = ""
    if product.description:
        about = (
            f'<div class="sf-prose"><h2>{escape(_("About this product"))}</h2>'
            f"<p>{linebreaksbr(product.description, autoescape=True)}</p></div>"
        )
    return SafeString(
        f'{crumbs} › <span aria-current="page">{name}</span></nav>\n<div class="sf-product">\n'
        f'  <div class="sf-product-media">\n    {media}\n  </div>\n  <div class="sf-product-info">\n'
        f'    <h1>{name}</h1>\n    <p class="sf-price sf-price-lg">{escape(format_inr(product.price))}</p>\n'
        f"    {branch}\n"
        f'    <p><a class="sf-btn sf-btn-whatsapp" id="share-product" href="{escape(context["whatsapp_url"])}" '
        f'target="_blank" rel="noopener">{escape(_("Share on WhatsApp"))}</a></p>\n'
        f"    {about}\n  </div>\n</div>"
    )
