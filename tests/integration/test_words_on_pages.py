"""Every owner, agent, customer and console page, rendered with the demo world, shows people words:
no raw status/method/kind codes (UPI stays UPI), and no "1 <plural>" phrase."""

import html as htmllib
import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import Client

from dashboard.auth import SESSION_PHONE, SESSION_VERSION
from tests.page_walk import agent_pages, console_pages, customer_pages, demo_world, owner_pages
from webdpro.labels import VOCABULARIES

# Codes whose label is the code itself (UPI) are words; every other code must never be shown.
LABELS = {str(text) for words in VOCABULARIES.values() for text in words.values()}
RAW_CODES = sorted(
    {code for words in VOCABULARIES.values() for code in words if code not in LABELS},
    key=len,
    reverse=True,
)
RAW = re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in RAW_CODES) + r")(?![\w-])")
# "Upi", "Cod", "Publish_fee", "Out_for_delivery": a code prettified by .title()/.capitalize() is still a code.
PRETTIFIED = re.compile(r"(?<![\w-])(Upi|Cod|[A-Z][a-z]+(?:_[A-Za-z]+)+)(?![\w-])")
PLURALS = (
    "days|items|units|deliveries|orders|minutes|products|stores|hours|agents|payments|codes|weeks|months|"
    "customers|times|sales|movements|businesses|people|users|seconds|pieces|lines|entries|changes|left"
)
ONE_PLURAL = re.compile(r"(?<![\d.,])1\s+(" + PLURALS + r")\b")
ATTRIBUTE_TEXT = re.compile(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"')


def visible_text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    said = " ".join(ATTRIBUTE_TEXT.findall(body))
    body = re.sub(r"<[^>]+>", " ", body)
    return htmllib.unescape(body + " " + said)


def problems(text: str) -> list[str]:
    found = [f"raw code {m.group(0)!r}" for m in RAW.finditer(text)]
    found += [f"prettified code {m.group(0)!r}" for m in PRETTIFIED.finditer(text)]
    found += [f"'{m.group(0)}'" for m in ONE_PLURAL.finditer(text)]
    return found


def signed_in(user=None, **session) -> Client:
    client = Client()
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
    assert len(problems("within 1 minutes · 1 deliveries · 1 items")) == 3
    assert not problems("UPI · Cash on delivery · Publish fee · Received · Card · 1 day · 21 days · ₹1.00 · 1 unit")


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
