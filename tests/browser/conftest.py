"""Playwright (sync API) driving Debian's /usr/bin/chromium against pytest-django's live_server."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does this)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class PageErrors(list):
    def assert_none(self):
        assert not self, "browser console errors:\n" + "\n".join(self)


@pytest.fixture
def new_page(browser, live_server):
    """``page, errors = new_page(mobile=True)``: a fresh context; console errors are collected."""
    contexts = []

    def factory(mobile=False):
        context = browser.new_context(
            base_url=live_server.url, viewport=PHONE_VIEWPORT if mobile else None, is_mobile=mobile, has_touch=mobile
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors = PageErrors()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page, errors

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    page, errors = new_page()
    page.errors = errors
    return page
