"""webdpro-stock-movements: every change to a product's stock, who/when/why (store_id, movement_key).

``movement_key`` is ``<product_id>#<movement ULID>``: one product's movements are a ``begins_with``
key condition, newest first, and ULIDs sort by time. A movement is written in the same transaction
as the conditional stock update it describes, so the log and the stock never disagree.
"""

from pynamodb.attributes import UnicodeAttribute

from webdpro.db.attributes import IntAttribute
from webdpro.db.base import BaseModel

RECEIVED = "RECEIVED"
DAMAGED = "DAMAGED"
CORRECTION = "CORRECTION"
INITIAL = "INITIAL"
IMPORT = "IMPORT"
SALE = "SALE"
RETURN = "RETURN"
KINDS = (RECEIVED, DAMAGED, CORRECTION, INITIAL, IMPORT, SALE, RETURN)


class StockMovement(BaseModel):
    class Meta:
        logical_name = "stock-movements"

    store_id = UnicodeAttribute(hash_key=True)
    movement_key = UnicodeAttribute(range_key=True)  # <product_id>#<ULID>
    product_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    delta = IntAttribute()  # signed change in units
    reason = UnicodeAttribute(null=True)
    by = UnicodeAttribute(null=True)  # user_id (or "system", "import")
    by_name = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    tenant_id = UnicodeAttribute(null=True)
    variant_id = UnicodeAttribute(null=True)  # set when the movement is one variant's stock

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind.title())


LABELS = {
    RECEIVED: "Received",
    DAMAGED: "Damaged / lost",
    CORRECTION: "Correction",
    INITIAL: "Opening stock",
    IMPORT: "CSV import",
    SALE: "Sold",
    RETURN: "Returned",
}
