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
from tests.helpers import make_store
from tests.page_walk import agent_pages, console_pages, customer_pages, demo_world, owner_pages
from webdpro.db import DomainClaim, Tenant

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


CHIPS = (
    '<nav {mark} style="overflow-x:auto"><ul style="display:flex;margin:0;padding:0;list-style:none">'
    + ('<li><a href="#" style="display:inline-flex;min-height:44px;min-width:120px">chip</a></li>' * 10)
    + "</ul></nav>"
)


def boxed(problems: list[str]) -> list[str]:
    return [problem for problem in problems if "scrolls sideways inside its box" in problem]


def test_only_a_row_marked_data_scroll_x_may_scroll_sideways(phone, live_server):
    phone.goto("/")
    phone.set_content("<main>" + CHIPS.format(mark="") + "</main>")
    assert boxed(phone.evaluate(CHECK)), "an unmarked row that scrolls sideways fails"
    phone.set_content("<main>" + CHIPS.format(mark="data-scroll-x") + "</main>")
    assert phone.evaluate(CHECK) == []
    tall = CHIPS.format(mark="data-scroll-x").replace(
        "display:flex;", "display:grid;grid-template-columns:repeat(5,120px);"
    )
    phone.set_content("<main>" + tall + "</main>")
    assert boxed(phone.evaluate(CHECK)), "a marked box more than one row tall still fails"
    phone.set_content('<main><div data-scroll-x style="width:800px">wide</div></main>')
    assert any(p.startswith("sideways scroll") for p in phone.evaluate(CHECK)), "the mark never excuses the page"


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


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_desktop_top_bar_is_one_line(browser, live_server, width):
    """From 1024 px the top bar is one line (logo, store picker, the main places, and a "More" menu holding the
    other places, the dashboard language and sign out): ≤ 72 px tall on every owner and console page, for an
    owner with two stores (so the store picker shows)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    world = demo_world()
    tenant = Tenant.get(world.owner.tenant_id)
    branch = make_store(tenant, name="Lakshmi Silks Koramangala branch")
    try:
        _walk_top_bar(browser, live_server, world, width)
    finally:  # the demo world keeps its one store for the tests that come after
        DomainClaim(branch.domain).delete()
        branch.delete()
        Tenant(tenant.tenant_id).update(actions=[Tenant.store_count.add(-1)])


def _walk_top_bar(browser, live_server, world, width):
    tall = {}
    for user, pages in ((world.owner, owner_pages(world)), (world.superadmin, console_pages(world))):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 800})
        page = context.new_page()
        sign_in(page, live_server, user)
        for name, url in pages if width == 1280 else pages[:1]:
            page.goto(url)
            if name == "order_slip":  # a print page: no top bar
                continue
            height = page.locator("header.topbar").bounding_box()["height"]
            if height > 72:
                tall[name] = round(height)
        if user is world.owner:
            page.goto("/dashboard/")
            page.screenshot(
                path=str(ARTIFACTS / f"topbar-{width}.png"), clip={"x": 0, "y": 0, "width": width, "height": 400}
            )
            assert page.locator("#store-switcher").is_visible()
            assert page.get_by_role("link", name="Orders").is_visible()
            assert not page.locator("#dashboard-language").is_visible()  # tucked into the More menu
            page.locator(".more-menu > summary").click()
            assert page.locator("#dashboard-language").is_visible()
            assert page.get_by_role("button", name="Sign out", exact=True).is_visible()
            assert page.get_by_role("link", name="Billing").is_visible()
            page.screenshot(
                path=str(ARTIFACTS / f"topbar-{width}-more.png"), clip={"x": 0, "y": 0, "width": width, "height": 400}
            )
            if width == 1024:  # the longer Hindi names still fit on one line
                page.locator("#dashboard-language").select_option("hi")
                page.locator("html[lang=hi]").wait_for(state="attached")
                assert page.locator("header.topbar").bounding_box()["height"] <= 72
                page.locator(".more-menu > summary").click()
                page.locator("#dashboard-language").select_option("en")
                page.locator("html[lang=en]").wait_for(state="attached")
        context.close()
    assert tall == {}


def test_the_storefront_categories_are_one_row_of_chips_that_scrolls(browser, live_server):
    """At 360 px the demo shop's eight categories are one row of 44 px chips that scrolls sideways by design
    (marked data-scroll-x); the header is short, and wherever it stays fixed (sticky) it takes < 15 % of a
    740 px high screen."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    world = demo_world()
    url = reverse("storefront:home", kwargs={"slug": world.store.slug})
    for width in (360, 768, 1280):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 740})
        page = context.new_page()
        page.goto(url)
        header, cats = page.locator("header.sf-header"), page.locator("nav.sf-cats")
        chips = [cats.locator("a").nth(i).bounding_box() for i in range(cats.locator("a").count())]
        assert len(chips) == 8 and len({round(chip["y"]) for chip in chips}) == 1, width  # one row
        assert all(chip["height"] >= 44 for chip in chips) or width >= 900, width
        assert cats.get_attribute("data-scroll-x") is not None
        position = header.evaluate("el => getComputedStyle(el).position")
        height = header.bounding_box()["height"]
        assert height < 740 * 0.15 if position in ("fixed", "sticky") else height <= 170, (width, position, height)
        if width == 360:
            assert cats.evaluate("el => el.scrollWidth > el.clientWidth")  # more chips than the screen holds
            assert page.evaluate(CHECK) == []
            page.screenshot(
                path=str(ARTIFACTS / "storefront-categories.png"), clip={"x": 0, "y": 0, "width": 360, "height": 300}
            )
            cats.locator("a").last.click()  # scrolled into view and tapped
            page.wait_for_url("**/category/?c=*")
            assert page.locator("nav.sf-cats a[aria-current=page]").bounding_box()["x"] >= 0
        context.close()
