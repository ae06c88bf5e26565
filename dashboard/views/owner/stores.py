"""Owner views: the stores list, a new store from one sentence, the store editor, domains, publishing.

Views parse, authorise (``owner_store`` → 404 for anything not the tenant's), call
:mod:`webdpro.stores.services` and render. Each editor card is a partial of ``owner/stores/detail.html``
saved on its own with HTMX; validation errors come back in place with a 4xx.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from dashboard import converters  # noqa: F401  (registers <ulid:…>, <payid:…>, <phone:…>)
from dashboard.auth import owner_required
from dashboard.forms import valid_data
from dashboard.views.common import client_redirect, error_status, run_action
from dashboard.views.owner import store_forms, store_rule_forms
from dashboard.views.owner.common import CURRENT_STORE, owner_store, tenant_stores
from webdpro.accounts.plans import get_plan
from webdpro.errors import DomainError
from webdpro.money import format_inr
from webdpro.products.selectors import product_counts
from webdpro.stores import domains, services
from webdpro.stores.generator import needs_regeneration
from webdpro.stores.statuses import StoreStatus

TEMPLATE = "owner/stores/detail.html"
EXAMPLES = [
    "मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं",
    "A South Indian restaurant called Annapoorna Tiffins serving dosa and idli",
    "Dr. Mehta's Child Clinic in Pune — consultations and vaccinations",
    "meri boutique mein ladies suit aur saree milte hain",
]


# --- list and new ----------------------------------------------------------------------------------
def _plan_usage(request):
    tenant = request.tenant
    plan = get_plan(tenant.plan)
    used = tenant.store_count or 0
    limit = tenant.max_stores or plan.max_stores
    upgrade_url = reverse("owner:billing")
    return {"plan": plan, "used": used, "limit": limit, "at_limit": used >= limit, "upgrade_url": upgrade_url}


@owner_required
@require_GET
def stores(request):
    items = [services.recover_if_stale(store) for store in tenant_stores(request)]
    names = {code: label.split(" — ")[-1] for code, label in services.LANGUAGES}
    rows = [{"store": store, "language": names.get(store.language, store.language)} for store in items]
    return render(request, "owner/stores/list.html", {"rows": rows, "usage": _plan_usage(request)})


@owner_required
@require_http_methods(["GET", "POST"])
def store_new(request):
    usage = _plan_usage(request)
    context = {"usage": usage, "examples": EXAMPLES, "prompt": "", "error": None}
    if request.method == "POST":
        form = store_forms.NewStoreForm(request.POST)
        context["prompt"] = form["prompt"].value() or ""
        try:
            store = services.create_store(request.tenant, valid_data(form)["prompt"], request.user)
        except DomainError as error:
            context["error"] = error.message
            return render(request, "owner/stores/new.html", context, status=error_status(request, error))
        request.session[CURRENT_STORE] = store.store_id
        return client_redirect(request, reverse("owner:store_detail", kwargs={"store_id": store.store_id}))
    return render(request, "owner/stores/new.html", context)


# --- the editor ------------------------------------------------------------------------------------
def _values(store, config):
    """What each editor card shows, from the saved config."""
    contact, payments, seo = (config.get(k, {}) for k in ("contact", "payments", "seo"))
    sections = []
    for section in config.get("sections", []):
        items = section.get("items") or []
        lines = "\n".join(
            f"{i.get('label', '')}: {i.get('value', '')}" if isinstance(i, dict) else str(i) for i in items
        )
        sections.append({**section, "lines": lines})
    return {
        "basics": {
            "name": config.get("name", store.name or ""),
            "tagline": config.get("tagline", ""),
            "language": config.get("language", store.language or "en"),
            "categories": "\n".join(config.get("categories", [])),
            "seo_title": seo.get("title", ""),
            "seo_description": seo.get("description", ""),
        },
        "theme": dict(config.get("theme", {})),
        "sections": sections,
        "contact": dict(contact),
        **_rule_values(config),
        "payments": dict(payments),
        "domain": {"slug": store.slug or "", "custom_domain": store.custom_domain or ""},
    }


def _rule_values(config):
    return store_rule_forms.values(config)


def _context(request, store, **extra):
    config = store.config_dict
    tenant = request.tenant
    fee = services.publish_fee(store, tenant)
    context = {
        "store": store,
        "config": config,
        "values": _values(store, config),
        "errors": {},
        "saved": None,
        "languages": services.LANGUAGES,
        "platform_domain": services.platform_domain(""),
        "preview_link": request.build_absolute_uri(store.preview_url) if store.preview_url else "",
        "fee": fee.fee,
        "fee_due": fee.due,
        "fee_label": format_inr(fee.fee),
        "statuses": {
            status.name: status
            for status in (
                StoreStatus.DRAFT,
                StoreStatus.PAID,
                StoreStatus.PUBLISHED,
                StoreStatus.SUSPENDED,
                StoreStatus.GENERATING,
            )
        },
        "products_url": _products_url(store),
        "regenerate": _regenerate_offer(config),
        "domain_state": domains.domain_state(store),
        **_rule_choices(),
    }
    context.update(extra)
    return context


def _regenerate_offer(config):
    """When the generated text is in another language than the store's: both languages' labels."""
    written_in = needs_regeneration(config) if config else None
    if not written_in:
        return None
    labels = dict(services.LANGUAGES)
    return {"language": config["language"], "to": labels.get(config["language"]), "from": labels.get(written_in)}


def _rule_choices():
    return store_rule_forms.CHOICES


def _products_url(store):
    return reverse("owner:products", kwargs={"store_id": store.store_id})


def _product_counts(store):
    return product_counts(store.store_id)


@owner_required
@require_GET
def store_detail(request, store_id):
    store = services.recover_if_stale(owner_store(request, store_id))
    if store.status == StoreStatus.GENERATING:
        return render(request, "owner/stores/generating.html", {"store": store, "elapsed": _elapsed(store)})
    active, total = _product_counts(store)
    return _render(request, TEMPLATE, _context(request, store, active_products=active, total_products=total))


def _elapsed(store) -> int:
    from webdpro import clock

    return max(0, int((clock.now() - clock.parse(store.updated_at or store.created_at)).total_seconds()))


@owner_required
@require_GET
def store_status(request, store_id):
    """Polled every second by the progress page: the progress fragment, or a reload once generated."""
    store = services.recover_if_stale(owner_store(request, store_id))
    if store.status != StoreStatus.GENERATING:
        if not request.htmx:
            return redirect("owner:store_detail", store_id=store.store_id)
        return HttpResponseClientRefresh()
    return render(request, "owner/stores/generating.html#progress", {"store": store, "elapsed": _elapsed(store)})


@owner_required
@require_POST
def store_retry(request, store_id):
    store = owner_store(request, store_id)
    try:
        services.retry_generation(store, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return client_redirect(request, reverse("owner:store_detail", kwargs={"store_id": store.store_id}))


def _render(request, template, context, status=200):
    """The editor (or one card of it), its own cards drawn from forms bound to what they show."""
    store = context["store"]
    options = {
        "basics": {"languages": services.LANGUAGES},
        "domain": {"domain": store.domain or "", "platform_domain": context["platform_domain"]},
    }
    context["forms"] = store_forms.card_forms(context["values"], context["errors"], options)
    context["forms"]["sections"] = _sections_form(context)
    return render(request, template, context, status=status)


def _sections_form(context):
    """The sections card's form: the one just refused (with its errors), else bound to the saved sections."""
    form = context.get("sections_form") or store_forms.sections_form(context["values"]["sections"])
    return store_forms.show_errors(form, context["errors"], "sections")


def _card(request, store, card, submitted=None, **extra):
    """How a card's save answers (for :func:`run_action`): the card saved, or the card with the refusal on
    the field it names and a 4xx; the whole editor (or a redirect) without HTMX."""

    def respond(updated, error, status):
        if error is not None:
            return _card_refused(request, store, card, error, status, submitted, extra)
        updated = updated or store
        if not request.htmx:
            messages.success(request, _("Saved."))
            return redirect("owner:store_detail", store_id=updated.store_id)
        context = _context(request, updated, saved=card)
        if card == "publish":
            context["active_products"], context["total_products"] = _product_counts(updated)
        return _render(request, f"{TEMPLATE}#card_{card}", context)

    return respond


def _card_refused(request, store, card, error, status, submitted, extra):
    context = _context(request, store, **extra)
    if submitted is not None:
        context["values"][card] = submitted
    context["errors"] = {error.field or card: error.message, "card_error": error.message}
    context["open_card"] = card
    if card == "publish" or not request.htmx:
        context["active_products"], context["total_products"] = _product_counts(store)
    template = f"{TEMPLATE}#card_{card}" if request.htmx else TEMPLATE
    return _render(request, template, context, status=status)


def save_card(request, store, card, action, submitted=None, **extra):
    """Run the card's ``action`` and answer with the card (see :func:`_card`)."""
    return run_action(request, action, _card(request, store, card, submitted, **extra))


def _raise(error):
    raise error


@owner_required
@require_POST
def store_edit_basics(request, store_id):
    store = owner_store(request, store_id)
    form = store_forms.parse("basics", request.POST, languages=services.LANGUAGES)
    return save_card(
        request, store, "basics", lambda: services.update_basics(store, request.user, **form.changes()), form.data
    )


@owner_required
@require_POST
def store_edit_theme(request, store_id):
    store = owner_store(request, store_id)
    form = store_forms.parse("theme", request.POST)
    return save_card(
        request,
        store,
        "theme",
        lambda: services.update_theme(store, request.user, **store_forms.cleaned(form)),
        form.data,
    )


@owner_required
@require_POST
def store_edit_sections(request, store_id):
    store = owner_store(request, store_id)
    saved = store.config_dict.get("sections", [])
    form = store_forms.SectionsForm(request.POST, kinds=[s["type"] for s in saved], auto_id="f-%s")
    return save_card(
        request,
        store,
        "sections",
        lambda: services.update_sections(store, request.user, form.sections()),
        sections_form=form,
    )


@owner_required
@require_POST
def store_edit_contact(request, store_id):
    store = owner_store(request, store_id)
    form = store_forms.parse("contact", request.POST)
    return save_card(
        request,
        store,
        "contact",
        lambda: services.update_contact(store, request.user, **store_forms.cleaned(form)),
        form.data,
    )


@owner_required
@require_POST
def store_edit_delivery(request, store_id):
    store = owner_store(request, store_id)
    form = store_rule_forms.DeliveryFeeForm(request.POST)
    submitted = {name: form.data.get(name, "") for name in ("fee", "free_above", "radius_km")}
    return save_card(
        request,
        store,
        "delivery",
        lambda: services.update_delivery(store, request.user, **valid_data(form)),
        {**submitted, "enabled": form.data.get("enabled") in ("on", "true", "1")},
    )


@owner_required
@require_POST
def store_edit_payments(request, store_id):
    store = owner_store(request, store_id)
    form = store_forms.parse("payments", request.POST)
    return save_card(
        request,
        store,
        "payments",
        lambda: services.update_payments(store, request.user, **store_forms.cleaned(form)),
        form.data,
    )


@owner_required
@require_POST
def store_domain(request, store_id):
    store = owner_store(request, store_id)
    form = store_forms.parse("domain", request.POST)
    submitted = form.submitted({"slug": store.slug or "", "custom_domain": store.custom_domain or ""})

    def action():
        changes, updated = form.changes(), store
        if "slug" in changes:
            updated = services.change_slug(updated, changes["slug"], request.user)
        if "custom_domain" in changes:
            updated = services.set_custom_domain(updated, changes["custom_domain"], request.user)
        return updated

    return save_card(request, store, "domain", action, submitted)


@owner_required
@require_POST
def store_domain_check(request, store_id):
    """ "Check now": look the custom domain's DNS records up and show the result on the card."""
    store = owner_store(request, store_id)
    return save_card(request, store, "domain", lambda: domains.check_now(store) and None)


@owner_required
@require_POST
def store_publish(request, store_id):
    store = owner_store(request, store_id)
    try:
        services.publish(store, request.user, tenant=request.tenant)
    except services.PaymentRequired:
        # The plan has a publish fee: pay it through the gateway; on capture the store is published.
        return client_redirect(request, reverse("owner:publish_fee", kwargs={"store_id": store.store_id}))
    except DomainError as error:
        problem = error
        return save_card(request, store, "publish", lambda: _raise(problem))
    return save_card(request, store, "publish", lambda: store)


@owner_required
@require_POST
def store_unpublish(request, store_id):
    store = owner_store(request, store_id)
    return save_card(request, store, "publish", lambda: services.unpublish(store, request.user))


@owner_required
@require_POST
def store_regenerate(request, store_id):
    """Rewrite the store's generated text in the chosen language (keeping, or with mode=replace
    replacing, the owner's own text), then show the whole editor again."""
    store = owner_store(request, store_id)
    form = store_forms.RegenerateForm(request.POST)
    try:
        language, replace_edits = form.regeneration()
        result = services.regenerate_content(store, language, replace_edits, by=request.user)
    except DomainError as error:
        failure = error
        return save_card(request, store, "basics", lambda: _raise(failure))
    label = dict(services.LANGUAGES).get(result.store.language, result.store.language)
    messages.success(
        request,
        ngettext(
            "Your store's text is now in %(language)s (%(count)d starter product renamed).",
            "Your store's text is now in %(language)s (%(count)d starter products renamed).",
            result.products,
        )
        % {"language": label, "count": result.products},
    )
    return client_redirect(request, reverse("owner:store_detail", kwargs={"store_id": store.store_id}))


urlpatterns = [
    path("stores/", stores, name="stores"),
    path("stores/new/", store_new, name="store_new"),
    path("stores/<ulid:store_id>/", store_detail, name="store_detail"),
    path("stores/<ulid:store_id>/status/", store_status, name="store_status"),
    path("stores/<ulid:store_id>/retry/", store_retry, name="store_retry"),
    path("stores/<ulid:store_id>/edit/basics/", store_edit_basics, name="store_edit_basics"),
    path("stores/<ulid:store_id>/edit/theme/", store_edit_theme, name="store_edit_theme"),
    path("stores/<ulid:store_id>/edit/sections/", store_edit_sections, name="store_edit_sections"),
    path("stores/<ulid:store_id>/edit/contact/", store_edit_contact, name="store_edit_contact"),
    path("stores/<ulid:store_id>/edit/delivery/", store_edit_delivery, name="store_edit_delivery"),
    path("stores/<ulid:store_id>/edit/payments/", store_edit_payments, name="store_edit_payments"),
    path("stores/<ulid:store_id>/domain/", store_domain, name="store_domain"),
    path("stores/<ulid:store_id>/domain/check/", store_domain_check, name="store_domain_check"),
    path("stores/<ulid:store_id>/publish/", store_publish, name="store_publish"),
    path("stores/<ulid:store_id>/unpublish/", store_unpublish, name="store_unpublish"),
    path("stores/<ulid:store_id>/regenerate/", store_regenerate, name="store_regenerate"),
]
