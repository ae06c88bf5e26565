"""Storefront pages. Each view gets the opened :class:`Storefront` (store, config, theme, cart, URLs).

DynamoDB budget per page (tests/integration/test_storefront.py asserts it on a large catalogue):
domain claim (GetItem, cached 30 s) + store (GetItem) + at most: home 2 Queries, category 3 Queries
(GSI), search 3 Queries, product GetItem + 1 Query, cart / checkout 1 BatchGetItem; the place-order submit
reads the store, the cart's products and the tenant in ONE BatchGetItem (webdpro.orders.placement).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from dashboard.forms import valid_data
from dashboard.views.common import safe_next
from dashboard.views.invoices import invoice_response
from dashboard.views.storefront.cards import Cards
from dashboard.views.storefront.common import remember_order, remembered_orders, storefront_page
from dashboard.views.storefront.forms import (
    CartAddForm,
    CartRemoveForm,
    CartUpdateForm,
    CategoryForm,
    CheckoutForm,
    CouponForm,
    SearchForm,
    TrackForm,
    method_label,
)
from dashboard.views.storefront.product_info import product_info
from webdpro.accounts.client_ip import client_ip
from webdpro.accounts.errors import RateLimited
from webdpro.coupons import checkout as coupon_checkout
from webdpro.coupons.rules import CouponRefused
from webdpro.errors import DomainError, ValidationFailed
from webdpro.labels import label
from webdpro.money import format_inr
from webdpro.orders import customer_orders, expiry, invoices, placement, rules
from webdpro.orders import extras as order_extras
from webdpro.orders.placement import (
    CartChanged,
    delivery_fee,
    enabled_payment_methods,
    make_checkout_token,
    place_order,
)
from webdpro.orders.statuses import Fulfilment, OrderStatus
from webdpro.orders.timeline import customer_timeline
from webdpro.products import variants
from webdpro.ratelimits.storefront import checkout_slots, take_tracking
from webdpro.storefront import config as sfconfig
from webdpro.storefront import poster
from webdpro.storefront import products as storefront_products
from webdpro.storefront.cart import Cart, key_of, split_key
from webdpro.storefront.cart import limit as cart_limit
from webdpro.stores.hours import slot_label

log = logging.getLogger("webdpro.storefront")

STATUS_STEPS = [OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED]
PICKUP_STEPS = [OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY_FOR_PICKUP, OrderStatus.PICKED_UP]


def status_label(status: str) -> str:
    return label("customer_order_status", status)


def page(request, sf, template, context=None, status=200):
    # category, q and oob are tested by the base template and the cart badge on every page: always set.
    ctx = {"sf": sf, "theme": sf.theme, "config": sf.config, "cart": sf.cart, "category": None, "q": "", "oob": False}
    ctx["cards"] = Cards(sf, request)  # prints the product cards of the page's lists (cards.py)
    ctx.update(context or {})
    return render(request, template, ctx, status=status)


# --- Catalogue --------------------------------------------------------------------------------------


@storefront_page
def home(request, sf):
    share = poster.whatsapp_link(
        _("Order from %(shop)s online:") % {"shop": sf.name}, request.build_absolute_uri(sf.url("home"))
    )
    sections = sfconfig.sections(sf.config)
    want_featured = any(s.get("type") == "featured" for s in sections)
    products = storefront_products.featured(sf.store_id, limit=12) if want_featured else []
    return page(
        request,
        sf,
        "storefront/home.html",
        {
            "sections": sections,
            "products": products,
            "categories": sf.config.get("categories") or [],
            "share_store_url": share,
        },
    )


@storefront_page
def category(request, sf):
    form = CategoryForm(request.GET)
    cursor = form.page_cursor()
    name = form.cleaned_data["c"]
    if not name:
        raise Http404("no category")
    result = storefront_products.category_page(sf.store_id, name, cursor)
    more_url = f"{sf.url('category')}?{_qs(c=name, cursor=result.cursor)}" if result.cursor else None
    context = {
        "category": name,
        "products": result.products,
        "more_url": more_url,
        "categories": sf.config.get("categories") or [],
    }
    if request.htmx and cursor:
        return page(request, sf, "storefront/listing.html#more", context)
    return page(request, sf, "storefront/listing.html", context)


@storefront_page
def search(request, sf):
    form = SearchForm(request.GET)
    cursor = form.page_cursor()
    q = form.cleaned_data["q"]
    result = storefront_products.search(sf.store_id, q, cursor) if q else storefront_products.Page()
    more_url = f"{sf.url('search')}?{_qs(q=q, cursor=result.cursor)}" if result.cursor else None
    context = {
        "q": q,
        "products": result.products,
        "more_url": more_url,
        "searched": bool(q),
        "categories": sf.config.get("categories") or [],
    }
    if request.htmx and cursor:
        return page(request, sf, "storefront/listing.html#more", context)
    return page(request, sf, "storefront/listing.html", context)


@storefront_page
def product(request, sf, product_id):
    item = storefront_products.get_product(sf.store_id, product_id)
    if item is None:
        raise Http404("no product")
    max_qty = cart_limit(item)
    choices = variants.variants_of(item)
    return page(
        request,
        sf,
        "storefront/product.html",
        {
            "product": item,
            "product_info": product_info,  # prints the product ({% product_info %}, product_info.py)
            # the page's description (twice in the head), as description|default:name|truncatechars:160 printed it
            "summary": truncatechars(item.description or item.name, 160),
            "related": storefront_products.related(item, limit=8),
            "max_qty": max_qty,
            # the quantity choices, printed here (20 options are 40 template lookups)
            "qty_options": SafeString(
                "".join(f'<option value="{n}">{n}</option>' for n in range(1, min(max_qty, 20) + 1))
            ),
            "in_cart": sf.cart.quantity(item.product_id),
            "variants": choices,
            "option_names": list(item.option_names or []),
            "whatsapp_url": poster.whatsapp_link(
                _("%(product)s at %(shop)s:") % {"product": item.name, "shop": sf.name},
                request.build_absolute_uri(sf.url("product", product_id=item.product_id)),
            ),
        },
    )


def _qs(**params):
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v})


# --- Cart -------------------------------------------------------------------------------------------


def _cart_rows(sf, products):
    rows = []
    for key, (quantity, price) in sf.cart.lines.items():
        pid, vid = split_key(key)
        item = products.get(pid)
        if item is None:
            continue
        variant = variants.get_variant(item, vid) if vid else None
        stock = variant.stock if variant else (item.stock_quantity or 0)
        max_qty = max(1, min(stock, placement.MAX_QUANTITY))
        rows.append(
            {
                "key": key,
                "name": f"{item.name} ({variant.label})" if variant else item.name,
                "variant": variant,
                "product": item,
                "quantity": quantity,
                "price": price,
                "line_total": price * quantity,
                "max_qty": max_qty,
                "options": range(1, max(min(max_qty, 20), quantity) + 1),
            }
        )
    return rows


def _change_messages(changes) -> list[str]:
    out = []
    for change in changes:
        name = change.get("name") or _("A product")
        if change["kind"] in ("gone",):
            out.append(_("%(name)s is no longer available and was removed from your cart.") % {"name": name})
        elif change["kind"] == "sold_out":
            out.append(_("%(name)s is out of stock and was removed from your cart.") % {"name": name})
        elif change["kind"] == "capped":
            out.append(
                _("Only %(count)s of %(name)s left; we changed the quantity.")
                % {"count": change["available"], "name": name}
            )
        elif change["kind"] == "price":
            out.append(
                _("The price of %(name)s changed from %(old)s to %(new)s.")
                % {"name": name, "old": format_inr(change["old"]), "new": format_inr(change["new"])}
            )
    return out


def _coupon_quote(sf, subtotal):
    """(applied coupon or None, notice): a code that no longer applies is taken off the cart."""
    if not sf.cart.coupon_code or not subtotal:
        return None, None
    try:
        return coupon_checkout.quote(sf.store_id, sf.cart.coupon_code, subtotal), None
    except CouponRefused as exc:
        sf.cart.coupon_code = None
        sf.cart.save()
        return None, exc.message


def _summary(sf, subtotal, rows=None):
    fee = delivery_fee(sf.store, subtotal) if subtotal and not sf.pickup_only else sfconfig.money(0)
    delivery = sf.config.get("delivery") or {}
    free_above = sfconfig.money(delivery.get("free_above"), "0")
    to_free = free_above - subtotal if fee and free_above > 0 and subtotal < free_above else None
    coupon, coupon_notice = _coupon_quote(sf, subtotal)
    discount = coupon.discount if coupon else sfconfig.money(0)
    lines = [(row["line_total"], row["product"].gst_rate or 0) for row in rows or []]
    tax, fee_tax = order_extras.tax_estimate(sf.store, lines, discount, fee) or (None, 0)
    total = subtotal - discount + (tax or 0) + fee
    offers_pickup = Fulfilment.PICKUP in rules.fulfilment_modes(sf.config)
    return {
        "subtotal": subtotal,
        "delivery_fee": fee,
        "tax": tax,
        "total": total,
        # Both modes offered: the page shows the pickup total too (no fee, no GST on it), and CSS swaps
        # them with the choice.
        "pickup_total": total - fee - fee_tax if fee and offers_pickup else None,
        "pickup_tax": tax - fee_tax if tax and fee and offers_pickup else None,
        "to_free": to_free,
        "coupon": coupon,
        "discount": discount,
        "coupon_notice": coupon_notice,
        "to_minimum": rules.shortfall(sf.config, subtotal) if subtotal else None,
        "minimum": rules.minimum_order(sf.config),
    }


def _refreshed_cart(sf):
    """Cart rows checked against the catalogue (one BatchGetItem); returns (rows, notices)."""
    products = storefront_products.get_many(sf.store_id, sf.cart.product_ids())
    notices = _change_messages(sf.cart.refresh(products))
    sf.cart.save()
    return _cart_rows(sf, products), notices


@storefront_page
def cart(request, sf):
    rows, notices = _refreshed_cart(sf)
    return page(
        request, sf, "storefront/cart.html", {"rows": rows, "notices": notices, **_summary(sf, sf.cart.total, rows)}
    )


def _cart_response(request, sf, form, message, status=200, ok=True, coupon_error=None):
    """After a cart change: the cart page body (on the cart page), or the badge + message (elsewhere)."""
    if request.htmx:
        if form.from_cart:
            rows, notices = _refreshed_cart(sf)
            return page(
                request,
                sf,
                "storefront/cart.html#cart-body",
                {
                    "rows": rows,
                    "notices": notices,
                    "status_message": message,
                    "oob_badge": True,
                    "coupon_error": coupon_error,
                    "coupon_typed": form.cleaned_data.get("coupon_code", "") if coupon_error else "",
                    **_summary(sf, sf.cart.total, rows),
                },
                status=status,
            )
        return page(
            request, sf, "storefront/partials/cart_update.html", {"status_message": message, "ok": ok}, status=status
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect(safe_next(request, form.cleaned_data.get("next", ""), default=sf.url("cart")))


def _refused(request, sf, form, error: ValidationFailed):
    """A bad value in a cart change: 400 with its message, and nothing changed. With HTMX the message comes
    back in place; without, on the cart page."""
    coupon_error = error.message if error.field == "coupon_code" else None
    if request.htmx:
        return _cart_response(request, sf, form, error.message, 400, ok=False, coupon_error=coupon_error)
    rows, notices = _refreshed_cart(sf)
    notices = notices if coupon_error else [*notices, error.message]
    context = {"rows": rows, "notices": notices, "coupon_error": coupon_error}
    return page(request, sf, "storefront/cart.html", {**context, **_summary(sf, sf.cart.total, rows)}, status=400)


@storefront_page
def cart_add(request, sf):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CartAddForm(request.POST)
    product_id = form.product_key()
    item = storefront_products.get_product(sf.store_id, product_id) if product_id else None
    if item is None:
        raise Http404("no product")
    try:
        data = valid_data(form)
    except ValidationFailed as exc:
        return _refused(request, sf, form, exc)
    try:
        key, name, stock, price = _chosen(item, data["variant_id"])
    except ValidationFailed as exc:
        return _cart_response(request, sf, form, exc.message, status=400, ok=False)
    if stock <= 0:
        return _cart_response(request, sf, form, _("Sorry, %(name)s is out of stock.") % {"name": name}, 409, ok=False)
    if key not in sf.cart and sf.cart.full:
        return _cart_response(request, sf, form, _("Your cart is full. Place this order first."), 409, ok=False)
    wanted = sf.cart.quantity(key) + data["quantity"]
    allowed = min(wanted, stock, placement.MAX_QUANTITY)
    sf.cart.set(key, allowed, price)
    sf.cart.save()
    if allowed < wanted:
        message = _("Only %(count)s of %(name)s available; your cart has %(count)s.") % {
            "count": allowed,
            "name": name,
        }
    else:
        message = _("Added %(name)s to your cart.") % {"name": name}
    return _cart_response(request, sf, form, message)


def _chosen(item, variant_id: str):
    """(cart key, name, stock, price) of what the customer picked; a product with variants needs one of
    them (ValidationFailed naming ``variant_id`` for a missing or unknown combination)."""
    if variants.has_variants(item):
        variant = variants.resolve(item, variant_id)
        name = f"{item.name} ({variant.label})"
        return key_of(item.product_id, variant.variant_id), name, max(variant.stock, 0), variant.price
    if variant_id:
        raise ValidationFailed(_("%(name)s has no options to choose.") % {"name": item.name}, field="variant_id")
    return item.product_id, item.name, max(item.stock_quantity or 0, 0), item.price


@storefront_page
def cart_update(request, sf):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CartUpdateForm(request.POST)
    pid = form.product_key()
    if pid is None or pid not in sf.cart:
        raise Http404("not in cart")
    try:
        quantity = valid_data(form)["quantity"]
    except ValidationFailed as exc:
        return _refused(request, sf, form, exc)
    if quantity <= 0:
        sf.cart.remove(pid)
        sf.cart.save()
        return _cart_response(request, sf, form, _("Removed from your cart."))
    item = storefront_products.get_product(sf.store_id, split_key(pid)[0])
    try:
        _key, name, stock, price = _chosen(item, split_key(pid)[1] or "") if item else (None, "", 0, 0)
    except ValidationFailed:
        item = None
    if item is None:
        sf.cart.remove(pid)
        sf.cart.save()
        return _cart_response(request, sf, form, _("That product is no longer available."), 409, ok=False)
    allowed = min(quantity, stock, placement.MAX_QUANTITY)
    sf.cart.set(pid, allowed, price)
    sf.cart.save()
    if allowed < quantity:
        message = _("Only %(count)s of %(name)s available.") % {"count": allowed, "name": name}
        return _cart_response(request, sf, form, message, ok=True)
    return _cart_response(request, sf, form, _("Cart updated."))


@storefront_page
def cart_coupon(request, sf):
    """Apply (``coupon_code``) or take off (``remove``) a coupon; answers like the other cart changes."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CouponForm(request.POST)
    try:
        data = valid_data(form)
    except ValidationFailed as exc:
        return _refused(request, sf, form, exc)
    if data["remove"]:
        sf.cart.coupon_code = None
        sf.cart.save()
        return _cart_response(request, sf, form, _("Coupon removed."))
    if not sf.cart.lines:
        return _cart_response(request, sf, form, _("Your cart is empty."), status=400, ok=False)
    try:
        applied = coupon_checkout.quote(sf.store_id, data["coupon_code"], sf.cart.total)
    except CouponRefused as exc:
        return _cart_response(request, sf, form, exc.message, status=400, ok=False, coupon_error=exc.message)
    sf.cart.coupon_code = applied.code
    sf.cart.save()
    saved = {"code": applied.code, "amount": format_inr(applied.discount)}
    return _cart_response(request, sf, form, _("Code %(code)s applied: you save %(amount)s.") % saved)


@storefront_page
def cart_remove(request, sf):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CartRemoveForm(request.POST)
    pid = form.product_key()
    if pid is None:
        raise Http404("no product")
    try:
        valid_data(form)
    except ValidationFailed as exc:
        return _refused(request, sf, form, exc)
    sf.cart.remove(pid)
    sf.cart.save()
    return _cart_response(request, sf, form, _("Removed from your cart."))


# --- Checkout ---------------------------------------------------------------------------------------


def _payment_url(order) -> str:
    return reverse("payments:pay", kwargs={"order_id": order.order_id})


@dataclass
class _Attempt:
    """How a checkout submit went when it did not end in a redirect."""

    error: str | None = None
    status: int = 200
    cart_changed: bool = False


def _checkout_reads(request, tenant_id, store_id):
    """On a place-order submit: the store, the cart's products and the tenant in one read."""
    if request.method != "POST":
        return None
    product_ids = Cart(request.session, store_id).product_ids()
    return placement.read_for_checkout(tenant_id, store_id, product_ids) if product_ids else None


@storefront_page(read=_checkout_reads)
def checkout(request, sf):
    methods = enabled_payment_methods(sf.store)
    options = _form_options(sf, methods)
    if request.method != "POST":
        if not sf.cart.lines:
            return redirect(sf.url("cart"))
        form = CheckoutForm(initial={"token": make_checkout_token(sf.store_id)}, **options)
        return _checkout_page(request, sf, form, methods, _Attempt())
    form = CheckoutForm(request.POST, **options)
    valid = form.is_valid()
    order_id = form.cleaned_data.get("token")
    if not sf.cart.lines:
        return _submitted_again(request, sf, order_id, form.cleaned_data.get("customer_phone", ""))
    if order_id is None:
        form = form.renewed(make_checkout_token(sf.store_id))
        error = _("This checkout form has expired. Please check your details and place the order again.")
        return _checkout_page(request, sf, form, methods, _Attempt(error, 400))
    if not sf.open_for_orders:
        return _checkout_page(request, sf, form, methods, _Attempt(_("This shop is not taking orders yet."), 409))
    if not valid:
        return _checkout_page(request, sf, form, methods, _Attempt(status=400))
    placed, attempt = _place(sf, form, order_id, _limit_id(request), client_ip(request.META))
    if placed is None:
        return _checkout_page(request, sf, form, methods, attempt)
    return _placed(request, sf, placed.order)


def _submitted_again(request, sf, order_id: str | None, phone: str):
    """A second submit after the first one went through (the cart is already empty): its order."""
    existing = customer_orders.already_placed(sf.store_id, order_id, phone)
    if existing is not None:
        remember_order(request, sf.store_id, existing.order_id)
        return redirect(sf.url("confirmation", order_id=existing.order_id))
    messages.info(request, _("Your cart is empty."))
    return redirect(sf.url("cart"))


def _place(sf, form, order_id, limit_id: str, ip: str):
    """Place the order: ``(placed, None)``, or ``(None, _Attempt)`` saying why not (field errors go on the form).
    The session's, the phone's and the IP's checkout limits are taken in the order's transaction: past one,
    a 429 and nothing written."""
    data = form.cleaned_data
    try:
        placed = place_order(
            store=sf.store,
            lines=sf.cart.as_lines(),
            customer_name=data["customer_name"],
            customer_phone=data["customer_phone"],
            delivery_address=data.get("delivery_address", ""),
            pincode=data.get("pincode", ""),
            payment_method=data["payment_method"],
            order_id=order_id,
            coupon_code=sf.cart.coupon_code,
            fulfilment=data["fulfilment"],
            limits=checkout_slots(sf.store_id, limit_id, data["customer_phone"], ip),
            reads=sf.reads,
        )
    except CartChanged as exc:
        return None, _Attempt(exc.message, 409, cart_changed=True)
    except CouponRefused as exc:
        sf.cart.coupon_code = None
        sf.cart.save()
        return None, _Attempt(exc.message + " " + _("We took the code off your cart; please check the new total."), 409)
    except ValidationFailed as exc:
        if exc.field and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
            return None, _Attempt(status=400)
        return None, _Attempt(exc.message, 400)
    except DomainError as exc:
        return None, _Attempt(exc.message, exc.status_code)
    return placed, None


def _placed(request, sf, order):
    sf.cart.clear()
    sf.cart.save()
    remember_order(request, sf.store_id, order.order_id)
    if order.status == OrderStatus.PENDING_PAYMENT:
        return redirect(_payment_url(order))
    return redirect(sf.url("confirmation", order_id=order.order_id))


def _checkout_page(request, sf, form, methods, attempt: _Attempt):
    rows, notices = _refreshed_cart(sf)
    if not rows:  # e.g. its last product sold out meanwhile: say so on the cart page, not just "empty"
        messages.error(request, attempt.error or " ".join(notices) or _("Your cart is empty."))
        return redirect(sf.url("cart"))
    return page(
        request,
        sf,
        "storefront/checkout.html",
        {
            "form": form,
            "rows": rows,
            "notices": [] if attempt.cart_changed else notices,
            "error": attempt.error,
            "methods": methods,
            **_summary(sf, sf.cart.total, rows),
        },
        status=attempt.status,
    )


def _form_options(sf, methods) -> dict:
    return {"store_id": sf.store_id, "methods": methods, "modes": sf.fulfilment_modes, "area": sf.area_label}


# --- After the order --------------------------------------------------------------------------------


def _visible_order(request, sf, order_id):
    """An order this visitor placed or tracked in this session, or placed with the phone they are signed in
    with, on this store; 404 otherwise."""
    remembered = order_id in remembered_orders(request, sf.store_id)
    phone = request.user.phone if request.user else None
    order = customer_orders.visible_order(sf.store, order_id, remembered=remembered, phone=phone)
    if order is None:
        raise Http404("not this visitor's order")
    return order


def _order_context(sf, order):
    steps = []
    pickup = order.fulfilment == Fulfilment.PICKUP
    flow = PICKUP_STEPS if pickup else STATUS_STEPS
    reached = order.status in flow and flow.index(order.status)
    for i, status in enumerate(flow):
        if order.status in (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED):
            state = "todo"
        else:
            state = "done" if i < reached else ("current" if i == reached else "todo")
        steps.append({"status": status, "label": status_label(status), "state": state})
    history = customer_timeline(order)
    return {
        "order": order,
        "steps": steps,
        "status_label": status_label(order.status),
        "method_label": method_label(order.payment_method),
        "history": list(reversed(history)),
        "pay_url": _payment_url(order) if order.status == OrderStatus.PENDING_PAYMENT else None,
        "timeout": expiry.timeout_minutes(),
        "pickup": pickup,
        "slot": slot_label(order.scheduled_for) if order.scheduled_for else "",
        "invoice_url": sf.url("order_invoice", order_id=order.order_id) if invoices.is_sale(order) else None,
    }


@cache_control(private=True, no_store=True)  # the customer's name, phone and address
@storefront_page
def confirmation(request, sf, order_id):
    order = _visible_order(request, sf, order_id)
    return page(request, sf, "storefront/confirmation.html", _order_context(sf, order))


def _limit_id(request) -> str:
    """A random id kept in the visitor's session: the subject of the per-session limits (a signed-cookie
    session's key changes with every change, so it cannot be used)."""
    if "_rlid" not in request.session:
        request.session["_rlid"] = secrets.token_urlsafe(12)
    return request.session["_rlid"]


@storefront_page
def track(request, sf):
    error, status = None, 200
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_valid():
            try:
                take_tracking(sf.store_id, _limit_id(request), client_ip(request.META))
            except RateLimited as exc:
                return page(request, sf, "storefront/track.html", {"form": form, "error": exc.message}, status=429)
            order = customer_orders.find_order(sf.store_id, form.cleaned_data["order_ref"], form.cleaned_data["phone"])
            if order is not None:
                remember_order(request, sf.store_id, order.order_id)
                return redirect(sf.url("track_order", order_id=order.order_id))
            error, status = _("We couldn't find an order with that number and mobile number."), 404
        else:
            status = 400
    else:
        form = TrackForm()
    recent = remembered_orders(request, sf.store_id)
    return page(request, sf, "storefront/track.html", {"form": form, "error": error, "recent": recent}, status=status)


@cache_control(private=True, no_store=True)  # the customer's name, phone and address
@storefront_page
def order_invoice(request, sf, order_id):
    """The customer's invoice PDF: only for an order this visitor placed or tracked on this store."""
    order = _visible_order(request, sf, order_id)
    return invoice_response(order, sf.store.name or "", language=sf.lang)


@storefront_page
def track_order(request, sf, order_id):
    order = _visible_order(request, sf, order_id)
    context = _order_context(sf, order)
    if request.htmx:
        return page(request, sf, "storefront/track_order.html#status", context)
    return page(request, sf, "storefront/track_order.html", context)
