import functools

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from webdpro.accounts.plans import PlanCode
from webdpro.accounts.roles import Role
from webdpro.delivery.statuses import CollectionMethod, DeliveryStatus
from webdpro.orders.statuses import Fulfilment, OrderStatus, PaymentMethod
from webdpro.payments.statuses import PaymentStatus, PayoutStatus, SubscriptionStatus, TransferStatus
from webdpro.stores.statuses import StoreStatus

# Templates compare with the members (`order.status == OrderStatus.CANCELLED`, `user.role == Role.BUSINESS_OWNER`),
# never with a code.
STATUS_CHOICES = {
    cls.__name__: cls
    for cls in (
        CollectionMethod,
        DeliveryStatus,
        Fulfilment,
        OrderStatus,
        PaymentMethod,
        PaymentStatus,
        PayoutStatus,
        PlanCode,
        Role,
        StoreStatus,
        SubscriptionStatus,
        TransferStatus,
    )
}


@functools.cache
def _dashboard_languages(codes) -> list:
    names = dict(settings.LANGUAGES)
    return [(code, names[code]) for code in codes]


def webdpro(request):
    context = {"PLATFORM_DOMAIN": settings.PLATFORM_DOMAIN, "DEBUG": settings.DEBUG, **STATUS_CHOICES}
    match = getattr(request, "resolver_match", None)
    if match and match.namespace == "owner":
        from dashboard.views.owner.common import OwnerFrame, current_store, nav_stores, owner_nav

        # Lazy: only pages that show the nav or the switcher pay for the one stores Query (projected, unless
        # the view read the whole stores already).
        context["owner_nav"] = SimpleLazyObject(lambda: owner_nav(request, active=match.view_name))
        context["owner_stores"] = SimpleLazyObject(lambda: nav_stores(request))
        context["current_store"] = SimpleLazyObject(lambda: current_store(request))
        context["owner_frame"] = OwnerFrame(request, active=match.view_name)  # what the kept frame prints
        from webdpro import clock
        from webdpro.accounts.services import DASHBOARD_LANGUAGES

        context["dashboard_languages"] = _dashboard_languages(DASHBOARD_LANGUAGES)
        context["alert_since"] = clock.now_iso()  # alert on orders placed after this page was shown
        context["alert_poll_seconds"] = settings.OWNER_ALERT_POLL_SECONDS
    return context
