"""Plans, defined in one place. ``max_stores`` on a tenant always follows its plan.

**Commission** (Razorpay Route): on every online order the platform keeps ``commission_bps`` basis
points (1/100 of a percent) of the amount paid and transfers the rest to the owner's linked account.
It is computed in integer paise and rounded **up** to the next paisa (ceiling), so the platform is
favoured by less than one paisa per order and never more: ``commission_paise(48000, FREE) == 960``,
``commission_paise(101, FREE) == 3`` (2.02 paise → 3).
"""

from dataclasses import dataclass
from decimal import Decimal

from webdpro.db.tenants import PlanCode  # noqa: F401 (re-exported: the plans' codes, with their labels)


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    max_stores: int
    monthly_price: Decimal  # rupees per month, GST inclusive
    publish_fee: Decimal  # one-time fee to publish a store (DRAFT → PAID)
    razorpay_plan_id_setting: str = ""  # settings name holding the Razorpay plan id
    commission_bps: int = 0  # platform commission on online orders, in basis points (200 = 2%)

    @property
    def commission_percent(self) -> Decimal:
        return (Decimal(self.commission_bps) / 100).normalize()


# FREE pays a one-time fee to publish each store; PRO and ENTERPRISE include publishing in the subscription.
FREE = Plan(PlanCode.FREE, "Free", 1, Decimal("0.00"), Decimal("199.00"), commission_bps=200)
PRO = Plan(PlanCode.PRO, "Pro", 5, Decimal("499.00"), Decimal("0.00"), "RAZORPAY_PLAN_PRO", commission_bps=100)
ENTERPRISE = Plan(
    PlanCode.ENTERPRISE,
    "Enterprise",
    25,
    Decimal("1999.00"),
    Decimal("0.00"),
    "RAZORPAY_PLAN_ENTERPRISE",
    commission_bps=50,
)

PLANS = {plan.code: plan for plan in (FREE, PRO, ENTERPRISE)}


def get_plan(code: str) -> Plan:
    try:
        return PLANS[code]
    except KeyError as exc:
        raise ValueError(f"unknown plan {code!r}") from exc


def commission_paise(amount_paise: int, plan: Plan) -> int:
    """The platform's commission on ``amount_paise``: ceil(amount × bps / 10000), exact integer arithmetic."""
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int) or amount_paise < 0:
        raise ValueError("commission is computed on a non-negative integer number of paise")
    return -(-amount_paise * plan.commission_bps // 10000)
