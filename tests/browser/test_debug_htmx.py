"""Under DEBUG (make run) django-htmx's debug script is on the page; refusals that a region renders in
place (a wrong sign-in code: 400, a suspended business: 403) must still swap into their target instead
of replacing the whole document with an unstyled fragment."""

import pytest

from tests.helpers import last_sms_code, make_owner
from webdpro.db import Tenant

pytestmark = pytest.mark.browser


@pytest.fixture
def debug_page(new_page, settings):
    settings.DEBUG = True
    page, errors = new_page(mobile=True)
    return page


def ask_for_code(page, phone):
    page.goto("/accounts/signin/")
    assert page.locator("script[data-debug='True']").count() == 1  # django-htmx's debug handler is active
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    page.get_by_role("heading", name="Enter your code").wait_for()


def assert_whole_page_kept(page):
    assert page.locator("main.auth-card .brand").count() == 1  # the layout around the step is still there
    assert page.locator("link[rel=stylesheet]").count() >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('main.auth-card')).maxWidth") == "420px"


def test_a_wrong_code_under_debug_stays_in_the_sign_in_card(debug_page):
    owner, _ = make_owner()
    ask_for_code(debug_page, owner.phone)
    wrong = "000000" if last_sms_code(owner.phone) != "000000" else "111111"
    debug_page.get_by_label("6-digit code").fill(wrong)
    debug_page.get_by_role("button", name="Sign in").click()
    debug_page.get_by_text("That code is wrong").wait_for()
    assert_whole_page_kept(debug_page)


def test_a_suspended_business_refusal_under_debug_stays_in_the_sign_in_card(debug_page):
    owner, tenant = make_owner(business_name="Shady Traders")
    ask_for_code(debug_page, owner.phone)
    tenant.update(actions=[Tenant.is_suspended.set(True), Tenant.suspension_reason.set("Unpaid invoices")])
    debug_page.get_by_label("6-digit code").fill(last_sms_code(owner.phone))
    debug_page.get_by_role("button", name="Sign in").click()
    debug_page.get_by_text("Unpaid invoices").wait_for()
    assert_whole_page_kept(debug_page)
