"""The hand-written starter content: complete for every kind and language, native script, real money,
readable themes; and the detection rules the evaluation set relies on."""

from decimal import Decimal

import pytest

from webdpro.stores.detection import decide, detect_kind, scores, stem
from webdpro.stores.generator import BuiltinGenerator, build_config
from webdpro.stores.schema import STORE_TYPES, generator_errors
from webdpro.stores.starter_content import KINDS, LANGUAGES, kind, product_name
from webdpro.stores.starter_content.languages import TEXT

BLOCKS = {"hi": 0x0900, "mr": 0x0900, "bn": 0x0980, "pa": 0x0A00, "gu": 0x0A80, "or": 0x0B00, "ta": 0x0B80}
BLOCKS.update({"te": 0x0C00, "kn": 0x0C80, "ml": 0x0D00})


def native(text: str, language: str) -> bool:
    """Written in the language's own script (digits, Latin units like "mg" and punctuation aside)."""
    if language == "en":
        return all(ch.isascii() or ch in "—–’₹" for ch in text)
    base = BLOCKS[language]
    letters = [ch for ch in text if ch.isalpha() or 0x0900 <= ord(ch) <= 0x0DFF]
    indic = [ch for ch in letters if base <= ord(ch) < base + 0x80]
    return len(indic) >= len(letters) / 2


def contrast(a: str, b: str) -> float:
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_kinds_are_the_schema_enum():
    assert KINDS == STORE_TYPES and len(KINDS) == 21


@pytest.mark.parametrize("key", KINDS)
def test_every_kind_is_complete_in_every_language(key):
    data = kind(key)
    assert 8 <= len(data.products) <= 20 and 2 <= len(data.categories) <= 6
    for texts in (data.label, data.tagline, data.hero, *data.categories.values()):
        assert set(texts) == set(LANGUAGES)
    for language in LANGUAGES:
        for text in (data.label, data.tagline, data.hero):
            assert native(text[language], language), (key, language, text[language])
        for names in data.categories.values():
            assert native(names[language], language), (key, language, names[language])
        names = [product_name(p, language) for p in data.products]
        assert len(set(names)) == len(names), (key, language)  # no two starter products share a name
        assert all(native(n, language) for n in names), (key, language, names)
        assert len(data.tagline[language]) <= 140 and all(len(n) <= 60 for n in data.categories_names(language))


@pytest.mark.parametrize("key", KINDS)
def test_prices_are_decimal_rupees_and_every_product_has_a_category(key):
    data = kind(key)
    for product in data.products:
        price = Decimal(product.price)
        assert price > 0 and price == price.quantize(Decimal("0.01")) and product.price == f"{price:.2f}"
        assert product.category in data.categories
        assert set(product.names) == set(LANGUAGES)
        if product.unit:
            assert product.unit[1] in TEXT["en"]["units"]
    assert all(c in data.categories for c in data.service_categories)


@pytest.mark.parametrize("key", KINDS)
def test_themes_are_readable(key):
    theme = kind(key).theme
    assert contrast(theme["text"], theme["background"]) >= 4.5
    assert contrast("#ffffff", theme["primary"]) >= 4.5  # white text on primary buttons


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_words_exist_in_every_language(language):
    words = TEXT[language]
    assert set(words) == set(TEXT["en"])
    assert set(words["units"]) == set(TEXT["en"]["units"]) and set(words["hours"]) == set(TEXT["en"]["hours"])
    for template in ("about_shop", "about_care", "seo_description"):
        assert "{name}" in words[template] and "{tagline}" in words[template]
    assert "{name}" in words["product_description"]


@pytest.mark.parametrize("key", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_and_language_builds_a_valid_store(key, language):
    output = build_config("", key, language, None)
    assert generator_errors(output) == []
    assert output["name"] == kind(key).label[language]
    types = [s["type"] for s in output["sections"]]
    assert types[0] == "hero" and types[-1] == "contact" and {"categories", "featured", "about"} <= set(types)
    assert all(native(s["title"], language) for s in output["sections"] if s["type"] != "hero")
    about = next(s for s in output["sections"] if s["type"] == "about")["text"]
    assert native(about, language) and output["tagline"] in about
    assert {p["category"] for p in output["starter_products"]} <= set(output["categories"])


def test_kinds_get_their_own_sections_and_delivery():
    clinic = build_config("", "clinic", "ta", "Dr. Ravi")
    types = [s["type"] for s in clinic["sections"]]
    assert "services" in types and "visiting_hours" in types
    assert clinic["delivery"]["enabled"] is False and clinic["payments"]["upi"] is False
    services = next(s for s in clinic["sections"] if s["type"] == "services")["items"]
    assert services[0] == "பொது ஆலோசனை"
    salon = build_config("", "salon", "hi", None)
    assert "services" in [s["type"] for s in salon["sections"]] and salon["delivery"]["enabled"] is False
    restaurant = build_config("", "restaurant", "en", None)
    assert [s["title"] for s in restaurant["sections"] if s["type"] == "categories"] == ["Our menu"]


def test_units_are_written_in_the_language():
    toor = kind("grocery").products[0]
    assert product_name(toor, "en") == "Toor Dal 1 kg"
    assert product_name(toor, "ta") == "துவரம் பருப்பு 1 கிலோ"
    assert product_name(toor, "mr") == "तूर डाळ 1 किलो"
    assert product_name(toor, "xx") == "Toor Dal 1 kg"  # no content in that language: English


def test_mentioned_products_come_first_in_any_language():
    products = BuiltinGenerator().generate("ನಮ್ಮ ಸ್ವೀಟ್ಸ್ ಅಂಗಡಿಯಲ್ಲಿ ಜಿಲೇಬಿ ಮತ್ತು ರಸಗುಲ್ಲಾ ಸಿಗುತ್ತದೆ").products
    assert products[0]["name"].startswith("ರಸಗುಲ್ಲಾ")
    products = BuiltinGenerator().generate("A pet shop; we also sell cat food").products
    assert products[0]["name"].startswith("Cat Food")


# --- detection rules -----------------------------------------------------------------------------
def test_the_issue_sweet_shop_is_a_sweet_shop_with_sweets():
    result = BuiltinGenerator().generate("हमारी मिठाई की दुकान है, लड्डू, बर्फी और नमकीन बेचते हैं")
    assert result.config["store_type"] == "sweets" and result.config["language"] == "hi"
    names = " ".join(p["name"] for p in result.products)
    assert "लड्डू" in names and "ग्रीटिंग" not in names and "USB" not in names


def test_the_whole_sentence_counts_not_the_first_keyword():
    # "cake" comes first, but the shop sells kitchenware.
    assert detect_kind("Cake stands, pressure cookers and steel utensils for your kitchen") == "general"
    # "medical" in a name or an address does not make a pharmacy.
    assert detect_kind("Tea stall opposite the medical college serving chai and samosa") == "cafe"
    assert detect_kind("मेडिकल कॉलेज के पास हमारा ढाबा है") == "restaurant"
    # A dish is a restaurant's, not a meat shop's.
    assert detect_kind("We serve chicken biryani and mutton curry") == "restaurant"
    # A vet's "clinic" and "doctor" belong to the pet kind.
    assert detect_kind("Veterinary clinic and pet doctor for dogs") == "pet"
    assert detect_kind("পশু চিকিৎসা কেন্দ্র, কুকুর বিড়ালের চিকিৎসা") == "pet"
    # A phone number is not a mobile shop.
    assert detect_kind("Sweets shop, call on my mobile number 9876543210") == "sweets"


def test_ties_and_variety_shops_are_general_stores():
    assert decide({}) == "general"
    assert decide({"bakery": 3, "dairy": 3}) == "general"
    assert decide({"stationery": 3, "electronics": 5, "gifts": 3}) == "general"
    assert decide({"stationery": 3, "electronics": 7, "gifts": 3}) == "electronics"
    assert detect_kind("We are open every day from 9 to 9") == "general"


def test_words_match_inflected_forms():
    assert stem("மருந்தகம்") == "மருந்தக" and stem("പാൽ") == "പാല" and stem("ढाबा") == "ढाब"
    assert detect_kind("எங்கள் மருந்தகத்தில் எல்லா மருந்துகளும் கிடைக்கும்") == "pharmacy"
    assert detect_kind("ਸਾਡੇ ਢਾਬੇ 'ਤੇ ਦਾਲ ਮਿਲਦੀ ਹੈ") == "restaurant"
    assert scores("सब्ज़ी") == scores("सब्जी")  # with or without the nukta


def test_plurals_and_prefixes_in_latin_script():
    assert detect_kind("sarees") == "fashion" and detect_kind("a physiotherapist") == "clinic"
    assert detect_kind("peta") == "general"  # "pet" is a whole word, not a prefix


def test_every_kind_has_a_label_for_people():
    from webdpro.stores.schema import STORE_TYPE_LABELS, store_type_label

    assert set(STORE_TYPE_LABELS) == set(STORE_TYPES)
    assert store_type_label("sweets") == "Sweets & namkeen" and store_type_label(None) == "General store"
    assert all("_" not in store_type_label(k) for k in STORE_TYPES)
