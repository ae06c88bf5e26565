"""A broken link is a failing test, not a missing link: no view or template tag swallows NoReverseMatch
(the "Track this order" link once vanished that way from a customer's orders)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SWALLOWED = re.compile(r"except\s*\(?[^:\n]*NoReverseMatch")


def swallowing(paths) -> list[str]:
    return [str(p) for p in paths if SWALLOWED.search(p.read_text())]


def test_no_code_swallows_a_broken_link():
    sources = [p for folder in ("dashboard", "webdpro") for p in (ROOT / folder).rglob("*.py")]
    assert sources and swallowing(sources) == []


def test_the_guard_sees_a_swallowed_link(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text("try:\n    url = reverse('x')\nexcept (KeyError, NoReverseMatch):\n    url = None\n")
    assert swallowing([bad]) == [str(bad)]
