"""One storefront per served language at 390 px: its buttons are in that language's script, its glyphs are
rendered by a real font (not boxes), and a screenshot of each is kept in test-artifacts/."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import make_owner, make_product, make_store
from tests.unit.test_translations import SCRIPTS
from webdpro.demo import demo_config

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LATIN = "A-Za-z"

# Width of a text in the page's own font vs. in a font that has no glyphs for the script: equal widths for
# every script sample would mean the browser drew boxes (tofu) for all of them.
RENDERS = """(text) => {
  const c = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(document.body).fontFamily;
  c.font = `20px ${family}`;
  const real = c.measureText(text).width;
  c.font = '20px "WebDPro No Such Font", monospace';
  return {real, fallback: c.measureText(text).width, family};
}"""


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_storefront_buttons_are_in_the_store_language(new_page, code):
    _, tenant = make_owner()
    config = demo_config(f"Store {code}")
    config["language"] = code
    store = make_store(tenant, name=f"Store {code}", slug=f"lang-{code}", language=code, config=config)
    make_product(store, name="Toor Dal 1 kg", price="165.00", stock=10, category="Staples")

    page, errors = new_page(mobile=True)
    page.goto(f"/s/{store.slug}/")
    assert page.locator("html").get_attribute("lang") == code
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    buttons = [b.strip() for b in page.locator("main button, main a.sf-btn").all_inner_texts() if b.strip()]
    assert buttons, "no buttons on the storefront"
    script = LATIN if code == "en" else SCRIPTS[code]
    for text in buttons:
        letters = re.sub(r"[\W\d_]+", "", re.sub(r"Toor Dal 1 kg|WhatsApp|UPI", "", text))
        assert re.fullmatch(f"[{script}]*", letters), f"{code}: button {text!r} is not in the script"
    add = page.locator(".sf-card").first.get_by_role("button").inner_text()
    assert re.search(f"[{script}]", add), add
    if code != "en":
        sample = page.locator(".sf-card").first.get_by_role("button").inner_text()
        widths = page.evaluate(RENDERS, sample)
        assert widths["real"] != widths["fallback"], f"{code}: {sample!r} drawn in no font ({widths})"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"storefront-{code}.png"), full_page=True)
    errors.assert_none()
