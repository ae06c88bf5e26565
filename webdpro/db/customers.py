"""webdpro-customers: one item per (store, customer phone), kept up to date by the order transaction.

``orders_count`` and ``total_spent`` are raised (``ADD``) and ``name``, ``name_key``, ``last_order_at``,
``last_order_id`` set in the same TransactWriteItems that writes the order, so the list never disagrees
with the orders. Reads: by phone (the key, ``begins_with`` for a partial number), by name (``name-index``,
``begins_with(name_key, …)``), newest first (``recent-index``). No Scan.
"""

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel


class NameIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "name-index"
        projection = AllProjection()

    store_id = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)  # lower-case name without extra spaces + "#" + phone


class RecentIndex(GlobalSecondaryIndex):
    class Meta:
        index_name = "recent-index"
        projection = AllProjection()

    store_id = UnicodeAttribute(hash_key=True)
    last_order_at = UnicodeAttribute(range_key=True)


class StoreCustomer(BaseModel):
    class Meta:
        logical_name = "customers"

    store_id = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute(range_key=True)  # E.164
    tenant_id = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    name_key = UnicodeAttribute(null=True)
    orders_count = IntAttribute(default=0)
    total_spent = DecimalAttribute(null=True)
    first_order_at = UnicodeAttribute(null=True)
    last_order_at = UnicodeAttribute(null=True)
    last_order_id = UnicodeAttribute(null=True)

    name_index = NameIndex()
    recent_index = RecentIndex()
