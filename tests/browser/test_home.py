import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_without_console_errors(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Your shop online in one sentence."
    assert page.evaluate("typeof htmx") == "object"
    page.errors.assert_none()
