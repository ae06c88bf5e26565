"""Recompute the platform rollup behind the console's overview (run nightly; safe to re-run).

python manage.py rollup_platform_stats [--days 30]
"""

from django.core.management.base import BaseCommand

from webdpro.superadmin import rollup


class Command(BaseCommand):
    help = "Recompute tenants by plan, stores by status and daily orders/GMV for the console."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="days to recompute, ending today (IST)")

    def handle(self, *args, days=30, **options):
        figures = rollup.run(days)
        orders = sum(d["orders"] for d in figures["daily"].values())
        gmv = sum(d["gmv"] for d in figures["daily"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"rollup: {figures['tenants_total']} tenants, {sum(figures['stores_by_status'].values())} stores, "
                f"{orders} orders, GMV {gmv} over {days} days in {figures['seconds']}s"
            )
        )
