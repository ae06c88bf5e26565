"""``{% frame %}`` / ``{% once %}`` (dashboard/templatetags/fragments.py): the storefront frame is printed once per
store settings, language and named values, and never shared between stores, settings or languages."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from dashboard.views.storefront.common import Storefront

FRAME = engines["django"].from_string(
    "{% load fragments %}{% frame category %}{{ config.name }}|{{ category }}|{{ calls.next }}{% endframe %}"
    "/{% frame %}{{ calls.next }}{% endframe %}"
)
ONCE = engines["django"].from_string("{% load fragments %}{% once %}{{ calls.next }}{% endonce %}")


@pytest.fixture(autouse=True)
def _count_real_renders(settings):
    """These tests count how often a fragment is really rendered: without the tests' re-render check."""
    settings.TEMPLATE_FRAGMENTS_CHECK = False


class Calls:
    """Counts how often a fragment was really rendered."""

    def __init__(self):
        self.n = 0

    @property
    def next(self):
        self.n += 1
        return self.n


def storefront(config, name="Gupta", store_id="S1"):
    store = SimpleNamespace(store_id=store_id, name=name, status="published", language="en", slug="gupta")
    return Storefront(
        store=store, config=config, theme={}, lang="en", slug="gupta", by_host=False, preview=False, cart=None
    )


def render(sf, category=None, calls=None):
    return FRAME.render({"sf": sf, "config": sf.config if sf else {}, "category": category, "calls": calls or Calls()})


def test_a_frame_is_rendered_once_per_store_settings_and_value():
    calls = Calls()
    first = render(storefront({"name": "Gupta Store"}), calls=calls)
    assert first == "Gupta Store|None|1/2"
    assert render(storefront({"name": "Gupta Store"}), calls=calls) == first  # the next request: kept
    assert calls.n == 2
    assert render(storefront({"name": "Gupta Store"}), category="Dal", calls=calls) == "Gupta Store|Dal|3/2"
    assert render(storefront({"name": "Gupta Kirana"}), calls=calls) == "Gupta Kirana|None|4/5"  # settings changed
    assert render(storefront({"name": "Gupta Store"}, store_id="S2"), calls=calls).startswith("Gupta Store|None|6")


def test_a_frame_is_per_language():
    calls = Calls()
    sf = storefront({"name": "Sharma"}, store_id="S3")
    with translation.override("en"):
        assert render(sf, calls=calls) == "Sharma|None|1/2"
    with translation.override("hi"):
        assert render(storefront({"name": "Sharma"}, store_id="S3"), calls=calls) == "Sharma|None|3/4"


def test_without_a_storefront_a_frame_renders_every_time():
    calls = Calls()
    assert FRAME.render({"calls": calls}) == "||1/2"
    assert FRAME.render({"calls": calls}) == "||3/4"


def test_once_is_once_per_language():
    calls = Calls()
    with translation.override("ta"):
        assert ONCE.render({"calls": calls}) == ONCE.render({"calls": calls})
        assert calls.n <= 1


def test_once_is_per_named_value():
    template = engines["django"].from_string(
        "{% load fragments %}{% once sid %}{{ sid }}:{{ calls.next }}{% endonce %}"
    )
    calls = Calls()
    assert template.render({"sid": "A", "calls": calls}) == "A:1"
    assert template.render({"sid": "A", "calls": calls}) == "A:1"
    assert template.render({"sid": "B", "calls": calls}) == "B:2"


def test_the_check_fails_a_fragment_that_prints_what_its_key_does_not_name(settings):
    """With TEMPLATE_FRAGMENTS_CHECK on (the tests, DEBUG) a kept fragment is rendered again: one that prints
    a per-request value its tag does not name (here a counter; in life a user's name or a token) fails."""
    from dashboard.templatetags.fragments import FragmentNotConstant

    settings.TEMPLATE_FRAGMENTS_CHECK = True
    page = engines["django"].from_string("{% load fragments %}{% once %}{{ who }}{% endonce %}")
    assert page.render({"who": "Asha"}) == "Asha"
    assert page.render({"who": "Asha"}) == "Asha"  # the same for the same key: fine
    with pytest.raises(FragmentNotConstant, match="printed 'Ravi' where it had printed 'Asha'"):
        page.render({"who": "Ravi"})
    named = engines["django"].from_string("{% load fragments %}{% once who %}{{ who }}{% endonce %}")
    assert [named.render({"who": w}) for w in ("Asha", "Ravi", "Asha")] == ["Asha", "Ravi", "Asha"]


def test_a_live_part_is_printed_on_every_request_inside_a_kept_fragment():
    """``{% live %}``: the CSRF token, the page's address, the clock — printed again each time, the rest kept."""
    page = engines["django"].from_string(
        "{% load fragments %}{% once %}<{{ calls.next }}|{% live %}{{ token }}{% endlive %}|"
        "{% live %}{{ path }}{% endlive %}>{% endonce %}"
    )
    calls = Calls()
    assert page.render({"calls": calls, "token": "t1", "path": "/a"}) == "<1|t1|/a>"
    assert page.render({"calls": calls, "token": "t2", "path": "/b?x=<1>"}) == "<1|t2|/b?x=&lt;1&gt;>"  # escaped
    assert calls.n == 1


def test_a_live_part_stays_live_in_the_fragments_around_it():
    """A live part inside a fragment inside another: live in both, whether the inner one was kept already or not."""
    page = engines["django"].from_string(
        "{% load fragments %}{% once a %}{{ a }}[{% once %}{{ calls.next }}({% live %}{{ t }}{% endlive %})"
        "{% endonce %}]{% endonce %}"
    )
    calls = Calls()
    assert page.render({"a": 1, "t": "x", "calls": calls}) == "1[1(x)]"
    assert page.render({"a": 1, "t": "y", "calls": calls}) == "1[1(y)]"
    assert page.render({"a": 2, "t": "z", "calls": calls}) == "2[1(z)]"  # outer recorded, inner kept already
    assert page.render({"a": 2, "t": "w", "calls": calls}) == "2[1(w)]"
    assert calls.n == 1


def test_a_live_part_outside_any_fragment_is_just_printed():
    page = engines["django"].from_string("{% load fragments %}{% live %}{{ t }}{% endlive %}")
    assert page.render({"t": "<b>"}) == "&lt;b&gt;"


def test_the_check_fails_a_live_part_that_uses_a_loop_variable(settings):
    """A live part is printed again with the fragment's own context: a loop's variable is not there, so the
    check (tests, DEBUG) fails such a fragment instead of letting it print something else."""
    from dashboard.templatetags.fragments import FragmentNotConstant

    settings.TEMPLATE_FRAGMENTS_CHECK = True
    page = engines["django"].from_string(
        "{% load fragments %}{% once %}{% for i in items %}{% live %}{{ i }}{% endlive %}{% endfor %}{% endonce %}"
    )
    assert page.render({"items": [1, 2]}) == "12"
    with pytest.raises(FragmentNotConstant):
        page.render({"items": [1, 2]})


def test_the_check_compares_a_kept_fragment_with_its_live_parts_printed_again(settings):
    from dashboard.templatetags.fragments import FragmentNotConstant

    settings.TEMPLATE_FRAGMENTS_CHECK = True
    page = engines["django"].from_string(
        "{% load fragments %}{% once %}{{ who }}:{% live %}{{ token }}{% endlive %}{% endonce %}"
    )
    assert page.render({"who": "Asha", "token": "1"}) == "Asha:1"
    assert page.render({"who": "Asha", "token": "2"}) == "Asha:2"  # the live part differs: fine
    with pytest.raises(FragmentNotConstant):
        page.render({"who": "Ravi", "token": "3"})


def test_a_fragment_inside_a_live_part_of_another_is_kept_apart_from_it():
    """Fragments of a template file are told apart by their place in it: one inside another's live part is not
    the one around it (storefront/base.html's head: its og:title's own frame in the head's live part)."""
    from django.template import Context, Engine

    engine = Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {
                    "page.html": "{% load fragments %}{% once %}a{% live %}{% once %}{{ calls.next }}{% endonce %}"
                    "{% endlive %}b{% endonce %}"
                },
            )
        ],
        libraries={"fragments": "dashboard.templatetags.fragments"},
    )
    page, calls = engine.get_template("page.html"), Calls()
    assert [page.render(Context({"calls": calls})) for _ in range(3)] == ["a1b", "a1b", "a1b"]
    assert calls.n == 1
