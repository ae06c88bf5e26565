"""The owner's dashboard home: today at a glance, orders by status, 30 days of revenue, low stock."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dashboard.auth import owner_required
from dashboard.views.common import safe_next
from dashboard.views.owner.common import CURRENT_STORE, current_store, owner_store
from webdpro.accounts.services import set_dashboard_language
from webdpro.errors import DomainError
from webdpro.orders import selectors
from webdpro.orders.statuses import STATUSES, OrderStatus
from webdpro.orders.workflow import LABELS


@owner_required
def dashboard_home(request):
    store_id = request.GET.get("store")
    if store_id:  # the header's store switcher
        owner_store(request, store_id)
        request.session[CURRENT_STORE] = store_id
        return redirect("owner:home")
    tenant_id = request.tenant.tenant_id
    store = current_store(request)
    # No store yet means no orders yet: skip the order reads (a new owner's first page stays cheap).
    stats = selectors.home_stats(tenant_id) if store else selectors.empty_home_stats()
    chart = {
        "labels": [formats.date_format(d, "d M") for d, _revenue, _count in stats.days],
        "revenue": [str(revenue) for _day, revenue, _count in stats.days],
        "orders": [count for _day, _revenue, count in stats.days],
    }
    peak = max(stats.by_status.values(), default=0)
    by_status = [
        {
            "code": s,
            "label": LABELS[s],
            "count": stats.by_status.get(s, 0),
            "pct": round(100 * stats.by_status.get(s, 0) / peak) if peak else 0,
        }
        for s in STATUSES
    ]
    return render(
        request,
        "owner/home.html",
        {
            "stats": stats,
            "chart": chart,
            "by_status": by_status,
            "store": store,
            "days": selectors.HOME_DAYS,
            "to_prepare": stats.by_status.get(OrderStatus.CONFIRMED, 0),
            "preparing": stats.by_status.get(OrderStatus.PREPARING, 0),
        },
    )


@owner_required
@require_POST
def choose_language(request):
    """The menu's language form: the dashboard in English or Hindi from now on, on every device."""
    language = request.POST.get("language", "")
    try:
        set_dashboard_language(request.user, language)
    except DomainError as exc:
        return render(request, "errors/domain.html", {"error": exc}, status=exc.status_code)
    with translation.override(language):
        messages.success(request, _("The dashboard is now in %(language)s.") % {"language": _language_name(language)})
    return redirect(safe_next(request, default=reverse("owner:home")))


def _language_name(code: str) -> str:
    return dict(settings.LANGUAGES)[code]


urlpatterns = [
    path("", dashboard_home, name="home"),
    path("language", choose_language, name="language"),
]
