"""The payouts journey in Chromium: the owner sets up "Get paid" (under review, then activated), a
customer pays by UPI, the agent delivers, and the owner's settlements ledger shows the order released,
then settled — all through the sandbox (Razorpay Route is never called)."""

import re

import pytest

from tests.browser.test_delivery_journey import _sign_in
from tests.helpers import make_agent, make_order, make_owner, make_product, make_store
from tests.route_payloads import FORM
from webdpro.db import Order
from webdpro.payments import access

pytestmark = pytest.mark.browser


def _fill_payout_form(page):
    for name, value in FORM.items():
        field = page.locator(f'[name="{name}"]')
        if name in ("business_type", "category"):
            field.select_option(value)
        else:
            field.fill(value)


def test_owner_gets_paid_after_delivery(new_page, live_server, settings):
    from webdpro import sms
    from webdpro.delivery import services as delivery

    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    settings.ROUTE_SANDBOX_ACTIVATION_SECONDS = 4
    settings.ROUTE_SANDBOX_SETTLEMENT_SECONDS = 4
    owner, tenant = make_owner(name="Ramesh")
    store = make_store(tenant, name="Sharma Kirana")
    product = make_product(store, name="Toor Dal 1 kg", price="450.00")
    agent = make_agent(tenant, name="Vijay")

    # The owner: Payments → Get paid; a wrong IFSC is refused with the field named, then fixed.
    page, errors = new_page(mobile=True)
    page.set_viewport_size({"width": 360, "height": 740})
    _sign_in(page, live_server, owner)
    page.goto("/dashboard/payments/")
    assert "held by WebDPro until you finish payout setup" in page.get_by_test_id("held-notice").inner_text()
    page.get_by_test_id("get-paid-link").click()
    assert page.get_by_test_id("payout-status").inner_text() == "Not started"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the form fits a phone
    _fill_payout_form(page)
    page.locator('[name="ifsc"]').fill("HDFC1000317")
    page.get_by_role("button", name="Send for review").click()
    assert "valid IFSC" in page.locator('[data-field="ifsc"]').inner_text()
    assert page.locator('[name="account_number"]').input_value() == ""  # never written back
    _fill_payout_form(page)
    page.get_by_role("button", name="Send for review").click()
    assert page.get_by_test_id("payout-status").inner_text() == "Under review"
    assert "ending 3456" in page.get_by_test_id("bank-masked").inner_text()
    assert "1234567890123456" not in page.content()
    # The status card polls (HTMX) until Razorpay's review (the sandbox's, 4 s) activates the account.
    page.locator('[data-testid="payout-status"]', has_text="Activated").wait_for(timeout=20_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # A customer pays by UPI in the sandbox.
    order = make_order(store, [product], status="PENDING_PAYMENT", payment_method="UPI")
    customer, customer_errors = new_page(mobile=True)
    customer.goto(access.signed_pay_url(order.order_id))
    customer.get_by_role("button", name="Pay ₹480.00 (sandbox)").click()
    customer.get_by_test_id("pay-state").wait_for()
    customer_errors.assert_none()

    # The owner's ledger: held until delivery.
    page.goto("/dashboard/payments/settlements/")
    row = page.locator(f'tr[data-order="{order.order_id}"]')
    assert row.get_by_test_id("transfer-status").inner_text() == "Held"
    assert "₹9.60" in row.inner_text() and "₹470.40" in row.inner_text()

    # The agent delivers it (assigned by the owner; picked up, trip started, the customer's code).
    delivery.assign(Order.get(order.order_id), agent, owner.user_id)
    agent_page, agent_errors = new_page(mobile=True)
    agent_page.context.grant_permissions(["geolocation"])
    agent_page.context.set_geolocation({"latitude": 12.97, "longitude": 77.59, "accuracy": 20})
    _sign_in(agent_page, live_server, agent)
    agent_page.goto("/agent/")
    agent_page.locator('[data-testid="delivery-card"]').first.click()
    agent_page.get_by_role("button", name="Picked up").click()
    agent_page.get_by_role("button", name=re.compile("Start trip")).click()
    code = next(
        re.search(r"delivery code is (\d{4})", m["body"]).group(1)
        for m in reversed(sms.outbox)
        if m["to"] == order.customer_phone and "delivery code" in m["body"]
    )
    agent_page.locator("#code").fill(code)
    agent_page.get_by_role("button", name="Delivered").click()
    agent_page.get_by_test_id("delivered-summary").wait_for()
    agent_errors.assert_none()

    # Released at once, settled by Razorpay (the sandbox, 4 s) later.
    page.goto("/dashboard/payments/settlements/")
    assert row.get_by_test_id("transfer-status").inner_text() == "Released"
    for _ in range(20):
        page.wait_for_timeout(1000)
        page.reload()
        if row.get_by_test_id("transfer-status").inner_text() == "Settled":
            break
    assert row.get_by_test_id("transfer-status").inner_text() == "Settled"
    assert "setl_SBX" in row.inner_text()
    assert page.get_by_test_id("total-today").inner_text() == "₹470.40"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    errors_left = [e for e in errors if "status of 400" not in e]  # the refused IFSC answers 400
    assert errors_left == [], errors_left
