"""`manage.py verify_domains`: the daily custom-domain check (cron / EventBridge, once a day).

Re-checks every custom domain's DNS records (TXT ``_webdpro-challenge.<domain>`` and the CNAME to the
store's platform host): pending ones that now pass are routed, verified ones whose records are gone are
unrouted, and claims pending for 7 days lapse (see ``webdpro.stores.domains``).
"""

from django.core.management.base import BaseCommand

from webdpro.stores.domains import verify_all


class Command(BaseCommand):
    help = "Re-verify custom domains through DNS; unroute removed records; lapse week-old unverified claims."

    def handle(self, *args, **options):
        sweep = verify_all()
        self.stdout.write(
            f"checked {sweep.checked}, newly verified {sweep.verified}, unrouted {sweep.unrouted}, "
            f"lapsed {sweep.lapsed}"
        )
