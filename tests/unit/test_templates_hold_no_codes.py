"""Templates that were cleared of status codes stay clear: the view passes yes/no answers or the TextChoices."""

import re
from pathlib import Path

import pytest

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


# Roles, plans, fulfilments and the audit log's platform partition are codes too: templates compare with the members
# the context processor hands in (Role, PlanCode, Fulfilment) or with a yes/no answer from the view.
OTHER_CODES = ("SUPER_ADMIN", "BUSINESS_OWNER", "DELIVERY_AGENT", "CUSTOMER", "FREE", "PRO", "ENTERPRISE")
OTHER_CODES += ("DELIVERY", "PICKUP", "PLATFORM")
CODE_COMPARISON = re.compile(
    r"""(?:==|!=|\bin)\s*["'](?P<after>[A-Z][A-Z_]+)["']|["'](?P<before>[A-Z][A-Z_]+)["']\s*(?:==|!=)"""
)


def compared_codes(text: str) -> list[str]:
    """The role, plan, fulfilment and platform codes that ``text`` compares something with."""
    found = (m.group("after") or m.group("before") for m in CODE_COMPARISON.finditer(text))
    return [code for code in found if code in OTHER_CODES]


def test_no_template_compares_a_role_plan_fulfilment_or_the_platform_with_its_code():
    found = [
        f"{path.relative_to(ROOT)}: {code}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for code in compared_codes(path.read_text())
    ]
    assert not found, "Compare with Role.…, PlanCode.…, Fulfilment.… or a yes/no from the view:\n" + "\n".join(found)


def test_the_code_check_sees_roles_plans_fulfilments_and_the_platform():
    assert compared_codes('{% if request.user.role == "BUSINESS_OWNER" %}') == ["BUSINESS_OWNER"]
    assert compared_codes("{% if tenant.plan != 'FREE' %}") == ["FREE"]
    assert compared_codes('{% if "PICKUP" == order.fulfilment %}') == ["PICKUP"]
    assert compared_codes('{% if e.item.tenant_id != "PLATFORM" %}') == ["PLATFORM"]
    assert compared_codes('{% if user.role in "SUPER_ADMIN" %}') == ["SUPER_ADMIN"]
    assert not compared_codes("{% if request.user.role == Role.BUSINESS_OWNER %}{% if tenant.plan != PlanCode.FREE %}")
    assert not compared_codes('<span class="badge badge-PICKUP" data-fulfilment="{{ order.fulfilment }}">')


def test_the_context_processor_hands_in_roles_plans_and_fulfilments():
    from django.test import RequestFactory

    from dashboard.context_processors import webdpro

    context = webdpro(RequestFactory().get("/"))
    assert context["Role"].BUSINESS_OWNER == "BUSINESS_OWNER"
    assert context["PlanCode"].FREE == "FREE"
    assert context["Fulfilment"].PICKUP == "PICKUP"


@pytest.mark.parametrize(
    "choices",
    ["webdpro.accounts.roles.Role", "webdpro.accounts.plans.PlanCode", "webdpro.orders.statuses.Fulfilment"],
)
def test_the_new_choices_keep_the_stored_codes(choices):
    """Each member's value is the code already stored in DynamoDB, and its name (a member and its code are one
    dictionary key)."""
    from django.utils.module_loading import import_string

    cls = import_string(choices)
    assert all(member.name == member.value for member in cls)
    by_member = {member: member.label for member in cls}
    assert all(by_member[str(code)] == cls(code).label for code in cls.values)
