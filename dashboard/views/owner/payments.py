"""Owner views: payments reconciliation (COD and online), cash handovers, CSV, and platform billing."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.csp import allow_razorpay_checkout
from dashboard.forms import ChoiceOf, RupeesField, TextOf, valid_data
from dashboard.views.common import client_redirect, run_action
from dashboard.views.owner.range_forms import DateRangeForm, RangeQueryField
from webdpro.accounts.plans import PLANS, PlanCode
from webdpro.errors import DomainError, ValidationFailed
from webdpro.money import format_inr
from webdpro.payments import billing
from webdpro.payments.gateway import CHECKOUT_JS, get_gateway
from webdpro.payments.ledger import payout_summary
from webdpro.payments.reconciliation import export as reconciliation_export
from webdpro.payments.reconciliation import selectors as reconciliation
from webdpro.payments.reconciliation import services as handovers
from webdpro.payments.statuses import PaymentStatus


def _range_form(request) -> DateRangeForm:
    return DateRangeForm(request.GET, rule=reconciliation.parse_range)


ROWS_A_PAGE = 50  # online payments, and mismatches, drawn at once: the report itself covers the whole range


class ReportPagesForm(forms.Form):
    """Which page of the online payments (``page``) and of the mismatches (``mpage``) the report shows."""

    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)
    mpage = forms.IntegerField(min_value=1, max_value=100_000, required=False)


def _pages(report, range_query: str, asked: dict | None = None) -> dict:
    """One page of each long list of ``report`` (``asked``: ReportPagesForm's cleaned data), with the links
    to the pages beside it (the range and the other list's page kept). A page past the last shows the last
    (the range may have shrunk since the link was made)."""
    wanted = {name: number for name, number in (asked or {}).items() if number}

    def one(rows, name: str) -> dict:
        page = Paginator(rows, ROWS_A_PAGE).get_page(wanted.get(name, 1))

        def url(number: int) -> str:
            query = QueryDict(range_query, mutable=True)
            query.update({key: value for key, value in wanted.items() if key != name})
            if number > 1:
                query[name] = number
            return reverse("owner:payments") + (f"?{query.urlencode()}" if query else "")

        return {
            "rows": page.object_list,
            "first": page.start_index(),
            "last": page.end_index(),
            "total": page.paginator.count,
            "newer_url": url(page.previous_page_number()) if page.has_previous() else None,
            "older_url": url(page.next_page_number()) if page.has_next() else None,
        }

    return {"online_page": one(report.online, "page"), "mismatch_page": one(report.mismatches, "mpage")}


@owner_required
@require_GET
def payments_home(request):
    tenant_id = request.tenant.tenant_id
    form = _range_form(request)
    try:
        start, end = form.dates()
        asked = valid_data(ReportPagesForm(request.GET))
        error, range_query = None, form.query()
    except ValidationFailed as exc:
        start, end = reconciliation.parse_range(None, None)
        error, range_query, asked = exc, "", {}
    report = reconciliation.build_report(tenant_id, start, end)
    context = {
        **_pages(report, range_query, asked),
        "report": report,
        "error": error,
        "start": start,
        "end": end,
        "handover_error": None,
        "handover": {},
        "agents_for_handover": report.agents,
        "range_query": range_query,
        "payout": payout_summary(request.tenant),
    }
    template = (
        "owner/payments/index.html#report"
        if request.htmx and request.htmx.target == "report"
        else "owner/payments/index.html"
    )
    return render(request, template, context, status=400 if error else 200)


class HandoverForm(forms.Form):
    """A cash handover from an agent. Shapes only: reconciliation parses the amount and checks the agent."""

    agent_id = forms.CharField(required=False, max_length=40)
    amount = RupeesField(
        concept=gettext_lazy("amount handed over"), maximum=handovers.MAX_HANDOVER, positive=True, required=False
    )
    note = forms.CharField(required=False, max_length=300)
    confirm = forms.BooleanField(required=False)
    range = RangeQueryField(rule=reconciliation.parse_range)

    def submitted(self) -> dict:
        """What was typed, to show again after a refusal."""
        data = {name: self.data.get(name, "") for name in ("agent_id", "amount", "note")}
        return {**data, "confirm": self.data.get("confirm") == "1"}

    def record(self, tenant_id: str, by: str):
        """The HANDOVER row, through the reconciliation service (ValidationFailed naming a bad field)."""
        data = valid_data(self)
        return handovers.record_handover(
            tenant_id, data["agent_id"], data["amount"], by=by, note=data["note"], confirm=data["confirm"]
        )


@owner_required
@require_POST
def handover(request):
    tenant_id = request.tenant.tenant_id
    form = HandoverForm(request.POST)
    data = form.submitted()

    def respond(row, error, status):
        query = form.cleaned_data.get("range", "")
        if error is None:
            message = _("Recorded a cash handover of %(format_inr)s.") % {"format_inr": format_inr(row.amount)}
            messages.success(request, message)
            return client_redirect(request, reverse("owner:payments") + (f"?{query}" if query else ""))
        context = {
            "handover_error": str(error),
            "handover": data,
            "range_query": query,
            "needs_confirm": isinstance(error, handovers.ExceedsCashHeld),
        }
        if request.htmx:
            context["agents_for_handover"] = reconciliation.agents_with_cash(tenant_id)
            return render(request, "owner/payments/index.html#handover", context, status=status)
        start, end = reconciliation.parse_range(None, None)
        report = reconciliation.build_report(tenant_id, start, end)
        context.update(report=report, start=start, end=end, agents_for_handover=report.agents)
        context.update(_pages(report, ""))
        return render(request, "owner/payments/index.html", context, status=status)

    return run_action(request, lambda: form.record(tenant_id, request.user.user_id), respond)


@owner_required
@require_GET
def payments_csv(request):
    tenant_id = request.tenant.tenant_id
    try:
        start, end = _range_form(request).dates()
    except ValidationFailed as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    report = reconciliation.build_report(tenant_id, start, end)
    body = reconciliation_export.report_csv(report, reconciliation.tenant_agents(tenant_id))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{start.isoformat()}-to-{end.isoformat()}.csv"'
    return response


class RefundForm(forms.Form):
    """A refund from the reconciliation page: an optional reason and the date range to come back to."""

    reason = TextOf(concept=gettext_lazy("refund reason"), max_length=300, required=False)
    range = RangeQueryField(rule=reconciliation.parse_range)


@owner_required
@require_POST
def refund(request, payment_id):
    """Refund a payment captured against an order that is not PAID (a mismatch on this page)."""
    from webdpro.payments.refunds import refund_payment

    payment = reconciliation.get_payment(request.tenant.tenant_id, payment_id)  # NotFound → 404
    data = valid_data(RefundForm(request.POST))
    try:
        payment = refund_payment(payment, data["reason"] or _("Refunded from reconciliation"), by=request.user.user_id)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if payment.status == PaymentStatus.REFUNDED:
            done = _("Refund of %(amount)s done.")
        else:
            done = _("Refund of %(amount)s requested.")
        messages.success(request, done % {"amount": format_inr(payment.amount)})
    query = data["range"]
    return redirect(reverse("owner:payments") + (f"?{query}" if query else ""))


# --- Billing ---------------------------------------------------------------------------------------

BILLING_PLAN = "billing_plan"


def _billing_context(request, **extra):
    tenant = request.tenant
    plans = [p for p in PLANS.values()]
    gateway = get_gateway()
    pending = billing.pending_upgrade(tenant)
    context = {
        "tenant": tenant,
        "plans": plans,
        "current": PLANS.get(tenant.plan),
        "gateway": gateway,
        "charges": billing.platform_payments(tenant.tenant_id),
        "pending": pending,
        "checkout": _pending_checkout(request, pending, gateway) if pending else None,
        "checkout_js": CHECKOUT_JS,
    }
    context.update(extra)
    return context


def _pending_checkout(request, plan, gateway) -> dict:
    """Pay an upgrade started earlier (Checkout closed, page left): the tenant's waiting subscription."""
    subscription = {"id": request.tenant.razorpay_subscription_id}
    return {
        "plan": plan,
        "options": billing.checkout_options(gateway, subscription, plan, request.tenant, request.user),
    }


def _billing_error(request, error):
    request.tenant.refresh()
    context = _billing_context(request, error=str(error))
    return render(request, "owner/payments/billing.html", context, status=error.status_code)


def _upgrade(request, data, gateway):
    plan_code = data["plan"]
    subscription = billing.start_subscription(request.tenant, plan_code, request.user, gateway)
    request.session[BILLING_PLAN] = plan_code
    plan = PLANS[plan_code]
    options = billing.checkout_options(gateway, subscription, plan, request.tenant, request.user)
    return render(
        request, "owner/payments/billing.html", _billing_context(request, checkout={"plan": plan, "options": options})
    )


def _sandbox(request, data, gateway):
    paid = data["action"] == "sandbox_pay"
    pending = billing.pending_upgrade(request.tenant)
    plan_code = pending.code if pending else request.session.get(BILLING_PLAN, PlanCode.PRO)
    billing.sandbox_checkout(request.tenant, paid, plan_code, gateway)
    if paid:
        messages.success(request, _("Subscription active. Your new plan is on."))
    else:
        messages.error(request, _("The payment failed. No money was taken; choose the plan again to retry."))
    return redirect("owner:billing")


def _callback(request, data, gateway):
    billing.verify_authorisation(request.tenant, data, gateway)
    messages.success(request, _("Payment authorised. Your plan changes as soon as Razorpay confirms the subscription."))
    return redirect("owner:billing")


def _cancel(request, data, gateway):
    billing.cancel_subscription(request.tenant, gateway)
    messages.success(request, _("Subscription cancelled. You are back on the Free plan; your stores stay."))
    return redirect("owner:billing")


BILLING_ACTIONS = {
    "upgrade": _upgrade,
    "sandbox_pay": _sandbox,
    "sandbox_fail": _sandbox,
    "callback": _callback,
    "cancel": _cancel,
}


class BillingForm(forms.Form):
    """A billing page POST: the action, the plan an upgrade asks for, and Checkout's signed callback fields
    (the billing service checks the plan and the signature)."""

    action = ChoiceOf(concept=gettext_lazy("billing action"), choices=[(name, name) for name in BILLING_ACTIONS])
    plan = ChoiceOf(
        concept=gettext_lazy("plan"), choices=[(code, plan.name) for code, plan in PLANS.items()], required=False
    )
    razorpay_payment_id = TextOf(concept=gettext_lazy("Razorpay payment id"), max_length=100, required=False)
    razorpay_subscription_id = TextOf(concept=gettext_lazy("Razorpay subscription id"), max_length=100, required=False)
    razorpay_signature = TextOf(concept=gettext_lazy("Razorpay signature"), max_length=200, required=False)


@allow_razorpay_checkout
@owner_required
@require_http_methods(["GET", "POST"])
def billing_page(request):
    if request.method == "GET":
        return render(request, "owner/payments/billing.html", _billing_context(request))
    try:
        data = valid_data(BillingForm(request.POST))
        return BILLING_ACTIONS[data["action"]](request, data, get_gateway())
    except DomainError as exc:
        return _billing_error(request, exc)


urlpatterns = [
    path("payments/", payments_home, name="payments"),
    path("payments/handover/", handover, name="payment_handover"),
    path("payments/export.csv", payments_csv, name="payments_csv"),
    path("payments/<payid:payment_id>/refund/", refund, name="payment_refund"),
    path("billing/", billing_page, name="billing"),
]
