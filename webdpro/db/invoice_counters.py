"""webdpro-invoice-counters: the last invoice number of a store per series (store_id, series).

``series`` is ``<financial year>#<kind>``, e.g. ``2026-27#TAX_INVOICE``. Numbers are taken in one
transaction with the orders they are given to (``last_number = :n`` → ``:n + k`` and each order's
``attribute_not_exists(invoice_seq)``), so numbers have no gaps and no duplicates
(``webdpro.orders.invoices``: when and how orders are numbered).
"""

from pynamodb.attributes import UnicodeAttribute

from webdpro.db.attributes import IntAttribute
from webdpro.db.base import BaseModel


class InvoiceCounter(BaseModel):
    class Meta:
        logical_name = "invoice-counters"

    store_id = UnicodeAttribute(hash_key=True)
    series = UnicodeAttribute(range_key=True)
    last_number = IntAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)
