"""The built-in generator on varied prompts: store type, language and the extracted business name."""

import time
from decimal import Decimal

import pytest

from webdpro.stores.generator import BuiltinGenerator, default_config, detect_store_type
from webdpro.stores.schema import generator_errors, validate_config
from webdpro.stores.text import detect_language, extract_name

# (prompt, store_type, language, name or None when the prompt names no business)
PROMPTS = [
    # English
    ("We run Sharma General Store in Jaipur selling dal, rice and atta", "grocery", "en", "Sharma General Store"),
    (
        "A South Indian restaurant called Annapoorna Tiffins serving dosa and idli",
        "restaurant",
        "en",
        "Annapoorna Tiffins",
    ),
    ("My dental clinic named Smile Care Dental in Pune", "clinic", "en", "Smile Care Dental"),
    ("Boutique selling handloom sarees and kurtis", "fashion", "en", None),
    ("I sell stationery, mobile chargers and gift items", "general", "en", None),
    (
        "Cloud kitchen for biryani and kebabs in Hyderabad, the name is Nawab's Kitchen",
        "restaurant",
        "en",
        "Nawab's Kitchen",
    ),
    ('Our shop "Green Basket" sells fresh vegetables and fruits', "fruits_vegetables", "en", "Green Basket"),
    (
        "Dr. Mehta's Child Clinic - paediatric consultations and vaccinations",
        "clinic",
        "en",
        "Dr. Mehta's Child Clinic",
    ),
    ("Trendy Threads Fashion - western wear for women", "fashion", "en", "Trendy Threads Fashion"),
    ("Raj Mobile Point - phone covers, chargers and earphones", "electronics", "en", "Raj Mobile Point"),
    ("We are a bakery called Sweet Tooth", "bakery", "en", "Sweet Tooth"),
    # Hinglish (Hindi in Latin letters → hi)
    ("meri dukaan ka naam Gupta Kirana hai, dal chawal bechte hain", "grocery", "hi", "Gupta Kirana"),
    ("hamara dhaba hai highway pe, naam Sher-e-Punjab Dhaba hai", "restaurant", "hi", "Sher-e-Punjab Dhaba"),
    ("mera clinic hai, hum bacchon ka ilaaj karte hain", "clinic", "hi", None),
    ("meri boutique mein ladies suit aur saree milte hain", "fashion", "hi", None),
    # Hindi
    ("मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं", "grocery", "hi", None),
    ("हमारा ढाबा है जिसका नाम शेरे पंजाब है", "restaurant", "hi", "शेरे पंजाब"),
    ('मेरी दुकान का नाम "लक्ष्मी साड़ी भंडार" है, हम साड़ियाँ बेचते हैं', "fashion", "hi", "लक्ष्मी साड़ी भंडार"),
    ("डॉक्टर वर्मा का क्लिनिक है, सुबह 10 से शाम 6 तक", "clinic", "hi", None),
    ("हम स्टेशनरी और उपहार का सामान बेचते हैं", "general", "hi", None),
    # Marathi (Devanagari, but not Hindi)
    ("आमचे किराणा दुकान आहे, तांदूळ आणि डाळ विकतो", "grocery", "mr", None),
    ("माझे कपडे आणि साड्या यांचे दुकान आहे, नाव श्री गणेश वस्त्र भांडार आहे", "fashion", "mr", "श्री गणेश वस्त्र भांडार"),
    ("आमची खानावळ पुण्यात आहे, घरगुती जेवण मिळते", "restaurant", "mr", None),
    # Tamil
    ("எங்கள் மளிகை கடையில் அரிசி, பருப்பு கிடைக்கும்", "grocery", "ta", None),
    ("சரவணா உணவகம் என்ற பெயரில் ஹோட்டல் நடத்துகிறோம்", "restaurant", "ta", "சரவணா உணவகம்"),
    # Telugu
    ("మా క్లినిక్ పేరు శ్రీ సాయి క్లినిక్.", "clinic", "te", "శ్రీ సాయి క్లినిక్"),
    ("చీరలు మరియు బట్టలు అమ్మే దుకాణం", "fashion", "te", None),
    # Kannada
    ("ನಮ್ಮ ದಿನಸಿ ಅಂಗಡಿಯಲ್ಲಿ ಅಕ್ಕಿ ಮತ್ತು ಬೇಳೆ ಸಿಗುತ್ತದೆ", "grocery", "kn", None),
    ("ಮೈಸೂರು ದರ್ಶಿನಿ ಎಂಬ ಹೋಟೆಲ್", "restaurant", "kn", "ಮೈಸೂರು ದರ್ಶಿನಿ"),
    # Malayalam
    ("ഞങ്ങളുടെ ക്ലിനിക്കിൽ ഡോക്ടർ എല്ലാ ദിവസവും ഉണ്ട്", "clinic", "ml", None),
    # Bengali
    ("আমার শাড়ির দোকান, নাম মা দুর্গা বস্ত্রালয়", "fashion", "bn", "মা দুর্গা বস্ত্রালয়"),
    # Gujarati
    ("અમારી કરિયાણાની દુકાન છે, નામ પટેલ સ્ટોર્સ છે", "grocery", "gu", "પટેલ સ્ટોર્સ"),
    # Punjabi
    ("ਸਾਡਾ ਢਾਬਾ ਹੈ, ਨਾਮ ਪੰਜਾਬੀ ਤੜਕਾ ਹੈ", "restaurant", "pa", "ਪੰਜਾਬੀ ਤੜਕਾ"),
    # Odia
    ("ଆମର ଦୋକାନରେ ସବୁ ଜିନିଷ ମିଳେ", "general", "or", None),
]


def test_the_prompt_set_covers_the_original_types_and_enough_languages():
    assert len(PROMPTS) >= 30
    assert {"grocery", "restaurant", "clinic", "fashion", "general"} <= {t for _, t, _, _ in PROMPTS}
    languages = {lang for _, _, lang, _ in PROMPTS}
    assert {"en", "hi"} <= languages and len(languages - {"en", "hi"}) >= 4


@pytest.mark.parametrize("prompt,store_type,language,name", PROMPTS, ids=[p[0][:40] for p in PROMPTS])
def test_builtin_generator_reads_type_language_and_name(prompt, store_type, language, name):
    assert detect_store_type(prompt) == store_type
    assert detect_language(prompt) == language
    assert extract_name(prompt) == name
    result = BuiltinGenerator().generate(prompt, business_name="Fallback Business")
    config = result.config
    assert (config["store_type"], config["language"]) == (store_type, language)
    assert config["name"] == (name or "Fallback Business")
    assert result.name_from_prompt is (name is not None)
    assert generator_errors(result.output) == []
    validate_config(config)


def test_generated_store_is_complete():
    result = BuiltinGenerator().generate("We run Sharma General Store in Jaipur selling dal, rice and atta")
    config = result.config
    types = [s["type"] for s in config["sections"]]
    assert types[0] == "hero" and {"categories", "featured", "about", "contact"} <= set(types)
    assert 8 <= len(result.products) <= 20
    assert {p["category"] for p in result.products} <= set(config["categories"])
    for product in result.products:
        assert Decimal(product["price"]) > 0 and isinstance(product["price"], str)
    assert Decimal(config["delivery"]["fee"]) >= 0 and Decimal(config["delivery"]["free_above"]) > 0
    assert config["contact"]["address"] == "Jaipur"
    assert config["seo"]["title"].startswith("Sharma General Store")
    # Products the owner mentions come first.
    assert any(w in result.products[0]["name"] for w in ("Dal", "Rice", "Atta"))


def test_clinics_get_services_and_visiting_hours():
    config = BuiltinGenerator().generate("Dr. Mehta's Child Clinic - paediatric consultations").config
    types = [s["type"] for s in config["sections"]]
    assert "services" in types and "visiting_hours" in types
    assert config["delivery"]["enabled"] is False


def test_hindi_store_is_written_in_hindi():
    result = BuiltinGenerator().generate("मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं", business_name="शर्मा किराना")
    config = result.config
    devanagari = lambda s: any("\u0900" <= ch <= "\u097f" for ch in s)  # noqa: E731
    assert devanagari(config["tagline"])
    assert all(devanagari(s["title"]) for s in config["sections"])
    assert all(devanagari(c) for c in config["categories"])
    assert all(devanagari(p["name"]) for p in result.products)
    assert result.products[0]["name"].startswith(("दाल", "तूर दाल", "मूंग दाल", "बासमती चावल", "चक्की आटा"))


def test_builtin_generator_is_fast():
    started = time.perf_counter()
    for prompt, *_ in PROMPTS:
        BuiltinGenerator().generate(prompt)
    assert (time.perf_counter() - started) / len(PROMPTS) < 0.1


@pytest.mark.parametrize("language", ["en", "hi", "ta", "xx-bad"])
def test_default_config_is_valid(language):
    config = default_config("Any Name", language=language)
    validate_config(config)
    assert config["name"] == "Any Name"


def test_marathi_store_is_written_in_marathi_not_hindi():
    result = BuiltinGenerator().generate("आमचे किराणा दुकान आहे, तांदूळ आणि डाळ विकतो", business_name="पाटील किराणा")
    config = result.config
    assert config["language"] == "mr"
    assert config["tagline"] == "ताजे किराणा आणि रोजच्या वस्तू, थेट तुमच्या दारात"
    assert [s["title"] for s in config["sections"] if s["type"] == "about"] == ["आमच्याबद्दल"]
    assert "तूर डाळ 1 किलो" in [p["name"] for p in result.products]  # Marathi डाळ, not Hindi दाल
    assert not any("दाल" in p["name"] for p in result.products)
