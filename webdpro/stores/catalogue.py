"""Hand-written starter content for the built-in generator, per store type, in English and Hindi.

Prices are suggestions in rupees (decimal strings). Hindi and Marathi text is written by hand, not machine
translated. Other languages get the English content for now (the detected language is still stored, so
the storefront's UI strings follow it) — see README.
"""
from __future__ import annotations

TYPE_KEYWORDS = {
    # Substrings (Indic) or word prefixes (Latin). Weighted: strong words count 2.
    "grocery": {
        2: ["kirana", "grocery", "groceries", "supermarket", "provision", "ration", "किराना", "किराने", "किराणा",
            "राशन", "மளிகை", "కిరాణా", "ದಿನಸಿ", "ಕಿರಾಣಿ", "പലചരക്ക്", "মুদি", "કરિયાણ", "ਕਰਿਆਨ"],
        1: ["dal", "rice", "atta", "chawal", "sabzi", "vegetable", "fruit", "spices", "masala", "dairy", "milk",
            "oil", "sugar", "general store", "दाल", "चावल", "आटा", "सब्ज़ी", "सब्जी", "तांदूळ", "डाळ", "पीठ", "भाजी",
            "அரிசி", "பருப்பு", "காய்கறி", "బియ్యం", "పప్పు", "కూరగాయ", "ಅಕ್ಕಿ", "ಬೇಳೆ", "ತರಕಾರಿ", "അരി", "പച്ചക്കറി",
            "চাল", "ডাল", "সবজি", "દાળ", "ચોખા", "લોટ", "ਦਾਲ", "ਚੌਲ", "ਆਟਾ"],
    },
    "restaurant": {
        2: ["restaurant", "dhaba", "cafe", "café", "biryani", "thali", "tiffin", "canteen", "eatery", "bhojanalaya",
            "food", "cloud kitchen", "bakery", "sweets", "mithai", "रेस्टोरेंट", "रेस्टोरेंट", "ढाबा", "भोजनालय", "खाना",
            "बिरयानी", "थाली", "टिफ़िन", "टिफिन", "उपहारगृह", "खानावळ", "जेवण", "உணவகம்", "சாப்பாடு", "பிரியாணி",
            "ஹோட்டல்", "రెస్టారెంట్", "భోజన", "బిర్యానీ", "హోటల్", "ಹೋಟೆಲ್", "ಊಟ", "ಉಪಹಾರ", "ದರ್ಶಿನಿ", "ഹോട്ടൽ",
            "ഭക്ഷണ", "റെസ്റ്റോറന്റ്", "রেস্তোরাঁ", "রেস্টুরেন্ট", "খাবার", "বিরিয়ানি", "રેસ્ટોરન્ટ", "ભોજન", "થાળી",
            "ਢਾਬਾ", "ਰੈਸਟੋਰੈਂਟ", "ਖਾਣਾ", "ਭੋਜਨ"],
        1: ["kitchen", "dosa", "idli", "paratha", "pizza", "burger", "chai", "meals", "hotel", "naan", "curry",
            "नाश्ता", "ढोसा", "डोसा", "பரோட்டா", "దోశ", "ದೋಸೆ", "ദോശ", "નાસ્તો"],
    },
    "clinic": {
        2: ["clinic", "doctor", "dental", "dentist", "hospital", "physiotherap", "diagnostic", "pathology",
            "paediatric", "pediatric", "dermatolog", "homeopath", "ayurved", "consultation", "patients",
            "क्लिनिक", "डॉक्टर", "डाक्टर", "दवाखाना", "अस्पताल", "दंत", "इलाज", "मरीज़", "மருத்துவமனை", "கிளினிக்",
            "மருத்துவர்", "டாக்டர்", "క్లినిక్", "వైద్య", "ఆసుపత్రి", "డాక్టర్", "ಕ್ಲಿನಿಕ್", "ವೈದ್ಯ", "ಆಸ್ಪತ್ರೆ",
            "ಡಾಕ್ಟರ್", "ക്ലിനിക്", "ഡോക്ടർ", "ആശുപത്രി", "ক্লিনিক", "ডাক্তার", "চিকিৎস", "ક્લિનિક", "ડૉક્ટર",
            "ડોક્ટર", "દવાખાન", "ਕਲੀਨਿਕ", "ਡਾਕਟਰ", "ਹਸਪਤਾਲ"],
        1: ["health", "medical", "treatment", "dr.", "care", "स्वास्थ्य"],
    },
    "fashion": {
        2: ["boutique", "fashion", "clothes", "clothing", "saree", "sari", "kurti", "kurta", "garment", "apparel",
            "lehenga", "ethnic wear", "textile", "tailor", "dresses", "kapde", "कपड़े", "कपड़ों", "कपडे", "साड़ी",
            "साड़ियाँ", "साड्या", "बुटीक", "कुर्ती", "फ़ैशन", "फैशन", "புடவை", "ஆடை", "ஜவுளி", "துணி", "చీర", "బట్టలు",
            "దుస్తులు", "బొటిక్", "ಸೀರೆ", "ಬಟ್ಟೆ", "ಉಡುಪು", "സാരി", "വസ്ത്ര", "തുണി", "শাড়ি", "পোশাক", "জামা",
            "কাপড়", "સાડી", "કપડાં", "વસ્ત્ર", "ਕੱਪੜੇ", "ਸੂਟ", "ਫੁਲਕਾਰੀ"],
        1: ["shoes", "footwear", "jewellery", "jewelry", "shirts", "jeans", "silk", "wear", "dupatta"],
    },
}

THEMES = {
    "grocery": {"primary": "#15803d", "accent": "#f59e0b", "background": "#f7fdf9", "text": "#111827"},
    "restaurant": {"primary": "#b91c1c", "accent": "#f97316", "background": "#fffaf5", "text": "#1f2937"},
    "clinic": {"primary": "#0e7490", "accent": "#22c55e", "background": "#f5fbfd", "text": "#0f172a"},
    "fashion": {"primary": "#86198f", "accent": "#ec4899", "background": "#fdf8fc", "text": "#1e1b2e"},
    "general": {"primary": "#3730a3", "accent": "#f59e0b", "background": "#f8f8fc", "text": "#111827"},
}

DELIVERY = {
    "grocery": {"fee": "30.00", "free_above": "499.00", "radius_km": "5", "enabled": True},
    "restaurant": {"fee": "40.00", "free_above": "299.00", "radius_km": "6", "enabled": True},
    "clinic": {"fee": "0.00", "free_above": "0.00", "radius_km": "0", "enabled": False},
    "fashion": {"fee": "60.00", "free_above": "999.00", "radius_km": "15", "enabled": True},
    "general": {"fee": "40.00", "free_above": "499.00", "radius_km": "8", "enabled": True},
}

# (category_en, category_hi, [(name_en, name_hi, price), ...])
PRODUCTS = {
    "grocery": [
        ("Staples", "अनाज और दालें", [
            ("Toor Dal 1 kg", "तूर दाल 1 किलो", "165.00"), ("Moong Dal 1 kg", "मूंग दाल 1 किलो", "148.00"),
            ("Basmati Rice 5 kg", "बासमती चावल 5 किलो", "545.00"),
            ("Sona Masoori Rice 5 kg", "सोना मसूरी चावल 5 किलो", "375.00"),
            ("Chakki Atta 5 kg", "चक्की आटा 5 किलो", "265.00"), ("Sugar 1 kg", "चीनी 1 किलो", "46.00"),
            ("Iodised Salt 1 kg", "आयोडीन युक्त नमक 1 किलो", "28.00")]),
        ("Oils & Ghee", "तेल और घी", [
            ("Mustard Oil 1 L", "सरसों का तेल 1 लीटर", "172.00"), ("Desi Ghee 500 ml", "देसी घी 500 मि.ली.", "329.00")]),
        ("Spices", "मसाले", [
            ("Turmeric Powder 200 g", "हल्दी पाउडर 200 ग्राम", "62.00"),
            ("Red Chilli Powder 200 g", "लाल मिर्च पाउडर 200 ग्राम", "78.00"),
            ("Garam Masala 100 g", "गरम मसाला 100 ग्राम", "85.00")]),
        ("Dairy", "दूध और डेयरी", [
            ("Toned Milk 1 L", "टोंड दूध 1 लीटर", "56.00"), ("Paneer 200 g", "पनीर 200 ग्राम", "90.00")]),
        ("Snacks & Beverages", "नाश्ता और पेय", [
            ("Tea Leaves 500 g", "चाय पत्ती 500 ग्राम", "255.00"), ("Marie Biscuits 250 g", "मैरी बिस्किट 250 ग्राम", "35.00")]),
        ("Household", "घरेलू सामान", [
            ("Detergent Powder 1 kg", "डिटर्जेंट पाउडर 1 किलो", "120.00"),
            ("Bath Soap 4 pcs", "नहाने का साबुन 4 पीस", "160.00")]),
    ],
    "restaurant": [
        ("Starters", "स्टार्टर", [
            ("Paneer Tikka", "पनीर टिक्का", "240.00"), ("Veg Spring Roll", "वेज स्प्रिंग रोल", "160.00"),
            ("Chicken 65", "चिकन 65", "260.00")]),
        ("Main Course", "मुख्य भोजन", [
            ("Dal Makhani", "दाल मखनी", "220.00"), ("Paneer Butter Masala", "पनीर बटर मसाला", "260.00"),
            ("Butter Chicken", "बटर चिकन", "320.00"), ("Veg Thali", "वेज थाली", "180.00")]),
        ("Biryani & Rice", "बिरयानी और चावल", [
            ("Chicken Biryani", "चिकन बिरयानी", "280.00"), ("Veg Biryani", "वेज बिरयानी", "210.00"),
            ("Jeera Rice", "जीरा राइस", "140.00")]),
        ("Breads", "रोटी और नान", [
            ("Butter Naan", "बटर नान", "50.00"), ("Tandoori Roti", "तंदूरी रोटी", "25.00")]),
        ("Desserts & Drinks", "मिठाई और पेय", [
            ("Gulab Jamun (2 pcs)", "गुलाब जामुन (2 पीस)", "70.00"), ("Sweet Lassi", "मीठी लस्सी", "80.00"),
            ("Masala Chai", "मसाला चाय", "30.00")]),
    ],
    "clinic": [
        ("Consultations", "परामर्श", [
            ("General Consultation", "सामान्य परामर्श", "400.00"),
            ("Follow-up Consultation (within 7 days)", "फ़ॉलो-अप परामर्श (7 दिन के भीतर)", "200.00"),
            ("Video Consultation", "वीडियो परामर्श", "350.00")]),
        ("Tests", "जाँच", [
            ("Blood Sugar Test (Fasting)", "ब्लड शुगर जाँच (खाली पेट)", "80.00"),
            ("Complete Blood Count (CBC)", "सीबीसी (पूरी रक्त जाँच)", "300.00"),
            ("Thyroid Profile (T3, T4, TSH)", "थायरॉइड प्रोफ़ाइल (T3, T4, TSH)", "550.00"),
            ("ECG", "ईसीजी", "350.00"), ("Blood Pressure Check", "ब्लड प्रेशर जाँच", "50.00")]),
        ("Procedures", "उपचार", [
            ("Wound Dressing", "घाव की ड्रेसिंग", "150.00"),
            ("Vaccination (administration fee)", "टीकाकरण (लगाने का शुल्क)", "100.00")]),
        ("Health Packages", "हेल्थ पैकेज", [
            ("Basic Health Check-up", "बेसिक हेल्थ चेक-अप", "999.00"),
            ("Diabetes Care Package", "डायबिटीज़ केयर पैकेज", "1499.00")]),
    ],
    "fashion": [
        ("Sarees", "साड़ियाँ", [
            ("Cotton Saree", "सूती साड़ी", "899.00"), ("Banarasi Silk Saree", "बनारसी सिल्क साड़ी", "3499.00"),
            ("Printed Chiffon Saree", "प्रिंटेड शिफॉन साड़ी", "1199.00")]),
        ("Kurtis & Suits", "कुर्ती और सूट", [
            ("Cotton Kurti", "सूती कुर्ती", "549.00"), ("Anarkali Suit Set", "अनारकली सूट सेट", "1899.00"),
            ("Palazzo Set", "प्लाज़ो सेट", "999.00")]),
        ("Men's Wear", "पुरुषों के कपड़े", [
            ("Men's Cotton Kurta", "पुरुषों का सूती कुर्ता", "799.00"), ("Nehru Jacket", "नेहरू जैकेट", "1299.00"),
            ("Linen Shirt", "लिनेन शर्ट", "899.00")]),
        ("Accessories", "एक्सेसरीज़", [
            ("Phulkari Dupatta", "फुलकारी दुपट्टा", "649.00"),
            ("Oxidised Jhumka Earrings", "ऑक्सीडाइज़्ड झुमके", "299.00"),
            ("Embroidered Potli Bag", "कढ़ाईदार पोटली बैग", "449.00"),
            ("Kolhapuri Chappal", "कोल्हापुरी चप्पल", "699.00")]),
    ],
    "general": [
        ("Stationery", "स्टेशनरी", [
            ("Notebooks (pack of 6)", "नोटबुक (6 का पैक)", "180.00"), ("Ball Pens (pack of 10)", "बॉल पेन (10 का पैक)", "100.00"),
            ("Geometry Box", "ज्योमेट्री बॉक्स", "120.00")]),
        ("Mobile Accessories", "मोबाइल एक्सेसरीज़", [
            ("Fast Charger (Type-C)", "फ़ास्ट चार्जर (टाइप-C)", "399.00"), ("USB Cable 1 m", "यूएसबी केबल 1 मीटर", "149.00"),
            ("Wired Earphones", "वायर्ड ईयरफ़ोन", "299.00")]),
        ("Home & Kitchen", "घर और रसोई", [
            ("Steel Water Bottle 1 L", "स्टील की पानी की बोतल 1 लीटर", "349.00"), ("Lunch Box", "लंच बॉक्स", "299.00"),
            ("LED Bulb 9 W", "एलईडी बल्ब 9 वाट", "99.00")]),
        ("Gifts", "उपहार", [
            ("Gift Wrap Roll", "गिफ़्ट रैप रोल", "60.00"), ("Photo Frame", "फ़ोटो फ़्रेम", "249.00"),
            ("Greeting Card", "ग्रीटिंग कार्ड", "50.00")]),
    ],
}

# Words in a prompt that point at a starter product (so the products the owner mentions come first).
PRODUCT_ALIASES = {
    "dal": ["dal", "daal", "दाल", "डाळ", "பருப்பு", "పప్పు", "ಬೇಳೆ", "ডাল", "દાળ", "ਦਾਲ"],
    "rice": ["rice", "chawal", "चावल", "तांदूळ", "அரிசி", "బియ్యం", "ಅಕ್ಕಿ", "അരി", "চাল", "ચોખા", "ਚੌਲ"],
    "atta": ["atta", "flour", "आटा", "पीठ", "ಹಿಟ್ಟು", "লোট", "લોટ", "ਆਟਾ"],
    "oil": ["oil", "तेल", "எண்ணெய்", "నూనె", "ಎಣ್ಣೆ", "তেল", "તેલ", "ਤੇਲ"],
    "milk": ["milk", "doodh", "दूध", "பால்", "పాలు", "ಹಾಲು", "পাল", "দুধ", "દૂધ", "ਦੁੱਧ"],
    "saree": ["saree", "sari", "साड़ी", "साड्या", "புடவை", "చీర", "ಸೀರೆ", "സാരി", "শাড়ি", "સાડી"],
    "kurti": ["kurti", "कुर्ती"],
    "biryani": ["biryani", "बिरयानी", "பிரியாணி", "బిర్యానీ", "ಬಿರಿಯಾನಿ", "ബിരിയാണി", "বিরিয়ানি"],
    "thali": ["thali", "थाली", "થાળી"],
    "consultation": ["consult", "परामर्श"],
    "blood": ["blood", "test", "जाँच", "जांच"],
}

TEXT = {
    "en": {
        "titles": {"hero": None, "categories": "Shop by category", "featured": "Popular this week", "about": "About us",
                   "contact": "Contact us", "services": "Our services", "visiting_hours": "Visiting hours"},
        "titles_by_type": {"restaurant": {"categories": "Our menu", "featured": "Chef's specials"},
                           "clinic": {"categories": "What we offer", "featured": "Popular tests and services"},
                           "fashion": {"featured": "New arrivals"}},
        "tagline": {
            "grocery": "Fresh groceries and daily essentials, delivered to your door",
            "restaurant": "Home-style food, cooked fresh and delivered hot",
            "clinic": "Caring, trusted healthcare close to home",
            "fashion": "Handpicked styles for every occasion",
            "general": "Everything you need, one shop away"},
        "hero": {
            "grocery": "Order dal, rice, atta and more — delivered in under an hour",
            "restaurant": "Order online for delivery or takeaway",
            "clinic": "Book a consultation or a test in a minute",
            "fashion": "New arrivals every week",
            "general": "Order online, pay on delivery"},
        "about": {
            "grocery": "{name} has served the neighbourhood with honest prices and fresh stock. Order online and we deliver to your door.",
            "restaurant": "At {name} every dish is cooked fresh to order with quality ingredients — the taste of home, delivered hot.",
            "clinic": "{name} offers experienced, compassionate care for the whole family, with tests and follow-ups under one roof.",
            "fashion": "{name} brings you handpicked sarees, suits and more — quality fabrics at fair prices.",
            "general": "{name} stocks the everyday things you need, at fair prices, with quick delivery."},
        "hours": {
            "grocery": "7 am – 10 pm, every day", "restaurant": "11 am – 11 pm, every day",
            "clinic": "Mon–Sat 10 am – 1 pm and 5 – 8 pm", "fashion": "10:30 am – 9 pm, closed Tuesdays",
            "general": "9 am – 9 pm, every day"},
        "default_name": {"grocery": "Neighbourhood Kirana", "restaurant": "Home Kitchen", "clinic": "Family Clinic",
                         "fashion": "Style Boutique", "general": "General Store"},
        "seo": {"grocery": "groceries delivered", "restaurant": "order food online", "clinic": "book a consultation",
                "fashion": "shop ethnic wear online", "general": "shop online"},
        "seo_description": "{tagline}. Order online from {name}: {items} and more.",
        "services": ["General medicine", "Diagnostic tests", "Vaccination", "Health check-ups", "Video consultations"],
        "visiting": [{"label": "Monday – Saturday", "value": "10 am – 1 pm, 5 pm – 8 pm"},
                     {"label": "Sunday", "value": "10 am – 12 noon"}],
        "product_description": "{name} — suggested price, please review before selling.",
    },
    "hi": {
        "titles": {"hero": None, "categories": "श्रेणी के अनुसार खरीदें", "featured": "इस हफ़्ते के लोकप्रिय",
                   "about": "हमारे बारे में", "contact": "संपर्क करें", "services": "हमारी सेवाएँ",
                   "visiting_hours": "मिलने का समय"},
        "titles_by_type": {"restaurant": {"categories": "हमारा मेन्यू", "featured": "ख़ास पकवान"},
                           "clinic": {"categories": "हमारी सुविधाएँ", "featured": "लोकप्रिय जाँच और सेवाएँ"},
                           "fashion": {"featured": "नया कलेक्शन"}},
        "tagline": {
            "grocery": "ताज़ा किराना और रोज़मर्रा का सामान, आपके दरवाज़े तक",
            "restaurant": "घर जैसा खाना, ताज़ा बना और गरमा-गरम पहुँचाया",
            "clinic": "भरोसेमंद इलाज, आपके घर के पास",
            "fashion": "हर मौके के लिए चुनिंदा फ़ैशन",
            "general": "ज़रूरत की हर चीज़, एक ही दुकान पर"},
        "hero": {
            "grocery": "दाल, चावल, आटा और बहुत कुछ मँगाइए — एक घंटे में डिलीवरी",
            "restaurant": "डिलीवरी या टेकअवे के लिए ऑनलाइन ऑर्डर करें",
            "clinic": "एक मिनट में परामर्श या जाँच बुक करें",
            "fashion": "हर हफ़्ते नया कलेक्शन",
            "general": "ऑनलाइन ऑर्डर करें, डिलीवरी पर भुगतान करें"},
        "about": {
            "grocery": "{name} सालों से ईमानदार दाम और ताज़े सामान के साथ मोहल्ले की सेवा कर रहा है। ऑनलाइन ऑर्डर करें, हम घर तक पहुँचाएँगे।",
            "restaurant": "{name} में हर पकवान ऑर्डर पर ताज़ा बनता है — घर का स्वाद, गरमा-गरम आपके पास।",
            "clinic": "{name} में पूरे परिवार के लिए अनुभवी और संवेदनशील इलाज, जाँच और फ़ॉलो-अप एक ही जगह।",
            "fashion": "{name} में चुनिंदा साड़ियाँ, सूट और बहुत कुछ — अच्छा कपड़ा, सही दाम।",
            "general": "{name} में रोज़ की ज़रूरत का हर सामान, सही दाम पर और जल्दी डिलीवरी के साथ।"},
        "hours": {
            "grocery": "रोज़ सुबह 7 से रात 10 बजे तक", "restaurant": "रोज़ सुबह 11 से रात 11 बजे तक",
            "clinic": "सोम–शनि सुबह 10 से दोपहर 1, शाम 5 से रात 8 बजे तक",
            "fashion": "सुबह 10:30 से रात 9 बजे तक, मंगलवार बंद", "general": "रोज़ सुबह 9 से रात 9 बजे तक"},
        "default_name": {"grocery": "मोहल्ला किराना स्टोर", "restaurant": "घर का खाना", "clinic": "फ़ैमिली क्लिनिक",
                         "fashion": "स्टाइल बुटीक", "general": "जनरल स्टोर"},
        "seo": {"grocery": "किराना घर तक", "restaurant": "ऑनलाइन खाना ऑर्डर करें", "clinic": "परामर्श बुक करें",
                "fashion": "ऑनलाइन कपड़े खरीदें", "general": "ऑनलाइन खरीदारी"},
        "seo_description": "{tagline}। {name} से ऑनलाइन ऑर्डर करें: {items} और बहुत कुछ।",
        "services": ["सामान्य चिकित्सा", "जाँच और टेस्ट", "टीकाकरण", "हेल्थ चेक-अप", "वीडियो परामर्श"],
        "visiting": [{"label": "सोमवार – शनिवार", "value": "सुबह 10 – दोपहर 1, शाम 5 – रात 8"},
                     {"label": "रविवार", "value": "सुबह 10 – दोपहर 12"}],
        "product_description": "{name} — सुझाया गया दाम, बेचने से पहले जाँच लें।",
    },
}


def text_for(language: str) -> dict:
    """Content language: Hindi (also for Hinglish) and Marathi are written by hand; others get English."""
    return TEXT.get(language, TEXT["en"])


# Marathi (hand-written): the non-product text, and product and category names by their English name.
TEXT["mr"] = {
    "titles": {"hero": None, "categories": "प्रकारानुसार खरेदी करा", "featured": "या आठवड्यातील लोकप्रिय",
               "about": "आमच्याबद्दल", "contact": "संपर्क", "services": "आमच्या सेवा", "visiting_hours": "भेटीची वेळ"},
    "titles_by_type": {"restaurant": {"categories": "आमचा मेन्यू", "featured": "खास पदार्थ"},
                       "clinic": {"categories": "आमच्या सुविधा", "featured": "लोकप्रिय चाचण्या आणि सेवा"},
                       "fashion": {"featured": "नवीन कलेक्शन"}},
    "tagline": {
        "grocery": "ताजे किराणा आणि रोजच्या वस्तू, थेट तुमच्या दारात",
        "restaurant": "घरगुती चवीचे जेवण, ताजे बनवलेले आणि गरमागरम पोहोचवलेले",
        "clinic": "विश्वासार्ह उपचार, तुमच्या घराजवळ",
        "fashion": "प्रत्येक प्रसंगासाठी निवडक फॅशन",
        "general": "गरजेची प्रत्येक वस्तू, एकाच दुकानात"},
    "hero": {
        "grocery": "डाळ, तांदूळ, पीठ आणि बरेच काही मागवा — एका तासात डिलिव्हरी",
        "restaurant": "डिलिव्हरी किंवा पार्सलसाठी ऑनलाइन ऑर्डर करा",
        "clinic": "एका मिनिटात सल्ला किंवा चाचणी बुक करा",
        "fashion": "दर आठवड्याला नवीन कलेक्शन",
        "general": "ऑनलाइन ऑर्डर करा, डिलिव्हरीच्या वेळी पैसे द्या"},
    "about": {
        "grocery": "{name} प्रामाणिक दर आणि ताज्या मालासह परिसराची सेवा करत आहे. ऑनलाइन ऑर्डर करा, आम्ही घरपोच देऊ.",
        "restaurant": "{name} मध्ये प्रत्येक पदार्थ ऑर्डरनुसार ताजा बनवला जातो — घरची चव, गरमागरम तुमच्यापर्यंत.",
        "clinic": "{name} मध्ये संपूर्ण कुटुंबासाठी अनुभवी आणि आपुलकीचे उपचार, चाचण्या आणि फॉलो-अप एकाच ठिकाणी.",
        "fashion": "{name} मध्ये निवडक साड्या, ड्रेस आणि बरेच काही — उत्तम कापड, योग्य दर.",
        "general": "{name} मध्ये रोजच्या गरजेच्या वस्तू, योग्य दरात आणि जलद डिलिव्हरीसह."},
    "hours": {
        "grocery": "रोज सकाळी 7 ते रात्री 10", "restaurant": "रोज सकाळी 11 ते रात्री 11",
        "clinic": "सोम–शनि सकाळी 10 ते दुपारी 1, संध्याकाळी 5 ते रात्री 8",
        "fashion": "सकाळी 10:30 ते रात्री 9, मंगळवारी बंद", "general": "रोज सकाळी 9 ते रात्री 9"},
    "default_name": {"grocery": "आपले किराणा दुकान", "restaurant": "घरगुती खानावळ", "clinic": "फॅमिली क्लिनिक",
                     "fashion": "स्टाईल बुटीक", "general": "जनरल स्टोअर"},
    "seo": {"grocery": "किराणा घरपोच", "restaurant": "ऑनलाइन जेवण मागवा", "clinic": "सल्ला बुक करा",
            "fashion": "ऑनलाइन कपडे खरेदी करा", "general": "ऑनलाइन खरेदी"},
    "seo_description": "{tagline}. {name} कडून ऑनलाइन ऑर्डर करा: {items} आणि बरेच काही.",
    "services": ["सामान्य उपचार", "चाचण्या", "लसीकरण", "आरोग्य तपासणी", "व्हिडिओ सल्ला"],
    "visiting": [{"label": "सोमवार – शनिवार", "value": "सकाळी 10 – दुपारी 1, संध्याकाळी 5 – रात्री 8"},
                 {"label": "रविवार", "value": "सकाळी 10 – दुपारी 12"}],
    "product_description": "{name} — सुचवलेली किंमत, विक्रीपूर्वी तपासा.",
}

MARATHI_NAMES = {
    # grocery
    "Staples": "धान्य आणि डाळी", "Toor Dal 1 kg": "तूर डाळ 1 किलो", "Moong Dal 1 kg": "मूग डाळ 1 किलो",
    "Basmati Rice 5 kg": "बासमती तांदूळ 5 किलो", "Sona Masoori Rice 5 kg": "सोना मसुरी तांदूळ 5 किलो",
    "Chakki Atta 5 kg": "गव्हाचे चक्की पीठ 5 किलो", "Sugar 1 kg": "साखर 1 किलो", "Iodised Salt 1 kg": "आयोडीनयुक्त मीठ 1 किलो",
    "Oils & Ghee": "तेल आणि तूप", "Mustard Oil 1 L": "मोहरीचे तेल 1 लिटर", "Desi Ghee 500 ml": "साजूक तूप 500 मि.ली.",
    "Spices": "मसाले", "Turmeric Powder 200 g": "हळद पावडर 200 ग्रॅम", "Red Chilli Powder 200 g": "लाल तिखट 200 ग्रॅम",
    "Garam Masala 100 g": "गरम मसाला 100 ग्रॅम", "Dairy": "दूध आणि डेअरी", "Toned Milk 1 L": "टोन्ड दूध 1 लिटर",
    "Paneer 200 g": "पनीर 200 ग्रॅम", "Snacks & Beverages": "नाश्ता आणि पेये", "Tea Leaves 500 g": "चहा पावडर 500 ग्रॅम",
    "Marie Biscuits 250 g": "मारी बिस्किटे 250 ग्रॅम", "Household": "घरगुती वस्तू",
    "Detergent Powder 1 kg": "डिटर्जंट पावडर 1 किलो", "Bath Soap 4 pcs": "आंघोळीचा साबण 4 नग",
    # restaurant
    "Starters": "स्टार्टर", "Paneer Tikka": "पनीर टिक्का", "Veg Spring Roll": "व्हेज स्प्रिंग रोल", "Chicken 65": "चिकन 65",
    "Main Course": "मुख्य जेवण", "Dal Makhani": "दाल मखनी", "Paneer Butter Masala": "पनीर बटर मसाला",
    "Butter Chicken": "बटर चिकन", "Veg Thali": "व्हेज थाळी", "Biryani & Rice": "बिर्याणी आणि भात",
    "Chicken Biryani": "चिकन बिर्याणी", "Veg Biryani": "व्हेज बिर्याणी", "Jeera Rice": "जीरा राईस",
    "Breads": "रोटी आणि नान", "Butter Naan": "बटर नान", "Tandoori Roti": "तंदुरी रोटी",
    "Desserts & Drinks": "गोड पदार्थ आणि पेये", "Gulab Jamun (2 pcs)": "गुलाबजाम (2 नग)", "Sweet Lassi": "गोड लस्सी",
    "Masala Chai": "मसाला चहा",
    # clinic
    "Consultations": "सल्ला", "General Consultation": "सामान्य सल्ला",
    "Follow-up Consultation (within 7 days)": "फॉलो-अप सल्ला (7 दिवसांत)", "Video Consultation": "व्हिडिओ सल्ला",
    "Tests": "चाचण्या", "Blood Sugar Test (Fasting)": "रक्तातील साखर चाचणी (उपाशीपोटी)",
    "Complete Blood Count (CBC)": "सीबीसी (संपूर्ण रक्त तपासणी)", "Thyroid Profile (T3, T4, TSH)": "थायरॉईड प्रोफाइल (T3, T4, TSH)",
    "ECG": "ईसीजी", "Blood Pressure Check": "रक्तदाब तपासणी", "Procedures": "उपचार", "Wound Dressing": "जखमेची ड्रेसिंग",
    "Vaccination (administration fee)": "लसीकरण (देण्याचे शुल्क)", "Health Packages": "आरोग्य पॅकेज",
    "Basic Health Check-up": "बेसिक हेल्थ चेक-अप", "Diabetes Care Package": "मधुमेह काळजी पॅकेज",
    # fashion
    "Sarees": "साड्या", "Cotton Saree": "सुती साडी", "Banarasi Silk Saree": "बनारसी सिल्क साडी",
    "Printed Chiffon Saree": "प्रिंटेड शिफॉन साडी", "Kurtis & Suits": "कुर्ती आणि ड्रेस", "Cotton Kurti": "सुती कुर्ती",
    "Anarkali Suit Set": "अनारकली ड्रेस सेट", "Palazzo Set": "प्लाझो सेट", "Men's Wear": "पुरुषांचे कपडे",
    "Men's Cotton Kurta": "पुरुषांचा सुती कुर्ता", "Nehru Jacket": "नेहरू जॅकेट", "Linen Shirt": "लिनन शर्ट",
    "Accessories": "ॲक्सेसरीज", "Phulkari Dupatta": "फुलकारी ओढणी", "Oxidised Jhumka Earrings": "ऑक्सिडाइज्ड झुमके",
    "Embroidered Potli Bag": "भरतकाम केलेली पोटली बॅग", "Kolhapuri Chappal": "कोल्हापुरी चप्पल",
    # general
    "Stationery": "स्टेशनरी", "Notebooks (pack of 6)": "वह्या (6 चा संच)", "Ball Pens (pack of 10)": "बॉल पेन (10 चा संच)",
    "Geometry Box": "कंपास पेटी", "Mobile Accessories": "मोबाइल ॲक्सेसरीज", "Fast Charger (Type-C)": "फास्ट चार्जर (टाइप-C)",
    "USB Cable 1 m": "यूएसबी केबल 1 मीटर", "Wired Earphones": "वायर्ड इयरफोन", "Home & Kitchen": "घर आणि स्वयंपाकघर",
    "Steel Water Bottle 1 L": "स्टीलची पाण्याची बाटली 1 लिटर", "Lunch Box": "जेवणाचा डबा", "LED Bulb 9 W": "एलईडी बल्ब 9 वॅट",
    "Gifts": "भेटवस्तू", "Gift Wrap Roll": "गिफ्ट रॅप रोल", "Photo Frame": "फोटो फ्रेम", "Greeting Card": "शुभेच्छा पत्र",
}


def localized(language: str, english: str, hindi: str) -> str:
    """A product or category name in the content language (Hindi, Marathi, else English)."""
    if language == "hi":
        return hindi
    if language == "mr":
        return MARATHI_NAMES.get(english, hindi)
    return english
