"""Recompute stock predictions: ``python manage.py predict_stock [--store STORE_ID]``.

Without --store every store is refreshed (a Scan of the stores table: an operator command, never a
tenant page). Run it nightly (cron / EventBridge); order placement and cancellation refresh the
products they touch.
"""

from django.core.management.base import BaseCommand

from webdpro.platform import all_stores
from webdpro.products.prediction import refresh


class Command(BaseCommand):
    help = "Recompute the stock prediction of every product (or one store's)."

    def add_arguments(self, parser):
        parser.add_argument("--store", dest="store_id", help="only this store id")

    def handle(self, *args, store_id=None, **options):
        if store_id:
            updated = refresh(store_id)
            self.stdout.write(self.style.SUCCESS(f"predicted {updated} products in store {store_id}"))
            return
        stores = all_stores()
        total = count = 0
        for store in stores:
            updated = refresh(store.store_id)
            total += updated
            count += 1
            self.stdout.write(f"{store.store_id} {store.name or ''}: {updated} products")
        self.stdout.write(self.style.SUCCESS(f"predicted {total} products in {count} stores"))
