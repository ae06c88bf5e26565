"""The import contracts of pyproject.toml ([tool.importlinter]) hold: dashboard above the webdpro areas above
webdpro.db, nothing under webdpro imports dashboard, and no import cycles between siblings. ``make test``
runs the same check (Makefile: lint); this test makes every unit run catch a new cycle too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
