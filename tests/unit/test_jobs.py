"""`make run`'s periodic jobs: expiry every interval, forecasts nightly at 02:00 IST, a failure never stops it."""

import threading
from datetime import datetime, timedelta

from webdpro import clock, jobs


def ist(*args):
    return datetime(*args, tzinfo=clock.IST)


def test_expiry_every_interval_and_forecast_nightly():
    ran = []
    schedule = jobs.Schedule(every=timedelta(minutes=1), run=ran.append)
    start = ist(2026, 12, 2, 1, 58, 30)
    assert schedule.run_due(start) == ["expire_orders", "number_invoices", "payouts_sync"]
    assert schedule.run_due(start + timedelta(seconds=30)) == []
    assert schedule.run_due(start + timedelta(seconds=60)) == ["expire_orders", "number_invoices", "payouts_sync"]
    assert schedule.run_due(ist(2026, 12, 2, 2, 0, 5)) == ["predict_stock"]
    assert schedule.run_due(ist(2026, 12, 2, 2, 0, 40)) == ["expire_orders", "number_invoices", "payouts_sync"]
    assert schedule.run_due(ist(2026, 12, 2, 2, 1, 0)) == []
    assert schedule.next_forecast == ist(2026, 12, 3, 2, 0)


def test_a_failing_job_is_logged_and_the_next_still_runs():
    calls = []

    def run(name):
        calls.append(name)
        raise RuntimeError("boom")

    schedule = jobs.Schedule(every=timedelta(minutes=1), run=run)
    schedule.run_due(ist(2026, 12, 2, 2, 0, 0))
    schedule.run_due(ist(2026, 12, 2, 2, 1, 0))
    assert [calls.count(name) for name in ("expire_orders", "number_invoices", "payouts_sync")] == [2, 2, 2]
    assert schedule.ran == []


def test_runner_thread_stops_when_asked():
    runner = jobs.Runner(every_seconds=60, tick_seconds=0.01)
    seen = threading.Event()
    runner.schedule.run = lambda name: seen.set()
    runner.start()
    assert seen.wait(5)
    runner.stop(timeout=5)
    assert not runner._thread.is_alive()
