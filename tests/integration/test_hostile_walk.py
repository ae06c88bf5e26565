"""The hostile-input walk (issue 14's acceptance): every URL pattern of the root and the store-host
URLconfs, as the owner, another business's owner, an agent, a customer, an anonymous visitor and a super
admin, GET and POST, with and without HTMX; hostile values in every path parameter (over-long,
non-ASCII, ``../``, NUL) and in every form/query field — above all those that parse money, quantities
and dates (``1e308``, ``NaN``, ``-0``, 100 KB strings). Any 5xx (or an exception escaping a view) fails.

Field names come from the code, not from a hand list: every Django form's fields under ``dashboard``,
every ``name="…"`` in the templates and every ``request.POST/GET.get("…")`` in the views, so a new form
is walked without editing this file. It reuses the tenancy harness's URL walker and world.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.test import Client
from django.urls import get_resolver

from tests.helpers import make_superadmin, sign_in
from tests.integration.test_tenancy import FILL, Side, build, kwargs_of, walk
from webdpro import money
from webdpro.db import User

ROOT = Path(__file__).resolve().parents[2]
HOST_URLCONF = "dashboard.views.storefront.host_urls"
NUMERIC_FIELDS = (
    forms.DecimalField,
    forms.IntegerField,
    forms.FloatField,
    forms.DateField,
    forms.DateTimeField,
    forms.TimeField,
)
NUMERIC_NAME = re.compile(
    r"amount|price|fee|limit|above|min|max|quantit|qty|stock|radius|rate|from|to$|range|minutes|low|lat|lng|"
    r"accuracy|days|hours|holiday|date|delta|threshold|value|uses|start|end|discount|percent|count|day|time|cash"
)
HUGE = "9" * 100_000
# Each request carries a money-ish value in the numeric fields and a text attack in all the others.
MONEY_VALUES = ["1e308", "NaN", "-0", "Infinity", "1" + "0" * 40, "９９.５", "1,00,00,00,00,00,00,000", "-1"]
TEXT_VALUES = ["a\x00b", "2026-02-30", "../../../etc/passwd", "ऑर्डर" * 50]
HOSTILE_PATH = ["A" * 2100, "ऑर्डर", "..%2F..%2Fetc", "x%00y"]
PARSE_RUPEES_LANDED = hasattr(money, "parse_rupees")
SKIP_POST = {"accounts:signout"}  # ends the role's session mid-walk; walked last, on its own


def _form_fields() -> tuple[set[str], set[str]]:
    """(all field names, numeric ones) of every Django form class under ``dashboard``."""
    import dashboard

    names, numeric = set(), set()
    for info in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        if ".management" in info.name:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                for name, field in value.base_fields.items():
                    names.add(name)
                    if isinstance(field, NUMERIC_FIELDS):
                        numeric.add(name)
    return names, numeric


def _literal_fields() -> set[str]:
    found = set()
    for path in (ROOT / "templates").rglob("*.html"):
        found.update(re.findall(r'\bname="([a-z_]+)"', path.read_text()))
    for path in (ROOT / "dashboard").rglob("*.py"):
        found.update(re.findall(r'(?:POST|GET)\.get(?:list)?\("([a-z_]+)"', path.read_text()))
    return found


@functools.lru_cache(maxsize=1)
def field_names() -> tuple[list[str], list[str]]:
    form_names, form_numeric = _form_fields()
    names = sorted(form_names | _literal_fields() | {"after", "page", "cursor"})
    numeric = sorted(form_numeric | {n for n in names if NUMERIC_NAME.search(n)})
    return names, numeric


def combined(money_value: str, text_value: str) -> dict:
    """``money_value`` in every numeric field, ``text_value`` in every other field."""
    names, numeric = field_names()
    return {n: (money_value if n in numeric else text_value) for n in names}


def huge_bodies() -> list[dict]:
    """A 100 KB value in the numeric fields, 20 at a time (under Django's 2.5 MB body limit)."""
    _, numeric = field_names()
    return [{n: HUGE for n in numeric[i : i + 20]} for i in range(0, len(numeric), 20)]


def owner_bodies(money_values) -> list[dict]:
    return [combined(m, TEXT_VALUES[i % len(TEXT_VALUES)]) for i, m in enumerate(money_values)]


@pytest.fixture(scope="module")
def world(dynamodb):
    victim, stranger = Side("Walk"), Side("Other")
    from tests.helpers import make_customer

    return {
        "victim": victim,
        "roles": {
            "owner": victim.owner,
            "foreign owner": stranger.owner,
            "agent": victim.agent,
            "customer": make_customer(),
            "anonymous": None,
            "super admin": make_superadmin(),
        },
    }


def _fill(side, name):
    return FILL[name](side) if name in FILL else "ABC123"


def patterns():
    """(urlconf, name, route) for the root URLconf and the store-host one."""
    for name, route, _ in walk(get_resolver()):
        yield "root", name, route
    for name, route, _ in walk(get_resolver(HOST_URLCONF)):
        yield "host", name, route


class Walker:
    def __init__(self, world):
        self.world = world
        self.victim = world["victim"]
        self.failures: list[str] = []
        self.requests = 0
        self.host = f"{self.victim.store.slug}.{settings.PLATFORM_DOMAIN}"

    def client_for(self, role):
        client = Client(raise_request_exception=False)
        user = self.world["roles"][role]
        if user is not None:
            sign_in(client, User.get(user.phone))  # the current session_version
        return client

    def request(self, client, urlconf, method, url, data, htmx, label):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        if urlconf == "host":
            headers["HTTP_HOST"] = self.host
        self.requests += 1
        try:
            if method == "GET":
                response = client.get(url, data, **headers)
            else:
                response = client.post(url, data, **headers)
        except Exception as exc:  # noqa: BLE001 — any escaping exception is a finding
            self.failures.append(f"{method} {url[:100]} ({label}): raised {exc!r}"[:400])
            return
        if response.status_code >= 500:
            self.failures.append(f"{method} {url[:100]} ({label}, htmx={htmx}): {response.status_code}")

    def url(self, route, overrides=None):
        values = {k: _fill(self.victim, k) for k in kwargs_of(route)}
        values.update(overrides or {})
        return build(route, values)

    def walk_fields(self, role, make_bodies):
        """GET (query string) and POST (form) every pattern with each body of ``make_bodies(index)``."""
        client = self.client_for(role)
        for index, (urlconf, name, route) in enumerate(patterns()):
            url = self.url(route)
            for number, data in enumerate(make_bodies(index)):
                htmx = (index + number) % 2 == 1
                label = f"{name} as {role}, body {number}"
                if len(str(data)) < 200_000:
                    self.request(client, urlconf, "GET", url, data, htmx, label)
                if name not in SKIP_POST:
                    self.request(client, urlconf, "POST", url, data, not htmx, label)

    def walk_paths(self, role, values):
        client = self.client_for(role)
        for index, ((urlconf, name, route), value) in enumerate(itertools.product(patterns(), values)):
            for kwarg in kwargs_of(route):
                url = self.url(route, {kwarg: value})
                method = "GET" if index % 2 == 0 else "POST"
                self.request(client, urlconf, method, url, {}, index % 3 == 0, f"{name} as {role}, {kwarg}")


def _report(walker):
    assert walker.requests > 0
    assert not walker.failures, f"{len(walker.failures)} of {walker.requests} requests failed:\n" + "\n".join(
        walker.failures[:60]
    )


OTHER_ROLES = ["foreign owner", "agent", "customer", "anonymous", "super admin"]


def test_the_walk_knows_the_forms_money_fields():
    names, numeric = field_names()
    for expected in ("price", "amount", "cash_limit", "free_above", "quantity", "stock_quantity"):
        assert expected in numeric, expected
    assert len(names) > 50


def test_hostile_path_values_as_every_role(world):
    walker = Walker(world)
    walker.walk_paths("owner", HOSTILE_PATH)
    for role in OTHER_ROLES:
        walker.walk_paths(role, HOSTILE_PATH[:1])
    _report(walker)


MONEY_XFAIL = pytest.mark.xfail(
    not PARSE_RUPEES_LANDED,
    reason="money parsing (webdpro.money.parse_rupees) is h13-core's; this passes once it lands",
    strict=False,
)


@MONEY_XFAIL
def test_hostile_money_and_huge_values_in_every_field_as_the_owner(world):
    """Money-ish values (and 100 KB numbers) in the numeric fields, text attacks in the others."""
    walker = Walker(world)
    n = len(MONEY_VALUES)
    walker.walk_fields(
        "owner",
        lambda index: [*owner_bodies([MONEY_VALUES[(index + k) % n] for k in range(3)]), *huge_bodies()],
    )
    _report(walker)


def test_hostile_text_in_every_field_as_the_owner(world):
    """The non-money half, which must pass now: NUL, impossible dates, ``../``, long non-ASCII text."""
    walker = Walker(world)
    walker.walk_fields(
        "owner", lambda index: [combined("", TEXT_VALUES[(index + k) % len(TEXT_VALUES)]) for k in (0, 1)]
    )
    _report(walker)


@MONEY_XFAIL
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_hostile_fields_as_every_other_role(world, role):
    """Each other role: one body per pattern, the values rotating from pattern to pattern."""
    walker = Walker(world)
    walker.walk_fields(role, lambda index: owner_bodies([MONEY_VALUES[index % len(MONEY_VALUES)]]))
    _report(walker)


def test_sign_out_with_hostile_fields_as_every_role(world):
    walker = Walker(world)
    for role in ["owner", *OTHER_ROLES]:
        client = walker.client_for(role)
        walker.request(client, "root", "POST", "/accounts/signout/", {"everywhere": "1e308"}, True, role)
    _report(walker)
