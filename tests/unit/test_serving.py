"""A server process readies itself once the app is loaded (webdpro/serving.py, called by webdpro/wsgi.py)."""

import gc
from pathlib import Path

from webdpro import serving


def test_ready_builds_the_connections_and_freezes_what_is_loaded(monkeypatch):
    warmed = []
    monkeypatch.setattr(serving.db, "warm_up", lambda: warmed.append(True))
    kept = ["loaded at start"]  # an object the process made before it was ready
    assert any(o is kept for o in gc.get_objects())
    before = gc.get_freeze_count()
    try:
        serving.ready()
        assert warmed == [True]
        assert gc.get_freeze_count() > before
        assert not any(o is kept for o in gc.get_objects())  # out of every future collection
        later = ["made by a request"]
        assert any(o is later for o in gc.get_objects())  # what requests make is collected as before
    finally:
        gc.unfreeze()


def test_the_wsgi_module_readies_the_process():
    # read, not imported: importing it would ready (and freeze) the test process
    source = (Path(serving.__file__).parent / "wsgi.py").read_text()
    assert "\nserving.ready()" in source and "get_wsgi_application()" in source
