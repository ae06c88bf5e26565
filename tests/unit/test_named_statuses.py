"""Statuses are named once, by their TextChoices: no module keeps a constant that only repeats a member
(``CONFIRMED = OrderStatus.CONFIRMED``); callers write ``OrderStatus.CONFIRMED``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHOICES = {
    "OrderStatus",
    "OrderPaymentStatus",
    "PaymentMethod",
    "DeliveryStatus",
    "CollectionMethod",
    "PaymentStatus",
    "PaymentKind",
    "StoreStatus",
    "SubscriptionStatus",
    "PayoutStatus",
    "TransferStatus",
    "PendingAction",
    "RefundStatus",
    "Role",
    "PlanCode",
    "Fulfilment",
}


def _member(node) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in CHOICES


def member_aliases(source: str) -> list[str]:
    """The module-level names bound to nothing but a TextChoices member (alone or in a tuple assignment)."""
    names = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = []
            if isinstance(target, ast.Name):
                pairs = [(target, node.value)]
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            names += [t.id for t, v in pairs if isinstance(t, ast.Name) and _member(v)]
    return names


def test_no_module_keeps_an_alias_of_a_status_member():
    offenders = []
    files = sorted((ROOT / "webdpro").rglob("*.py")) + sorted((ROOT / "dashboard").rglob("*.py"))
    assert len(files) > 100
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        offenders += [f"{rel}: {name}" for name in member_aliases(path.read_text(encoding="utf-8"))]
    assert not offenders, "Use the TextChoices member instead of an alias:\n" + "\n".join(offenders)


def test_the_check_finds_single_and_tuple_aliases():
    source = (
        "CONFIRMED = OrderStatus.CONFIRMED\n"
        "UPI, CARD = PaymentMethod.UPI, PaymentMethod.CARD\n"
        "ASSIGNABLE = (OrderStatus.CONFIRMED, OrderStatus.PREPARING)\n"
        "LABEL = OrderStatus.CONFIRMED.label\n"
    )
    assert member_aliases(source) == ["CONFIRMED", "UPI", "CARD"]
