"""Helpers shared by the owner's views: the tenant's stores, the current store, the nav."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from webdpro.errors import NotFound
from webdpro.stores.selectors import get_store, list_store_names, list_stores

CURRENT_STORE = "current_store_id"


def owner_store(request, store_id):
    """The signed-in owner's store with this id, or 404. Remembers it as the current store.

    A page (GET) finds it among the tenant's stores, which its navigation reads anyway (one Query per
    request for both); a write reads the store itself (one GetItem)."""
    if request.method in ("GET", "HEAD"):
        store = next((s for s in tenant_stores(request) if s.store_id == store_id), None)
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


def nav_stores(request):
    """The tenant's stores as the navigation shows them (id, name, status, suspension reason): the full
    stores if this request read them already, else one projected Query (read once per request). A view
    that needs whole stores calls :func:`tenant_stores` before anything calls this."""
    if hasattr(request, "_tenant_stores"):
        return request._tenant_stores
    if not hasattr(request, "_nav_stores"):
        request._nav_stores = list_store_names(request.tenant.tenant_id) if request.tenant else []
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


# (label, url name, needs a store id, under "More" in the desktop top bar): items that need a store are left
# out until the owner has one.
NAV = [
    (_("Home"), "owner:home", False, False),
    (_("Stores"), "owner:stores", False, True),
    (_("Products"), "owner:products", True, False),
    (_("Customers"), "owner:customers", True, False),
    (_("Coupons"), "owner:coupons", True, True),
    (_("Tax"), "owner:tax", True, True),
    (_("Orders"), "owner:orders", False, False),
    (_("Deliveries"), "owner:deliveries", False, False),
    (_("Agents"), "owner:agents", False, True),
    (_("Payments"), "owner:payments", False, False),
    (_("Billing"), "owner:billing", False, True),
]


def owner_nav(request, active=None):
    store = None
    items = []
    for label, name, needs_store, more in NAV:
        kwargs = {}
        if needs_store:
            store = store or current_store(request)
            if not store:
                continue
            kwargs = {"store_id": store.store_id}
        url = reverse(name, kwargs=kwargs)
        items.append({"label": label, "url": url, "active": name == active, "name": name, "more": more})
    return items
