"""Retry Razorpay Route work that could not be done at once, and let the sandbox do what it owes.

Run it every 5 minutes (cron, an EventBridge schedule or a systemd timer)::

    python manage.py payouts_sync

* Transfers whose release (delivered orders) or reversal (refunded orders) failed are retried, oldest
  first — one Query of the sparse ``attention-index`` of ``webdpro-transfers``; each retry is
  idempotent (a conditional update; refunds carry an idempotency key).
* With the payments sandbox: linked accounts under review are activated (or need clarification) and
  released transfers are settled, with Razorpay-shaped signed webhooks through the same handler.
"""

from django.core.management.base import BaseCommand

from webdpro.payments import payout_jobs


class Command(BaseCommand):
    help = "Retry pending Route transfer releases and reversals; run the sandbox's due work."

    def handle(self, *args, **options):
        done = payout_jobs.run_pending()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in sorted(done.items())))
