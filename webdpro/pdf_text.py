"""PDF documents (fpdf2) that print Indian scripts correctly: the one home of fonts and text shaping for
the invoice and the store poster.

* Fonts are vendored in ``static/fonts`` (licence ``LICENSE-OFL.txt``): Noto Sans (a Latin + ₹ subset) and,
  as fallbacks, Noto Sans Devanagari, Bengali, Gujarati, Gurmukhi, Kannada, Malayalam, Oriya, Tamil and
  Telugu — only the scripts that occur in the document's texts are added.
* Text is shaped with HarfBuzz (``uharfbuzz``, ``set_text_shaping(True)``): conjuncts such as क्ष and
  स्ट become one glyph and the vowel sign ि is drawn before its consonant, as the script requires.
* A shaped cluster is several glyphs but one piece of text. fpdf2 gives the whole cluster's text to its
  first glyph and writes no ``ToUnicode`` entry for the others, so text extraction (copy, search,
  screen readers, pypdf) reads their raw codes as stray control characters. :class:`ShapedOutput` maps
  those glyphs to no text (``<code> <>``), so the extracted text is exactly the text that was printed.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from fpdf import FPDF
from fpdf.output import OutputProducer

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
LATIN = "Noto"
# family: (first code point, last code point, file stem)
SCRIPTS = {
    "NotoDeva": (0x0900, 0x097F, "NotoSansDevanagari"),
    "NotoBeng": (0x0980, 0x09FF, "NotoSansBengali"),
    "NotoGuru": (0x0A00, 0x0A7F, "NotoSansGurmukhi"),
    "NotoGujr": (0x0A80, 0x0AFF, "NotoSansGujarati"),
    "NotoOrya": (0x0B00, 0x0B7F, "NotoSansOriya"),
    "NotoTaml": (0x0B80, 0x0BFF, "NotoSansTamil"),
    "NotoTelu": (0x0C00, 0x0C7F, "NotoSansTelugu"),
    "NotoKnda": (0x0C80, 0x0CFF, "NotoSansKannada"),
    "NotoMlym": (0x0D00, 0x0D7F, "NotoSansMalayalam"),
}
STYLES = {"": "Regular", "B": "Bold"}


def scripts_in(texts) -> list[str]:
    """The font families (keys of ``SCRIPTS``) that ``texts`` need, in ``SCRIPTS`` order."""
    points = {ord(ch) for text in texts if text for ch in str(text) if ord(ch) >= 0x0900}
    return [family for family, (low, high, _stem) in SCRIPTS.items() if any(low <= p <= high for p in points)]


def document(texts=(), *, format: str | tuple[float, float] = "A4", styles=("", "B")) -> FPDF:
    """An FPDF with Noto Sans as the main font, a fallback font for each Indian script in ``texts`` (the
    strings the document will print) and text shaping on."""
    pdf = FPDF(format=format)
    for style in styles:
        pdf.add_font(LATIN, style, FONTS / f"NotoSans-{STYLES[style]}-subset.ttf")
    families = scripts_in(texts)
    for family in families:
        stem = SCRIPTS[family][2]
        for style in styles:
            pdf.add_font(family, style, FONTS / f"{stem}-{STYLES[style]}.ttf")
    if families:
        pdf.set_fallback_fonts(families)
    pdf.set_text_shaping(True)
    return pdf


def output(pdf: FPDF) -> bytes:
    """The finished PDF, with the shaped clusters' extra glyphs mapped to no text (see the module)."""
    return bytes(pdf.output(output_producer_class=ShapedOutput))


class ShapedOutput(OutputProducer):
    """fpdf2's output, plus ``<code> <>`` in each font's ToUnicode CMap for glyphs that carry no text."""

    def _add_fonts(self, *args, **kwargs):
        objs = super()._add_fonts(*args, **kwargs)
        for font in self.fpdf.fonts.values():
            cmap = getattr(objs.get(getattr(font, "i", None)), "to_unicode", None)
            subset = getattr(font, "subset", None)
            if cmap is None or subset is None or not hasattr(cmap, "_contents"):
                continue
            silent = sorted(code for glyph, code in subset.items() if glyph is not None and glyph.unicode == ())
            if silent:
                _add_silent_codes(cmap, silent)
        return objs


def _add_silent_codes(cmap, codes: list[int]) -> None:
    blocks = []
    for start in range(0, len(codes), 100):  # a bfchar block holds at most 100 entries
        chunk = codes[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "".join(f"<{c:04X}> <>\n" for c in chunk) + "endbfchar\n")
    contents = bytes(cmap._contents)
    marker = b"endcmap\n"
    if marker not in contents:
        return
    cmap._contents = contents.replace(marker, "".join(blocks).encode("latin-1") + marker, 1)
    cmap.length = len(cmap._contents)
