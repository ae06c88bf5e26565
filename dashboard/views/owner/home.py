"""The owner's dashboard home: today at a glance, orders by status, 30 days of revenue, low stock."""

from functools import lru_cache

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from dashboard.auth import owner_required
from dashboard.converters import UlidConverter
from dashboard.forms import TextOf, valid_data
from dashboard.templatetags.labels import owner_date
from dashboard.views.common import run_action, safe_next
from dashboard.views.owner import home_rows
from dashboard.views.owner.common import CURRENT_STORE, current_store, owner_store
from webdpro.accounts.services import DASHBOARD_LANGUAGES, set_dashboard_language
from webdpro.errors import DomainError
from webdpro.ids import short
from webdpro.labels import label
from webdpro.money import format_inr
from webdpro.orders import selectors
from webdpro.orders.statuses import STATUSES, OrderStatus
from webdpro.orders.workflow import LABELS
from webdpro.products import selectors as product_selectors
from webdpro.products.low_stock import low_stock_rows as low_stock_lines

ID_SLOT = "0" * 26  # a well-formed id in a URL reversed once, replaced by each line's own
WIDGET_ITEMS = 5
WIDGET_READ = 300
CHOOSE_STORE = gettext_lazy("Choose the store from the list.")
CHOOSE_LANGUAGE = gettext_lazy("Choose a language from the list.")


class StoreSwitchForm(forms.Form):
    """The header's store switcher (``?store=<id>``): an id in our format; whose store it is, the view
    checks (another business's store is a 404)."""

    store = forms.RegexField(
        regex=f"^{UlidConverter.regex}$",
        required=False,
        max_length=26,
        error_messages={"invalid": CHOOSE_STORE, "max_length": CHOOSE_STORE},
    )


class LanguageForm(forms.Form):
    """The menu's language form: a language the dashboard is written in, and the page to go back to."""

    language = forms.ChoiceField(
        choices=[(code, code) for code in DASHBOARD_LANGUAGES],
        error_messages={"required": CHOOSE_LANGUAGE, "invalid_choice": CHOOSE_LANGUAGE},
    )
    next = TextOf(concept=gettext_lazy("page to go back to"), max_length=2000, required=False)


@owner_required
def dashboard_home(request):
    try:
        store_id = valid_data(StoreSwitchForm(request.GET))["store"]
    except DomainError as exc:
        return render(request, "errors/domain.html", {"error": exc}, status=exc.status_code)
    if store_id:  # the header's store switcher
        owner_store(request, store_id)
        request.session[CURRENT_STORE] = store_id
        return redirect("owner:home")
    tenant_id = request.tenant.tenant_id
    store = current_store(request)
    # No store yet means no orders yet: skip the order reads (a new owner's first page stays cheap).
    stats = selectors.home_stats(tenant_id) if store else selectors.empty_home_stats()
    short_days, long_days = _day_texts(translation.get_language(), tuple(d for d, _revenue, _count in stats.days))
    chart = {
        "labels": list(short_days),
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
    orders_url = reverse("owner:orders")
    for row in by_status:
        row["url"] = f"{orders_url}?status={row['code']}"
    return render(
        request,
        "owner/home.html",
        {
            "stats": stats,
            # Printed here (home_rows), not per cell in the template: the table under the chart (newest day
            # first), the status bars, the latest orders and the low-stock lines.
            "day_rows": home_rows.day_rows(
                (text, str(count), format_inr(revenue))
                for text, (_day, revenue, count) in zip(reversed(long_days), reversed(stats.days), strict=True)
            ),
            "recent": stats.recent,
            "recent_lines": home_rows.recent_orders(_recent_rows(stats.recent)),
            "low": low_stock_widget(store) if store else None,
            "orders_url": orders_url,
            "chart": chart,
            "status_bars": home_rows.status_bars(by_status),
            "store": store,
            "days": selectors.HOME_DAYS,
            "to_prepare": stats.by_status.get(OrderStatus.CONFIRMED, 0),
            "preparing": stats.by_status.get(OrderStatus.PREPARING, 0),
        },
    )


@lru_cache(maxsize=64)
def _day_texts(language: str | None, days: tuple) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The chart's labels ("02 Dec") and the table's days ("2 Dec 2026") of ``days`` in ``language`` (the
    active one): the same for every request of the day."""
    return tuple(formats.date_format(d, "d M") for d in days), tuple(owner_date(d) for d in days)


def _recent_rows(recent) -> list[dict]:
    """The latest orders' lines: link, number, name, status badge and total as text."""
    detail_url = reverse("owner:order_detail", kwargs={"order_id": ID_SLOT})
    return [
        {
            "url": detail_url.replace(ID_SLOT, o["order_id"]),
            "ref": short(o["order_id"]),
            "customer_name": o["customer_name"],
            "status": o["status"],
            "status_label": label("order_status", o["status"]),
            "total": format_inr(o["total_amount"]),
        }
        for o in recent
    ]


def low_stock_widget(store) -> dict:
    """The home's low-stock card (templates/owner/products/_low_stock_widget.html): active products only
    (hidden starter products are not "out of stock"), one bounded Query over the newest ``WIDGET_READ``
    products (the home stays within its call budget; "see all" reads on), never a Scan. Each line's link
    and badge worked out here."""
    page = product_selectors.list_products(
        store.store_id,
        product_selectors.ProductFilter(low_stock=True, active=True),
        page_size=WIDGET_ITEMS,
        attributes=None,  # whole products: a low variant's line reads the variant
        max_calls=1,
        filtered_batch=WIDGET_READ,
        sign_next=False,  # "see all" opens the full list from its start
    )
    lines = low_stock_lines(page.items)  # a product with variants gives one line per low variant
    product_url = reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": ID_SLOT})
    items = []
    for line in lines[:WIDGET_ITEMS]:
        stock = line.stock
        items.append(
            {
                "url": product_url.replace(ID_SLOT, line.product.product_id),
                "name": line.name,
                "badge": "badge-danger" if stock <= 0 else "badge-warn",
                "text": _("Out of stock") if stock <= 0 else ngettext("%(n)s left", "%(n)s left", stock) % {"n": stock},
            }
        )
    return {
        "items": items,
        "lines": home_rows.low_stock_lines(items),
        "more": page.has_next or len(lines) > WIDGET_ITEMS,
        "see_all": reverse("owner:low_stock", kwargs={"store_id": store.store_id}),
    }


@owner_required
@require_POST
def choose_language(request):
    """The menu's language form: the dashboard in English or Hindi from now on, on every device."""
    form = LanguageForm(request.POST)

    def act():
        data = valid_data(form)
        set_dashboard_language(request.user, data["language"])
        return data

    def respond(data, error, status):
        if error is not None:
            return render(request, "errors/domain.html", {"error": error}, status=status)
        language = data["language"]
        with translation.override(language):
            text = _("The dashboard is now in %(language)s.") % {"language": _language_name(language)}
            messages.success(request, text)
        return redirect(safe_next(request, data["next"], default=reverse("owner:home")))

    return run_action(request, act, respond)


def _language_name(code: str) -> str:
    return dict(settings.LANGUAGES)[code]


urlpatterns = [
    path("", dashboard_home, name="home"),
    path("language", choose_language, name="language"),
]
