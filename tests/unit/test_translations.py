"""The gettext catalogues: every served language has one, compiled and complete for what customers and
agents see (and, in Hindi, for everything); no template shows a word that is not marked for translation, and
no Python string shown to people (a domain error, a message, a form label) bypasses gettext."""

from __future__ import annotations

import ast
import functools
import inspect
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
TEMPLATES = ROOT / "templates"
# Every template people see: storefront, customer, agent, owner dashboard, console, sign-in, errors.
TEMPLATE_AREAS = {"storefront", "agent", "payments", "customer", "owner", "superadmin", "accounts", "errors", "public"}
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
    return any(path.startswith(CUSTOMER_SOURCES) or path in every_language_sources() for path, _ in entry.occurrences)


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
NAMES = r"\b(?:WebDPro|UPI|WhatsApp|Razorpay|TXT|CNAME)\b"  # brands and DNS record types, the same in every language


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
    return sorted(TEMPLATES.rglob("*.html"))


def test_the_template_check_covers_every_area_people_see():
    areas = {path.relative_to(TEMPLATES).parts[0] for path in _templates()}
    assert TEMPLATE_AREAS <= areas
    owner = [p for p in _templates() if p.relative_to(TEMPLATES).parts[0] == "owner"]
    assert len(owner) > 30


def test_the_template_check_fails_on_a_real_template_with_an_unmarked_word():
    """A real owner template passes; the same template with one English word typed into it does not."""
    source = (TEMPLATES / "owner" / "deliveries" / "_order_delivery.html").read_text()
    assert unmarked_words(source) == []
    broken = source.replace('<h2>{% translate "Delivery" %}</h2>', "<h2>Delivery</h2>")
    assert broken != source and unmarked_words(broken) == ["Delivery"]
    attribute = source.replace("placeholder=\"{% translate 'e.g. bike broke down' %}\"", 'placeholder="Why?"')
    assert attribute != source and unmarked_words(attribute) == ["Why?"]


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_template_marks_every_word_for_translation(path):
    assert unmarked_words(path.read_text()) == []


# --- no unmarked Python strings shown to people --------------------------------------------------------
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}
FORM_TEXT = {"label", "help_text", "empty_label", "concept"}
# Calls whose argument at this position is shown to people though the callee is not an error class: the
# message of a write someone else beat (webdpro.db.conflict_on_condition), a reconciliation mismatch's
# sentence and an agent-day row's agent name (webdpro.payments.reconciliation.selectors).
SHOWN_POSITIONS = {"conflict_on_condition": 0, "Mismatch": 1, "AgentDay": 2}
PYTHON_SOURCES = ("dashboard", "webdpro")
NOT_SHOWN = {"management", "devtools"}  # operators' commands and local tools print for developers


def _error_classes() -> set[str]:
    """DomainError and every subclass in the project (their message is shown), plus Django's shown errors."""
    bases = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
    known, grown = {"DomainError"}, True
    while grown:
        new = {name for name, parents in bases.items() if parents & known} - known
        known, grown = known | new, bool(new)
    return known | {"PermissionDenied", "ValidationError"}


def _python_files():
    for folder in PYTHON_SOURCES:
        yield from (p for p in sorted((ROOT / folder).rglob("*.py")) if not NOT_SHOWN & set(p.parts))


def _literal_text(node) -> str | None:
    """The words typed in a string literal, an f-string, a "..." % x / "..." + x expression, or one side of
    an ``or`` / ``if … else`` made of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, (ast.BoolOp, ast.IfExp)):  # name or "Someone", "Over" if x else "Short"
        parts = node.values if isinstance(node, ast.BoolOp) else (node.body, node.orelse)
        return next((text for text in map(_literal_text, parts) if text), None)
    return None


def _shown_arguments(call: ast.Call, errors: set[str]):
    func = call.func
    name = getattr(func, "id", getattr(func, "attr", ""))
    if name in errors and call.args:
        yield call.args[0]
    if name in SHOWN_POSITIONS and len(call.args) > SHOWN_POSITIONS[name]:
        yield call.args[SHOWN_POSITIONS[name]]
    if name in MESSAGE_LEVELS and getattr(getattr(func, "value", None), "id", "") == "messages" and len(call.args) > 1:
        yield call.args[1]
    for keyword in call.keywords:
        if keyword.arg in FORM_TEXT:
            yield keyword.value
        if keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
            yield from keyword.value.values


def unmarked_python(source: str, errors: set[str]) -> list[str]:
    """Strings typed straight into an error, a message or a form label instead of through gettext."""
    found = []
    for call in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)):
        for argument in _shown_arguments(call, errors):
            text = _literal_text(argument)
            if text is not None and re.search("[A-Za-z]{2,}", re.sub(NAMES, "", text)):
                found.append(text)
    return found


def test_the_python_check_finds_unmarked_strings():
    errors = {"DomainError", "ValidationFailed"}
    assert unmarked_python('raise ValidationFailed("Enter a name.", field="name")', errors) == ["Enter a name."]
    assert unmarked_python('raise ValidationFailed(f"Too long: {n}")', errors) == ["Too long: "]
    assert unmarked_python('messages.success(request, "Saved.")', errors) == ["Saved."]
    assert unmarked_python('x = forms.CharField(label="Name", help_text="Your name")', errors) == ["Name", "Your name"]
    assert unmarked_python('f = forms.CharField(error_messages={"required": "Enter it."})', errors) == ["Enter it."]
    assert unmarked_python('with conflict_on_condition("Reload and try again."):\n    pass', errors) == [
        "Reload and try again."
    ]
    assert unmarked_python('Mismatch("COD_SHORT", f"Short by {diff}", order_id)', errors) == ["Short by "]
    assert unmarked_python('AgentDay(day, agent_id, name or "Former agent")', errors) == ["Former agent"]
    assert unmarked_python('raise ValidationFailed("Over." if x else "Short.")', errors) == ["Over."]
    marked = (
        'raise ValidationFailed(_("Enter a name."))\n'
        'messages.success(request, _("Saved %(n)s.") % {"n": n})\n'
        'x = forms.CharField(label=gettext_lazy("Name"))\n'
        'y = forms.BooleanField(label="UPI")\n'
        "raise ValidationFailed(exc.message)\n"
    )
    assert unmarked_python(marked, errors) == []
    assert {"ValidationFailed", "Conflict", "NotFound", "PermissionDenied"} <= _error_classes()


def test_python_strings_shown_to_people_go_through_gettext():
    errors = _error_classes()
    found = {str(path.relative_to(ROOT)): unmarked_python(path.read_text(), errors) for path in _python_files()}
    assert {name: texts for name, texts in found.items() if texts} == {}


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


# --- every message the customer's and agent's pages can show, in every language those pages offer ---------
# The storefront, its pay page, the customer's orders and the agent's pages offer settings.LANGUAGES (the
# storefront's language switch, the agent's language form); customers and agents sign in on the accounts
# pages in their browser's language. The owner dashboard and the console offer DASHBOARD_LANGUAGES (Hindi:
# test_hindi_covers_the_whole_app_including_the_owner_dashboard).
EVERY_LANGUAGE_AREAS = {"storefront", "payments", "customer", "agent", "accounts"}
DASHBOARD_AREAS = {"owner", "console"}
TEMPLATE_NAME = re.compile(r"""["']([\w/.-]+\.html)(?:#[\w-]+)?["']""")
TEMPLATE_TAG = re.compile(r"""\{%\s*(?:extends|include)\s+["']([\w/.-]+\.html)["']""")


def _area_views() -> tuple[set[str], set[str]]:
    """The modules of every view served under an every-language URL namespace (and the error handlers,
    which answer on every page), and every namespace the URLconf has."""
    from django.urls import URLResolver, get_resolver

    resolver, modules, namespaces = get_resolver(), set(), set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespaces.add(pattern.namespace)
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif namespace in EVERY_LANGUAGE_AREAS:
                modules.add(inspect.unwrap(pattern.callback).__module__)

    walk(resolver.url_patterns, None)
    modules |= {inspect.unwrap(resolver.resolve_error_handler(code)).__module__ for code in (400, 403, 404, 500)}
    return modules, namespaces


def _module_path(module: str) -> Path | None:
    base = ROOT / module.replace(".", "/")
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.exists()), None)


def _project_imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        yield from (p for p in map(_module_path, names) if p)


def reachable_python(modules: set[str]) -> set[Path]:
    """The view modules, every web-layer module they import (forms, helpers, followed through), and every
    service module the web layer imports (whose domain errors the views show), followed within the
    storefront's own service package."""
    found, todo = set(), [p for p in map(_module_path, modules) if p]
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        parts = path.relative_to(ROOT).parts
        if parts[0] == "dashboard" or parts[:2] == ("webdpro", "storefront"):
            todo.extend(_project_imports(path))
    return found


def reachable_templates(python: set[Path]) -> set[Path]:
    """Every template those modules name, and every template those extend or include."""
    todo = [name for path in python for name in TEMPLATE_NAME.findall(path.read_text())]
    found = set()
    while todo:
        path = TEMPLATES / todo.pop()
        if path in found or not path.exists():
            continue
        found.add(path)
        todo.extend(TEMPLATE_TAG.findall(path.read_text()))
    return found


@functools.cache
def every_language_sources() -> frozenset[str]:
    modules, _ = _area_views()
    python = reachable_python(modules)
    return frozenset(str(p.relative_to(ROOT)) for p in python | reachable_templates(python))


def untranslated(catalogue: polib.POFile, sources: set[str]) -> list[str]:
    """The msgids referenced from ``sources`` that are fuzzy, empty or missing a plural form."""
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and any(path in sources for path, _ in entry.occurrences)
        and (entry.fuzzy or not entry.translated())
    ]


def test_every_url_namespace_says_which_languages_it_offers():
    _, namespaces = _area_views()
    assert namespaces == EVERY_LANGUAGE_AREAS | DASHBOARD_AREAS


def test_the_every_language_sources_reach_the_forms_the_services_and_the_templates():
    sources = every_language_sources()
    expected = {
        "dashboard/forms.py",
        "dashboard/views/payment_forms.py",
        "dashboard/views/storefront/forms.py",
        "dashboard/views/customer/forms.py",
        "dashboard/views/agent/forms.py",
        "webdpro/orders/placement.py",
        "webdpro/coupons/rules.py",
        "webdpro/payments/services.py",
        "webdpro/delivery/services.py",
        "templates/storefront/checkout.html",
        "templates/storefront/partials/coupon_form.html",
        "templates/forms/field.html",
        "templates/agent/delivery.html",
        "templates/payments/pay.html",
        "templates/errors/404.html",
    }
    assert expected <= sources
    assert not {s for s in sources if s.startswith(("dashboard/views/owner/", "templates/owner/"))}


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_the_customer_and_agent_pages_can_show_is_translated(code):
    missing = untranslated(po(code), every_language_sources())
    assert not missing, f"{code}: {len(missing)} fuzzy or untranslated, e.g. {missing[:5]}"


def test_the_check_catches_a_fuzzy_and_an_empty_entry(tmp_path):
    """On a copy of the Bengali catalogue: the shared form message marked fuzzy, then emptied, is caught."""
    sources = every_language_sources()
    copy = tmp_path / "django.po"
    copy.write_text((LOCALE / "bn" / "LC_MESSAGES" / "django.po").read_text())
    catalogue = polib.pofile(str(copy))
    assert untranslated(catalogue, sources) == []
    entry = catalogue.find("Choose the %(concept)s from the list.")
    entry.flags.append("fuzzy")
    catalogue.save()
    assert untranslated(polib.pofile(str(copy)), sources) == ["Choose the %(concept)s from the list."]
    entry.flags.remove("fuzzy")
    entry.msgstr = ""
    catalogue.save()
    assert untranslated(polib.pofile(str(copy)), sources) == ["Choose the %(concept)s from the list."]


def gettext_msgids(source: str) -> set[tuple[str | None, str]]:
    """(context, msgid) of every gettext call with literal text in a Python source."""
    from webdpro.devtools.fstring_msgids import msgids

    return {(m.context, m.msgid) for m in msgids(source)}


def test_the_msgid_reader_finds_gettext_calls():
    source = '_("Hi")\ngettext_lazy("Name")\nngettext("%(n)s item", "%(n)s items", n)\npgettext("verb", "Order")\n_(x)'
    assert gettext_msgids(source) == {(None, "Hi"), (None, "Name"), (None, "%(n)s item"), ("verb", "Order")}


def test_every_message_the_customer_and_agent_python_can_show_is_in_the_catalogues():
    """A msgid added to a form or a service these pages use, with `make messages` not run, is missing."""
    wanted = set()
    for name in every_language_sources():
        if name.endswith(".py"):
            wanted |= {(context, msgid, name) for context, msgid in gettext_msgids((ROOT / name).read_text())}
    assert len(wanted) > 200
    for code in TRANSLATED:
        catalogue = {(e.msgctxt, e.msgid) for e in po(code) if not e.obsolete}
        missing = sorted(f"{name}: {msgid}" for context, msgid, name in wanted if (context, msgid) not in catalogue)
        assert not missing, f"{code}: {len(missing)} not in the catalogue, e.g. {missing[:5]}"


# --- the catalogues keep up with the code ----------------------------------------------------------------
def test_the_hindi_catalogue_has_every_msgid_the_python_code_uses():
    """Hindi covers the whole app: a msgid typed in Python that `make messages` never put in the catalogue
    (or dropped from it) is shown in English to a Hindi owner, however complete the catalogue looks."""
    catalogue = {(e.msgctxt, e.msgid) for e in po("hi") if not e.obsolete}
    missing = sorted(
        f"{path.relative_to(ROOT)}: {msgid}"
        for path in _python_files()
        for context, msgid in gettext_msgids(path.read_text())
        if (context, msgid) not in catalogue
    )
    assert not missing, f"{len(missing)} not in the Hindi catalogue (run `make messages`), e.g. {missing[:5]}"


def test_the_fstring_reader_finds_gettext_calls_inside_fstrings_only():
    from webdpro.devtools.fstring_msgids import in_fstrings, pot_entries

    source = (
        '_("Plain")\n'
        "row = f'<b>{escape(_(\"Add to cart\"))}</b>'\n"
        "n = f\"{ngettext('%(n)s box', '%(n)s boxes', k) % {'n': k}}\"\n"
        "v = f\"{pgettext('verb', 'Order')} {name}\"\n"
    )
    found = in_fstrings(source)
    assert [(m.line, m.context, m.msgid, m.plural) for m in found] == [
        (2, None, "Add to cart", None),
        (3, None, "%(n)s box", "%(n)s boxes"),
        (4, "verb", "Order", None),
    ]
    entries = pot_entries("views/rows.py", source)
    assert '#: views/rows.py:2\nmsgid "Add to cart"\nmsgstr ""\n' in entries
    assert '#, python-format\nmsgid "%(n)s box"\nmsgid_plural "%(n)s boxes"\nmsgstr[0] ""\nmsgstr[1] ""' in entries
    assert 'msgctxt "verb"\nmsgid "Order"' in entries


def _makemessages(command, tmp_path, monkeypatch) -> set[str]:
    from django.core.management import call_command
    from django.test import override_settings

    (tmp_path / "locale" / "hi" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "rows.py").write_text(
        "from django.utils.translation import gettext as _\n"
        'TITLE = _("Plain words")\n'
        "def button():\n"
        "    return f'<button>{_(\"Words inside an f-string\")}</button>'\n"
    )
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command(command, locale=["hi"], verbosity=0)
    catalogue = polib.pofile(str(tmp_path / "locale" / "hi" / "LC_MESSAGES" / "django.po"))
    return {f"{e.msgid} @ {' '.join(f'{p}:{n}' for p, n in e.occurrences)}" for e in catalogue}


def test_make_messages_keeps_the_msgids_of_gettext_calls_inside_fstrings(tmp_path, monkeypatch):
    """`make messages` runs the project's makemessages (dashboard/management/commands/makemessages.py)."""
    assert _makemessages("makemessages", tmp_path, monkeypatch) == {
        "Plain words @ rows.py:2",
        "Words inside an f-string @ rows.py:4",
    }


def test_djangos_own_makemessages_misses_them(tmp_path, monkeypatch):
    """Why the project has its own makemessages: xgettext 0.21 reads an f-string as plain text."""
    from django.core.management.commands.makemessages import Command

    assert _makemessages(Command(), tmp_path, monkeypatch) == {"Plain words @ rows.py:2"}
