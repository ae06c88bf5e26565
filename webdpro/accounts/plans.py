"""Plans, defined in one place. ``max_stores`` on a tenant always follows its plan."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    max_stores: int
    monthly_price: Decimal  # rupees per month, GST inclusive
    publish_fee: Decimal  # one-time fee to publish a store (DRAFT → PAID)
    razorpay_plan_id_setting: str = ""  # settings name holding the Razorpay plan id


# FREE pays a one-time fee to publish each store; PRO and ENTERPRISE include publishing in the subscription.
FREE = Plan("FREE", "Free", 1, Decimal("0.00"), Decimal("199.00"))
PRO = Plan("PRO", "Pro", 5, Decimal("499.00"), Decimal("0.00"), "RAZORPAY_PLAN_PRO")
ENTERPRISE = Plan("ENTERPRISE", "Enterprise", 25, Decimal("1999.00"), Decimal("0.00"), "RAZORPAY_PLAN_ENTERPRISE")

PLANS = {plan.code: plan for plan in (FREE, PRO, ENTERPRISE)}


def get_plan(code: str) -> Plan:
    try:
        return PLANS[code]
    except KeyError as exc:
        raise ValueError(f"unknown plan {code!r}") from exc
