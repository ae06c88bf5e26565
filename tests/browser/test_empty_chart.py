"""A new owner's revenue chart has no sales yet: its axis must not read ₹0 ₹0 ₹1 ₹1 (Chart.js's 0–1 range
in whole rupees)."""

import pytest

from tests.browser.test_owner_orders import sign_in_browser
from tests.helpers import make_owner, make_store

pytestmark = pytest.mark.browser


def test_the_empty_revenue_chart_has_a_readable_axis(new_page, live_server):
    owner, tenant = make_owner()
    make_store(tenant)
    page, errors = new_page()
    sign_in_browser(page, live_server, owner)
    page.goto("/dashboard/", timeout=60_000)
    page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('revenue-chart'))")
    labels = page.evaluate("Chart.getChart(document.getElementById('revenue-chart')).scales.y.ticks.map(t => t.label)")
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels
    assert labels[0] == "₹0" and labels[-1] != "₹1", labels
    orders = page.evaluate("Chart.getChart(document.getElementById('revenue-chart')).scales.y1.ticks.map(t => t.label)")
    assert len(set(orders)) == len(orders), orders
    errors.assert_none()
