"""Templates that were cleared of status codes stay clear: the view passes yes/no answers or the TextChoices."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEARED = [
    "templates/agent/delivery.html",
    "templates/owner/deliveries/_order_delivery.html",
    "templates/owner/deliveries/order.html",
    "templates/owner/orders/detail.html",
    "templates/owner/orders/slip.html",
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


# A status, payment method or collection method compared with a code in any template (a filter's own value, such as
# the deliveries page's "ACTIVE" choice, is not a status).
STATUS_CODE = re.compile(
    r"""(?<!filters)\.(?:\w*status|\w*_method)\s*(?:==|!=)\s*["'][A-Z][A-Z_]+["']"""
    r"""|\bm\s*(?:==|!=)\s*["'][A-Z][A-Z_]+["']"""
)


def test_no_template_compares_a_status_with_its_code():
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for m in STATUS_CODE.finditer(path.read_text())
    ]
    assert not found, "Compare with the TextChoices member (OrderStatus.CANCELLED, …):\n" + "\n".join(found)


def test_the_status_check_sees_codes_and_lets_members_and_filters_pass():
    assert STATUS_CODE.search('{% if order.status == "CANCELLED" %}')
    assert STATUS_CODE.search("{% if d.collection_method == 'UPI' %}")
    assert STATUS_CODE.search('{% if m != "CARD" %}')
    assert not STATUS_CODE.search("{% if order.status == OrderStatus.CANCELLED %}")
    assert not STATUS_CODE.search('{% if filters.status == "ACTIVE" %}')


def test_templates_get_the_status_choices_from_the_context_processor():
    from django.test import RequestFactory

    from dashboard.context_processors import webdpro

    context = webdpro(RequestFactory().get("/"))
    assert context["OrderStatus"].CANCELLED == "CANCELLED"
    assert context["StoreStatus"].PUBLISHED == "PUBLISHED"
