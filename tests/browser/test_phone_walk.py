"""Every page at 360 × 740 (owner pages at 414 × 896 too) on the demo world — owner, agent, customer
(storefront, my orders, tracking) and super admin console: no sideways scrolling (of the page, or of a box
such as a table in an overflow-x wrapper), nothing fixed taller than 15 % of the screen, and every tap
target (links, buttons, inputs, selects, textareas and <summary> toggles in the header, nav and main
content) at least 44 × 44 px. Checkboxes and radios count by their label when they sit in one; links inside
running text (a sentence around them) are exempt, as in WCAG 2.5.8. Screenshots of the order desk, an
order, the products and the store editor (and one page of each other audience) go to
test-artifacts/phone-360/."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.urls import reverse

from dashboard.auth import SESSION_PHONE, SESSION_VERSION
from tests.page_walk import agent_pages, console_pages, customer_pages, demo_world, owner_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "phone-360"
SCREENSHOTS = {
    "order_desk",
    "order_detail_confirmed",
    "products",
    "store_editor",
    "agent_home",
    "my_orders",
    "storefront_home",
    "console_home",
}

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


def sign_in(page, live_server, user, **session) -> None:
    """The signed session cookie that sign-in would set (plus ``session``, e.g. the storefront's orders)."""
    store = SessionStore()
    store[SESSION_PHONE] = user.phone
    store[SESSION_VERSION] = user.session_version or 0
    store.update(session)
    store.save()
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": live_server.url}
    page.context.add_cookies([cookie])


def walk(phone, pages, report_name: str) -> dict:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {}
    for name, url in pages:
        response = phone.goto(url)
        assert response.status == 200, (name, url, response.status)
        phone.wait_for_load_state("load")
        found = phone.evaluate(CHECK)
        if found:
            report[name] = found
        if name in SCREENSHOTS:
            phone.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    (ARTIFACTS / f"{report_name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return report


def test_the_check_finds_a_table_that_scrolls_inside_its_box(phone, live_server):
    phone.goto("/")
    phone.set_content(
        '<main><div style="overflow-x:auto"><table><tr><td style="white-space:nowrap">'
        + "wide " * 200
        + "</td></tr></table></div></main>"
    )
    assert any("scrolls sideways inside its box" in problem for problem in phone.evaluate(CHECK))


def test_every_owner_page_fits_a_360_px_phone(phone, live_server):
    world = demo_world()
    sign_in(phone, live_server, world.owner)
    report = walk(phone, owner_pages(world), "problems")
    assert report == {}, "see test-artifacts/phone-360/problems.json"
    for name in ("order_desk", "order_detail_confirmed", "products", "store_editor"):
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 0


def test_every_agent_page_fits_a_360_px_phone(phone, live_server):
    world = demo_world()
    sign_in(phone, live_server, world.agent)
    assert walk(phone, agent_pages(world), "problems-agent") == {}, "see test-artifacts/phone-360/problems-agent.json"


def test_every_customer_page_fits_a_360_px_phone(phone, live_server):
    world = demo_world()
    remembered = {"sf_orders": {world.store.store_id: [o.order_id for o in world.orders[:6]]}}
    sign_in(phone, live_server, world.customer, **remembered)
    report = walk(phone, customer_pages(world), "problems-customer")
    assert report == {}, "see test-artifacts/phone-360/problems-customer.json"


def test_every_console_page_fits_a_360_px_phone(phone, live_server):
    world = demo_world()
    sign_in(phone, live_server, world.superadmin)
    report = walk(phone, console_pages(world), "problems-console")
    assert report == {}, "see test-artifacts/phone-360/problems-console.json"


def test_the_phone_menu_opens_on_demand_with_the_places_and_the_store_picker(phone, live_server):
    world = demo_world()
    sign_in(phone, live_server, world.owner)
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


def test_a_list_is_cards_on_a_phone_and_a_table_on_a_desktop(phone, live_server):
    world = demo_world()
    sign_in(phone, live_server, world.owner)
    phone.goto(reverse("owner:products", kwargs={"store_id": world.store.store_id}))
    table = phone.locator("table.row-cards").first
    assert not table.locator("thead").is_visible()
    row = table.locator("tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "grid"
    action = row.locator(".rc-act .btn").first.bounding_box()
    card = row.bounding_box()
    assert action["height"] >= 44 and action["width"] >= card["width"] * 0.8  # the main action, full width
    assert row.locator("td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content") == '"Price"'
    phone.set_viewport_size({"width": 1024, "height": 768})
    assert table.locator("thead").is_visible()
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"


@pytest.mark.parametrize("width", [768, 1280])
def test_no_list_scrolls_sideways_on_a_tablet_or_a_desktop(browser, live_server, width):
    """A list in a narrow column of a wide page (the variant editor beside a product, the agents beside their
    form) turns into cards by its own width, so nothing scrolls sideways at any width."""
    world = demo_world()
    report = {}
    for user, pages in ((world.owner, owner_pages(world)), (world.superadmin, console_pages(world))):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, live_server, user)
        for name, url in pages:
            page.goto(url)
            found = [problem for problem in page.evaluate(CHECK) if "sideways" in problem]
            if found:
                report[name] = found
        context.close()
    assert report == {}


def test_every_owner_page_fits_a_414_px_phone(browser, live_server):
    """The wide end of the phones the owner runs the shop from (414 × 896): the same checks as at 360 px."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 414, "height": 896}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    world = demo_world()
    sign_in(page, live_server, world.owner)
    report = {}
    for name, url in owner_pages(world):
        page.goto(url)
        found = page.evaluate(CHECK)
        if found:
            report[name] = found
    context.close()
    assert report == {}
