"""SECRET_KEY: a random key per data directory for `make run`, none built in, refused if weak in production."""

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from webdpro.secret_key import InsecureSecretKey, data_dir_key, is_real_key, load_secret_key

ROOT = Path(__file__).resolve().parents[2]


def _settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WEBDPRO_"))}
    clean.update(DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", "import webdpro.settings as s; print(s.SECRET_KEY)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_first_run_makes_a_private_random_key_kept_in_the_data_directory(tmp_path):
    first = data_dir_key(tmp_path)
    assert is_real_key(first)
    assert data_dir_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert data_dir_key(tmp_path / "other") != first


def test_make_run_uses_the_data_directory_key_even_with_debug_off(tmp_path):
    debug = _settings(tmp_path, DJANGO_DEBUG="1")
    prod_like = _settings(tmp_path, DJANGO_DEBUG="0", WEBDPRO_DATA_DIR_KEY="1")
    assert debug.returncode == 0 and prod_like.returncode == 0, debug.stderr + prod_like.stderr
    assert debug.stdout.strip() == prod_like.stdout.strip() == (tmp_path / "secret_key").read_text().strip()


@pytest.mark.parametrize(
    "key",
    ["", "short", "django-insecure-webdpro-local-development-key-do-not-use-in-production", "k" * 60],
)
def test_debug_off_refuses_to_start_without_a_real_key(tmp_path, key):
    result = _settings(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_configured_real_key_wins(tmp_path):
    key = secrets.token_urlsafe(50)
    assert load_secret_key(key, debug=False, data_dir=tmp_path, use_data_dir=True) == key
    with pytest.raises(InsecureSecretKey):
        load_secret_key("", debug=False, data_dir=tmp_path, use_data_dir=False)


def test_the_makefile_no_longer_allows_an_insecure_key():
    makefile = (ROOT / "Makefile").read_text()
    assert "WEBDPRO_ALLOW_INSECURE_KEY" not in makefile
    assert "WEBDPRO_DATA_DIR_KEY=1" in makefile
