"""webdpro-products: a store's catalogue (store_id, product_id)."""

from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class CategoryIndex(GlobalSecondaryIndex):
    """A store's products of one category (storefront category pages, related products), paged with Limit.
    Sparse: a product without a category is not in it."""

    class Meta:
        index_name = "category-index"
        projection = AllProjection()

    store_id = UnicodeAttribute(hash_key=True)
    category = UnicodeAttribute(range_key=True)


class Product(BaseModel):
    class Meta:
        logical_name = "products"

    store_id = UnicodeAttribute(hash_key=True)
    product_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    description = UnicodeAttribute(null=True)
    price = DecimalAttribute()  # rupees, exact
    currency = UnicodeAttribute(default="INR")
    category = UnicodeAttribute(null=True)
    images = ListAttribute(of=UnicodeAttribute, null=True)
    stock_quantity = IntAttribute(default=0)
    low_stock_threshold = IntAttribute(default=5)
    is_active = BooleanAttribute(default=False)
    prediction = MapAttribute(null=True)  # demand forecast (see webdpro/products/forecast.py)
    created_at = UnicodeAttribute()
    tenant_id = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    hsn_code = UnicodeAttribute(null=True)  # 4/6/8 digits (GST invoices)
    # Variants (webdpro/products/variants.py): up to 3 option names and up to 50 variants, a map
    # variant_id → {options: [values], price: "99.00", stock: int, sku, image, pos}. With variants,
    # stock_quantity is the sum of the variants' stock (every change moves both in one update).
    option_names = ListAttribute(of=UnicodeAttribute, null=True)
    variants = MapAttribute(null=True)
    gst_rate = IntAttribute(null=True)  # 0, 5, 12, 18 or 28 (%); None = 0
    # Per-variant demand forecasts (webdpro/products/prediction.py): variant_id → the prediction's figures
    # without the daily history (that stays on ``prediction``, for the product's chart).
    variant_predictions = MapAttribute(null=True)

    category_index = CategoryIndex()

    @property
    def in_stock(self) -> bool:
        return (self.stock_quantity or 0) > 0

    def variant_stocks(self) -> list[int]:
        """Each variant's stock (empty without variants); the variants themselves: webdpro/products/variants.py."""
        raw = self.variants
        if raw is None:
            return []
        data = raw.as_dict() if hasattr(raw, "as_dict") else dict(raw)
        out = []
        for value in data.values():
            value = value.as_dict() if hasattr(value, "as_dict") else dict(value)
            out.append(int(value.get("stock") or 0))
        return out

    @property
    def is_low_stock(self) -> bool:
        """At or below the alert level; with variants, when any variant is (each has the product's level)."""
        threshold = self.low_stock_threshold or 0
        stocks = self.variant_stocks()
        if stocks:
            return any(stock <= threshold for stock in stocks)
        return (self.stock_quantity or 0) <= (self.low_stock_threshold or 0)
