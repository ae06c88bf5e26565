"""Every owner, agent, customer and console page, rendered with the demo world, shows people words:
no raw status/method/kind code (every value of every TextChoices enum in webdpro, found by import, and
every code of webdpro.labels; UPI stays UPI), and no "1 <plural>" phrase — in English any word ending in
s after a lone 1 that is not a singular (allow-list), and in Hindi a plural form (दिनों, चीज़ें, इकाइयाँ) —
and one date format (no ISO day, "Dec. 2, 2026" or "p.m." beside "2 Dec 2026, 4:37 pm")."""

import html as htmllib
import importlib
import pkgutil
import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.db.models import TextChoices
from django.test import Client

import webdpro
from dashboard.auth import SESSION_PHONE, SESSION_VERSION
from tests.page_walk import agent_pages, console_pages, customer_pages, demo_world, owner_pages
from webdpro.labels import VOCABULARIES


def _enums() -> list[type[TextChoices]]:
    """Every TextChoices enum defined in webdpro (each module imported, then the subclasses walked)."""
    for module in pkgutil.walk_packages(webdpro.__path__, "webdpro."):
        importlib.import_module(module.name)
    found, todo = [], list(TextChoices.__subclasses__())
    while todo:
        enum = todo.pop()
        todo.extend(enum.__subclasses__())
        if enum.__module__.startswith("webdpro."):
            found.append(enum)
    return found


ENUMS = _enums()
CODES = {str(value) for enum in ENUMS for value in enum.values} | {
    str(code) for words in VOCABULARIES.values() for code in words
}
WORDS = {str(text) for enum in ENUMS for text in enum.labels} | {
    str(text) for words in VOCABULARIES.values() for text in words.values()
}
# A code whose label is the code itself (UPI) is a word; every other code must never be shown as it is.
RAW_CODES = sorted((c for c in CODES if c not in WORDS), key=len, reverse=True)
RAW = re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in RAW_CODES) + r")(?![\w-])")


def _prettified(code: str) -> set[str]:
    """Forms a code takes when code is prettified instead of labelled: "Publish_Fee", "publish_fee" (any
    form that keeps the underscore), and "Upi"/"Cod" (an acronym of three letters or fewer, title-cased)."""
    forms = set()
    if "_" in code:
        forms |= {code.title(), code.capitalize(), code.lower()}
    elif len(code) <= 3 and code.isupper():
        forms |= {code.title(), code.lower()}
    return {f for f in forms if f != code and f not in WORDS}


PRETTIFIED_FORMS = sorted({form for code in CODES for form in _prettified(code)}, key=len, reverse=True)
PRETTIFIED = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in PRETTIFIED_FORMS) + r")(?![\w-])")

# English: a lone "1" and then a word ending in s is a plural unless the word is a singular ending in s.
SINGULAR_S = {
    "access", "address", "alias", "as", "bonus", "boss", "bus", "business", "campus", "canvas", "class", "cross",
    "dress", "express", "gas", "glass", "has", "is", "its", "lens", "less", "loss", "mass", "minus", "pass",
    "plus", "process", "series", "status", "success", "this", "thus", "was", "yes",
}  # fmt: skip
IRREGULAR_PLURALS = {"people", "children", "men", "women", "feet", "teeth", "mice", "geese"}
ONE_WORD = re.compile(r"(?<![\w.,₹/:#-])1\s+([A-Za-z]+)\b")
# Hindi: the plural endings of nouns after a lone 1 — oblique -ों (दिनों, ऑर्डरों), direct -ें (चीज़ें) and
# -याँ/-यां (इकाइयाँ); "में" (in) and the polite verb forms that end the same way are not nouns.
HINDI_PLURAL = re.compile(r"(?<![\w.,₹/:#-])1\s+([\u0900-\u097F]+(?:ों|ें|याँ|यां))(?![\u0900-\u097F])")
HINDI_NOT_PLURAL = {"में", "करें", "दें", "लें", "रहें", "हों", "जाएँ", "जाएं"}
INLINE_TAG = re.compile(r"</?(?:a|span|strong|em|b|i|small|abbr|code|bdi|time|mark|sup|sub)\b[^>]*>", re.I)
ATTRIBUTE_TEXT = re.compile(r'\s(?:aria-label|title|placeholder|alt|data-label)="([^"]*)"')


def visible_text(page: str) -> str:
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S | re.I)
    said = " ¦ ".join(ATTRIBUTE_TEXT.findall(body))
    body = INLINE_TAG.sub(" ", body)
    body = re.sub(r"<[^>]+>", " ¦ ", body)  # a block ends a phrase: "1" in one box, "Orders" in the next
    return htmllib.unescape(body + " ¦ " + said)


def one_plural(text: str) -> list[str]:
    found = []
    for match in ONE_WORD.finditer(text):
        word = match.group(1).lower()
        if (word.endswith("s") and word not in SINGULAR_S) or word in IRREGULAR_PLURALS:
            found.append(f"'{match.group(0)}'")
    found += [f"'{m.group(0)}'" for m in HINDI_PLURAL.finditer(text) if m.group(1) not in HINDI_NOT_PLURAL]
    return found


# One date format: "2 Dec 2026" / "2 Dec 2026, 4:37 pm". Never an ISO day, Django's "Dec. 2, 2026" or
# "Dec 2, 2026", "02/12/2026", or "a.m."/"p.m.", "midnight", "noon" (an input hint "like 2026-12-25", "जैसे …" is fine).
OTHER_DATE = re.compile(
    r"(?<!like )(?<!e\.g\. )(?<!जैसे )\b20\d\d-\d\d-\d\d\b"
    r"|\b[A-Z][a-z]{2}\.? \d{1,2}, 20\d\d\b|\b\d{1,2}/\d{1,2}/20\d\d\b|\b[ap]\.m\.|\d (?:midnight|noon)\b"
)


def problems(text: str) -> list[str]:
    found = [f"raw code {m.group(0)!r}" for m in RAW.finditer(text)]
    found += [f"prettified code {m.group(0)!r}" for m in PRETTIFIED.finditer(text)]
    found += [f"another date format {m.group(0)!r}" for m in OTHER_DATE.finditer(text)]
    return found + one_plural(text)


def signed_in(user=None, language=None, **session) -> Client:
    client = Client(headers={"accept-language": language} if language else None)
    store = SessionStore()
    if user is not None:
        store[SESSION_PHONE] = user.phone
        store[SESSION_VERSION] = user.session_version or 0
    store.update(session)
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return client


@pytest.fixture(scope="module")
def world(dynamodb):
    return demo_world()


def test_the_checker_finds_what_it_must():
    assert problems("Paid by Upi · COD · Publish_Fee · CAPTURED · CARD · 1 days of stock left · within 1 minutes")
    assert len(problems("within 1 minutes · 1 deliveries · 1 items · 1 pcs · 1 people")) == 5
    assert len(problems("1 दिनों का स्टॉक · 1 चीज़ें · 1 इकाइयाँ")) == 3
    assert len(problems("SETTLED · NEEDS_CLARIFICATION · Needs_clarification · PLATFORM")) == 4
    assert len(problems("2026-12-02 · Dec. 2, 2026 · Dec 2, 2026 · 02/12/2026 · 4:37 p.m.")) == 5
    assert not problems("2 Dec 2026, 4:37 pm · 2 Dec 2026 · 26 Nov – 2 Dec · dates closed, like 2026-12-25")
    assert not problems(
        "UPI · Cash on delivery · Publish fee · Received · Card · 1 day · 21 days · ₹1.00 · 1 unit · 1 address"
        " · 1 of 3 stores · 1 is left · 11 items · 1.5 hours · 1 दिन · 5 में से 1 में · Settled"
    )


def test_every_choices_enum_is_covered():
    names = {enum.__name__ for enum in ENUMS}
    assert {"OrderStatus", "PaymentMethod", "PaymentKind", "PaymentStatus", "DeliveryStatus", "TransferStatus"} <= names
    assert {"PUBLISH_FEE", "CAPTURED", "NEEDS_CLARIFICATION", "SETTLED", "COD"} <= set(RAW_CODES)
    assert "UPI" not in RAW_CODES and "Upi" in PRETTIFIED_FORMS and "Cod" in PRETTIFIED_FORMS


def walk(client, pages):
    report = {}
    for name, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        found = problems(visible_text(response.content.decode()))
        if found:
            report[name] = sorted(set(found))
    return report


def test_owner_pages_show_words_not_codes(world):
    assert walk(signed_in(world.owner), owner_pages(world)) == {}


def test_agent_pages_show_words_not_codes(world):
    assert walk(signed_in(world.agent), agent_pages(world)) == {}


def test_customer_pages_show_words_not_codes(world, settings):
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 1  # "cancelled after 1 minute"
    remembered = {"sf_orders": {world.store.store_id: [o.order_id for o in world.orders[:6]]}}
    assert walk(signed_in(world.customer, **remembered), customer_pages(world)) == {}


def test_console_pages_show_words_not_codes(world):
    assert walk(signed_in(world.superadmin), console_pages(world)) == {}


def test_owner_pages_in_hindi_show_words_not_codes(world):
    client = signed_in(world.owner, language="hi")
    assert 'lang="hi"' in client.get(owner_pages(world)[0][1]).content.decode()
    assert walk(client, owner_pages(world)) == {}


def test_agent_pages_are_in_hindi_and_show_words_not_codes(world):
    client = signed_in(world.agent)
    assert 'lang="hi"' in client.get(agent_pages(world)[0][1]).content.decode()  # an agent's default


def test_customer_pages_in_hindi_show_words_not_codes(world, monkeypatch):
    from dashboard.views.storefront import common

    monkeypatch.setattr(common.sfconfig, "language", lambda store, config: "hi")
    remembered = {"sf_orders": {world.store.store_id: [o.order_id for o in world.orders[:6]]}}
    client = signed_in(world.customer, language="hi", **remembered)
    pages = customer_pages(world)
    assert 'lang="hi"' in client.get(dict(pages)["storefront_home"]).content.decode()
    assert walk(client, pages) == {}
