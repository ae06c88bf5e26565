"""Create every missing table from tables/*.json (prefix applied), wait for ACTIVE, enable TTL.

python manage.py create_tables           # idempotent
python manage.py create_tables --check   # report drift between live tables and the files
"""

from django.core.management.base import BaseCommand, CommandError

from webdpro.db import tables
from webdpro.db.base import settings_state


class Command(BaseCommand):
    help = "Create missing DynamoDB tables from tables/*.json, or --check for drift."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
        parser.add_argument("--prefix", default=None, help="table name prefix (default DYNAMODB_TABLE_PREFIX)")

    def handle(self, *args, check=False, prefix=None, **options):
        state = settings_state()  # what the models are configured with (settings, or a test override)
        prefix = state["prefix"] if prefix is None else prefix
        where = state["host"] or f"AWS {state['region']}"
        try:
            if check:
                problems = tables.drift(prefix)
                if problems:
                    for line in problems:
                        self.stdout.write(self.style.WARNING(line))
                    raise CommandError(f"{len(problems)} difference(s) between {where} and tables/")
                self.stdout.write(self.style.SUCCESS(f"tables in sync with tables/ ({where}, prefix {prefix!r})"))
                return
            created = tables.create_tables(prefix, log=lambda m: self.stdout.write(m))
        except CommandError:
            raise
        except Exception as exc:
            raise CommandError(f"could not reach DynamoDB at {where}: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"{len(created)} table(s) created, all ACTIVE ({where}, prefix {prefix!r})")
        )
