"""The store poster for the shop counter: store name, a QR code of the store's address and "Scan to
order", in the store's language and colours, as a PDF (A4 or A5, fpdf2) or a PNG (Pillow); and
"Share on WhatsApp" links (``wa.me``) for the store and its products.

The QR code (segno, error correction Q so a smudged print still scans) encodes the store's live address
(its custom domain, else ``<slug>.<PLATFORM_DOMAIN>``). Text uses the vendored Noto fonts
(``static/fonts``) for Latin and every Indian script of ``settings.LANGUAGES``, shaped by HarfBuzz (the PDF
through ``webdpro.pdf_text``; the PNG through Pillow's Raqm layout).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
SIZES = {"A4": (210, 297), "A5": (148, 210)}
# The printed phrase when the catalogue has no translation yet (unknown languages print English).
SCAN_TO_ORDER = {
    "en": "Scan to order",
    "hi": "ऑर्डर करने के लिए स्कैन करें",
    "mr": "ऑर्डर करण्यासाठी स्कॅन करा",
    "bn": "অর্ডার করতে স্ক্যান করুন",
    "te": "ఆర్డర్ చేయడానికి స్కాన్ చేయండి",
    "ta": "ஆர்டர் செய்ய ஸ்கேன் செய்யவும்",
    "gu": "ઓર્ડર કરવા માટે સ્કેન કરો",
    "kn": "ಆರ್ಡರ್ ಮಾಡಲು ಸ್ಕ್ಯಾನ್ ಮಾಡಿ",
    "ml": "ഓർഡർ ചെയ്യാൻ സ്കാൻ ചെയ്യുക",
    "pa": "ਆਰਡਰ ਕਰਨ ਲਈ ਸਕੈਨ ਕਰੋ",
    "or": "ଅର୍ଡର କରିବାକୁ ସ୍କାନ କରନ୍ତୁ",
}


@dataclass
class Poster:
    name: str
    url: str
    language: str
    primary: str  # background band, #rrggbb
    on_primary: str  # text on the band

    @property
    def phrase(self) -> str:
        if self.language not in SCAN_TO_ORDER:
            return SCAN_TO_ORDER["en"]
        with translation.override(self.language):
            translated = _("Scan to order")
        if translated != "Scan to order":
            return translated
        return SCAN_TO_ORDER.get(self.language, SCAN_TO_ORDER["en"])

    @property
    def display_url(self) -> str:
        return self.url.removeprefix("https://").removeprefix("http://").rstrip("/")


def for_store(store, config: dict) -> Poster:
    from webdpro.storefront import config as sfconfig
    from webdpro.stores.services import live_url_for

    theme = sfconfig.theme(config)
    return Poster(
        name=store.name or config.get("name") or "",
        url=store.live_url or live_url_for(store),
        language=sfconfig.language(store, config),
        primary=theme["primary"],
        on_primary=theme["on_primary"],
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def qr_png(url: str, scale: int = 20) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="q", micro=False).save(buffer, kind="png", scale=scale, border=2, dark="#111111")
    return buffer.getvalue()


def pdf(poster: Poster, size: str = "A4") -> bytes:
    from webdpro import pdf_text

    width, height = SIZES[size]
    # The page's size in millimetres (fpdf's unit here), not its name: fpdf warns on every "A5" that its A5
    # was mis-sized before 2.8.5, although the 148 x 210 mm it now uses are right.
    doc = pdf_text.document([poster.name, poster.phrase], format=(width, height), styles=("B",))
    doc.set_auto_page_break(False)
    doc.add_page()
    doc.set_title(f"{poster.name} — {poster.phrase}")
    band = height * 0.22
    doc.set_fill_color(*_rgb(poster.primary))
    doc.rect(0, 0, width, band, style="F")
    doc.set_text_color(*_rgb(poster.on_primary))
    doc.set_font("Noto", "B", 34 if size == "A4" else 24)
    doc.set_xy(10, band * 0.25)
    doc.multi_cell(width - 20, 14 if size == "A4" else 10, poster.name, align="C")
    qr_side = width * 0.62
    doc.image(io.BytesIO(qr_png(poster.url)), x=(width - qr_side) / 2, y=band + 12, w=qr_side, h=qr_side)
    doc.set_text_color(17, 17, 17)
    doc.set_font("Noto", "B", 30 if size == "A4" else 21)
    doc.set_xy(10, band + 18 + qr_side)
    doc.multi_cell(width - 20, 14 if size == "A4" else 10, poster.phrase, align="C")
    doc.set_font("Noto", "B", 16 if size == "A4" else 12)
    doc.set_xy(10, height - 30)
    doc.cell(width - 20, 10, poster.display_url, align="C")
    return pdf_text.output(doc)


def _font(size: int, family: str | None):
    """Bold Noto Sans, or the bold Noto of one Indian script (``pdf_text.SCRIPTS``; these have no Latin
    letters, so a mixed name is drawn run by run). Raqm (HarfBuzz) shapes the conjuncts when Pillow has
    it, as its wheels do."""
    from PIL import ImageFont

    from webdpro import pdf_text

    name = f"{pdf_text.SCRIPTS[family][2]}-Bold.ttf" if family else "NotoSans-Bold-subset.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut into (script family or None for Latin, piece); spaces and digits stay in the run."""
    from webdpro import pdf_text

    out: list[tuple[str | None, str]] = []
    for ch in text:
        found = pdf_text.scripts_in([ch])
        family = found[0] if found else None
        if out and (family == out[-1][0] or (family is None and not ch.isalpha())):
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((family, ch))
    return out


def _centred(draw, text: str, y: int, size: int, width: int, fill) -> int:
    pieces = [(piece, _font(size, family)) for family, piece in runs(text)]
    boxes = [draw.textbbox((0, 0), piece, font=font) for piece, font in pieces]
    x = (width - sum(draw.textlength(piece, font=font) for piece, font in pieces)) // 2
    for piece, font in pieces:
        draw.text((x, y), piece, font=font, fill=fill)
        x += draw.textlength(piece, font=font)
    return y + max((box[3] - box[1] for box in boxes), default=0)


def png(poster: Poster, width: int = 1240) -> bytes:
    """The poster as a PNG (A-series proportions, 1240 px wide: A5 at 213 dpi, A4 at 150 dpi)."""
    from PIL import Image, ImageDraw

    height = int(width * 297 / 210)
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    band = int(height * 0.22)
    draw.rectangle((0, 0, width, band), fill=poster.primary)
    _centred(draw, poster.name, band // 3, width // 16, width, poster.on_primary)
    qr = Image.open(io.BytesIO(qr_png(poster.url))).convert("RGB")
    side = int(width * 0.62)
    qr = qr.resize((side, side), Image.NEAREST)
    image.paste(qr, ((width - side) // 2, band + 60))
    _centred(draw, poster.phrase, band + 100 + side, width // 18, width, "#111111")
    _centred(draw, poster.display_url, height - 140, width // 34, width, "#111111")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def whatsapp_link(text: str, url: str) -> str:
    """A ``wa.me`` share link: WhatsApp opens with ``text`` and ``url`` ready to send to anyone."""
    return "https://wa.me/?text=" + quote(f"{text} {url}".strip(), safe="")
