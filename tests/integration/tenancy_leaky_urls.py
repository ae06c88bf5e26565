"""A deliberately broken URLconf that the tenancy harness must catch (tests/integration/test_tenancy.py)."""

from django.http import Http404, HttpResponse
from django.urls import include, path
from pynamodb.exceptions import DoesNotExist

from webdpro.db import Order


def leaky_order(request, order_id, **kwargs):
    """WRONG on purpose: any visitor reads any order by id."""
    order = Order.get(order_id)
    return HttpResponse(f"Order {order.order_id} total {order.total_amount}")


def safe_order(request, order_id):
    """Right: only the owner of the order's tenant may read it."""
    try:
        order = Order.get(order_id)
    except DoesNotExist:
        raise Http404 from None
    user = request.user
    if not user or user.role != "BUSINESS_OWNER" or order.tenant_id != user.tenant_id:
        raise Http404
    return HttpResponse(f"Order {order.order_id}")


leaky_patterns = (
    [
        path("orders/<order_id>/", leaky_order, name="order"),
        path("safe/orders/<order_id>/", safe_order, name="safe_order"),
    ],
    "leaky",
)

urlpatterns = [path("leaky/", include(leaky_patterns))]
