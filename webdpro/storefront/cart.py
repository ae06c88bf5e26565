"""The cart, kept in the (signed-cookie) session: one cart per store, product id → [quantity, price seen].

The price the customer saw is kept so that placement can insist on it (``price = :seen``) and tell the
customer when it changed. Carts are small (at most MAX_LINES lines, a few stores) so the cookie stays
well under the 4 kB browsers allow.
"""

from __future__ import annotations

from decimal import Decimal

from webdpro.money import to_decimal
from webdpro.orders.placement import MAX_LINES, MAX_QUANTITY, Line

SESSION_KEY = "sf_cart"
COUPON_KEY = "sf_coupon"  # store id → the coupon code applied to that store's cart
MAX_STORES = 3


def key_of(product_id: str, variant_id: str | None = None) -> str:
    """A cart line's key: the product id, plus ``:<variant id>`` for a variant."""
    return f"{product_id}:{variant_id}" if variant_id else product_id


def split_key(key: str) -> tuple[str, str | None]:
    product_id, _sep, variant_id = key.partition(":")
    return product_id, variant_id or None


def limit(product) -> int:
    """How many of ``product`` one cart may hold: its stock, at most MAX_QUANTITY (0 when sold out)."""
    return max(0, min(product.stock_quantity or 0, MAX_QUANTITY))


class Cart:
    def __init__(self, session, store_id: str):
        self.session = session
        self.store_id = store_id
        carts = session.get(SESSION_KEY) or {}
        raw = carts.get(store_id) or {}
        self.lines: dict[str, list] = {}
        for pid, value in raw.items():
            try:
                self.lines[pid] = [int(value[0]), to_decimal(value[1])]
            except (TypeError, ValueError, IndexError, ArithmeticError):
                continue
        code = (session.get(COUPON_KEY) or {}).get(store_id)
        self.coupon_code: str | None = code if isinstance(code, str) and len(code) <= 20 else None

    # --- reading ---------------------------------------------------------------------------------
    def __len__(self):
        return len(self.lines)

    def __contains__(self, product_id):
        return product_id in self.lines

    def quantity(self, product_id) -> int:
        return self.lines.get(product_id, [0])[0]

    @property
    def count(self) -> int:
        return sum(q for q, _ in self.lines.values())

    @property
    def total(self) -> Decimal:
        return sum((q * p for q, p in self.lines.values()), Decimal("0.00"))

    def as_lines(self) -> list[Line]:
        return [Line(*split_key(key)[:1], q, p, split_key(key)[1]) for key, (q, p) in self.lines.items()]

    def product_ids(self) -> list[str]:
        return list(dict.fromkeys(split_key(key)[0] for key in self.lines))

    # --- writing ---------------------------------------------------------------------------------
    def set(self, product_id: str, quantity: int, price) -> None:
        quantity = max(0, min(int(quantity), MAX_QUANTITY))
        if quantity == 0:
            self.lines.pop(product_id, None)
        else:
            self.lines[product_id] = [quantity, to_decimal(price)]

    def add(self, product, quantity: int) -> tuple[int, int]:
        """Add ``quantity`` of ``product`` to what the cart holds, capped at :func:`limit`.
        Returns (the quantity now in the cart, the quantity wanted)."""
        wanted = self.quantity(product.product_id) + quantity
        allowed = min(wanted, limit(product))
        self.set(product.product_id, allowed, product.price)
        return allowed, wanted

    def update(self, product, quantity: int) -> int:
        """Set the cart's quantity of ``product`` to ``quantity`` capped at :func:`limit`; returns what it holds."""
        allowed = min(quantity, limit(product))
        self.set(product.product_id, allowed, product.price)
        return allowed

    def remove(self, product_id: str) -> None:
        self.lines.pop(product_id, None)

    def clear(self) -> None:
        self.lines = {}
        self.coupon_code = None

    @property
    def full(self) -> bool:
        return len(self.lines) >= MAX_LINES

    def save(self) -> None:
        carts = dict(self.session.get(SESSION_KEY) or {})
        carts.pop(self.store_id, None)
        if self.lines:
            carts[self.store_id] = {pid: [q, str(p)] for pid, (q, p) in self.lines.items()}
        while len(carts) > MAX_STORES:  # keep the carts of the most recently used stores
            carts.pop(next(iter(carts)))
        self.session[SESSION_KEY] = carts
        codes = {k: v for k, v in (self.session.get(COUPON_KEY) or {}).items() if k in carts and k != self.store_id}
        if self.coupon_code and self.lines:
            codes[self.store_id] = self.coupon_code
        self.session[COUPON_KEY] = codes

    def refresh(self, products: dict) -> list[dict]:
        """Bring the cart in line with the catalogue: drop withdrawn products, cap quantities at stock,
        take new prices. Returns the changes, for a message."""
        changes = []
        for pid, (quantity, price) in list(self.lines.items()):
            product = products.get(split_key(pid)[0])
            if product is None or not product.is_active:
                self.lines.pop(pid)
                changes.append({"kind": "gone", "name": product.name if product else None})
                continue
            stock, current, product = _stock_and_price(product, split_key(pid)[1])
            if product is None:
                self.lines.pop(pid)
                changes.append({"kind": "gone", "name": None})
                continue
            if stock <= 0:
                self.lines.pop(pid)
                changes.append({"kind": "sold_out", "name": product.name})
                continue
            if quantity > stock:
                self.lines[pid][0] = stock
                changes.append({"kind": "capped", "name": product.name, "available": stock})
            if current != price:
                self.lines[pid][1] = current
                changes.append({"kind": "price", "name": product.name, "old": price, "new": current})
        return changes


def _stock_and_price(product, variant_id):
    """(stock, price, named product) of a cart line: the variant's when it names one. The product comes back
    as None when the variant no longer exists; for a product that now has variants a plain line is gone."""
    from types import SimpleNamespace

    from webdpro.products import variants

    if not variant_id:
        if variants.has_variants(product):
            return 0, to_decimal(product.price), None
        return max(product.stock_quantity or 0, 0), to_decimal(product.price), product
    variant = variants.get_variant(product, variant_id)
    if variant is None:
        return 0, to_decimal(product.price), None
    named = SimpleNamespace(name=f"{product.name} ({variant.label})")
    return max(variant.stock, 0), variant.price, named
