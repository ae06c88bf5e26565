"""Cancel unpaid (PENDING_PAYMENT) orders older than ORDER_PAYMENT_TIMEOUT_MINUTES and return their stock.

Run it every few minutes (cron, an EventBridge schedule or a systemd timer):

    python manage.py expire_orders                 # every tenant (walks the tenants table page by page)
    python manage.py expire_orders --tenant T      # one tenant: a Query on the orders tenant-index
    python manage.py expire_orders --store S       # one store: a Query on the orders store-index

Candidates are found by a created_at key range on the GSI ([now - lookback, now - timeout)) with a
status filter, never a Scan of the orders table. Safe to run concurrently and repeatedly: each
cancellation is conditional on the order still being PENDING_PAYMENT.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from webdpro.orders import expiry


class Command(BaseCommand):
    help = "Cancel unpaid orders older than ORDER_PAYMENT_TIMEOUT_MINUTES (default 30) and return their stock."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", help="only this tenant_id")
        parser.add_argument("--store", help="only this store_id")
        parser.add_argument(
            "--lookback-hours",
            type=int,
            default=expiry.DEFAULT_LOOKBACK_HOURS,
            help="how far back to look for unpaid orders (default: 7 days)",
        )

    def handle(self, *args, tenant=None, store=None, lookback_hours=None, **options):
        stats = expiry.expire_due(tenant_id=tenant, store_id=store, lookback_hours=lookback_hours)
        tenants = ngettext("checked %(n)s tenant", "checked %(n)s tenants", stats["tenants"]) % {"n": stats["tenants"]}
        found = ngettext(
            "%(n)s unpaid order past %(minutes)s minutes",
            "%(n)s unpaid orders past %(minutes)s minutes",
            stats["found"],
        ) % {"n": stats["found"], "minutes": expiry.timeout_minutes()}
        self.stdout.write(f"{tenants}: {found}, {stats['expired']} cancelled")
