"""`make run`: DynamoDB Local (unless DYNAMODB_ENDPOINT is set) + tables + demo data + the app.

Ctrl-C stops both the web server and DynamoDB Local.
"""
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from webdpro import db
from webdpro.devtools.dynamodb_local import DynamoDBLocal, DynamoDBLocalError


class Command(BaseCommand):
    help = "Run WebDPro locally with an embedded DynamoDB Local."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-seed", action="store_true")

    def handle(self, *args, port, no_seed, **options):
        local = None
        env = os.environ.copy()
        if not settings.DYNAMODB_ENDPOINT:
            ddb_port = int(os.environ.get("DYNAMODB_LOCAL_PORT", "8001"))
            data = Path(settings.DATA_DIR) / "dynamodb"
            local = DynamoDBLocal(port=ddb_port, in_memory=False, db_path=data, log_path=Path(settings.DATA_DIR) / "dynamodb.log")
            try:
                local.start()
            except DynamoDBLocalError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"DynamoDB Local on {local.endpoint} (data in {data})")
            env["DYNAMODB_ENDPOINT"] = local.endpoint
            db.configure(host=local.endpoint)
        try:
            call_command("create_tables")
            if not no_seed:
                call_command("seed_demo", if_empty=True)
            env.setdefault("DJANGO_DEBUG", "1")
            self.stdout.write(self.style.SUCCESS(f"WebDPro on http://127.0.0.1:{port}/  (Ctrl-C stops everything)"))
            server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
                                      env=env, cwd=settings.BASE_DIR)
            try:
                server.wait()
            except KeyboardInterrupt:
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
        finally:
            if local:
                self.stdout.write("stopping DynamoDB Local…")
                local.stop()
