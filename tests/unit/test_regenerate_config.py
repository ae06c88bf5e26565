"""Rewriting a store's generated text in another language, keeping what the owner wrote."""

import copy

from webdpro.stores.generator import (
    BuiltinGenerator,
    content_language_of,
    needs_regeneration,
    regenerate_config,
    retranslate_product,
    translate_category,
)
from webdpro.stores.schema import validate_config


def hindi_sweet_shop():
    result = BuiltinGenerator().generate("हमारी मिठाई की दुकान है, लड्डू और बर्फी", business_name="गुप्ता मिष्ठान भंडार")
    return result.config, result.products


def section(config, kind):
    return next(s for s in config["sections"] if s["type"] == kind)


def test_untouched_text_is_rewritten_in_the_new_language():
    config, _ = hindi_sweet_shop()
    out = regenerate_config(config, "ta")
    validate_config(out)
    assert out["language"] == "ta"
    assert out["tagline"] == "சுத்தமான நெய் இனிப்புகள், மொறுமொறு காரவகைகள் — தினமும் புதிதாக"
    assert out["categories"] == ["இனிப்புகள்", "காரவகைகள்", "பரிசுப் பெட்டிகள்"]
    assert section(out, "about")["title"] == "எங்களைப் பற்றி"
    assert section(out, "about")["text"].startswith("गुप्ता मिष्ठान भंडार — உங்களை வரவேற்கிறோம்.")
    assert section(out, "hero")["title"] == "गुप्ता मिष्ठान भंडार"  # the name is the owner's, in any script
    assert out["contact"]["hours"] == "தினமும் காலை 7 – இரவு 10"
    assert (out["name"], out["theme"], out["delivery"]) == (config["name"], config["theme"], config["delivery"])
    assert content_language_of(out) == "ta" and needs_regeneration(out) is None


def test_the_owners_edits_are_kept_unless_they_choose_to_replace_them():
    config, _ = hindi_sweet_shop()
    config["tagline"] = "1965 से शुद्ध देसी घी की मिठाइयाँ"
    section(config, "about")["text"] = "हमारी दुकान दादाजी ने शुरू की थी।"
    config["categories"] = [config["categories"][0], "शुगर-फ़्री मिठाई"]
    kept = regenerate_config(copy.deepcopy(config), "en")
    assert kept["tagline"] == "1965 से शुद्ध देसी घी की मिठाइयाँ"
    assert section(kept, "about")["text"] == "हमारी दुकान दादाजी ने शुरू की थी।"
    assert section(kept, "about")["title"] == "About us"  # untouched: rewritten
    assert kept["categories"] == ["Mithai", "शुगर-फ़्री मिठाई"]  # the owner's own category stays
    replaced = regenerate_config(copy.deepcopy(config), "en", replace_edits=True)
    assert replaced["tagline"] == "Pure ghee mithai and crisp namkeen, made fresh daily"
    assert section(replaced, "about")["text"].startswith("Welcome to गुप्ता मिष्ठान भंडार.")
    assert replaced["categories"] == ["Mithai", "शुगर-फ़्री मिठाई"]


def test_needs_regeneration_tells_when_the_text_is_in_another_language():
    config, _ = hindi_sweet_shop()
    assert needs_regeneration(config) is None
    config["language"] = "bn"  # the owner switched the language in the editor
    assert needs_regeneration(config) == "hi"
    config["language"] = "ur"  # no hand-written content in Urdu: nothing to offer
    assert needs_regeneration(config) is None


def test_starter_products_are_renamed_and_the_owners_products_left_alone():
    _, products = hindi_sweet_shop()
    laddoo = next(p for p in products if p["name"].startswith("मोतीचूर"))
    changes = retranslate_product("sweets", laddoo, "gu")
    assert changes == {
        "name": "મોતીચૂર લાડુ 500 ગ્રામ",
        "category": "મીઠાઈ",
        "description": "મોતીચૂર લાડુ 500 ગ્રામ — સૂચવેલ કિંમત, વેચતા પહેલાં ચકાસી લો.",
    }
    own = {"name": "केसर पेड़ा (घर का बना)", "category": "मिठाई", "description": "x"}
    assert retranslate_product("sweets", own, "gu") == {}
    edited = {**laddoo, "description": "हमारी ख़ास रेसिपी"}
    assert "description" not in retranslate_product("sweets", edited, "en")
    assert retranslate_product("sweets", edited, "en", replace_edits=True)["description"].startswith("Motichoor")
    assert translate_category("sweets", "अपनी श्रेणी", "en") == "अपनी श्रेणी"


def test_the_offer_still_comes_when_the_tagline_and_categories_were_rewritten():
    config, _ = hindi_sweet_shop()
    config["tagline"] = "हमारी अपनी टैगलाइन"
    config["categories"] = ["ख़ास"]
    config["language"] = "pa"
    assert content_language_of(config) == "hi" and needs_regeneration(config) == "hi"
    for s in config["sections"]:
        s.pop("subtitle", None)
        s["title"] = "अपना शीर्षक"
    assert content_language_of(config) is None and needs_regeneration(config) is None
