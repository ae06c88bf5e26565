"""Number the invoices of orders that became sales (cash on delivery placed, online orders paid).

Run it every minute (``make run``'s periodic jobs do; on AWS a scheduler):

    python manage.py number_invoices               # every tenant (walks the tenants table page by page)
    python manage.py number_invoices --tenant T    # one tenant: a Query on the orders invoice-due-index

Numbers run per store, kind and financial year with no gaps and no duplicates (``webdpro.orders.invoices``);
safe to run concurrently and repeatedly, and beside invoices opened (numbered) on demand.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from webdpro.orders import invoices


class Command(BaseCommand):
    help = "Number the invoices of orders that became sales, per store in placement order."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", help="only this tenant_id")

    def handle(self, *args, tenant=None, **options):
        stats = invoices.number_due(tenant_id=tenant)
        parts = [
            ngettext("checked %(n)s tenant", "checked %(n)s tenants", stats["tenants"]),
            ngettext("%(n)s invoice numbered", "%(n)s invoices numbered", stats["numbered"]),
            ngettext("%(n)s order awaiting payment", "%(n)s orders awaiting payment", stats["waiting"]),
            ngettext(
                "%(n)s unpaid cancelled order left unnumbered",
                "%(n)s unpaid cancelled orders left unnumbered",
                stats["dropped"],
            ),
        ]
        counts = (stats["tenants"], stats["numbered"], stats["waiting"], stats["dropped"])
        first, *rest = [part % {"n": n} for part, n in zip(parts, counts, strict=True)]
        self.stdout.write(f"{first}: {', '.join(rest)}")
