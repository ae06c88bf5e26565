"""The gettext catalogues: every served language has one, compiled and complete for what customers and
agents see, and no storefront or agent template shows a word that is not marked for translation."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != "en"]
# Templates a customer or an agent sees: every word in them goes through gettext.
CUSTOMER_TEMPLATES = ["storefront", "agent", "payments", "customer"]
# Source files whose msgids must be translated in every language (the storefront, its errors, SMS, agent).
CUSTOMER_SOURCES = (
    "templates/storefront/",
    "templates/agent/",
    "templates/payments/",
    "templates/customer/",
    "dashboard/views/storefront/",
    "dashboard/views/agent/",
    "webdpro/storefront/",
    "webdpro/orders/notifications.py",
    "webdpro/orders/placement.py",
    "webdpro/delivery/services.py",
    "webdpro/labels.py",
)
VISIBLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "data-confirm", "label"}
SCRIPTS = {
    "hi": "\u0900-\u097f",
    "mr": "\u0900-\u097f",
    "bn": "\u0980-\u09ff",
    "pa": "\u0a00-\u0a7f",
    "gu": "\u0a80-\u0aff",
    "or": "\u0b00-\u0b7f",
    "ta": "\u0b80-\u0bff",
    "te": "\u0c00-\u0c7f",
    "kn": "\u0c80-\u0cff",
    "ml": "\u0d00-\u0d7f",
}
PLURAL_FORMS = {code: "nplurals=2; plural=(n != 1);" for code in TRANSLATED}


def po(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def test_settings_languages_are_english_and_the_ten_indian_languages():
    assert [code for code, _ in settings.LANGUAGES][0] == "en"
    assert sorted(code for code, _ in settings.LANGUAGES) == sorted(["en", *SCRIPTS])


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_has_a_catalogue_with_its_plural_forms(code):
    catalogue = po(code)
    assert catalogue.metadata["Language"] == code
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == PLURAL_FORMS[code].replace(" ", "")


@pytest.mark.parametrize("code", TRANSLATED)
def test_compiled_mo_matches_the_po(code, tmp_path):
    """The committed .mo is what msgfmt makes of the committed .po (run `manage.py compilemessages`)."""
    source = LOCALE / code / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(source)], check=True)
    committed = polib.mofile(str(source.with_suffix(".mo")))
    compiled = polib.mofile(str(fresh))
    as_dict = lambda mo: {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}  # noqa: E731
    assert as_dict(committed) == as_dict(compiled)


def _customer_entry(entry) -> bool:
    return any(path.startswith(CUSTOMER_SOURCES) for path, _ in entry.occurrences)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_customer_and_agent_string_is_translated(code):
    catalogue = po(code)
    missing = [e.msgid for e in catalogue if _customer_entry(e) and (not e.translated() or e.fuzzy or e.obsolete)]
    assert not missing, f"{code}: {len(missing)} untranslated, e.g. {missing[:5]}"
    customer = [e for e in catalogue if _customer_entry(e)]
    assert len(customer) > 100


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_are_in_the_language_script_and_keep_placeholders(code):
    script = re.compile(f"[{SCRIPTS[code]}]")
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for entry in po(code):
        if not _customer_entry(entry) or not entry.translated():
            continue
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in texts:
            words = re.sub(r"\b[A-Z0-9:]{2,}\b|" + NAMES, "", placeholder.sub("", entry.msgid))
            if re.search("[A-Za-z]{3,}", words):
                assert script.search(text), f"{code}: {entry.msgid!r} → {text!r} is not in the script"
            same = set(placeholder.findall(text)) == set(placeholder.findall(entry.msgid))
            assert same, f"{code}: placeholders differ in {entry.msgid!r}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_django_serves_the_catalogue(code):
    with translation.override(code):
        assert SCRIPTS[code] and re.search(f"[{SCRIPTS[code]}]", translation.gettext("Add to cart"))


# --- no unmarked words in the customer's and agent's templates -----------------------------------------
PLACEHOLDER = "\x00"
SKIPPED_UNTIL = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans", "comment": "endcomment"}
HIDDEN_BLOCKS = {"lang", "body_class", "og_type"}  # attribute values and codes, never shown as text
NAMES = r"\b(?:WebDPro|UPI|WhatsApp|Razorpay)\b"  # brands, the same in every language


def _without_tags(source: str) -> str:
    """The template with every tag and variable (and every translated or commented block) replaced by a
    placeholder, so only the literal text an author typed is left."""
    out, skipping = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            words = token.contents.split() or [""]
            if skipping:
                skipping = None if words[0] == skipping else skipping
                continue
            if words[0] in SKIPPED_UNTIL:
                skipping = SKIPPED_UNTIL[words[0]]
            elif words[0] == "block" and words[1:2] and words[1] in HIDDEN_BLOCKS:
                skipping = "endblock"
            out.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and not skipping:
            out.append(token.contents)
        elif not skipping:
            out.append(PLACEHOLDER)
            if token.token_type == TokenType.VAR:
                literal = re.findall(r'\|default:"([^"]*)"\s*$', token.contents)
                out.extend(f"<span>{text}</span>" for text in literal)
    return "".join(out)


class _Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.words.extend(value for key, value in attrs if key in VISIBLE_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def unmarked_words(source: str) -> list[str]:
    parser = _Words()
    parser.feed(_without_tags(source))
    texts = (" ".join(text.replace(PLACEHOLDER, " ").split()) for text in parser.words)
    return [text for text in texts if re.search(r"[^\W\d_]{2,}", re.sub(NAMES, "", text))]


def test_the_checker_finds_unmarked_words():
    assert unmarked_words("<p>Hello {{ name }}</p>") == ["Hello"]
    assert unmarked_words('<input placeholder="Your name">') == ["Your name"]
    assert unmarked_words('{{ x|default:"Customer" }}') == ["Customer"]
    assert unmarked_words('{% load i18n %}<p>{% translate "Hello" %} {{ name }}, 42 ₹ — !</p>') == []
    assert unmarked_words("{% blocktranslate %}Hi {{ x }}{% endblocktranslate %}<script>var a = 1;</script>") == []
    assert unmarked_words('<a aria-label="{% translate "Cart" %}" href="/">{{ n }}</a>') == []
    assert (
        unmarked_words('{% block body_class %}sf page{% endblock %}<a>WhatsApp</a>{{ m|default:"CASH"|label }}') == []
    )


def _templates():
    for folder in CUSTOMER_TEMPLATES:
        yield from sorted((ROOT / "templates" / folder).rglob("*.html"))


@pytest.mark.parametrize("path", list(_templates()), ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_customer_and_agent_templates_mark_every_word_for_translation(path):
    assert unmarked_words(path.read_text()) == []


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_money_keeps_lakh_grouping_in_every_language(code):
    """The inr filter (webdpro.money.format_inr) groups in lakhs and crores whatever the language; Babel's
    CLDR patterns would not (mr_IN groups ₹123,456.00), so money does not go through them."""
    from dashboard.templatetags.webdpro import inr

    with translation.override(code):
        assert inr("123456") == "₹1,23,456.00"
        assert inr("12345678.5") == "₹1,23,45,678.50"


def test_hindi_covers_the_whole_app_including_the_owner_dashboard():
    """Hindi is the owner dashboard's language besides English: every msgid in the project is translated."""
    missing = [e.msgid for e in po("hi") if not e.translated() or e.fuzzy]
    assert not missing, f"{len(missing)} untranslated in Hindi, e.g. {missing[:5]}"
