"""Seed demo data (idempotent) and print the phones to sign in with."""

from django.core.management.base import BaseCommand

from webdpro import demo


class Command(BaseCommand):
    help = "Create demo users, a published grocery store with products, and orders."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing if the demo owner exists")

    def handle(self, *args, if_empty=False, **options):
        phones = demo.seed(stdout=lambda m: self.stdout.write(m))
        self.stdout.write(self.style.SUCCESS("Sign in with these phones (codes go to .data/sms/outbox.jsonl):"))
        for role, phone in phones.items():
            self.stdout.write(f"  {role:15} {phone}")
