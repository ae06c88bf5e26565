"""HTMX response headers come from django-htmx's response classes and helpers (HttpResponseClientRedirect,
HttpResponseClientRefresh, trigger_client_event …), never set by hand: a hand-set ``HX-Redirect`` on a 302
is what once swapped the sign-in page into the order desk. No Python string in the app names an HX-*
header; request headers are read through ``request.htmx``."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HX_LITERAL = re.compile(r"""["']HX-[A-Za-z-]+["']|["']HTTP_HX_[A-Z_]+["']""")


def hand_set_headers(paths, root=ROOT) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if HX_LITERAL.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_hx_header_is_named_by_hand_in_the_app():
    sources = [p for folder in ("dashboard", "webdpro") for p in (ROOT / folder).rglob("*.py")]
    assert sources and hand_set_headers(sources) == []


def test_the_guard_sees_a_hand_set_header(tmp_path):
    bad = tmp_path / "view.py"
    bad.write_text('response["HX-Redirect"] = "/accounts/signin/"\n')
    assert hand_set_headers([bad], root=tmp_path) == ['view.py:1: response["HX-Redirect"] = "/accounts/signin/"']
