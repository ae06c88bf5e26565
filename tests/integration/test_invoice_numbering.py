"""Invoice numbers are given when an order becomes a sale, off the checkout request: the job numbers due
sales per store in placement order, unpaid online orders are never numbered (no gap), and the financial
year is the placement date's."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tests.helpers import make_owner, make_product, make_store, random_phone, sign_in
from webdpro import clock
from webdpro.db import Order
from webdpro.db.orders import OrderPaymentStatus
from webdpro.orders import expiry, invoices
from webdpro.orders.placement import Line, place_order


@pytest.fixture
def shop(dynamodb):
    owner, tenant = make_owner()
    store = make_store(tenant, name="Numbering Kirana")
    return owner, tenant, store, make_product(store, name="Poha 1 kg", price="60.00", stock=100)


def buy(store, product, method="COD", minutes_ago=None):
    order = place_order(
        store=store,
        lines=[Line(product.product_id, 1, product.price)],
        customer_name="Meera Iyer",
        customer_phone=random_phone(),
        delivery_address="22 Temple Road, Mylapore",
        pincode="600004",
        payment_method=method,
    ).order
    if minutes_ago is not None:
        order.created_at = clock.iso(clock.now() - timedelta(minutes=minutes_ago))
        Order(order.order_id).update(actions=[Order.created_at.set(order.created_at)])
    return Order.get(order.order_id, consistent_read=True)


def number(order) -> int | None:
    return Order.get(order.order_id, consistent_read=True).invoice_seq


def test_the_job_numbers_sales_in_placement_order_and_leaves_unpaid_orders(shop):
    _, tenant, store, poha = shop
    first = buy(store, poha, minutes_ago=3)
    unpaid = buy(store, poha, method="UPI", minutes_ago=2)
    second = buy(store, poha, minutes_ago=1)
    assert [number(o) for o in (first, unpaid, second)] == [None, None, None]  # nothing numbered at checkout
    out = StringIO()
    call_command("number_invoices", "--tenant", tenant.tenant_id, stdout=out)
    assert "2 invoices numbered, 1 order awaiting payment, 0 unpaid cancelled orders" in out.getvalue()
    assert [number(o) for o in (first, unpaid, second)] == [1, None, 2]
    with pytest.raises(invoices.InvoiceNotIssued):
        invoices.ensure_number(unpaid)
    Order(unpaid.order_id).update(
        actions=[Order.payment_status.set(OrderPaymentStatus.PAID), Order.status.set("CONFIRMED")]
    )
    assert invoices.number_due(tenant_id=tenant.tenant_id)["numbered"] == 1
    assert number(unpaid) == 3  # numbered when it became a sale
    assert invoices.number_due(tenant_id=tenant.tenant_id) == {"tenants": 1, "numbered": 0, "dropped": 0, "waiting": 0}


def test_an_expired_unpaid_order_is_never_numbered_and_leaves_no_gap(shop, client):
    owner, tenant, store, poha = shop
    unpaid = buy(store, poha, method="UPI", minutes_ago=45)
    assert expiry.expire(unpaid) is True
    cod = buy(store, poha)
    stats = invoices.number_due(tenant_id=tenant.tenant_id)
    assert (stats["numbered"], stats["dropped"]) == (1, 1)
    expired = Order.get(unpaid.order_id, consistent_read=True)
    assert expired.status == "CANCELLED" and expired.invoice_seq is None and expired.invoice_due is None
    assert number(cod) == 1
    with pytest.raises(invoices.InvoiceNotIssued):
        invoices.ensure_number(expired)
    sign_in(client, owner)
    response = client.get(f"/dashboard/orders/{unpaid.order_id}/invoice.pdf")
    assert response.status_code == 409 and "issued once the order is paid" in response.content.decode()
    assert invoices._current(store.store_id, invoices.series_of(cod)[2]) == 1


def test_the_owner_order_page_offers_the_invoice_only_for_a_sale(shop, client):
    owner, tenant, store, poha = shop
    unpaid, cod = buy(store, poha, method="UPI"), buy(store, poha)
    sign_in(client, owner)
    unpaid_page = client.get(f"/dashboard/orders/{unpaid.order_id}/").content.decode()
    assert 'id="invoice-link"' not in unpaid_page and "issued once the order is paid" in unpaid_page
    cod_page = client.get(f"/dashboard/orders/{cod.order_id}/").content.decode()
    assert 'id="invoice-link"' in cod_page and "issued once the order is paid" not in cod_page


def test_an_invoice_opened_before_the_job_is_numbered_then(shop, client):
    owner, tenant, store, poha = shop
    order = buy(store, poha)
    sign_in(client, owner)
    response = client.get(f"/dashboard/orders/{order.order_id}/invoice.pdf")
    assert response.status_code == 200 and "BOS-" in response["Content-Disposition"]
    assert number(order) == 1
    assert invoices.number_due(tenant_id=tenant.tenant_id)["numbered"] == 0  # not numbered twice


def test_financial_year_is_the_placement_date(shop):
    _, tenant, store, poha = shop
    order = buy(store, poha)
    last_march = "2027-03-31T18:00:00.000000Z"  # 23:30 IST on 31 March 2027
    Order(order.order_id).update(actions=[Order.created_at.set(last_march)])
    invoices.number_due(tenant_id=tenant.tenant_id)
    fresh = Order.get(order.order_id, consistent_read=True)
    assert (fresh.invoice_fy, fresh.invoice_seq) == ("2026-27", 1)
    assert invoices.number_label(fresh) == "BOS/2026-27/1"
