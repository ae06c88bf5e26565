"""Language detection, business-name extraction and slugs — offline, no dependencies.

Language (ISO 639-1) comes from the Unicode script of the letters, then words:
- Devanagari is Hindi unless Marathi words outnumber Hindi ones (आहे, आमचे, माझे, आणि, विकतो … vs है,
  हमारी, मेरी, और, बेचते …). Bengali script is Bengali unless Assamese letters (ৰ, ৱ) appear.
- Latin script is English, except **Hinglish** (Hindi written in Latin letters: "meri dukaan hai, dal
  chawal bechte hain"), which is ``hi``: the language is Hindi and the store's customers are Hindi
  speakers, so the storefront is generated in Hindi (Devanagari). The owner can switch to English in the
  editor with one click. It takes two distinct Hinglish function words (and three Hinglish words), or
  three romanised Hindi words in a sentence without an English function word.

Slugs: Indic scripts share one (ISCII-derived) layout inside their Unicode blocks, so one table of
offsets transliterates all of them to Latin (a simplified, ASCII-only scheme: "शर्मा किराना" →
"sharma-kirana"). Anything else falls back to a safe ASCII slug.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext

# Unicode blocks of Indian scripts → default language.
SCRIPTS = [
    (0x0900, "Devanagari", "hi"),
    (0x0980, "Bengali", "bn"),
    (0x0A00, "Gurmukhi", "pa"),
    (0x0A80, "Gujarati", "gu"),
    (0x0B00, "Oriya", "or"),
    (0x0B80, "Tamil", "ta"),
    (0x0C00, "Telugu", "te"),
    (0x0C80, "Kannada", "kn"),
    (0x0D00, "Malayalam", "ml"),
]
ARABIC = (0x0600, 0x06FF)  # Urdu

MARATHI_WORDS = [
    "आहे",
    "आहेत",
    "आमचे",
    "आमची",
    "आमचा",
    "आमच्या",
    "माझे",
    "माझी",
    "माझा",
    "माझ्या",
    "आणि",
    "विकतो",
    "विकते",
    "विकतात",
    "मिळते",
    "मिळतात",
    "नाव",
    "येथे",
    "साठी",
    "दुकान आहे",
    "आम्ही",
    "करतो",
    "तांदूळ",
    "डाळ",
    "किराणा",
    "कपडे",
    "साड्या",
    "दवाखाना",
    "खानावळ",
    "पुण्यात",
    "मुंबईत",
    "चा ",
    "ची ",
    "चे ",
]
HINDI_WORDS = [
    "है",
    "हैं",
    "हमारी",
    "हमारा",
    "हमारे",
    "मेरी",
    "मेरा",
    "मेरे",
    "और",
    "बेचते",
    "बेचता",
    "बेचती",
    "का ",
    "की ",
    "के ",
    "में",
    "नाम",
    "हम ",
    "मिलता",
    "मिलती",
    "किराना",
    "चावल",
    "दुकान है",
    "करते",
]
HINGLISH_WORDS = {
    "desi",
    "laddoo",
    "ladoo",
    "laddu",
    "barfi",
    "mithai",
    "namkeen",
    "roti",
    "dal",
    "daal",
    "atta",
    "doodh",
    "dahi",
    "ghee",
    "chai",
    "samose",
    "kapda",
    "joote",
    "dawai",
    "hai",
    "hain",
    "meri",
    "mera",
    "mere",
    "hamari",
    "hamara",
    "hamare",
    "dukaan",
    "dukan",
    "bechte",
    "bechta",
    "bechti",
    "naam",
    "wala",
    "wali",
    "aur",
    "ki",
    "ka",
    "ke",
    "mein",
    "hum",
    "milta",
    "milti",
    "milega",
    "khana",
    "kapde",
    "kapdon",
    "sabzi",
    "chawal",
    "karte",
    "karta",
    "apni",
    "apna",
}
HINGLISH_FUNCTION = {
    "hai",
    "hain",
    "meri",
    "mera",
    "mere",
    "hamari",
    "hamara",
    "hamare",
    "ki",
    "ka",
    "ke",
    "aur",
    "mein",
    "hum",
    "naam",
    "bechte",
    "bechta",
    "bechti",
    "karte",
    "karta",
    "apni",
    "apna",
    "wala",
    "wali",
}


def script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        cp = ord(ch)
        if ch.isascii():
            if ch.isalpha():
                counts["Latin"] = counts.get("Latin", 0) + 1
            continue
        for base, name, _ in SCRIPTS:
            if base <= cp < base + 0x80:
                counts[name] = counts.get(name, 0) + 1
                break
        else:
            if ARABIC[0] <= cp <= ARABIC[1]:
                counts["Arabic"] = counts.get("Arabic", 0) + 1
    return counts


def latin_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


# Romanised Hindi words that are not English words (shop talk): three of them, with no English function
# word in the sentence, make it Hinglish too ("jan aushadhi kendra, sasti generic dawaiyan").
HINGLISH_VOCABULARY = HINGLISH_WORDS | {
    "dawai",
    "dawaiyan",
    "dawa",
    "sasti",
    "sasta",
    "saste",
    "kendra",
    "doodh",
    "mithai",
    "sabji",
    "kirana",
    "joote",
    "chappal",
    "bartan",
    "ghar",
    "wale",
    "waali",
    "taaza",
    "taza",
    "sab",
    "kuch",
    "bhi",
    "milega",
    "milenge",
    "milte",
    "banate",
    "bechne",
    "achha",
    "accha",
    "bahut",
    "yahan",
    "yaha",
    "humari",
    "humara",
    "dukandar",
    "gehne",
    "kitab",
    "kitaben",
    "ilaaj",
    "ilaj",
}
ENGLISH_FUNCTION = {"the", "and", "with", "for", "of", "we", "our", "is", "are", "in", "a", "an", "to", "from", "my"}


def is_hinglish(text: str) -> bool:
    words = latin_words(text)
    function = {w for w in words if w in HINGLISH_FUNCTION}
    content = [w for w in words if w in HINGLISH_WORDS]
    if len(function) >= 2 and len(content) >= 3:
        return True
    vocabulary = {w for w in words if w in HINGLISH_VOCABULARY}
    return len(vocabulary) >= 3 and not any(w in ENGLISH_FUNCTION for w in words)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the prompt's language (see the module docstring for the rules)."""
    counts = script_counts(text or "")
    indic = {k: v for k, v in counts.items() if k not in ("Latin",)}
    if indic:
        script = max(indic, key=indic.get)
        if script == "Arabic":
            return "ur"
        if script == "Devanagari":
            padded = f" {text} "
            mr = sum(padded.count(w) for w in MARATHI_WORDS)
            hi = sum(padded.count(w) for w in HINDI_WORDS)
            return "mr" if mr > hi else "hi"
        if script == "Bengali":
            return "as" if ("ৰ" in text or "ৱ" in text) else "bn"
        return next(code for _, name, code in SCRIPTS if name == script)
    if is_hinglish(text or ""):
        return "hi"
    return "en"


# --- Business name -------------------------------------------------------------------------------
BUSINESS_NOUNS = (
    "Store|Stores|Kirana|Mart|Supermart|Supermarket|Restaurant|Dhaba|Cafe|Café|Clinic|Boutique|Bhandar|Traders|"
    "Emporium|Kitchen|Hotel|Collection|Collections|Fashion|Fashions|Bakery|Bakers|Sweets|Dental|Hospital|Medicals|"
    "Enterprises|Shop|Foods|Biryani|Mess|Bhavan|Garments|Textiles|Silks|Saree|Sarees|Centre|Center|Corner|Point|"
    "Hub|Diagnostics|Physiotherapy|Healthcare|Care|Tailors|Trends|House|Agencies|Provisions|General Store|Dairy|Studio|"
    "Salon|Parlour|Jewellers|Jewelers|Jewellery|Footwear|Shoes|Electronics|Mobiles|Hardware|Paints|Furniture|"
    "Florist|Florists|Gifts|Pharmacy|Chemists|Medical|Book Depot|Stationers|Pet Care|Pets|Meat|Chicken|Fish|Mandi"
)
_NAME_STOP = (
    r"(?:\s+(?:and|which|that|where|in|at|near|on|for|selling|sells|serving|serves|offering|offers|with|"
    r"we|i|it|is|has|run|since|from|hai|hain|he|ka|ki|ke|mein|aur)\b|[,.;:!?\"“”()]|$)"
)
NAME_PATTERNS = [
    # Quoted names in any language: “Annapurna Bhojanalaya”, "Sharma Kirana", «…», 'X'.
    re.compile(r"[\"“«]([^\"“”«»]{2,60})[\"”»]"),
    re.compile(r"(?:^|\s)'([^']{2,60})'(?:\s|$|[,.])"),
    # English: called X / named X / name is X / name: X
    re.compile(r"\b(?:called|named|name is|name's|name:|known as|brand is)\s+(.+?)" + _NAME_STOP, re.I),
    # Hinglish: (dukaan ka) naam X hai
    re.compile(r"\bnaam\s+(.+?)\s+(?:hai|he|h)\b", re.I),
    # Hindi / Marathi / Gujarati / Punjabi / Bengali: नाम X है, नाव X आहे, નામ X છે, ਨਾਮ X ਹੈ, নাম X
    re.compile(r"(?:नाम|नाव|નામ|ਨਾਮ|ਨਾਂ|নাম)\s+(?:है\s+)?(.+?)\s*(?:है|हैं|आहे|છે|ਹੈ|আছে|হল|হলো|[,.।!?]|$)"),
    # Odia: ନାମ X / ନାଁ X
    re.compile(r"(?:ନାମ|ନାଁ)\s+(.+?)\s*(?:ଅଟେ|ଅଛି|[,.।!?]|$)"),
    # Tamil / Telugu / Kannada / Malayalam: "பெயர் X", "పేరు X", "ಹೆಸರು X", "പേര് X"
    re.compile(r"(?:பெயர்|పేరు|ಹೆಸರು|പേര്)\s+(.+?)\s*(?:[,.।!?]|$)"),
    # "X என்ற / అనే / ಎಂಬ / എന്ന" (Dravidian: name before "called")
    re.compile(r"(?:^|[\s,])((?:[^\s,]+\s+){0,3}[^\s,]+)\s+(?:என்ற|என்கிற|అనే|ಎಂಬ|ಎನ್ನುವ|എന്ന)(?:\s|$)"),
]
# "Sharma General Store", "Dr. Rao's Dental Clinic", "Annapurna Kitchen": Capitalised words ending in a business noun.
TITLE_NAME = re.compile(r"((?:Dr\.?\s+)?(?:[A-Z][\w'’&.-]*\s+){0,4}(?:" + BUSINESS_NOUNS + r"))\b")
_LEADING_JUNK = re.compile(r"^(?:the|a|an|my|our|is|hai)\s+", re.I)
_TRAILING_JUNK = re.compile(r"\s+(?:hai|hain|he|h|है|हैं|आहे|છે|ਹੈ)$", re.I)
_NOT_A_NAME = {
    "my",
    "our",
    "shop",
    "store",
    "dukaan",
    "dukan",
    "a",
    "the",
    "मेरी",
    "हमारी",
    "दुकान",
    "the store",
    "a grocery store",
    "general store",
    "kirana",
    "a shop",
}


def clean_name(raw: str) -> str | None:
    name = re.sub(r"\s+", " ", (raw or "").strip(" \t\n\"'“”‘’«»,.:;!?-–—"))
    name = _LEADING_JUNK.sub("", name)
    name = _TRAILING_JUNK.sub("", name).strip()
    if not name or name.lower() in _NOT_A_NAME or len(name) > 60 or len(name) < 2:
        return None
    if name[:1].isascii() and name[:1].isalpha() and name[:1].islower():
        name = " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split(" "))
    return name


def extract_name(text: str) -> str | None:
    """The business name the prompt gives, or None."""
    text = unicodedata.normalize("NFC", text or "")
    for pattern in NAME_PATTERNS:
        match = pattern.search(text)
        if match:
            name = clean_name(match.group(1))
            if name:
                return name
    match = TITLE_NAME.search(text)
    if match:
        words = match.group(1).split()
        # Drop a leading sentence word ("We run Sharma Store" → the regex starts at a capital anyway;
        # "I" or "My" are not part of names).
        while words and words[0] in {"I", "My", "Our", "We", "The", "A", "An", "This"}:
            words = words[1:]
        name = clean_name(" ".join(words))
        if name and len(words) >= 2:
            return name
    return None


# --- Slugs ---------------------------------------------------------------------------------------
# Offsets inside an Indic block (same for Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
# Kannada, Malayalam). Consonants carry an inherent "a" that a virama or vowel sign replaces.
_VOWELS = {
    0x05: "a",
    0x06: "a",
    0x07: "i",
    0x08: "i",
    0x09: "u",
    0x0A: "u",
    0x0B: "ri",
    0x0E: "e",
    0x0F: "e",
    0x10: "ai",
    0x12: "o",
    0x13: "o",
    0x14: "au",
    0x0D: "e",
    0x11: "o",
}
_CONSONANTS = {
    0x15: "k",
    0x16: "kh",
    0x17: "g",
    0x18: "gh",
    0x19: "n",
    0x1A: "ch",
    0x1B: "chh",
    0x1C: "j",
    0x1D: "jh",
    0x1E: "n",
    0x1F: "t",
    0x20: "th",
    0x21: "d",
    0x22: "dh",
    0x23: "n",
    0x24: "t",
    0x25: "th",
    0x26: "d",
    0x27: "dh",
    0x28: "n",
    0x29: "n",
    0x2A: "p",
    0x2B: "ph",
    0x2C: "b",
    0x2D: "bh",
    0x2E: "m",
    0x2F: "y",
    0x30: "r",
    0x31: "r",
    0x32: "l",
    0x33: "l",
    0x34: "zh",
    0x35: "v",
    0x36: "sh",
    0x37: "sh",
    0x38: "s",
    0x39: "h",
    0x58: "q",
    0x59: "kh",
    0x5A: "gh",
    0x5B: "z",
    0x5C: "d",
    0x5D: "rh",
    0x5E: "f",
    0x5F: "y",
}
_SIGNS = {
    0x3E: "a",
    0x3F: "i",
    0x40: "i",
    0x41: "u",
    0x42: "u",
    0x43: "ri",
    0x46: "e",
    0x47: "e",
    0x48: "ai",
    0x4A: "o",
    0x4B: "o",
    0x4C: "au",
    0x45: "e",
    0x49: "o",
    0x57: "au",
}
_MARKS = {0x01: "n", 0x02: "n", 0x03: "h", 0x70: "n", 0x71: ""}  # candrabindu, anusvara, visarga, Gurmukhi tippi/addak
_VIRAMA = 0x4D
_NUKTA = 0x3C
_DIGITS = range(0x66, 0x70)


def _indic_offset(ch: str) -> int | None:
    cp = ord(ch)
    for base, _, _ in SCRIPTS:
        if base <= cp < base + 0x80:
            return cp - base
    return None


class _Transliteration:
    """State while transliterating: the output so far, and whether the last consonant still carries
    its inherent "a" (written out unless a vowel sign or virama follows, or — in North Indian scripts —
    the word ends there)."""

    def __init__(self):
        self.out: list[str] = []
        self.pending_a = False
        self.last_cp: int | None = None

    def flush(self, word_end: bool) -> None:
        if self.pending_a:
            north = self.last_cp is not None and 0x0900 <= self.last_cp < 0x0B00
            if not (word_end and north):
                self.out.append("a")
            self.pending_a = False

    def other(self, ch: str) -> None:
        self.flush(True)
        self.out.append(ch)
        self.last_cp = None

    def indic(self, off: int) -> None:
        if off in _CONSONANTS:
            self.flush(False)
            self.out.append(_CONSONANTS[off])
            self.pending_a = True
        elif off in _SIGNS or off == _VIRAMA:
            self.out.append(_SIGNS.get(off, ""))
            self.pending_a = False
        elif off != _NUKTA:
            self.letter(off)

    def letter(self, off: int) -> None:
        """Independent vowels, nasal marks and digits; other signs (avagraha, danda …) are dropped."""
        text = _VOWELS.get(off) or _MARKS.get(off) or (str(off - 0x66) if off in _DIGITS else None)
        if text is not None:
            self.flush(False)
            self.out.append(text)


def transliterate(text: str) -> str:
    """Indic scripts → plain Latin letters (lossy, for slugs and search); other text unchanged.

    North Indian scripts (Devanagari, Bengali, Gurmukhi, Gujarati) drop a word's final inherent "a"
    (schwa deletion): "राम" → "ram", while "किराना" keeps its written "ā": "kirana".
    """
    state = _Transliteration()
    for ch in unicodedata.normalize("NFC", text or ""):
        off = _indic_offset(ch)
        if off is None:
            state.other(ch)
            continue
        state.last_cp = ord(ch)
        state.indic(off)
    state.flush(True)
    return "".join(state.out)


RESERVED_SLUGS = {
    "www",
    "app",
    "api",
    "admin",
    "mail",
    "static",
    "media",
    "dashboard",
    "console",
    "agent",
    "help",
    "support",
    "blog",
    "status",
    "webdpro",
    "store",
    "stores",
    "shop",
    "s",
    "cdn",
    "assets",
    "login",
    "signin",
    "signup",
    "accounts",
    "payments",
    "billing",
    "docs",
    "ftp",
    "smtp",
    "ns1",
    "ns2",
}
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$")
MAX_SLUG = 40


def slugify_name(name: str, fallback: str = "store") -> str:
    """A DNS-safe subdomain label (3–40 chars of a-z, 0-9, '-') from any business name."""
    latin = transliterate(name or "")
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii").lower()
    latin = latin.replace("&", " and ").replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    slug = slug.strip("-")
    if len(slug) < 3:
        slug = (f"{slug}-{fallback}" if slug else fallback).strip("-")
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-shop"
    return slug


def slug_variants(slug: str, suffixes):
    """slug, then slug-2 … then the given random suffixes — each trimmed to stay a valid label."""
    yield slug
    for n in list(range(2, 10)) + list(suffixes):
        tail = f"-{n}"
        yield slug[: MAX_SLUG - len(tail)].rstrip("-") + tail


def validate_slug(slug: str) -> str:
    from webdpro.errors import ValidationFailed

    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug) or "--" in slug:
        raise ValidationFailed(
            gettext("Use 3–40 lower-case letters, digits and hyphens (not at the start or end)."), field="slug"
        )
    if slug in RESERVED_SLUGS:
        raise ValidationFailed(
            gettext("“%(slug)s” is reserved. Choose another address.") % {"slug": slug}, field="slug"
        )
    return slug


HOSTNAME_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalize_hostname(raw: str) -> str:
    """'https://www.Shop.com/path' → 'www.shop.com'; raises ValidationFailed for anything else."""
    from django.conf import settings

    from webdpro.errors import ValidationFailed

    host = (raw or "").strip().lower()
    host = re.sub(r"^[a-z]+://", "", host).split("/")[0].split("?")[0].rstrip(".")
    if ":" in host:
        raise ValidationFailed(
            gettext("Enter the domain without a port, like shop.example.com."), field="custom_domain"
        )
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValidationFailed(gettext("That is not a valid domain name."), field="custom_domain") from exc
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(HOSTNAME_LABEL.match(label) for label in labels):
        raise ValidationFailed(gettext("Enter a domain like shop.example.com."), field="custom_domain")
    if labels[-1].isdigit() or not re.match(r"^[a-z]{2,63}$|^xn--[a-z0-9-]+$", labels[-1]):
        raise ValidationFailed(gettext("Enter a domain name, not an IP address."), field="custom_domain")
    platform = settings.PLATFORM_DOMAIN
    if host == platform or host.endswith("." + platform):
        raise ValidationFailed(
            gettext("Addresses under %(platform)s are set with the store address above.") % {"platform": platform},
            field="custom_domain",
        )
    return host
