"""The project's gunicorn settings: gunicorn reads ``gunicorn.conf.py`` from the directory it starts in (the
project root, as the README's deploy command and the bench run it), workers are threaded and take only as
many connections as they have threads, whatever ``--threads`` says."""

import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "gunicorn.conf.py"


def _config(cli: dict) -> Config:
    """A Config as gunicorn builds it: the file's settings first, then the command line's on top."""
    cfg = Config()
    settings = runpy.run_path(str(CONF))
    for name, value in settings.items():
        if name in cfg.settings:
            cfg.set(name, value)
    for name, value in cli.items():
        cfg.set(name, value)
    settings["on_starting"](SimpleNamespace(cfg=cfg))
    return cfg


def test_gunicorn_reads_the_file_from_the_project_root():
    assert CONF.is_file()
    assert Config().config == "./gunicorn.conf.py"


def test_threaded_workers_take_only_what_their_threads_can_serve():
    cfg = _config({})
    assert cfg.worker_class_str == "gthread"
    assert cfg.threads == 8
    assert cfg.worker_connections == 8
    assert cfg.keepalive == 0


def test_worker_connections_follow_threads_given_on_the_command_line():
    cfg = _config({"threads": 3, "workers": 2})
    assert (cfg.threads, cfg.worker_connections, cfg.workers) == (3, 3, 2)
    assert Config().worker_connections == 1000  # gunicorn's default, which the file changes
