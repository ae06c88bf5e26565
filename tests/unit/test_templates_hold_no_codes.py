"""Templates that were cleared of status codes stay clear: the view passes yes/no answers or the TextChoices."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEARED = [
    "templates/agent/delivery.html",
    "templates/owner/deliveries/_order_delivery.html",
    "templates/owner/payments/index.html",
]
COMPARISON = re.compile(r"""(?:==|!=|\bin)\s*["'][A-Z][A-Z_]+["']|["'][A-Z][A-Z_]+["']\s*(?:==|!=)""")


def test_cleared_templates_compare_no_status_code():
    found = [f"{name}: {m.group(0)}" for name in CLEARED for m in COMPARISON.finditer((ROOT / name).read_text())]
    assert not found, "Pass a yes/no answer from the view instead:\n" + "\n".join(found)


def test_the_check_sees_a_code_comparison():
    assert COMPARISON.search('{% if delivery.status != "FAILED" %}')
    assert COMPARISON.search("{% if 'PAID' == order.payment_status %}")
    assert not COMPARISON.search('{% if delivery_open %}<span class="badge badge-{{ s }}">')
