"""CSV export and import of a store's catalogue.

Export streams the catalogue (Query pages read lazily as the response is sent) as UTF-8 with a BOM so
Excel shows ₹ and Hindi names correctly; text cells that a spreadsheet would run as a formula
(starting with = + - @) are prefixed with an apostrophe, which import strips again.

Import is **all-or-nothing**: every row is validated first and every problem is reported as
(row number as Excel shows it, column, message); if there is any error nothing is written and the
owner fixes the file and uploads it again. A clean file is written in TransactWrite batches (new
products with their opening-stock movement; existing products — rows with a ``product_id`` from an
export — updated on the condition that they still exist, and a changed stock number written as a
conditional correction ``stock_quantity = <value read during validation>`` with an IMPORT movement).
A product with variants (columns ``options`` and ``variants``) gets one movement per variant whose stock
changes (INITIAL for a new product, IMPORT otherwise, with ``variant_id``), and its update is conditioned
on ``updated_at`` being the one read, since it replaces the variants map whole. Batches are cut so that
no transaction holds more than 100 items. If a customer buys one of those products between validation
and writing, that batch is refused and the result says which rows were written and which were not
(re-upload the same file: it is idempotent).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from pynamodb.exceptions import TransactWriteError

from webdpro import clock
from webdpro.db import CONDITION_FAILED, TRANSACTION_CONFLICT, Product, cancellation_codes, transact_write
from webdpro.db.stock_movements import IMPORT, INITIAL
from webdpro.errors import ValidationFailed
from webdpro.ids import new_id
from webdpro.products import selectors, services, variants

COLUMNS = [
    "product_id",
    "name",
    "category",
    "price",
    "stock_quantity",
    "low_stock_threshold",
    "is_active",
    "description",
    "options",
    "variants",
]
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
PRODUCTS_PER_TRANSACTION = 50  # each product may take two actions (update + movement); limit is 100
TRANSACTION_ITEMS = 100  # DynamoDB's limit; a product with variants takes one movement per changed variant

ALIASES = {
    "options": "options",
    "variants": "variants",
    "productid": "product_id",
    "id": "product_id",
    "sku": None,
    "name": "name",
    "productname": "name",
    "title": "name",
    "item": "name",
    "itemname": "name",
    "category": "category",
    "categories": "category",
    "section": "category",
    "price": "price",
    "priceinr": "price",
    "pricers": "price",
    "sellingprice": "price",
    "rate": "price",
    "mrp": "price",
    "stock": "stock_quantity",
    "stockquantity": "stock_quantity",
    "quantity": "stock_quantity",
    "qty": "stock_quantity",
    "instock": "stock_quantity",
    "lowstockthreshold": "low_stock_threshold",
    "lowstock": "low_stock_threshold",
    "threshold": "low_stock_threshold",
    "reorderlevel": "low_stock_threshold",
    "lowstocklevel": "low_stock_threshold",
    "isactive": "is_active",
    "active": "is_active",
    "status": "is_active",
    "visible": "is_active",
    "description": "description",
    "details": "description",
}
TRUE = {"yes", "y", "true", "1", "active", "on", "visible", "haan", "हाँ"}
FALSE = {"no", "n", "false", "0", "inactive", "off", "hidden", "draft", "nahi", "नहीं"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- Export ----------------------------------------------------------------------------------------
def _safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


def export_rows(store_id: str):
    """Yield CSV lines (str) for the whole catalogue, header first, BOM at the very start."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for p in selectors.iter_products(store_id):
        yield writer.writerow(
            [
                p.product_id,
                _safe_text(p.name),
                _safe_text(p.category or ""),
                f"{p.price:.2f}",
                p.stock_quantity,
                p.low_stock_threshold,
                "yes" if p.is_active else "no",
                _safe_text(p.description or ""),
                *(_safe_text(cell) for cell in variants.to_csv(p)),
            ]
        )


# --- Import ----------------------------------------------------------------------------------------
@dataclass
class RowError:
    row: int
    field: str
    message: str

    def __str__(self):
        return f"Row {self.row}, {self.field}: {self.message}"


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    stock_changed: int = 0
    rows: int = 0
    ignored_columns: list = field(default_factory=list)
    failed_rows: list = field(default_factory=list)  # rows refused at write time (concurrent change)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed_rows


@dataclass
class _Row:
    number: int
    product_id: str | None
    values: dict
    existing: Product | None = None


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationFailed(_("The file is larger than 2 MB. Split it into smaller files."), field="file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed(_("The file is not text (CSV). Save it from Excel as “CSV UTF-8”."), field="file")


def _header_key(name: str) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", (name or "").strip().lower())
    return ALIASES.get(key, "?")


def _unformula(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_START else text


def parse_bool(value) -> bool | None:
    text = str(value or "").strip().lower()
    if text == "":
        return True
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    return None


MAX_CELL = 131_072  # characters in one cell (Python's csv default limit; larger cells are a row error)
DELIMITERS = (",", ";", "\t")
# Cells are checked against MAX_CELL below, naming the row and column; the reader's own limit is the
# file's size cap so it never stops a file halfway with an error that names nothing.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))


class _Dialect(csv.excel):
    """Spreadsheet CSV (Excel, Google Sheets, LibreOffice): ``"`` quotes, ``""`` inside quotes is one ``"``;
    a stray quote after a closing one, or a file ending inside quotes, is an error naming the row."""

    strict = True


def _delimiter(text: str) -> str:
    """The header line's separator: comma, semicolon (Excel in many locales) or tab, whichever it has most
    of outside quotes; a comma when it has none."""
    header = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str):
    """(row number as a spreadsheet shows it, cells) for each record; a malformed file is a
    ValidationFailed naming the row (never a ``csv.Error``)."""
    dialect = type("Dialect", (_Dialect,), {"delimiter": _delimiter(text)})
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ValidationFailed(
                _("Row %(value)s could not be read (%(exc)s). Check its quotes, then save the file as CSV again.")
                % {"value": number + 1, "exc": exc},
                field="file",
            ) from None
        number += 1
        yield number, cells


def _read_header(header: list[str], result: ImportResult) -> dict[int, str]:
    mapping = {}
    for index, name in enumerate(header):
        key = _header_key(name)
        if key == "?" or key is None:
            if name.strip():
                result.ignored_columns.append(name.strip()[:80])
            continue
        if key in mapping.values():
            raise ValidationFailed(
                _("The column “%(value)s” appears twice.") % {"value": name.strip()[:80]}, field="file"
            )
        mapping[index] = key
    missing = [c for c in ("name", "price") if c not in mapping.values()]
    if missing:
        found = ", ".join(h.strip()[:80] for h in header if h.strip()) or _("nothing")
        needed = {"columns": ", ".join(f"“{c}”" for c in missing), "found": found}
        raise ValidationFailed(_("The file needs columns named %(columns)s (found: %(found)s).") % needed, field="file")
    return mapping


TEXT_CHECKS = (
    ("name", services.clean_name),
    ("price", services.clean_price),
    ("category", services.clean_category),
    ("description", services.clean_description),
)
COUNT_CHECKS = (("stock_quantity", "Stock", 0), ("low_stock_threshold", "Low-stock level", 5))


def _raw_cells(number: int, cells: list[str], mapping: dict[int, str], errors: list) -> dict:
    raw = {}
    for index, key in mapping.items():
        cell = cells[index] if index < len(cells) else ""
        if len(cell) > MAX_CELL:
            errors.append(RowError(number, key, f"This cell has {len(cell):,} characters (at most {MAX_CELL:,})."))
            cell = ""
        elif "\x00" in cell:
            errors.append(RowError(number, key, "This cell contains a null character: save the file as CSV again."))
            cell = ""
        raw[key] = _unformula(cell.strip())
    return raw


def _check_variants(number: int, raw: dict, values: dict, errors: list) -> None:
    """The ``options`` + ``variants`` cells, validated now (written with the row's product)."""
    if not raw.get("variants"):
        return
    values["variants_raw"] = (raw.get("options", ""), raw["variants"])
    try:
        variants.from_csv(raw.get("options", ""), raw["variants"])
    except ValidationFailed as exc:
        errors.append(RowError(number, "variants", exc.message))


def _clean_row(number: int, cells: list[str], mapping: dict[int, str]) -> tuple[_Row, list]:
    errors: list[RowError] = []
    raw = _raw_cells(number, cells, mapping, errors)
    bad = {e.field for e in errors}
    values = {}
    for key, check in TEXT_CHECKS:
        if key in bad or (key not in raw and key not in ("name", "price")):
            continue
        try:
            values[key] = check(raw.get(key, ""))
        except ValidationFailed as exc:
            errors.append(RowError(number, key, exc.message))
    for key, label, default in COUNT_CHECKS:
        if key in raw and key not in bad:
            try:
                values[key] = services.clean_count(raw[key], key, label, allow_blank_as=default)
            except ValidationFailed as exc:
                errors.append(RowError(number, key, f"{exc.message} (got “{raw[key][:40]}”)"))
    if "is_active" in raw:
        active = parse_bool(raw["is_active"])
        if active is None:
            errors.append(RowError(number, "is_active", f"Use yes or no (got “{raw['is_active'][:40]}”)."))
        values["is_active"] = active
    _check_variants(number, raw, values, errors)
    product_id = raw.get("product_id") or None
    if product_id and len(product_id) > 64:
        errors.append(RowError(number, "product_id", "This is not a product id from an export."))
        product_id = None
    return _Row(number, product_id, values), errors


def _check_product_ids(store, rows: list[_Row], result: ImportResult) -> None:
    """Rows that name a product: it must be one of this store's, once."""
    seen = {}
    for r in rows:
        if r.product_id:
            if r.product_id in seen:
                message = f"The same product_id is also on row {seen[r.product_id]}."
                result.errors.append(RowError(r.number, "product_id", message))
            seen.setdefault(r.product_id, r.number)
    wanted = [r.product_id for r in rows if r.product_id]
    existing = {p.product_id: p for p in selectors.get_products(store.store_id, wanted)} if wanted else {}
    for r in rows:
        if r.product_id:
            r.existing = existing.get(r.product_id)
            if r.existing is None:
                message = "No product with this id in this store (leave it empty to add a new product)."
                result.errors.append(RowError(r.number, "product_id", message))


def validate(store, text: str) -> tuple[list[_Row], ImportResult]:
    result = ImportResult()
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise ValidationFailed(_("The file is empty."), field="file")
    mapping = _read_header(first[1], result)
    rows: list[_Row] = []
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationFailed(
                _("At most %(max_rows)s products per file. Split it into smaller files.") % {"max_rows": MAX_ROWS},
                field="file",
            )
        row, row_errors = _clean_row(number, cells, mapping)
        result.errors.extend(row_errors)
        rows.append(row)
    result.rows = len(rows)
    if not rows and not result.errors:
        raise ValidationFailed(_("The file has a header but no products."), field="file")
    _check_product_ids(store, rows, result)
    result.errors.sort(key=lambda e: (e.row, COLUMNS.index(e.field) if e.field in COLUMNS else 99))
    return rows, result


def _with_variants(r: _Row) -> list:
    """Imported variants: price becomes the cheapest variant's and stock their sum; returns the extra
    actions for an update (ids kept for variants that already existed)."""
    v = r.values
    if "variants_raw" not in v:
        return []
    names, new = variants.from_csv(*v["variants_raw"], existing=r.existing)
    v["price"] = min(x.price for x in new)
    v["stock_quantity"] = sum(x.stock for x in new)
    v["variants"] = (names, new)
    return variants.csv_actions(names, new)


def _write_new(tx, store, r: _Row, actor, now: str) -> None:
    _with_variants(r)
    v = r.values
    product = Product(
        store.store_id,
        new_id(),
        name=v["name"],
        description=v.get("description"),
        price=v["price"],
        currency="INR",
        category=v.get("category"),
        images=[],
        stock_quantity=v.get("stock_quantity", 0),
        low_stock_threshold=v.get("low_stock_threshold", 5),
        is_active=v.get("is_active", True),
        created_at=now,
        updated_at=now,
        tenant_id=store.tenant_id,
    )
    if "variants" in v:
        names, new = v["variants"]
        product.option_names, product.variants = names, {x.variant_id: x.as_map() for x in new}
    tx.save(product, condition=Product.product_id.does_not_exist())
    if "variants" in v:
        for variant, delta in _variant_deltas(r):
            reason = f"CSV import: {variant.label}"
            tx.save(_variant_movement(store, product.product_id, variant, INITIAL, delta, reason, actor, now))
    elif product.stock_quantity:
        tx.save(
            services._movement(
                store.store_id,
                store.tenant_id,
                product.product_id,
                INITIAL,
                product.stock_quantity,
                "CSV import",
                actor,
                now,
            )
        )


def _set_or_remove(attribute, value):
    return attribute.set(value) if value else attribute.remove()


def _write_update(tx, store, r: _Row, actor, now: str) -> bool:
    """Update an existing product; True when its stock number changed (a conditional correction)."""
    extra = _with_variants(r)
    v, p = r.values, r.existing
    actions = [Product.name.set(v["name"]), Product.price.set(v["price"]), Product.updated_at.set(now), *extra]
    if "category" in v:
        actions.append(_set_or_remove(Product.category, v["category"]))
    if "description" in v:
        actions.append(_set_or_remove(Product.description, v["description"]))
    if "low_stock_threshold" in v:
        actions.append(Product.low_stock_threshold.set(v["low_stock_threshold"]))
    if "is_active" in v:
        actions.append(Product.is_active.set(v["is_active"]))
    condition = Product.product_id.exists()
    changed = "stock_quantity" in v and v["stock_quantity"] != p.stock_quantity
    if changed:
        delta = v["stock_quantity"] - p.stock_quantity
        actions.append(Product.stock_quantity.add(delta))
        condition &= Product.stock_quantity == p.stock_quantity
    if "variants" in v:
        # The variants map is replaced whole: only if nothing wrote the product since it was read (a sale
        # of one variant changes updated_at too), and each variant's change is logged as its own movement.
        condition &= Product.updated_at == p.updated_at if p.updated_at else Product.updated_at.does_not_exist()
        changed = False
        for variant, delta in _variant_deltas(r):
            reason = f"CSV import (row {r.number}): {variant.label}"
            tx.save(_variant_movement(store, p.product_id, variant, IMPORT, delta, reason, actor, now))
            changed = True
    elif changed:
        reason = f"CSV import (row {r.number})"
        tx.save(services._movement(store.store_id, store.tenant_id, p.product_id, IMPORT, delta, reason, actor, now))
    tx.update(Product(store.store_id, p.product_id), actions=actions, condition=condition)
    return changed


def _variant_deltas(r: _Row) -> list[tuple]:
    """(variant, units added) for each variant whose stock the import changes — a removed variant gives
    its units up, a new one starts from 0."""
    _names, new = r.values["variants"]
    old = {x.variant_id: x for x in variants.variants_of(r.existing)} if r.existing else {}
    out = [(x, x.stock - (old[x.variant_id].stock if x.variant_id in old else 0)) for x in new]
    kept = {x.variant_id for x in new}
    removed = [(x, -x.stock) for x in old.values() if x.variant_id not in kept and x.stock]
    out = [(x, delta) for x, delta in out if delta]
    if len(out) + len(removed) > TRANSACTION_ITEMS - 1:  # 50 new and 50 removed: one line for the removed
        gone = variants.Variant("", ["removed variants"], Decimal("0"), 0)
        return out + [(gone, sum(delta for _x, delta in removed))]
    return out + removed


def _variant_movement(store, product_id, variant, kind, delta, reason, actor, now):
    movement = services._movement(store.store_id, store.tenant_id, product_id, kind, delta, reason, actor, now)
    movement.variant_id = variant.variant_id or None
    return movement


def _cost(r: _Row) -> int:
    """Items the row adds to a transaction: the product and at most one movement per variant (old or new)."""
    if "variants_raw" not in r.values:
        return 2
    _names, new = variants.from_csv(*r.values["variants_raw"], existing=r.existing)
    return min(TRANSACTION_ITEMS, 1 + len(new) + (len(variants.variants_of(r.existing)) if r.existing else 0))


def chunks(rows: list[_Row]) -> list[list[_Row]]:
    """Rows in transactions of at most ``PRODUCTS_PER_TRANSACTION`` products and ``TRANSACTION_ITEMS`` items."""
    out, current, used = [], [], 0
    for r in rows:
        cost = _cost(r)
        if current and (used + cost > TRANSACTION_ITEMS or len(current) >= PRODUCTS_PER_TRANSACTION):
            out.append(current)
            current, used = [], 0
        current.append(r)
        used += cost
    if current:
        out.append(current)
    return out


def _write_chunk(store, chunk: list[_Row], actor) -> tuple[int, int, int]:
    """One transaction: (created, updated, stock changed)."""
    now = clock.now_iso()
    created = updated = stock_changed = 0
    with transact_write() as tx:
        for r in chunk:
            if r.existing is None:
                _write_new(tx, store, r, actor, now)
                created += 1
            else:
                stock_changed += _write_update(tx, store, r, actor, now)
                updated += 1
    return created, updated, stock_changed


def import_csv(store, data: bytes, by=None) -> ImportResult:
    """Validate everything; write only when there is no error at all (see the module docstring)."""
    rows, result = validate(store, decode(data))
    if result.errors:
        return result
    actor = services.Actor.of(by)
    start = 0
    for chunk in chunks(rows):
        start, first = start + len(chunk), start
        try:
            created, updated, stock_changed = _write_chunk(store, chunk, actor)
        except TransactWriteError as exc:
            if not {CONDITION_FAILED, TRANSACTION_CONFLICT} & set(cancellation_codes(exc)):
                raise
            result.failed_rows.extend(r.number for r in rows[first:])
            result.errors.append(
                RowError(
                    chunk[0].number,
                    "stock_quantity",
                    f"Rows {chunk[0].number}–{rows[-1].number} were not written: a product's stock "
                    "changed while importing (an order came in). Upload the same file again.",
                )
            )
            return result
        result.created += created
        result.updated += updated
        result.stock_changed += stock_changed
    return result


def template_csv() -> str:
    """A small sample file for owners who start from scratch."""
    return "\ufeff" + ",".join(COLUMNS) + '\n,Toor Dal 1 kg,Staples,"1,299.00",20,5,yes,Unpolished\n'


def money(value) -> Decimal:
    return services.clean_price(value)
