"""The low-stock lists (the page and the dashboard home's widget): a product, or each of its variants at or
below the product's alert level ("Toor Dal — 1 kg"), with its own stored forecast. The products come from
:func:`webdpro.products.selectors.low_stock` / ``list_products`` (bounded Queries of the store's partition)."""

from __future__ import annotations

from dataclasses import dataclass

from webdpro.db import Product
from webdpro.products import prediction, variants


@dataclass
class LowStockRow:
    """One line of the low-stock lists: a product, or one variant of it ("Toor Dal — 1 kg")."""

    product: Product
    variant: variants.Variant | None
    prediction: dict | None = None

    @property
    def name(self) -> str:
        return f"{self.product.name} — {self.variant.label}" if self.variant else self.product.name

    @property
    def stock(self) -> int:
        return self.variant.stock if self.variant else int(self.product.stock_quantity or 0)

    @property
    def threshold(self) -> int:
        return int(self.product.low_stock_threshold or 0)


def low_stock_rows(products) -> list[LowStockRow]:
    """The low-stock lines of ``products``: each low variant of a product with variants, else the product,
    with its stored forecast (the variant's own) adjusted to the stock now."""
    rows = []
    for product in products:
        if variants.has_variants(product):
            views = prediction.variant_views(product)
            rows += [LowStockRow(product, v, views.get(v.variant_id)) for v in variants.low_variants(product)]
        elif product.is_low_stock:
            rows.append(LowStockRow(product, None, prediction.as_view(product)))
    return rows
