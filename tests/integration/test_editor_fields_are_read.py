"""No stub settings: every field the store editor saves is read somewhere outside the editor.

The test opens the editor, submits every card's form as the page renders it (as an owner pressing each
Save button would, with the opening hours switched on), collects every config key that ends up saved,
and fails if a key's name appears in no source file outside the editor's own files (views, templates,
services and the schema). A new editor field that nothing reads (a stub) makes it fail.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.helpers import make_owner, make_store, sign_in
from webdpro.db import Store

ROOT = Path(settings.BASE_DIR)
EDITOR_FILES = {
    "dashboard/views/owner/stores.py",
    "dashboard/views/owner/store_rules.py",
    "dashboard/views/owner/store_forms.py",
    "templates/owner/stores/detail.html",
    "webdpro/stores/services/__init__.py",
    "webdpro/stores/services/common.py",
    "webdpro/stores/services/creation.py",
    "webdpro/stores/services/domains.py",
    "webdpro/stores/services/editing.py",
    "webdpro/stores/services/generation.py",
    "webdpro/stores/services/status.py",
    "webdpro/stores/rule_settings.py",
    "webdpro/stores/config_schema.json",
    "webdpro/stores/schema.py",
}
SOURCES = ("webdpro", "dashboard", "templates")


class Forms(HTMLParser):
    """Every <form> of a page with the values its fields show (what a browser would submit)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea, self._select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "data": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self._form["data"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._form["data"].append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self._form["data"].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def leaf_keys(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaf_keys(inner, f"{prefix}{key}.")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for inner in value:
            yield from leaf_keys(inner, prefix)
    else:
        yield prefix.rstrip(".")


def sources_outside_editor() -> str:
    texts = []
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*"):
            rel = path.relative_to(ROOT).as_posix()
            if path.suffix in (".py", ".html", ".js") and rel not in EDITOR_FILES and "/migrations/" not in rel:
                texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "\n".join(texts)


def submit_every_card(client, store):
    page = client.get(reverse("owner:store_detail", kwargs={"store_id": store.store_id})).content.decode()
    parser = Forms()
    parser.feed(page)
    saved = 0
    for form in parser.forms:
        if "/edit/" not in form["action"]:
            continue
        data = {}
        for name, value in form["data"]:
            data.setdefault(name, []).append(value)
        if form["action"].endswith("/edit/hours/"):
            data.update(enabled="on", mon_open1="07:00", mon_close1="22:00", holidays="2026-12-25")
        if form["action"].endswith("/edit/fulfilment/"):
            data.update(pickup="on", area="pins", pincodes="560001", store_pincode="560001", radius_km="5")
        response = client.post(form["action"], data)
        body = response.content.decode()
        problems = re.findall(r"(?:field-error|alert-error)[^>]*>([^<]*)", body)
        assert response.status_code == 302, (form["action"], problems)
        saved += 1
    return saved


def test_every_field_the_editor_saves_is_read_outside_the_editor(dynamodb):
    owner, tenant = make_owner()
    store = make_store(tenant, status="DRAFT")
    client = Client()
    sign_in(client, owner)
    assert submit_every_card(client, store) >= 8  # basics, theme, sections, contact, delivery, orders, hours, pay
    config = Store.get(tenant.tenant_id, store.store_id).config.as_dict()
    keys = sorted(set(leaf_keys(config)) - {"store_type"})  # set by the generator, not the editor
    for must in ("delivery.radius_km", "delivery.pincodes", "orders.min_order", "hours.week.mon", "hours.outside"):
        assert must in keys, must
    code = sources_outside_editor()
    unread = [key for key in keys if not re.search(rf"""[\"'.]{re.escape(key.split(".")[-1])}\b""", code)]
    assert unread == [], f"saved by the store editor but read nowhere else (a stub?): {unread}"
