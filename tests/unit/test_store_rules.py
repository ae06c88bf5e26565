"""Unit rules: the config schema, slugs and hostnames, the status transition table."""

import copy
from types import SimpleNamespace

import pytest

from webdpro.demo import demo_config
from webdpro.errors import Forbidden, ValidationFailed
from webdpro.stores import transitions
from webdpro.stores.bedrock import BedrockGenerator, normalise_output
from webdpro.stores.schema import InvalidConfig, config_schema, generator_schema, validate_config
from webdpro.stores.text import normalize_hostname, slug_variants, slugify_name, transliterate, validate_slug


def test_schema_is_valid_and_has_the_contract_keys():
    schema = config_schema()
    for key in (
        "name",
        "tagline",
        "store_type",
        "language",
        "theme",
        "sections",
        "categories",
        "contact",
        "delivery",
        "payments",
        "seo",
    ):
        assert key in schema["required"]
    validate_config(demo_config("Sharma Kirana Store"))


@pytest.mark.parametrize(
    "mutate,fragment",
    [
        (lambda c: c["theme"].update(primary="green"), "theme/primary"),
        (lambda c: c["delivery"].update(fee=30.0), "delivery/fee"),  # a float is never money
        (lambda c: c["delivery"].update(fee="-5"), "delivery/fee"),
        (lambda c: c.update(store_type="bakers"), "store_type"),
        (lambda c: c["sections"].append({"type": "gallery", "visible": True, "title": "x"}), "sections/5/type"),
        (lambda c: c["contact"].update(phone="98765 43210"), "contact/phone"),
        (lambda c: c.pop("seo"), "(root)"),
        (lambda c: c.update(colour="red"), "(root)"),
        (lambda c: c["payments"].update(upi_id="not a vpa"), "payments/upi_id"),
    ],
)
def test_schema_rejects_bad_configs(mutate, fragment):
    config = copy.deepcopy(demo_config("X"))
    mutate(config)
    with pytest.raises(InvalidConfig) as info:
        validate_config(config)
    assert any(e.startswith(fragment) for e in info.value.errors), info.value.errors


def test_saved_config_must_not_carry_starter_products():
    config = {**demo_config("X"), "starter_products": [{"name": "a", "category": "b", "price": "1.00"}] * 8}
    with pytest.raises(InvalidConfig):
        validate_config(config)
    validate_config(config, allow_products=True)


def test_generator_schema_requires_products_and_inlines_refs():
    schema = generator_schema()
    assert "starter_products" in schema["required"] and "$defs" not in schema
    assert schema["properties"]["theme"]["properties"]["primary"]["pattern"] == "^#[0-9a-fA-F]{6}$"


@pytest.mark.parametrize(
    "name,slug",
    [
        ("Sharma General Store", "sharma-general-store"),
        ("शर्मा किराना", "sharma-kirana"),
        ("राम स्टोर", "ram-stor"),
        ("அன்னபூர்ணா உணவகம்", "annapurna-unavakam"),
        ("ਗੁਰੂ ਨਾਨਕ ਢਾਬਾ", "guru-nanak-dhaba"),
        ("Café Déjà Vu", "cafe-deja-vu"),
        ("Nawab's Kitchen & Bar", "nawabs-kitchen-and-bar"),
        ("admin", "admin-shop"),
        ("A", "a-store"),
        ("x" * 60, "x" * 40),
    ],
)
def test_slugify(name, slug):
    assert slugify_name(name) == slug
    validate_slug(slugify_name(name))


def test_slug_variants_stay_valid():
    variants = list(slug_variants("x" * 40, ["ab12"]))
    assert variants[0] == "x" * 40 and variants[1].endswith("-2") and variants[-1].endswith("-ab12")
    for v in variants:
        validate_slug(v)


@pytest.mark.parametrize("bad", ["ab", "-abc", "abc-", "Has Space", "a--b", "www", "ünï"])
def test_bad_slugs(bad):
    with pytest.raises(ValidationFailed):
        validate_slug(bad)


def test_transliterate_keeps_latin():
    assert transliterate("Sharma किराना 24") == "Sharma kirana 24"


@pytest.mark.parametrize(
    "raw,host",
    [
        ("shop.example.com", "shop.example.com"),
        ("https://WWW.Shop.in/path?q=1", "www.shop.in"),
        ("दुकान.भारत", "xn--11b7ah1gn.xn--h2brj9c"),
    ],
)
def test_hostnames(raw, host):
    assert normalize_hostname(raw) == host


@pytest.mark.parametrize(
    "bad", ["localhost", "1.2.3.4", "shop.example.com:8080", "-bad.com", "x.webdpro.in", "webdpro.in", "a..b.com", ""]
)
def test_bad_hostnames(bad):
    with pytest.raises(ValidationFailed):
        normalize_hostname(bad)


def store(status, reason=None):
    return SimpleNamespace(status=status, suspension_reason=reason)


@pytest.mark.parametrize(
    "current,target,actor,ok",
    [
        ("GENERATING", "DRAFT", "system", True),
        ("GENERATING", "DRAFT", "owner", False),
        ("DRAFT", "PAID", "payments", True),
        ("DRAFT", "PAID", "owner", False),
        ("PAID", "PUBLISHED", "owner", True),
        ("DRAFT", "PUBLISHED", "owner", True),
        ("PUBLISHED", "DRAFT", "owner", True),
        ("PUBLISHED", "PAID", "owner", False),
        ("GENERATING", "PUBLISHED", "owner", False),
        ("DRAFT", "SUSPENDED", "owner", False),
        ("PUBLISHED", "SUSPENDED", "console", True),
        ("SUSPENDED", "PUBLISHED", "owner", False),
        ("SUSPENDED", "PUBLISHED", "console", True),
        ("DRAFT", "GENERATING", "owner", True),
    ],
)
def test_transition_table(current, target, actor, ok):
    assert transitions.allowed(current, target, actor) is ok


def test_suspended_store_gets_a_clear_message():
    with pytest.raises(transitions.StoreSuspended, match="suspended by WebDPro.*Reason: spam"):
        transitions.check(store("SUSPENDED", "spam"), "PUBLISHED", "owner")
    with pytest.raises(Forbidden):
        transitions.check(store("DRAFT"), "SUSPENDED", "owner")
    with pytest.raises(transitions.StoreTransitionRefused, match="still being generated"):
        transitions.check(store("GENERATING"), "PUBLISHED", "owner")


def test_bedrock_output_normalisation():
    out = normalise_output(
        {
            "delivery": {"fee": 30, "free_above": "₹1,499", "radius_km": 5},
            "starter_products": [{"price": 12.5}],
            "contact": {"phone": "98765 43210", "whatsapp": "bad"},
        }
    )
    assert out["delivery"] == {"fee": "30.00", "free_above": "1499", "radius_km": "5"}
    assert out["starter_products"][0]["price"] == "12.50"
    assert out["contact"] == {"phone": "+919876543210", "whatsapp": ""}
    assert BedrockGenerator(client=object(), model_id="m").model_id == "m"
