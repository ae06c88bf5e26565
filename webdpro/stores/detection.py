"""Which kind of shop a sentence describes: weighted evidence over the whole sentence.

Every kind has a lexicon (``KEYWORDS`` in its data module) in all eleven languages and Hinglish, with
weights: 3 for words that name the business ("halwai", "दवाखाना", "மளிகை"), 2 for strong products, 1 for
supporting ones. Reading a sentence:

1. Text that never describes the business is blanked first: where it is ("near City Hospital",
   "मेडिकल कॉलेज के पास") and how to reach it ("my mobile number is …") — :data:`phrases.NOT_EVIDENCE`.
2. The words are read left to right; at each word the longest lexicon entry or cross-kind phrase
   (:data:`phrases.PHRASES`) that starts there is taken. It adds its weight to its kind(s) once and uses
   its words up, so "cake stand" (kitchenware) leaves
   no "cake" for the bakery, "पशु चिकित्सा" (a vet) leaves no "चिकित्सा" for a clinic and "chicken biryani"
   (a restaurant's dish) no "chicken" for the meat shop.
3. The kind with the highest total wins; no evidence, a tie at the top, or a variety shop (three kinds
   with strong evidence and no clear leader) is a general store.

Entry syntax: Latin words match at a word start and as whole words with an optional plural "s"/"es"
("saree" matches "sarees"); a trailing ``*`` makes a prefix ("physiotherap*"). Words in Indian scripts
match at a word start with any ending (suffixes and postpositions attach to the word: "ಅಂಗಡಿಯಲ್ಲಿ");
a trailing ``=`` makes a whole word (``"চা="`` is tea, not the start of "চাল", rice).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from webdpro.stores import starter_content
from webdpro.stores.starter_content.phrases import NOT_EVIDENCE, PHRASES

_TOKEN = re.compile("[0-9a-z\u0900-\u0963\u0966-\u0dff]+")
_MAX_WORDS = 4


@dataclass(frozen=True)
class _Entry:
    words: tuple  # the entry's words, lower case
    last: str  # how the last word matches: "plural" (Latin), "prefix" or "whole"
    evidence: tuple  # ((kind, weight), ...)


_NUKTAS = dict.fromkeys(map(ord, "\u093c\u09bc\u0a3c\u0abc\u0b3c\u0cbc\u200c\u200d"))
_VIRAMAS = "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d"
_CHILLUS = {"ൺ": "ണ", "ൻ": "ന", "ർ": "ര", "ൽ": "ല", "ൾ": "ള", "ൿ": "ക"}
# North Indian endings that change when a noun is inflected: "ढाबा" → "ढाबे", "दवाई" → "दवाइयाँ".
_NORTH_ENDINGS = "\u093e\u0940\u0947\u0908\u0a3e\u0a40\u0a47\u0a08\u0abe\u0ac0\u0ac7"


def fold(text: str) -> str:
    """Lower case, NFC, without nuktas and zero-width joiners (so "सब्ज़ी" and "सब्जी" are one word)."""
    return unicodedata.normalize("NFC", text or "").lower().translate(_NUKTAS)


def stem(word: str) -> str:
    """The part of an Indian-script word that stays put when it is inflected: a final virama goes
    (Tamil "மருந்துகள்" → "மருந்துகளும்"), so do Tamil "-ம்" and Malayalam "-ം" (oblique "-த்த-"),
    a Malayalam chillu becomes its consonant ("പാൽ" → "പാലും"), and a North Indian final "-ā", "-ī" or
    "-e" goes ("ढाबा" → "ढाबे", "ਢਾਬਾ" → "ਢਾਬੇ")."""
    if word.endswith("ம்") and len(word) > 3:
        return word[:-2]
    if word.endswith("ം") and len(word) > 2:
        return word[:-1]
    if word[-1:] in _CHILLUS:
        return word[:-1] + _CHILLUS[word[-1]]
    if word[-1:] in _NORTH_ENDINGS and len(word) > 3:
        return word[:-1]
    return word.rstrip(_VIRAMAS)


def _entry(text: str, kinds: dict) -> _Entry:
    word = fold(text)
    whole, prefix = word.endswith("="), word.endswith("*")
    words = tuple(_TOKEN.findall(word.rstrip("=*")))
    if prefix or not (word.isascii() or whole):
        last = "prefix"
    elif word.isascii() and not whole:
        last = "plural"
    else:
        last = "whole"
    return _Entry(words, last, tuple(kinds.items()))


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """First word → entries starting with it, longest first."""
    evidence: dict[str, dict[str, int]] = {}
    for key in starter_content.KINDS:
        for weight, words in starter_content.kind(key).keywords.items():
            for word in words:
                current = evidence.setdefault(word, {})
                current[key] = max(current.get(key, 0), weight)
    for phrase, kinds in PHRASES.items():
        evidence[phrase] = dict(kinds)
    by_first: dict[str, list[_Entry]] = {}
    for text, kinds in evidence.items():
        entry = _entry(text, kinds)
        if entry.words:
            by_first.setdefault(entry.words[0] if len(entry.words) > 1 else "", []).append(entry)
    single = {}
    for entry in by_first.pop("", []):
        word = entry.words[0]
        single.setdefault((entry.last, word), entry)
        if entry.last == "prefix" and not word.isascii():
            single.setdefault(("whole", word), entry)
            single.setdefault(("prefix", stem(word)), entry)
    multi = {k: sorted(v, key=lambda e: -len(e.words)) for k, v in by_first.items()}
    return {"single": single, "multi": multi}


def _word_match(token: str, single: dict) -> _Entry | None:
    """The longest single-word entry matching ``token`` (exact, Latin plural, or a prefix)."""
    for last in ("whole", "plural", "prefix"):
        if (last, token) in single:
            return single[(last, token)]
    if token.isascii():
        for cut in (1, 2):
            stem = token[:-cut]
            if token[-cut:] in ("s", "es") and ("plural", stem) in single:
                return single[("plural", stem)]
    for end in range(len(token) - 1, 0, -1):
        entry = single.get(("prefix", token[:end]))
        if entry is not None:
            return entry
    return None


def _last_matches(entry: _Entry, token: str) -> bool:
    want = entry.words[-1]
    if token == want:
        return True
    if entry.last == "prefix":
        return token.startswith(want if want.isascii() else stem(want))
    if entry.last == "plural":
        return token in (want + "s", want + "es")
    return False


def _phrase_at(tokens: list, i: int, multi: dict) -> _Entry | None:
    for entry in multi.get(tokens[i], ()):
        n = len(entry.words)
        window = tokens[i : i + n]
        if len(window) == n and tuple(window[:-1]) == entry.words[:-1] and _last_matches(entry, window[-1]):
            return entry
    return None


@lru_cache(maxsize=1)
def _not_evidence() -> tuple:
    return tuple(re.compile(p, re.IGNORECASE) for p in NOT_EVIDENCE)


def normalise(prompt: str) -> str:
    text = fold(prompt)
    for regex in _not_evidence():
        text = regex.sub(" ", text)
    return text


def evidence(prompt: str) -> list:
    """The lexicon entries the sentence contains, each once, read left to right, longest first."""
    lexicon = _lexicon()
    tokens = _TOKEN.findall(normalise(prompt))
    found, i = [], 0
    while i < len(tokens):
        entry = _phrase_at(tokens, i, lexicon["multi"]) or _word_match(tokens[i], lexicon["single"])
        if entry is None:
            i += 1
            continue
        if entry not in found:
            found.append(entry)
        i += len(entry.words)
    return found


def scores(prompt: str) -> dict[str, int]:
    """Evidence per kind (kinds without evidence are left out)."""
    totals: dict[str, int] = {}
    for entry in evidence(prompt):
        for key, weight in entry.evidence:
            totals[key] = totals.get(key, 0) + weight
    return {k: v for k, v in totals.items() if v > 0}


STRONG = 3  # evidence that on its own names a kind of shop


def decide(totals: dict[str, int]) -> str:
    """The winning kind: the highest total, except that no evidence, a tie at the top, or a variety
    shop (three or more kinds with strong evidence, none with twice the runner-up's) is ``general``."""
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    if not ranked:
        return starter_content.GENERAL
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    strong = sum(1 for _, total in ranked if total >= STRONG)
    if score == runner_up or (strong >= 3 and score < 2 * runner_up):
        return starter_content.GENERAL
    return best


def detect_kind(prompt: str) -> str:
    """The kind of shop the sentence describes (see the module docstring)."""
    return decide(scores(prompt))
