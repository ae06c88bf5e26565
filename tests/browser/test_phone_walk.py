"""Every owner page at 360 × 740 on the demo world: no sideways scrolling, nothing fixed taller than 15 %
of the screen, and every tap target (links, buttons, inputs, selects, textareas and <summary> toggles in
the header, nav and main content) at least 44 × 44 px. Checkboxes and radios count by their label when
they sit in one; links inside running text (a sentence around them) are exempt, as in WCAG 2.5.8.
Screenshots of the order desk, an order, the products and the store editor go to test-artifacts/."""

import json
from pathlib import Path

import pytest

from tests.browser.test_owner_orders import sign_in_browser
from tests.page_walk import demo_world, owner_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "phone-360"
SCREENSHOTS = {"order_desk", "order_detail_confirmed", "products", "store_editor"}

CHECK = "\n".join(
    line for line in (Path(__file__).parent / "phone_check.js").read_text().splitlines() if not line.startswith("//")
)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_every_owner_page_fits_a_360_px_phone(phone, live_server):
    world = demo_world()
    sign_in_browser(phone, live_server, world.owner)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {}
    for name, url in owner_pages(world):
        response = phone.goto(url)
        assert response.status == 200, (name, url, response.status)
        phone.wait_for_load_state("load")
        found = phone.evaluate(CHECK)
        if found:
            report[name] = found
        if name in SCREENSHOTS:
            phone.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    (ARTIFACTS / "problems.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    assert report == {}, "see test-artifacts/phone-360/problems.json"


def test_the_phone_menu_opens_on_demand_with_the_places_and_the_store_picker(phone, live_server):
    world = demo_world()
    sign_in_browser(phone, live_server, world.owner)
    phone.goto("/dashboard/")
    bar = phone.locator("header.topbar").bounding_box()
    assert bar["height"] <= 64
    assert not phone.get_by_role("link", name="Orders").is_visible()  # closed until asked for
    phone.locator(".menu-toggle").click()
    assert phone.get_by_role("link", name="Orders").is_visible()
    assert phone.evaluate(CHECK) == []
    phone.screenshot(path=str(ARTIFACTS / "menu-open.png"))
    phone.get_by_role("link", name="Orders").click()
    phone.wait_for_url("**/dashboard/orders/")
    card = phone.locator("tr.order-row").first
    assert card.locator(".btn-next, .more").count() >= 1
