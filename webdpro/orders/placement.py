"""Placing an order: one DynamoDB transaction, no overselling, no double orders.

``place_order`` writes the order and decrements the stock of every product it contains in ONE
``TransactWriteItems``:

* the order is put with ``attribute_not_exists(order_id)``. The order id comes from the checkout form
  (a signed idempotency token, :func:`make_checkout_token`), so submitting the same form twice finds
  the first order instead of writing a second one;
* each product is updated with ``stock_quantity >= :qty AND is_active = true AND price = :seen``, where
  ``:seen`` is the price the customer saw. Either everything is written or nothing is.

When the transaction is cancelled the reasons (one per item) say exactly which product ran out, was
withdrawn or changed price; with ``ReturnValuesOnConditionCheckFailure=ALL_OLD`` DynamoDB hands back the
current product, so the message can say how many are left or what the new price is without another
read. Transaction conflicts (two buyers of the same product in the same few milliseconds) follow the hot-item
policy of ``webdpro.db.base.retry_hot_transaction``: one writer per product at a time in this process,
conflicts with other processes retried with full-jitter backoff within a two-second budget. The orders of the
same products that queue in this process behind a write in flight are written together in the next one
(``webdpro.db.together``, group commit): their items side by side, the product's stock taken once for the sum
of their lines (``_stock_taken_together``: only orders that saw the same price), a shared limit counter once for
all. Each order is still all or nothing; a shared write that is refused writes nothing and each of its orders is
tried alone, so the reasons read below are always those of one order's own transaction. With 30 buyers on one
product (bench/checkout.py, A/B on one machine) this cut DynamoDB Local's CPU per order from 19–25 ms to
16–18 and the server's from 12–14 to 10–11, and placed 63–68 orders/s where one transaction an order placed
46–57; with the checkout reads in rounds and the 3 ms gather, ``make bench`` placed 78–82 orders/s (64–69 % of
the raw 2-item transaction's rate in the same run, against 44–45 % before).

The place-order request makes two DynamoDB calls (tests/integration/test_checkout_calls.py): ONE consistent
BatchGetItem for the store, the products and the tenant's GST registration (:func:`read_for_checkout`, made
by the storefront when it opens the store, and shared by the checkouts of the store that ask for it while
another is in flight: ``webdpro.db.rounds``), and the order transaction, which also creates the customer's
user if the phone is new and takes the session's, the phone's and the IP's checkout limits
(``webdpro.ratelimits.storefront.checkout_slots``). Those items lengthen the transaction that holds the
contested product, but a call costs more than an item: with 30 buyers on one product (bench/checkout.py,
back to back on one DynamoDB Local) the order with them inside placed 37–41 orders/s where a separate buyer
transaction placed 18–26, as every call is CPU in the server and in DynamoDB. The IP's counter is shared by
everyone behind one address, so its writers are queued and retried like a hot product's
(``Slots.shared_keys``). The invoice is numbered later, once the order is a sale
(:mod:`webdpro.orders.invoices`).

Not done, on purpose: a single-product order as one conditional ``UpdateItem`` on the stock plus a separate
order write with compensation. It would free the hot product sooner, but a process that dies between the
two writes leaves units taken with no order (the stock is wrong for good, with nothing to find it by), and
a double submit would take the stock twice until compensated. Keeping both facts true needs a reservation
record and a sweeper — more writes per order than the transaction it replaces. One transaction stays.

Before anything is written the store's own rules are checked (:mod:`webdpro.orders.rules`: delivery or
pickup, delivery area, minimum order, opening hours) and applied to the order (pickup: no fee, a pickup
code; a schedule slot; manual acceptance: ``PLACED`` instead of ``CONFIRMED``).

Status after placement: cash on delivery → ``CONFIRMED`` with payment_status ``COD_PENDING``; UPI / card →
``PENDING_PAYMENT`` with payment_status ``PENDING`` (``webdpro.orders.expiry`` cancels it and returns the
stock if it is not paid in time).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import (
    CONDITION_FAILED,
    TRANSACTION_CONFLICT,
    Order,
    Product,
    Store,
    Tenant,
    User,
    cancellation_codes,
    get_many,
    get_or_none,
    transact_write,
)
from webdpro.db.compiled import TransactWrite, UpdateTemplate, slot
from webdpro.db.orders import (
    Fulfilment,
    OrderItem,
    OrderPaymentStatus,
    OrderStatus,
    PaymentMethod,
    StatusChange,
)
from webdpro.db.stores import StoreStatus
from webdpro.db.together import write_together
from webdpro.db.users import Role
from webdpro.errors import Conflict, ValidationFailed
from webdpro.gst.selectors import registration_of
from webdpro.ids import new_id
from webdpro.money import MoneyError, to_decimal
from webdpro.orders import extras, rules
from webdpro.phones import InvalidPhone, normalize_phone
from webdpro.products import variants
from webdpro.products.services import add_movement, sale_movement

log = logging.getLogger("webdpro.orders")

MAX_LINES = 30  # distinct products per order (DynamoDB allows 100 actions per transaction)
MAX_QUANTITY = 99  # per line
PINCODE_RE = re.compile(r"^[1-9][0-9]{5}$")
TOKEN_SALT = "webdpro.checkout-token"
TOKEN_MAX_AGE = 60 * 60 * 24  # a checkout form may stay open for a day


# --- Errors -----------------------------------------------------------------------------------------


def _busy() -> str:
    return _("Many people are ordering right now. Please try again in a moment.")


@dataclass
class LineProblem:
    """Why one cart line cannot be ordered as it is."""

    product_id: str
    name: str
    kind: str  # "gone" (deleted or withdrawn) | "stock" (not enough) | "price" (changed)
    available: int = 0
    new_price: Decimal | None = None
    old_price: Decimal | None = None

    def message(self) -> str:
        if self.kind == "gone":
            return _("%(name)s is no longer available.") % {"name": self.name}
        if self.kind == "stock":
            if self.available <= 0:
                return _("%(name)s just ran out of stock.") % {"name": self.name}
            return _("Only %(count)s of %(name)s left.") % {"count": self.available, "name": self.name}
        from webdpro.money import format_inr

        return _("The price of %(name)s changed from %(old)s to %(new)s.") % {
            "name": self.name,
            "old": format_inr(self.old_price),
            "new": format_inr(self.new_price),
        }


class CartChanged(Conflict):
    """Stock, availability or price changed since the customer looked: nothing was written."""

    def __init__(self, problems: list[LineProblem]):
        self.problems = problems
        text = " ".join(p.message() for p in problems)
        super().__init__(text + " " + _("We have updated your cart; please check it and place the order again."))


class StoreClosed(Conflict):
    """The store is not taking orders (not published, or suspended)."""


# --- Input ------------------------------------------------------------------------------------------


@dataclass
class Line:
    product_id: str
    quantity: int
    price: Decimal  # the price the customer saw
    variant_id: str | None = None  # the product's variant (webdpro/products/variants.py)


@dataclass
class CheckoutReads:
    """What a checkout submit reads before anything is written, in ONE consistent BatchGetItem
    (:func:`read_for_checkout`): the store, the products asked for, the tenant's GST registration and the
    owner's phone (for the new-order alert, so the alert does not read the tenant again)."""

    store: Store | None
    products: dict[str, Product]
    gst: tuple[str | None, str | None]
    asked: frozenset[str]
    owner_phone: str | None = None

    def covers(self, store: Store, product_ids) -> bool:
        return self.store is store and set(product_ids) <= self.asked


def read_for_checkout(tenant_id: str, store_id: str, product_ids) -> CheckoutReads:
    """The store (None if the tenant has no such store), the products of the cart and the tenant's GST
    registration: ONE BatchGetItem, consistent, so the checkout page and :func:`place_order` see the same.
    The checkouts of one store that open at the same moment in this process share it in rounds
    (``webdpro.db.rounds``: one read for everyone who asked while the previous one was in flight)."""
    ids = list(dict.fromkeys(product_ids))
    store, *products, tenant = get_many(
        (Store, tenant_id, store_id),
        *((Product, store_id, product_id) for product_id in ids),
        (Tenant, tenant_id),
        consistent_read=True,
        shared_by=("checkout", tenant_id, store_id),
    )
    found = {p.product_id: p for p in products if p is not None}
    return CheckoutReads(store, found, registration_of(tenant), frozenset(ids), tenant.owner_phone if tenant else None)


@dataclass
class Placed:
    order: Order
    created: bool  # False: this checkout was already placed (double submit) and ``order`` is that order
    problems: list = field(default_factory=list)


def make_checkout_token(store_id: str) -> str:
    """A signed token for one checkout form, holding the id the order will get."""
    return signing.dumps({"o": new_id(), "s": store_id}, salt=TOKEN_SALT, compress=True)


def read_checkout_token(token: str, store_id: str) -> str | None:
    """The order id in a valid token for this store, else None."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != store_id or not isinstance(data.get("o"), str):
        return None
    return data["o"]


def enabled_payment_methods(store: Store) -> list[str]:
    payments = store.config_read.get("payments") or {}
    methods = [
        m
        for m, key in ((PaymentMethod.COD, "cod"), (PaymentMethod.UPI, "upi"), (PaymentMethod.CARD, "card"))
        if payments.get(key)
    ]
    return methods


def delivery_fee(store: Store, subtotal: Decimal) -> Decimal:
    """The store's delivery fee, waived when the subtotal reaches ``free_above`` (if set above zero)."""
    delivery = store.config_read.get("delivery") or {}
    try:
        fee = to_decimal(delivery.get("fee") or "0")
    except MoneyError:
        fee = Decimal("0.00")
    try:
        free_above = to_decimal(delivery.get("free_above")) if delivery.get("free_above") not in (None, "") else None
    except MoneyError:
        free_above = None
    if fee < 0:
        fee = Decimal("0.00")
    if free_above is not None and free_above > 0 and subtotal >= free_above:
        return Decimal("0.00")
    return fee


def clean_customer(
    name: str, phone: str, address: str, pincode: str, *, pickup: bool = False
) -> tuple[str, str, str, str]:
    """The checkout's customer details, cleaned, or ValidationFailed naming the first bad field. The
    storefront's form checks each field with the same functions, so both say the same thing."""
    name, phone = clean_customer_name(name), clean_customer_phone(phone)
    if pickup:  # collected at the shop: no address asked
        return name, phone, "", ""
    return name, phone, clean_delivery_address(address), clean_pincode(pincode)


def clean_customer_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed(_("Enter your name."), field="customer_name")
    if len(name) > 120:
        raise ValidationFailed(_("Your name is too long (at most 120 characters)."), field="customer_name")
    return name


def clean_customer_phone(phone: str) -> str:
    try:
        return normalize_phone(phone)
    except InvalidPhone as exc:
        raise ValidationFailed(_("Enter a valid mobile number, like 98765 43210."), field="customer_phone") from exc


def clean_delivery_address(address: str) -> str:
    address = (address or "").strip()
    if len(address) < 8:
        raise ValidationFailed(
            _("Enter your full delivery address (house, street, area, city)."), field="delivery_address"
        )
    if len(address) > 500:
        raise ValidationFailed(_("The address is too long (at most 500 characters)."), field="delivery_address")
    return address


def clean_pincode(pincode: str) -> str:
    pincode = re.sub(r"\s+", "", pincode or "")
    if not PINCODE_RE.match(pincode):
        raise ValidationFailed(_("Enter a 6-digit PIN code."), field="pincode")
    return pincode


def _merge_lines(lines) -> list[Line]:
    merged: dict[str, Line] = {}
    for line in lines:
        try:
            quantity = int(line.quantity)
        except (TypeError, ValueError) as exc:
            raise ValidationFailed(_("Choose a quantity.")) from exc
        if quantity < 1 or quantity > MAX_QUANTITY:
            raise ValidationFailed(_("Choose a quantity between 1 and %(max)s.") % {"max": MAX_QUANTITY})
        price = to_decimal(line.price)
        key = (line.product_id, getattr(line, "variant_id", None))
        if key in merged:
            merged[key].quantity += quantity
        else:
            merged[key] = Line(line.product_id, quantity, price, key[1])
    if not merged:
        raise ValidationFailed(_("Your cart is empty."))
    if len(merged) > MAX_LINES:
        raise ValidationFailed(_("An order can hold at most %(max)s different products.") % {"max": MAX_LINES})
    return list(merged.values())


# --- Placement --------------------------------------------------------------------------------------


def _check_lines(lines: list[Line], products: dict[str, Product]) -> list[LineProblem]:
    problems = []
    for line in lines:
        product = products.get(line.product_id)
        if line.variant_id or (product is not None and variants.has_variants(product)):
            problems.extend(variants.check_line(line, product, LineProblem))
        elif product is None or not product.is_active:
            problems.append(LineProblem(line.product_id, product.name if product else _("A product"), "gone"))
        elif to_decimal(product.price) != line.price:
            problems.append(
                LineProblem(
                    line.product_id,
                    product.name,
                    "price",
                    available=product.stock_quantity or 0,
                    new_price=to_decimal(product.price),
                    old_price=line.price,
                )
            )
        elif (product.stock_quantity or 0) < line.quantity:
            problems.append(
                LineProblem(line.product_id, product.name, "stock", available=max(product.stock_quantity or 0, 0))
            )
    return problems


def _existing(order_id: str, store: Store, phone: str) -> Order | None:
    """The order a previous submit of the same checkout already wrote (None if there is none)."""
    order = get_or_none(Order, order_id, consistent_read=True)
    if order is None:
        return None
    if order.store_id != store.store_id or order.customer_phone != phone:
        # Someone replayed a token with other details: refuse instead of showing them the order.
        raise Conflict(_("This checkout form was already used. Please reload the page and try again."))
    return order


def add_customer_user(tx, phone: str, name: str, now: str) -> None:
    """In a transaction: the CUSTOMER user for ``phone`` (so the buyer can sign in to see their
    orders), created if missing. Every SET is ``if_not_exists``, so an existing user of any role keeps every
    attribute as it is."""
    tx.update_from(_CUSTOMER_USER, phone, user_id=new_id(), name=name, at=now)


_CUSTOMER_USER = UpdateTemplate(
    User,
    actions=[
        User.user_id.set(User.user_id | slot("user_id", User.user_id)),
        User.role.set(User.role | Role.CUSTOMER),
        User.name.set(User.name | slot("name", User.name)),
        User.is_active.set(User.is_active | True),
        User.created_at.set(User.created_at | slot("at", User.created_at)),
        User.session_version.set(User.session_version | 0),
    ],
)


@dataclass
class Customer:
    """The cleaned customer details of one checkout."""

    name: str
    phone: str
    address: str
    pincode: str


@dataclass
class Priced:
    """The order lines as they will be written, and what they cost."""

    items: list[OrderItem]
    subtotal: Decimal
    delivery_fee: Decimal
    total: Decimal


def place_order(
    *,
    store: Store,
    lines,
    customer_name: str,
    customer_phone: str,
    delivery_address: str,
    pincode: str,
    payment_method: str,
    order_id: str | None = None,
    by: str | None = None,
    coupon_code: str | None = None,
    fulfilment: str | None = None,
    limits=None,
    reads: CheckoutReads | None = None,
) -> Placed:
    """Place an order on ``store`` for ``lines`` (``Line(product_id, quantity, price_seen)``).

    Raises ``ValidationFailed`` (bad input), ``StoreClosed``, ``CartChanged`` (with ``problems``: a
    product ran out, was withdrawn or changed price — nothing written) or ``Conflict``. Returns
    ``Placed(order, created)``; ``created`` is False when ``order_id`` was already placed (a double
    submit) and ``order`` is that first order. ``limits`` (``webdpro.ratelimits.Slots``, e.g. the checkout's
    per-session and per-phone limits) are taken in the order's transaction: past one, ``RateLimited`` and
    nothing written. ``reads`` (:func:`read_for_checkout`, made with the store) saves reading the products
    and the tenant again.

    The steps, in order: :func:`_validate_checkout`, :func:`_merge_lines`, :func:`_read_for_order`,
    :func:`_check_or_replay`, :func:`_price`, :func:`_build_order`, :func:`_write_order`,
    :func:`_after_placed`.
    """
    fulfilment = rules.choose_fulfilment(store.config_read, fulfilment)
    customer = _validate_checkout(
        store, customer_name, customer_phone, delivery_address, pincode, payment_method, fulfilment
    )
    lines = _merge_lines(lines)
    order_id = order_id or new_id()
    products, gst, owner_phone = _read_for_order(store, lines, reads)
    replay = _check_or_replay(lines, products, order_id, store, customer.phone)
    if replay is not None:
        return replay
    priced = _price(store, lines, products)
    decision = rules.check_before_write(
        store, fulfilment=fulfilment, pincode=customer.pincode, subtotal=priced.subtotal
    )
    priced = rules.price_for(decision, priced)
    additions = extras.prepare(store, priced, products, customer.pincode, coupon_code=coupon_code, gst=gst)
    order = rules.apply(decision, _build_order(order_id, store, customer, priced, payment_method, by))
    additions.apply(order)
    placed = _write_order(order, store, lines, products, additions, limits)
    if placed.created:
        _after_placed(order, store)
        rules.after_placed(order, store, owner_phone=owner_phone)
    return placed


def _validate_checkout(
    store: Store, name: str, phone: str, address: str, pincode: str, payment_method: str, fulfilment: str
) -> Customer:
    """The store takes orders, the customer details are valid and the payment method is offered."""
    if store.status != StoreStatus.PUBLISHED:
        raise StoreClosed(_("This shop is not taking orders right now."))
    customer = Customer(*clean_customer(name, phone, address, pincode, pickup=fulfilment == Fulfilment.PICKUP))
    if payment_method not in enabled_payment_methods(store):
        raise ValidationFailed(_("Choose a payment method."), field="payment_method")
    return customer


def _read_for_order(
    store: Store, lines: list[Line], reads: CheckoutReads | None = None
) -> tuple[dict[str, Product], tuple[str | None, str | None], str | None]:
    """The ordered products, the tenant's GST registration (GSTIN, state) and the owner's phone: from
    ``reads`` when they were read with the store, else in ONE consistent BatchGetItem."""
    ids = list(dict.fromkeys(line.product_id for line in lines))
    if reads is not None and reads.covers(store, ids):
        return reads.products, reads.gst, reads.owner_phone
    *products, tenant = get_many(
        *((Product, store.store_id, product_id) for product_id in ids), (Tenant, store.tenant_id), consistent_read=True
    )
    found = {p.product_id: p for p in products if p is not None}
    return found, registration_of(tenant), tenant.owner_phone if tenant else None


def _check_or_replay(lines, products, order_id: str, store: Store, phone: str) -> Placed | None:
    """None when every line can be ordered as seen. Otherwise the order an earlier submit of this checkout
    already placed (it took the stock this one misses), or ``CartChanged``."""
    problems = _check_lines(lines, products)
    if not problems:
        return None
    existing = _existing(order_id, store, phone)
    if existing is not None:
        return Placed(existing, created=False)
    raise CartChanged(problems)


def _price(store: Store, lines: list[Line], products: dict[str, Product]) -> Priced:
    """Order lines at the prices the customer saw (checked equal to the stored ones), plus delivery."""
    items = [
        OrderItem(
            product_id=line.product_id,
            price=line.price,
            quantity=line.quantity,
            line_total=line.price * line.quantity,
            **{"name": products[line.product_id].name, **variants.item_fields(line, products[line.product_id])},
        )
        for line in lines
    ]
    subtotal = sum((item.line_total for item in items), Decimal("0.00"))
    fee = delivery_fee(store, subtotal)
    return Priced(items=items, subtotal=subtotal, delivery_fee=fee, total=subtotal + fee)


def _build_order(
    order_id: str, store: Store, customer: Customer, priced: Priced, payment_method: str, by: str | None
) -> Order:
    """The new order (not yet written)."""
    by = by or "customer"
    now = clock.now_iso()
    cod = payment_method == PaymentMethod.COD
    status = OrderStatus.CONFIRMED if cod else OrderStatus.PENDING_PAYMENT
    note = _("Order placed, %(method)s") % {"method": PaymentMethod(payment_method).label}
    return Order(
        order_id,
        tenant_id=store.tenant_id,
        store_id=store.store_id,
        status=status,
        items=priced.items,
        subtotal=priced.subtotal,
        delivery_fee=priced.delivery_fee,
        total_amount=priced.total,
        customer_name=customer.name,
        customer_phone=customer.phone,
        delivery_address=customer.address,
        pincode=customer.pincode,
        payment_method=payment_method,
        payment_status=OrderPaymentStatus.COD_PENDING if cod else OrderPaymentStatus.PENDING,
        created_at=now,
        updated_at=now,
        history=[StatusChange(status=status, at=now, by=by, note=note)],
        invoice_due=store.tenant_id,  # numbered off the request once it is a sale (webdpro.orders.invoices)
    )


def _write_order(
    order: Order, store: Store, lines: list[Line], products: dict[str, Product], additions, limits
) -> Placed:
    """Write the order and take the stock in one transaction, shared with the other orders of the same
    products waiting in this process (``webdpro.db.together``), retrying transaction conflicts."""
    shared = limits.shared_keys() if limits is not None else []
    tx = _order_transaction(order, store, lines, additions, limits)
    try:
        write_together(
            tx,
            group=("order", *sorted({line.product_id for line in lines})),
            keys=[*(line.product_id for line in lines), *shared],
        )
    except TransactWriteError as exc:
        return _explain_cancellation(exc, order, store, lines, products, additions, limits)
    return Placed(order, created=True)


def _stock_taken_together(uses: list[dict]) -> dict | None:
    """Several orders' lines of one product as one update (``webdpro.db.together``): their sum taken, on
    the condition that the sum is there — only if every order saw the same price."""
    price = uses[0]["price"]
    if any(use["price"] != price for use in uses):
        return None
    return {
        "taken": sum(use["taken"] for use in uses),
        "quantity": sum(use["quantity"] for use in uses),
        "price": price,
        "at": max(use["at"] for use in uses),
    }


# A line's stock taken at the price seen, if the product is still for sale: the current product comes back
# with a refusal (ALL_OLD), so the message can say what changed without another read.
_TAKE_STOCK = UpdateTemplate(
    Product,
    actions=[
        Product.stock_quantity.add(slot("taken", Product.stock_quantity)),
        Product.updated_at.set(slot("at", Product.updated_at)),
    ],
    condition=(
        (Product.stock_quantity >= slot("quantity", Product.stock_quantity))
        & (Product.is_active == True)  # noqa: E712
        & (Product.price == slot("price", Product.price))
    ),
    return_values="ALL_OLD",
    merge=_stock_taken_together,
)


def _order_transaction(order: Order, store: Store, lines: list[Line], additions, limits) -> TransactWrite:
    """The order's TransactWriteItems, built, not sent: put the order if new, take each line's stock at the
    price seen, the additions (coupon, customer record), the stock movements, the customer's user and the
    limits' slots."""
    plain, groups = variants.split(lines)
    tx = transact_write()
    tx.save(order, condition=Order.order_id.does_not_exist())
    for line in plain:
        tx.update_from(
            _TAKE_STOCK,
            store.store_id,
            line.product_id,
            taken=-line.quantity,
            at=order.created_at,
            quantity=line.quantity,
            price=line.price,
        )
    variants.add_updates(tx, store.store_id, groups, order.created_at)
    additions.add_to_transaction(tx, order)
    for line in lines:  # last: the reasons of the order, the lines and the additions keep their places
        add_movement(
            tx,
            sale_movement(
                store.store_id, store.tenant_id, line.product_id, line.quantity, order.order_id, line.variant_id
            ),
        )
    add_customer_user(tx, order.customer_phone, order.customer_name, order.created_at)
    if limits is not None:
        limits.add_to_transaction(tx)  # last: Slots.refusal reads the last reasons
    return tx


def _explain_cancellation(exc: TransactWriteError, order, store, lines, products, additions, limits) -> Placed:
    """A cancelled placement: the earlier order of a double submit (returned), a limit used up
    (``RateLimited``), ``CartChanged``, an addition's own error, or ``Conflict`` when transaction conflicts
    outlasted the retries."""
    reasons = list(exc.cancellation_reasons or [])
    if not reasons:
        raise exc
    # PynamoDB sends puts before updates: reasons[0] is the order, reasons[1 + i] is lines[i].
    if reasons[0] is not None and reasons[0].code == CONDITION_FAILED:
        existing = _existing(order.order_id, store, order.customer_phone)
        if existing is not None:
            return Placed(existing, created=False)
    refused = limits.refusal(reasons) if limits is not None else None
    if refused is not None:
        raise refused from exc
    plain, groups = variants.split(lines)
    line_problems = _problems_from_reasons(plain, products, reasons[1:])
    line_problems += variants.problems_from_reasons(groups, products, reasons[1 + len(plain) :], LineProblem)
    if line_problems:
        raise CartChanged(line_problems) from exc
    additions.explain(reasons[1 + len(plain) + len(groups) :], exc)
    if TRANSACTION_CONFLICT in cancellation_codes(exc):
        raise Conflict(_busy()) from exc
    raise exc


def _after_placed(order: Order, store: Store) -> None:
    """Log, tell the customer (cash on delivery orders are confirmed at once) and refresh the forecast."""
    log.info(
        "order placed",
        extra={
            "order_id": order.order_id,
            "store_id": order.store_id,
            "total": str(order.total_amount),
            "method": order.payment_method,
        },
    )
    if order.payment_method == PaymentMethod.COD:
        notify(order, order.status, store)
    refresh_forecast(order)


def _problems_from_reasons(lines: list[Line], products: dict[str, Product], reasons) -> list[LineProblem]:
    problems = []
    for line, reason in zip(lines, reasons, strict=False):
        if not reason or reason.code != CONDITION_FAILED:
            continue
        name = products[line.product_id].name
        raw = reason.raw_item
        if not raw:
            problems.append(LineProblem(line.product_id, name, "gone"))
            continue
        current = Product.from_raw_data(raw)
        problems.extend(
            _check_lines([line], {line.product_id: current})
            or [LineProblem(line.product_id, name, "stock", available=max(current.stock_quantity or 0, 0))]
        )
    return problems


def refresh_forecast(order: Order) -> None:
    """Stock changed: recompute the forecasts of the order's products (in the background, never raises)."""
    from webdpro.products.prediction import refresh_after_order

    refresh_after_order(order)


def notify(order: Order, status: str, store: Store | None = None) -> None:
    """Tell the customer. Never breaks the write."""
    from webdpro.orders.notifications import notify_status

    try:
        notify_status(order, status, store)
    except Exception:  # noqa: BLE001 — a failed SMS must not undo a placed order
        log.exception("order notification failed", extra={"order_id": order.order_id})
