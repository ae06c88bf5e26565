"""Owner views: payments reconciliation (COD and online), cash handovers, CSV, and platform billing."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.csp import allow_razorpay_checkout
from webdpro.accounts.plans import PLANS
from webdpro.errors import DomainError, ValidationFailed
from webdpro.money import format_inr
from webdpro.payments import billing, reconciliation
from webdpro.payments.gateway import CHECKOUT_JS, SignatureError, get_gateway
from webdpro.payments.ledger import payout_summary


def _range(request):
    return reconciliation.parse_range(request.GET.get("from"), request.GET.get("to"))


@owner_required
@require_GET
def payments_home(request):
    tenant_id = request.tenant.tenant_id
    try:
        start, end = _range(request)
        error = None
    except ValidationFailed as exc:
        start, end = reconciliation.parse_range(None, None)
        error = str(exc)
    report = reconciliation.build_report(tenant_id, start, end)
    context = {
        "report": report,
        "error": error,
        "start": start,
        "end": end,
        "handover_error": None,
        "handover": {},
        "agents_for_handover": report.agents,
        "range_query": request.GET.urlencode(),
        "payout": payout_summary(request.tenant),
    }
    template = (
        "owner/payments/index.html#report"
        if request.htmx and request.htmx.target == "report"
        else "owner/payments/index.html"
    )
    return render(request, template, context, status=400 if error else 200)


@owner_required
@require_POST
def handover(request):
    tenant_id = request.tenant.tenant_id
    data = {
        "agent_id": request.POST.get("agent_id", ""),
        "amount": request.POST.get("amount", ""),
        "note": request.POST.get("note", ""),
        "confirm": request.POST.get("confirm") == "1",
    }
    query = request.POST.get("range", "")
    try:
        row = reconciliation.record_handover(
            tenant_id,
            data["agent_id"],
            data["amount"],
            by=request.user.user_id,
            note=data["note"],
            confirm=data["confirm"],
        )
    except DomainError as exc:
        context = {
            "handover_error": str(exc),
            "handover": data,
            "range_query": query,
            "needs_confirm": isinstance(exc, reconciliation.ExceedsCashHeld),
        }
        if request.htmx:
            agents = reconciliation.tenant_agents(tenant_id)
            context["agents_for_handover"] = [
                {"agent_id": a.user_id, "name": a.name or a.phone, **reconciliation.agent_cash(tenant_id, a.user_id)}
                for a in agents.values()
            ]
            return render(request, "owner/payments/index.html#handover", context, status=exc.status_code)
        start, end = reconciliation.parse_range(None, None)
        report = reconciliation.build_report(tenant_id, start, end)
        context.update(report=report, start=start, end=end, agents_for_handover=report.agents)
        return render(request, "owner/payments/index.html", context, status=exc.status_code)
    messages.success(request, f"Recorded a cash handover of {format_inr(row.amount)}.")
    url = reverse("owner:payments") + (f"?{query}" if query else "")
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@owner_required
@require_GET
def payments_csv(request):
    tenant_id = request.tenant.tenant_id
    try:
        start, end = _range(request)
    except ValidationFailed as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    report = reconciliation.build_report(tenant_id, start, end)
    body = reconciliation.report_csv(report, reconciliation.tenant_agents(tenant_id))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{start.isoformat()}-to-{end.isoformat()}.csv"'
    return response


@owner_required
@require_POST
def refund(request, payment_id):
    """Refund a payment captured against an order that is not PAID (a mismatch on this page)."""
    from webdpro.payments.refunds import refund_payment

    payment = reconciliation.get_payment(request.tenant.tenant_id, payment_id)  # NotFound → 404
    try:
        payment = refund_payment(
            payment, request.POST.get("reason") or "Refunded from reconciliation", by=request.user.user_id
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Refund of {format_inr(payment.amount)} {'done' if payment.status == 'REFUNDED' else 'requested'}.",
        )
    query = request.POST.get("range", "")
    return redirect(reverse("owner:payments") + (f"?{query}" if query else ""))


# --- Billing ---------------------------------------------------------------------------------------

BILLING_PLAN = "billing_plan"


def _billing_context(request, **extra):
    tenant = request.tenant
    plans = [p for p in PLANS.values()]
    return {
        "tenant": tenant,
        "plans": plans,
        "current": PLANS.get(tenant.plan),
        "gateway": get_gateway(),
        "charges": billing.subscription_charges(tenant.tenant_id),
        "checkout": None,
        "checkout_js": CHECKOUT_JS,
        **extra,
    }


@allow_razorpay_checkout
@owner_required
@require_http_methods(["GET", "POST"])
def billing_page(request):  # noqa: C901
    tenant = request.tenant
    if request.method == "GET":
        return render(request, "owner/payments/billing.html", _billing_context(request))
    action = request.POST.get("action")
    gateway = get_gateway()
    try:
        if action == "upgrade":
            plan_code = request.POST.get("plan", "")
            subscription = billing.start_subscription(tenant, plan_code, request.user, gateway)
            request.session[BILLING_PLAN] = plan_code
            plan = PLANS[plan_code]
            options = {
                "key": gateway.key_id,
                "subscription_id": subscription["id"],
                "name": "WebDPro",
                "description": f"{plan.name} plan — {format_inr(plan.monthly_price)}/month",
                "prefill": {"name": request.user.name or "", "contact": request.user.phone},
                "notes": {"tenant_id": tenant.tenant_id, "plan": plan.code},
                "theme": {"color": "#0f766e"},
            }
            return render(
                request,
                "owner/payments/billing.html",
                _billing_context(request, checkout={"plan": plan, "options": options}),
            )
        if action in ("sandbox_pay", "sandbox_fail"):
            if not gateway.is_sandbox:
                raise DomainError("The sandbox is off.")
            if not tenant.razorpay_subscription_id or tenant.subscription_status != billing.PENDING:
                raise DomainError("There is no subscription waiting for payment.")
            if action == "sandbox_pay":
                billing.sandbox_authorise(tenant, request.session.get(BILLING_PLAN, "PRO"), gateway)
                messages.success(request, "Subscription active. Your new plan is on.")
            else:
                messages.error(request, "The payment failed. No money was taken; choose the plan again to retry.")
            return redirect("owner:billing")
        if action == "callback":
            gateway.verify_subscription_signature(
                request.POST.get("razorpay_payment_id", ""),
                request.POST.get("razorpay_subscription_id", ""),
                request.POST.get("razorpay_signature", ""),
            )
            if request.POST.get("razorpay_subscription_id") != tenant.razorpay_subscription_id:
                raise SignatureError("This payment is for another subscription.")
            messages.success(
                request, "Payment authorised. Your plan changes as soon as Razorpay confirms the subscription."
            )
            return redirect("owner:billing")
        if action == "cancel":
            billing.cancel_subscription(tenant, gateway)
            messages.success(request, "Subscription cancelled. You are back on the Free plan; your stores stay.")
            return redirect("owner:billing")
        raise ValidationFailed("Unknown action.")
    except DomainError as exc:
        tenant.refresh()
        return render(
            request, "owner/payments/billing.html", _billing_context(request, error=str(exc)), status=exc.status_code
        )


urlpatterns = [
    path("payments/", payments_home, name="payments"),
    path("payments/handover/", handover, name="payment_handover"),
    path("payments/export.csv", payments_csv, name="payments_csv"),
    path("payments/<payid:payment_id>/refund/", refund, name="payment_refund"),
    path("billing/", billing_page, name="billing"),
]
