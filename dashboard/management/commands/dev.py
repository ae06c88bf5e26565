"""`make run`: DynamoDB Local (unless DYNAMODB_ENDPOINT is set) + tables + demo data + the app + the
periodic jobs (webdpro/jobs.py: expire_orders, number_invoices and payouts_sync every minute, predict_stock
nightly) in a background thread.

Ctrl-C stops the web server, the jobs and DynamoDB Local.
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


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_group(process, timeout=10):
    """SIGINT the server's process group (runserver and its autoreloader child), then SIGKILL."""
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Command(BaseCommand):
    help = "Run WebDPro locally with an embedded DynamoDB Local."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-seed", action="store_true")
        parser.add_argument("--no-jobs", action="store_true", help="do not run the periodic jobs")

    def handle(self, *args, port, no_seed, no_jobs=False, **options):
        # Ctrl-C (SIGINT) and SIGTERM both end in a clean shutdown, even when started from a script
        # that ignores SIGINT for background jobs.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        local = jobs = None
        env = os.environ.copy()
        if not settings.DYNAMODB_ENDPOINT:
            ddb_port = int(os.environ.get("DYNAMODB_LOCAL_PORT", "8001"))
            data = Path(settings.DATA_DIR) / "dynamodb"
            local = DynamoDBLocal(
                port=ddb_port, in_memory=False, db_path=data, log_path=Path(settings.DATA_DIR) / "dynamodb.log"
            )
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
            if not no_jobs:
                from webdpro.jobs import Runner

                jobs = Runner().start()
                self.stdout.write(
                    "periodic jobs: expire_orders, number_invoices and payouts_sync every minute, "
                    "predict_stock nightly (02:00 IST)"
                )
            self.stdout.write(self.style.SUCCESS(f"WebDPro on http://127.0.0.1:{port}/  (Ctrl-C stops everything)"))
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
                env=env,
                cwd=settings.BASE_DIR,
                start_new_session=True,
            )
            try:
                server.wait()
            except KeyboardInterrupt:
                self.stdout.write("stopping the web server…")
                _stop_group(server)
            if server.returncode not in (0, None, -signal.SIGINT, -signal.SIGTERM):
                raise CommandError(f"the web server exited with code {server.returncode}")
        finally:
            if jobs:
                self.stdout.write("stopping the periodic jobs…")
                jobs.stop()
            if local:
                self.stdout.write("stopping DynamoDB Local…")
                local.stop()
