"""`manage.py check --deploy` with production settings reports nothing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_has_no_warnings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WEBDPRO_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 20 + "Zx9!unpredictable-production-secret-0123456789",
        DJANGO_ALLOWED_HOSTS="app.webdpro.in",
        DJANGO_SETTINGS_MODULE="webdpro.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WEBDPRO_"))}
    env.update(DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="webdpro.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_collectstatic_with_hashed_names_succeeds(tmp_path):
    """Production serves hashed static files through WhiteNoise: every vendored file must post-process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WEBDPRO_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SETTINGS_MODULE="webdpro.settings",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((tmp_path / "static" / "vendor").glob("chart.umd.min.*.js"))
