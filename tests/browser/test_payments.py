"""A customer pays in the sandbox, on a phone: success confirms the order; a failure leaves it
PENDING_PAYMENT with a Retry that then succeeds."""
import pytest

from tests.helpers import make_order, make_owner, make_product, make_store
from webdpro.db import Order, Payment
from webdpro.payments import access

pytestmark = pytest.mark.browser


@pytest.fixture
def order(settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""
    _, tenant = make_owner()
    store = make_store(tenant, name="Sharma Kirana")
    return make_order(store, [make_product(store, name="Toor Dal 1kg", price="145.00")], status="PENDING_PAYMENT",
                      payment_method="UPI")


def test_sandbox_upi_payment_confirms_the_order(new_page, order):
    page, errors = new_page(mobile=True)
    page.goto(access.signed_pay_url(order.order_id))
    assert page.get_by_text("SANDBOX — no real money").is_visible()
    assert "?t=" not in page.url  # the token left the address bar
    assert page.get_by_test_id("amount").inner_text() == "₹175.00"
    page.get_by_role("button", name="Pay ₹175.00 (sandbox)").click()
    page.get_by_test_id("pay-state").wait_for()
    assert "Payment received" in page.get_by_test_id("pay-state").inner_text()
    fresh = Order.get(order.order_id)
    assert fresh.status == "CONFIRMED" and fresh.payment_status == "PAID"
    assert Payment.get(fresh.tenant_id, fresh.razorpay_order_id).status == "CAPTURED"
    errors.assert_none()


def test_sandbox_failure_leaves_the_order_pending_with_a_retry(new_page, order):
    page, errors = new_page(mobile=True)
    page.goto(access.signed_pay_url(order.order_id))
    page.get_by_label("Card").check()
    page.get_by_role("button", name="Fail this payment (sandbox)").click()
    page.get_by_test_id("pay-state").wait_for()
    assert "Payment failed" in page.get_by_test_id("pay-state").inner_text()
    fresh = Order.get(order.order_id)
    assert fresh.status == "PENDING_PAYMENT" and fresh.payment_status == "FAILED"
    retry = page.get_by_role("button", name="Retry — pay ₹175.00 (sandbox)")
    assert retry.is_visible()
    page.get_by_label("Card").check()
    retry.click()
    page.get_by_text("Payment received").wait_for()
    fresh = Order.get(order.order_id)
    assert fresh.status == "CONFIRMED" and fresh.payment_status == "PAID"
    assert Payment.get(fresh.tenant_id, fresh.razorpay_order_id).payment_method == "CARD"
    errors.assert_none()
