"""Helpers shared by the owner's views: the tenant's stores, the current store, the nav."""

from django.http import Http404
from django.urls import get_script_prefix, reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from webdpro.errors import NotFound
from webdpro.stores.selectors import get_store, list_store_names, list_stores

CURRENT_STORE = "current_store_id"


def owner_store(request, store_id, config: tuple[str, ...] | None = None):
    """The signed-in owner's store with this id, or 404. Remembers it as the current store.

    A page (GET) finds it among the tenant's stores, which its navigation reads anyway (one Query per
    request for both): whole, or with ``config`` (keys of its config map) only the navigation's attributes
    and those keys, for a page that shows no more of its store (:func:`nav_stores`); a write reads the store
    itself (one GetItem)."""
    if request.method in ("GET", "HEAD"):
        stores = tenant_stores(request) if config is None else nav_stores(request, config)
        store = next((s for s in stores if s.store_id == store_id), None)
        if store is None:
            raise Http404("Store not found")
    else:
        try:
            store = get_store(request.tenant.tenant_id, store_id)
        except NotFound as exc:
            raise Http404("Store not found") from exc
    if request.session.get(CURRENT_STORE) != store.store_id:
        request.session[CURRENT_STORE] = store.store_id
    return store


def owner_order(request, order_id):
    """The signed-in owner's order with this id (any of the tenant's stores), or 404."""
    from webdpro.orders.selectors import order_for_owner

    try:
        return order_for_owner(request.tenant.tenant_id, order_id)
    except NotFound as exc:
        raise Http404("Order not found") from exc


def tenant_stores(request):
    """The tenant's stores, read once per request (one Query)."""
    if not hasattr(request, "_tenant_stores"):
        request._tenant_stores = list_stores(request.tenant.tenant_id) if request.tenant else []
    return request._tenant_stores


def nav_stores(request, config: tuple[str, ...] = ()):
    """The tenant's stores as the navigation shows them (id, name, status, suspension reason): the full
    stores if this request read them already, else one projected Query (read once per request; the first
    call's ``config`` keys of the config map are read too). A view that needs whole stores calls
    :func:`tenant_stores` before anything calls this, one that needs config keys ``owner_store(…, config)``."""
    if hasattr(request, "_tenant_stores"):
        return request._tenant_stores
    if not hasattr(request, "_nav_stores"):
        request._nav_stores = list_store_names(request.tenant.tenant_id, config) if request.tenant else []
    return request._nav_stores


def current_store(request):
    """The store the owner is working on (as the navigation shows it): the remembered one, else their
    first store."""
    stores = nav_stores(request)
    wanted = request.session.get(CURRENT_STORE)
    for store in stores:
        if store.store_id == wanted:
            return store
    return stores[0] if stores else None


class OwnerFrame:
    """The owner's page frame (app_base.html's header, owner/base.html's notices): ``frame_key`` names all it
    prints but the language, the script prefix, fixed settings and its ``{% live %}`` parts (CSRF token,
    the page's address, the clock), so ``{% frame %}`` keeps it per owner and page
    (dashboard/templatetags/fragments.py)."""

    def __init__(self, request, active):
        self.request, self.active = request, active

    @cached_property
    def frame_key(self) -> tuple:
        request = self.request
        user, tenant = request.user, request.tenant
        store = current_store(request)
        return (
            user.phone,
            user.name,
            user.role,
            tenant.tenant_id if tenant else None,
            tenant.is_suspended if tenant else None,
            tenant.suspension_reason if tenant else None,
            tuple((s.store_id, s.name, s.status, s.suspension_reason) for s in nav_stores(request)),
            store.store_id if store else None,
            self.active,
        )


# (label, url name, needs a store id, under "More" in the desktop top bar): items that need a store are left
# out until the owner has one.
NAV = [
    (gettext_lazy("Home"), "owner:home", False, False),
    (gettext_lazy("Stores"), "owner:stores", False, True),
    (gettext_lazy("Products"), "owner:products", True, False),
    (gettext_lazy("Customers"), "owner:customers", True, False),
    (gettext_lazy("Coupons"), "owner:coupons", True, True),
    (gettext_lazy("Tax"), "owner:tax", True, True),
    (gettext_lazy("Orders"), "owner:orders", False, False),
    (gettext_lazy("Deliveries"), "owner:deliveries", False, False),
    (gettext_lazy("Agents"), "owner:agents", False, True),
    (gettext_lazy("Payments"), "owner:payments", False, False),
    (gettext_lazy("Billing"), "owner:billing", False, True),
]


ID_SLOT = "0" * 26  # a well-formed store id, replaced by the current store's
_nav_links: dict = {}  # (script prefix, url name) → its link, with "{}" for the store id


def _nav_link(name: str, needs_store: bool) -> str:
    key = (get_script_prefix(), name)
    if key not in _nav_links:
        link = reverse(name, kwargs={"store_id": ID_SLOT} if needs_store else {})
        _nav_links[key] = escape(link.replace("{", "{{").replace("}", "}}").replace(ID_SLOT, "{0}"))
    return _nav_links[key]


class OwnerNav(list):
    """The navigation's items (label, url, active, name, more), and each part of it as HTML: ``main`` (the
    top bar, with the count of orders awaiting acceptance on "Orders") and ``more`` (under "More")."""

    def _links(self, more: bool) -> SafeString:
        out = []
        for item in self:
            if item["more"] != more:
                continue
            active = ' class="active" aria-current="page"' if item["active"] else ' class=""'
            count = ""
            if item["name"] == "owner:orders" and not more:
                waiting = escape(_("%s orders waiting for you to accept"))
                count = f' <span class="nav-count" id="nav-awaiting" hidden data-label="{waiting}"></span>'
            out.append(f'<a href="{item["url"]}"{active}>{escape(item["label"])}{count}</a>')
        return SafeString("".join(out))

    @property
    def main(self) -> SafeString:
        return self._links(more=False)

    @property
    def more(self) -> SafeString:
        return self._links(more=True)


def owner_nav(request, active=None):
    store = None
    items = OwnerNav()
    for label, name, needs_store, more in NAV:
        url = _nav_link(name, needs_store)
        if needs_store:
            store = store or current_store(request)
            if not store:
                continue
            url = url.format(escape(store.store_id))
        items.append({"label": label, "url": url, "active": name == active, "name": name, "more": more})
    return items
