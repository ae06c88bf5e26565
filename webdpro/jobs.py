"""The periodic jobs, run in the background by ``make run`` (``manage.py dev``) and stopped with it.

* ``expire_orders`` every ``RUN_JOBS_EVERY_SECONDS`` (default 60): unpaid orders past their payment window
  and orders a shop did not accept in time are cancelled and their stock returned;
* ``number_invoices`` with it: orders that became sales (cash on delivery placed, online orders paid) get
  their invoice numbers, per store in placement order (``webdpro.orders.invoices``);
* ``payouts_sync`` with it: Route transfer releases and reversals that failed are retried, and the
  payments sandbox activates linked accounts and settles released transfers;
* ``predict_stock`` nightly at 02:00 IST: every product's stock forecast.

On AWS the same commands run from EventBridge Scheduler (README, "Running on AWS"); this runner is for a
local machine only and is never started by gunicorn.
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management import call_command

from webdpro import clock

log = logging.getLogger("webdpro.jobs")
NIGHTLY_AT = time(2, 0)  # IST
FREQUENT = ("expire_orders", "number_invoices", "payouts_sync")  # every RUN_JOBS_EVERY_SECONDS


def next_nightly(after: datetime) -> datetime:
    """The next NIGHTLY_AT (IST) strictly after ``after``."""
    local = clock.local(after)
    candidate = datetime.combine(local.date(), NIGHTLY_AT, tzinfo=clock.IST)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


@dataclass
class Schedule:
    """When each job runs next. ``run_due(now)`` runs those due and plans their next run."""

    every: timedelta
    run: callable = None  # run(name): runs one job by name
    next_expiry: datetime | None = None
    next_forecast: datetime | None = None
    ran: list = field(default_factory=list)

    def run_due(self, now: datetime) -> list[str]:
        if self.next_expiry is None:
            self.next_expiry = now
        if self.next_forecast is None:
            self.next_forecast = next_nightly(now)
        names = []
        if now >= self.next_expiry:
            names.extend(FREQUENT)
            self.next_expiry = now + self.every
        if now >= self.next_forecast:
            names.append("predict_stock")
            self.next_forecast = next_nightly(now)
        for name in names:
            self._run(name)
        return names

    def _run(self, name: str) -> None:
        try:
            (self.run or run_command)(name)
            self.ran.append(name)
        except Exception:  # noqa: BLE001  (one failed run must not stop the runner)
            log.exception("periodic job failed", extra={"job": name})


def run_command(name: str) -> None:
    """Run one job's management command; its report goes to the log, not the terminal every minute."""
    out = io.StringIO()
    call_command(name, verbosity=0, stdout=out)
    log.info("periodic job ran", extra={"job": name, "report": out.getvalue().strip()[-500:]})


class Runner:
    """A daemon thread that wakes every few seconds and runs the due jobs until :meth:`stop`."""

    def __init__(self, every_seconds: int | None = None, tick_seconds: float = 5.0):
        every = every_seconds or settings.RUN_JOBS_EVERY_SECONDS
        self.schedule = Schedule(every=timedelta(seconds=every))
        self.tick = tick_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="webdpro-jobs", daemon=True)

    def start(self) -> Runner:
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.schedule.run_due(clock.now())
            self._stop.wait(self.tick)

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
