"""The super admin console: thin views over webdpro.superadmin (selectors read, services write).

Actions are POST forms; success redirects back with a message (post/redirect/get), a refused action
re-renders the same page with the message next to its form and a 4xx status.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dashboard.auth import superadmin_required
from dashboard.forms import valid_data
from dashboard.views.common import error_status, run_action
from dashboard.views.superadmin.forms import (
    ActiveForm,
    AuditFilterForm,
    NoteForm,
    PlanForm,
    ReasonForm,
    RoleForm,
    StoreReactivateForm,
    SubscriptionForm,
    TenantFilterForm,
    UserSearchForm,
)
from webdpro.accounts.plans import PLANS
from webdpro.errors import DomainError, NotFound
from webdpro.payments.ledger import payout_summary
from webdpro.phones import normalize_phone
from webdpro.stores.statuses import STATUSES as STORE_STATUSES
from webdpro.superadmin import audit, rollup, selectors, services


def _entries(items):
    """Audit entries with decoded snapshots for display."""
    out = []
    for item in items:
        out.append(
            {
                "item": item,
                "label": audit.LABELS.get(item.action, item.action),
                "concerns_business": item.tenant_id != audit.PLATFORM,
                "before": audit.pretty(item.before),
                "after": audit.pretty(item.after),
            }
        )
    return out


# --- Overview ------------------------------------------------------------------------------------


@superadmin_required
def home(request):
    data = selectors.overview()
    snapshot = data.snapshot
    by_plan, by_status = data.counts("tenants_by_plan"), data.counts("stores_by_status")
    plans = [(code, plan.name, by_plan.get(code, 0)) for code, plan in PLANS.items()]
    statuses = [(status, by_status.get(status, 0)) for status in STORE_STATUSES]
    return render(
        request,
        "superadmin/home.html",
        {
            "overview": data,
            "snapshot": snapshot,
            "plans": plans,
            "store_statuses": statuses,
            "stores_total": sum(n for _, n in statuses),
            "chart": data.chart(),
            "stuck_transfers": selectors.stuck_transfers(),
            "nav": "home",
        },
    )


@superadmin_required
@require_POST
def refresh_stats(request):
    figures = rollup.run()
    messages.success(
        request,
        gettext("Figures refreshed: %(tenants_total)s businesses, %(sum)s stores (%(seconds)s s).")
        % {
            "tenants_total": figures["tenants_total"],
            "sum": sum(figures["stores_by_status"].values()),
            "seconds": figures["seconds"],
        },
    )
    return redirect("console:home")


# --- Tenants ------------------------------------------------------------------------------------


@superadmin_required
def tenants(request):
    form = TenantFilterForm(request.GET)
    context = {"plans": PLANS.values(), "subscription_statuses": services.SUBSCRIPTION_LABELS, "nav": "tenants"}
    code = 200
    try:
        data = valid_data(form)
        page = selectors.list_tenants(
            plan=data["plan"] or None, subscription=data["status"] or None, q=data["q"], cursor=data["cursor"]
        )
    except DomainError as exc:
        data, page = form.cleaned_data, None
        context["error"] = exc.message
        code = error_status(request, exc)
    context.update(
        page=page,
        plan=data.get("plan", ""),
        status=data.get("status", ""),
        q=data.get("q", ""),
        is_first_page=not data.get("cursor"),
    )
    template = (
        "superadmin/tenants.html#results"
        if request.htmx and request.htmx.target == "tenant-results"
        else "superadmin/tenants.html"
    )
    return render(request, template, context, status=code)


def _tenant_context(tenant_id: str) -> dict:
    try:
        tenant = selectors.get_tenant(tenant_id)
    except NotFound as exc:
        raise Http404("Business not found") from exc
    people = selectors.tenant_people(tenant_id)
    activity = selectors.tenant_activity(tenant_id)
    owner = next((p for p in people if p.user_id == tenant.owner_user_id), None)
    return {
        "tenant": tenant,
        "owner": owner,
        "people": people,
        "stores": selectors.tenant_stores(tenant_id),
        "activity": activity,
        "chart": activity.chart(),
        "payments": selectors.tenant_payments(tenant_id),
        "payout": payout_summary(tenant),
        "entries": _entries(selectors.audit_page(tenant_id, page_size=10).items),
        "plans": PLANS.values(),
        "subscription_statuses": services.SUBSCRIPTION_LABELS,
        "nav": "tenants",
        "errors": {},
    }


@superadmin_required
def tenant_detail(request, tenant_id):
    return render(request, "superadmin/tenant_detail.html", _tenant_context(tenant_id))


def _tenant_action(request, tenant_id, section, form, act):
    """Run ``act(valid_data(form))`` (:func:`run_action`): back to the tenant with the outcome's message, or the
    tenant page with the refusal beside the section's form (kept as typed) and its 4xx."""

    def respond(outcome, error, status):
        if error is not None:
            context = _tenant_context(tenant_id)
            context["errors"] = {section: error.message}
            context["form"] = form
            return render(request, "superadmin/tenant_detail.html", context, status=status)
        (messages.success if outcome.changed else messages.info)(request, outcome.message)
        return redirect(reverse("console:tenant", kwargs={"tenant_id": tenant_id}) + f"#{section}")

    return run_action(request, lambda: act(valid_data(form)), respond, not_found_404=True)


@superadmin_required
@require_POST
def tenant_plan(request, tenant_id):
    return _tenant_action(
        request,
        tenant_id,
        "plan",
        PlanForm(request.POST),
        lambda data: services.change_plan(tenant_id, data["plan"], request.user),
    )


@superadmin_required
@require_POST
def tenant_subscription(request, tenant_id):
    return _tenant_action(
        request,
        tenant_id,
        "subscription",
        SubscriptionForm(request.POST),
        lambda data: services.set_subscription_status(tenant_id, data["status"], request.user),
    )


@superadmin_required
@require_POST
def tenant_suspend(request, tenant_id):
    return _tenant_action(
        request,
        tenant_id,
        "suspend",
        ReasonForm(request.POST),
        lambda data: services.suspend_tenant(tenant_id, data["reason"], request.user),
    )


@superadmin_required
@require_POST
def tenant_reactivate(request, tenant_id):
    return _tenant_action(
        request,
        tenant_id,
        "suspend",
        NoteForm(request.POST),
        lambda data: services.reactivate_tenant(tenant_id, request.user, data["note"]),
    )


@superadmin_required
@require_POST
def store_suspend(request, tenant_id, store_id):
    return _tenant_action(
        request,
        tenant_id,
        f"store-{store_id}",
        ReasonForm(request.POST),
        lambda data: services.suspend_store(tenant_id, store_id, data["reason"], request.user),
    )


@superadmin_required
@require_POST
def store_reactivate(request, tenant_id, store_id):
    return _tenant_action(
        request,
        tenant_id,
        f"store-{store_id}",
        StoreReactivateForm(request.POST),
        lambda data: services.reactivate_store(tenant_id, store_id, request.user),
    )


# --- People ---------------------------------------------------------------------------------------


@superadmin_required
def users(request):
    form = UserSearchForm(request.GET)
    context = {"form": form, "nav": "users"}
    status = 200
    try:
        phone = valid_data(form)["phone"]
    except DomainError as exc:
        context["error"] = exc.message
        status = error_status(request, exc)
    else:
        user = selectors.find_user(phone) if phone else None
        if user is not None:
            return redirect("console:user", phone=user.phone)
        context.update(phone=phone, not_found=bool(phone))
    context["superadmins"] = selectors.registered_superadmins()
    return render(request, "superadmin/users.html", context, status=status)


def _user_context(phone: str) -> dict:
    try:
        user = selectors.get_user(phone)
    except NotFound as exc:
        raise Http404("User not found") from exc
    tenant = None
    if user.tenant_id:
        try:
            tenant = selectors.get_tenant(user.tenant_id)
        except NotFound:
            tenant = None
    return {
        "person": user,
        "tenant": tenant,
        "roles": [(r, services.ROLE_LABELS[r]) for r in services.allowed_roles(user)],
        "role_labels": services.ROLE_LABELS,
        "nav": "users",
        "errors": {},
    }


def _user_action(request, phone, section, action):
    """Run ``action()`` (:func:`run_action`): back to the person with the outcome's message, or their page
    with the refusal beside the section's form and its 4xx."""

    def respond(outcome, error, status):
        if error is not None:
            context = _user_context(phone)
            context["errors"] = {section: error.message}
            return render(request, "superadmin/user_detail.html", context, status=status)
        (messages.success if outcome.changed else messages.info)(request, outcome.message)
        return redirect("console:user", phone=normalize_phone(phone))

    return run_action(request, action, respond, not_found_404=True)


@superadmin_required
def user_detail(request, phone):
    return render(request, "superadmin/user_detail.html", _user_context(phone))


@superadmin_required
@require_POST
def user_active(request, phone):
    form = ActiveForm(request.POST)
    return _user_action(
        request, phone, "active", lambda: services.set_user_active(phone, form.turned_on(), request.user)
    )


@superadmin_required
@require_POST
def user_role(request, phone):
    form = RoleForm(request.POST)
    return _user_action(
        request, phone, "role", lambda: services.change_role(phone, valid_data(form)["role"], request.user)
    )


# --- Audit log ------------------------------------------------------------------------------------


def _audit_scope(data: dict) -> tuple[str, object]:
    """The audit partition to read and its business (None for everyone's feed, PLATFORM or an unknown id):
    an owner's phone reads that person's business (PLATFORM for people without one); NotFound if no account
    uses the phone."""
    query, phone = data["tenant"], data.get("phone")
    if phone:
        person = selectors.find_user(phone)
        if person is None:
            raise NotFound(gettext("No account uses %(phone)s.") % {"phone": query})
        query = person.tenant_id or audit.PLATFORM
    if not query or query == audit.PLATFORM:
        return query, None
    try:
        return query, selectors.get_tenant(query)
    except NotFound:
        return query, None


@superadmin_required
def audit_log(request):
    """The audit log, newest first; ``?tenant=`` takes a business id or its owner's phone."""
    form = AuditFilterForm(request.GET)
    context = {"form": form, "nav": "audit", "entries": [], "page": None}
    status = 200
    try:
        data = valid_data(form)
        tenant_id, tenant = _audit_scope(data)
        context.update(query=data["tenant"], tenant_id=tenant_id, tenant=tenant, is_first_page=not data["cursor"])
        page = selectors.audit_page(tenant_id or None, cursor=data["cursor"])
        context.update(page=page, entries=_entries(page.items))
    except DomainError as exc:
        context["error"] = exc.message
        status = error_status(request, exc)
    return render(request, "superadmin/audit.html", context, status=status)
