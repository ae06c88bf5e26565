"""Product variants: up to 3 options (e.g. weight, colour) and up to 50 variants, each with its own price,
stock, SKU and optional image.

Storage: a map on the product item (``Product.variants``: variant_id → {options, price, stock, sku,
image, pos}) plus ``Product.option_names``, not separate items — see tables/README.md: the product page,
the cart and placement always need the product and its variants together (one GetItem / BatchGetItem),
list pages stay one item per product, and 50 variants of ~200 bytes are far below the 400 KB item limit.

Stock rules per variant: placement takes a variant's stock with ``SET variants.<id>.stock =
variants.<id>.stock - :q`` on ``variants.<id>.stock >= :q AND variants.<id>.price = :seen`` (a sibling's
stock is never touched), and ``stock_quantity`` (the sum, used by lists, low stock and the forecast)
moves by the same amount in the same update. Owner adjustments do the same with a stock movement
(``variant_id`` set) in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.operand import Path

from webdpro import clock
from webdpro.db import Product, StockMovement, transact_write
from webdpro.errors import Conflict, NotFound, ValidationFailed
from webdpro.ids import new_id
from webdpro.money import MoneyError, to_decimal

MAX_OPTIONS = 3
MAX_VARIANTS = 50
MAX_STOCK = 1_000_000
SKU_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
VARIANT_ID_RE = re.compile(r"^[0-9A-Z]{10}$")


@dataclass
class Variant:
    variant_id: str
    options: list[str]
    price: Decimal
    stock: int
    sku: str | None = None
    image: str | None = None
    pos: int = 0

    @property
    def label(self) -> str:
        return " / ".join(self.options)

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    def as_map(self) -> dict:
        return {
            "options": list(self.options),
            "price": f"{self.price:.2f}",
            "stock": int(self.stock),
            "sku": self.sku,
            "image": self.image,
            "pos": self.pos,
        }


def _raw(product) -> dict:
    raw = getattr(product, "variants", None)
    if raw is None:
        return {}
    return raw.as_dict() if hasattr(raw, "as_dict") else dict(raw)


def variants_of(product) -> list[Variant]:
    out = []
    for vid, data in _raw(product).items():
        data = dict(data.as_dict() if hasattr(data, "as_dict") else data)
        out.append(
            Variant(
                variant_id=vid,
                options=[str(v) for v in data.get("options") or []],
                price=to_decimal(str(data.get("price", "0"))),
                stock=int(data.get("stock") or 0),
                sku=data.get("sku"),
                image=data.get("image"),
                pos=int(data.get("pos") or 0),
            )
        )
    return sorted(out, key=lambda v: (v.pos, v.variant_id))


def low_variants(product) -> list[Variant]:
    """The variants at or below the product's low-stock alert level (it applies to each variant)."""
    threshold = int(getattr(product, "low_stock_threshold", 0) or 0)
    return [v for v in variants_of(product) if v.stock <= threshold]


def has_variants(product) -> bool:
    return bool(_raw(product))


def get_variant(product, variant_id) -> Variant | None:
    return next((v for v in variants_of(product) if v.variant_id == variant_id), None)


def resolve(product, variant_id) -> Variant:
    """The variant the customer chose, or ValidationFailed naming ``variant_id``."""
    variant = get_variant(product, variant_id) if variant_id else None
    if variant is None:
        if not variant_id:
            raise ValidationFailed(_("Choose an option of %(name)s.") % {"name": product.name}, field="variant_id")
        raise ValidationFailed(
            _("%(name)s does not come in that combination.") % {"name": product.name}, field="variant_id"
        )
    return variant


# --- The owner's editor -------------------------------------------------------------------------------


def _clean_name(raw, field: str, label: str) -> str:
    text = " ".join(str(raw or "").split())
    if not text:
        raise ValidationFailed(_("Enter %(label)s.") % {"label": label}, field=field)
    if len(text) > 30:
        raise ValidationFailed(_("%(label)s is too long (at most 30 characters).") % {"label": label}, field=field)
    return text


def clean_option_names(raw_names) -> list[str]:
    names = [" ".join(str(n or "").split()) for n in raw_names]
    names = [n for n in names if n]
    if not names:
        raise ValidationFailed(_("Name at least one option, like Weight or Size."), field="option_0")
    if len(names) > MAX_OPTIONS:
        raise ValidationFailed(_("A product has at most 3 options."), field="option_3")
    for i, name in enumerate(names):
        _clean_name(name, f"option_{i}", _("the option name"))
    if len({n.casefold() for n in names}) != len(names):
        raise ValidationFailed(_("Each option needs a different name."), field="option_1")
    return names


def _clean_row(i: int, row: dict, names: list[str]) -> Variant:
    options = [_clean_name(row.get(f"opt_{j}"), f"v{i}_opt_{j}", names[j]) for j in range(len(names))]
    try:
        price = to_decimal(str(row.get("price") or "").strip()[:20])
    except (MoneyError, ArithmeticError):
        raise ValidationFailed(_("Enter a price like 99.50."), field=f"v{i}_price") from None
    if price <= 0 or price > Decimal("10000000"):
        raise ValidationFailed(_("The price must be more than ₹0."), field=f"v{i}_price")
    stock_text = str(row.get("stock") or "0").strip()
    if not stock_text.isdigit() or int(stock_text) > MAX_STOCK:
        raise ValidationFailed(_("Stock is a whole number of units, 0 or more."), field=f"v{i}_stock")
    sku = str(row.get("sku") or "").strip() or None
    if sku and not SKU_RE.match(sku):
        raise ValidationFailed(_("A SKU is up to 40 letters, digits, dots, dashes or slashes."), field=f"v{i}_sku")
    vid = str(row.get("id") or "").strip()
    if vid and not VARIANT_ID_RE.match(vid):
        raise ValidationFailed(_("Unknown variant."), field=f"v{i}_id")
    return Variant(vid or new_id()[-10:], options, price, int(stock_text), sku, row.get("image") or None, i)


def clean_variants(raw_names, rows: list[dict], images=()) -> tuple[list[str], list[Variant]]:
    """Validate the editor (option names + one dict per filled row). Raises ValidationFailed naming the
    field (``option_1``, ``v3_price`` …)."""
    names = clean_option_names(raw_names)
    filled = [(i, r) for i, r in enumerate(rows) if any(str(v or "").strip() for k, v in r.items() if k != "id")]
    if not filled:
        raise ValidationFailed(_("Add at least one variant."), field="v0_opt_0")
    if len(filled) > MAX_VARIANTS:
        raise ValidationFailed(_("A product has at most 50 variants."), field=f"v{MAX_VARIANTS}_opt_0")
    out, seen, skus = [], set(), set()
    for i, row in filled:
        variant = _clean_row(i, row, names)
        key = tuple(o.casefold() for o in variant.options)
        if key in seen:
            raise ValidationFailed(
                _("%(combo)s is listed twice.") % {"combo": variant.label}, field=f"v{i}_opt_{len(names) - 1}"
            )
        if variant.sku and variant.sku in skus:
            raise ValidationFailed(_("Two variants share the SKU %(sku)s.") % {"sku": variant.sku}, field=f"v{i}_sku")
        if variant.image and variant.image not in set(images):
            raise ValidationFailed(_("Choose one of the product's photos."), field=f"v{i}_image")
        seen.add(key)
        skus.add(variant.sku)
        out.append(variant)
    return names, out


def _movement(store, product_id, variant: Variant, delta: int, kind: str, reason: str, by, now):
    from webdpro.products.services import Actor

    actor = Actor.of(by)
    return StockMovement(
        store.store_id,
        f"{product_id}#{new_id()}",
        product_id=product_id,
        variant_id=variant.variant_id,
        kind=kind,
        delta=delta,
        reason=reason,
        by=actor.user_id,
        by_name=actor.name,
        created_at=now,
        tenant_id=store.tenant_id,
    )


def set_variants(store, product, raw_names, rows: list[dict], *, by=None) -> Product:
    """Replace the product's options and variants. Stock differences from what the owner saw are written
    as CORRECTION movements in the same transaction; the update is conditioned on the product not having
    changed since it was read (``updated_at``)."""
    from webdpro.db.stock_movements import CORRECTION

    names, new = clean_variants(raw_names, rows, product.images or [])
    old = {v.variant_id: v for v in variants_of(product)}
    now = clock.now_iso()
    total = sum(v.stock for v in new)
    condition = Product.product_id.exists()
    condition &= (
        (Product.updated_at == product.updated_at) if product.updated_at else Product.updated_at.does_not_exist()
    )
    try:
        with transact_write() as tx:
            tx.update(
                Product(store.store_id, product.product_id),
                actions=[
                    Product.option_names.set(names),
                    Product.variants.set({v.variant_id: v.as_map() for v in new}),
                    Product.stock_quantity.set(total),
                    Product.price.set(min(v.price for v in new)),
                    Product.updated_at.set(now),
                ],
                condition=condition,
            )
            for v in new:
                delta = v.stock - (old[v.variant_id].stock if v.variant_id in old else 0)
                if delta:
                    reason = _("Variant %(label)s set to %(n)s") % {"label": v.label, "n": v.stock}
                    tx.save(_movement(store, product.product_id, v, delta, CORRECTION, reason, by, now))
    except TransactWriteError as exc:
        raise Conflict(_("This product changed while you were editing. Reload it and try again.")) from exc
    return Product.get(store.store_id, product.product_id, consistent_read=True)


def adjust_stock(store, product, variant_id: str, delta: int, kind: str, reason: str, *, by=None) -> Product:
    """Add ``delta`` units to one variant (negative for damage), never below zero, with its movement."""
    variant = get_variant(product, variant_id)
    if variant is None:
        raise NotFound(_("No such variant."))
    if not delta:
        raise ValidationFailed(_("Enter a number of units other than 0."), field="quantity")
    now = clock.now_iso()
    stock = Path(["variants", variant_id, "stock"])
    try:
        with transact_write() as tx:
            tx.update(
                Product(store.store_id, product.product_id),
                actions=[
                    stock.set(stock + delta),
                    Product.stock_quantity.add(delta),
                    Product.updated_at.set(now),
                ],
                condition=(stock >= max(0, -delta)),
            )
            tx.save(_movement(store, product.product_id, variant, delta, kind, reason, by, now))
    except TransactWriteError as exc:
        raise Conflict(_("Not enough stock of %(label)s for that.") % {"label": variant.label}) from exc
    return Product.get(store.store_id, product.product_id, consistent_read=True)


# --- Placement -------------------------------------------------------------------------------------------


def split(lines) -> tuple[list, list[tuple[str, list]]]:
    """(lines without a variant, [(product_id, its variant lines)]) — one stock update per product item."""
    plain, groups = [], {}
    for line in lines:
        if getattr(line, "variant_id", None):
            groups.setdefault(line.product_id, []).append(line)
        else:
            plain.append(line)
    return plain, list(groups.items())


def check_line(line, product, problem_class) -> list:
    """Problems of one cart line on a product that has variants (or names a variant)."""
    if product is None or not product.is_active:
        return [problem_class(line.product_id, product.name if product else _("A product"), "gone")]
    variant = get_variant(product, line.variant_id) if line.variant_id else None
    if variant is None:
        return [problem_class(line.product_id, product.name, "gone")]
    name = f"{product.name} ({variant.label})"
    if variant.price != line.price:
        return [
            problem_class(
                line.product_id, name, "price", available=variant.stock, new_price=variant.price, old_price=line.price
            )
        ]
    if variant.stock < line.quantity:
        return [problem_class(line.product_id, name, "stock", available=max(variant.stock, 0))]
    return []


def item_fields(line, product) -> dict:
    """What the order line says about the variant (name with the variant, its id and label)."""
    variant = get_variant(product, line.variant_id) if line.variant_id else None
    if variant is None:
        return {}
    return {
        "name": f"{product.name} ({variant.label})",
        "variant_id": variant.variant_id,
        "variant_label": variant.label,
    }


def add_updates(tx, store_id: str, groups, at: str) -> None:
    """One update per product: each variant's stock taken at the price seen, the product's total with it."""
    for product_id, lines in groups:
        actions, condition, total = [], Product.is_active == True, 0  # noqa: E712
        for line in lines:
            stock = Path(["variants", line.variant_id, "stock"])
            actions.append(stock.set(stock - line.quantity))
            condition &= (stock >= line.quantity) & (
                Path(["variants", line.variant_id, "price"]) == f"{line.price:.2f}"
            )
            total += line.quantity
        actions += [Product.stock_quantity.add(-total), Product.updated_at.set(at)]
        tx.update(Product(store_id, product_id), actions=actions, condition=condition, return_values="ALL_OLD")


def problems_from_reasons(groups, products: dict, reasons, problem_class) -> list:
    problems = []
    for (product_id, lines), reason in zip(groups, reasons, strict=False):
        if not reason or reason.code != "ConditionalCheckFailed":
            continue
        current = Product.from_raw_data(reason.raw_item) if reason.raw_item else None
        for line in lines:
            problems.extend(check_line(line, current, problem_class))
        if not problems:
            problems.append(problem_class(product_id, products[product_id].name, "stock", available=0))
    return problems


def editor_rows(product, blank: int = 3) -> dict:
    """What the owner's editor shows: option names (3 slots) and the variants plus ``blank`` empty rows."""
    names = list(product.option_names or [])
    rows = [
        {"index": i, "id": v.variant_id, "options": (v.options + ["", "", ""])[:MAX_OPTIONS], **v.as_map()}
        for i, v in enumerate(variants_of(product))
    ]
    start = len(rows)
    for i in range(start, min(start + blank, MAX_VARIANTS)):
        rows.append({"index": i, "id": "", "options": ["", "", ""], "price": "", "stock": "", "sku": "", "image": ""})
    return {"names": (names + ["", "", ""])[:MAX_OPTIONS], "rows": rows, "variants": variants_of(product)}


def restock(order, product_id: str) -> tuple[list, object | None]:
    """For a cancelled or expired order: the actions that give each variant of ``product_id`` its units
    back (next to the caller's ``stock_quantity`` ADD) and the condition that those variants still exist
    (else the product counts as gone and its stock is not returned)."""
    units: dict[str, int] = {}
    for item in order.items or []:
        if item.product_id == product_id and getattr(item, "variant_id", None) and item.quantity:
            units[item.variant_id] = units.get(item.variant_id, 0) + int(item.quantity)
    actions, condition = [], None
    for variant_id, quantity in units.items():
        stock = Path(["variants", variant_id, "stock"])
        actions.append(stock.set(stock + quantity))
        exists = Path(["variants", variant_id]).exists()
        condition = exists if condition is None else condition & exists
    return actions, condition


# --- CSV (webdpro/products/csvio.py) ---------------------------------------------------------------------
# Two columns: ``options`` ("Weight / Colour") and ``variants``: one entry per variant separated by ";",
# each "value / value | price | stock | sku" (sku optional), e.g. "500 g | 99.00 | 10 | DAL-500; 1 kg | 180.50 | 5".


def to_csv(product) -> tuple[str, str]:
    entries = [
        " | ".join([v.label, f"{v.price:.2f}", str(v.stock)] + ([v.sku] if v.sku else [])) for v in variants_of(product)
    ]
    return " / ".join(product.option_names or []) if entries else "", "; ".join(entries)


def from_csv(options_text: str, variants_text: str, existing=None) -> tuple[list[str], list[Variant]]:
    """Parse the two CSV cells (ValidationFailed with the reason; the caller names the column). Variants
    whose options match one of ``existing``'s keep its id (and so their history)."""
    names = [n.strip() for n in (options_text or "").split("/")]
    rows = []
    for entry in [e for e in (variants_text or "").split(";") if e.strip()]:
        parts = [p.strip() for p in entry.split("|")]
        if len(parts) not in (3, 4):
            raise ValidationFailed(_("Write each variant as: options | price | stock | SKU."), field="variants")
        values = [v.strip() for v in parts[0].split("/")]
        row = {f"opt_{j}": value for j, value in enumerate(values)}
        if len(values) != len([n for n in names if n]):
            raise ValidationFailed(
                _("“%(entry)s” does not give one value per option.") % {"entry": parts[0][:40]}, field="variants"
            )
        row.update(price=parts[1], stock=parts[2], sku=parts[3] if len(parts) == 4 else "")
        rows.append(row)
    known = {tuple(o.casefold() for o in v.options): v.variant_id for v in variants_of(existing)} if existing else {}
    for row in rows:
        key = tuple(row[f"opt_{j}"].casefold() for j in range(len([n for n in names if n])))
        row["id"] = known.get(key, "")
    try:
        return clean_variants(names + [""] * (MAX_OPTIONS - len(names)), rows)
    except ValidationFailed as exc:
        raise ValidationFailed(exc.message, field="variants") from None


def csv_actions(names: list[str], new: list[Variant]) -> list:
    """The product update's actions for imported variants (the caller sets price = cheapest, stock = sum)."""
    return [Product.option_names.set(names), Product.variants.set({v.variant_id: v.as_map() for v in new})]
