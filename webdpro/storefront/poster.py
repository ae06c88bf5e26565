"""The store poster for the shop counter: store name, a QR code of the store's address and "Scan to
order", in the store's language and colours, as a PDF (A4 or A5, fpdf2) or a PNG (Pillow); and
"Share on WhatsApp" links (``wa.me``) for the store and its products.

The QR code (segno, error correction Q so a smudged print still scans) encodes the store's live address
(its custom domain, else ``<slug>.<PLATFORM_DOMAIN>``). Text uses the vendored Noto fonts
(``static/fonts``): Latin and Devanagari; other scripts fall back to English for the printed phrase.
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
# The printed phrase for languages whose script the vendored fonts cover (others print English).
SCAN_TO_ORDER = {
    "en": "Scan to order",
    "hi": "ऑर्डर करने के लिए स्कैन करें",
    "mr": "ऑर्डर करण्यासाठी स्कॅन करा",
}
DEVANAGARI = {"hi", "mr"}


@dataclass
class Poster:
    name: str
    url: str
    language: str
    primary: str  # background band, #rrggbb
    on_primary: str  # text on the band

    @property
    def phrase(self) -> str:
        if self.language not in SCAN_TO_ORDER:  # a script the vendored fonts do not cover: print English
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
    from fpdf import FPDF

    width, height = SIZES[size]
    doc = FPDF(format=size)
    doc.set_auto_page_break(False)
    doc.add_font("Noto", "B", FONTS / "NotoSans-Bold-subset.ttf")
    doc.add_font("NotoDeva", "B", FONTS / "NotoSansDevanagari-Bold.ttf")
    doc.set_fallback_fonts(["NotoDeva"])
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
    return bytes(doc.output())


def _font(bold_size: int, devanagari: bool):
    from PIL import ImageFont

    name = "NotoSansDevanagari-Bold.ttf" if devanagari else "NotoSans-Bold-subset.ttf"
    return ImageFont.truetype(str(FONTS / name), bold_size)


def _centred(draw, text: str, y: int, font, width: int, fill) -> int:
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (box[2] - box[0])) // 2, y), text, font=font, fill=fill)
    return y + (box[3] - box[1])


def png(poster: Poster, width: int = 1240) -> bytes:
    """The poster as a PNG (A-series proportions, 1240 px wide: A5 at 213 dpi, A4 at 150 dpi)."""
    from PIL import Image, ImageDraw

    height = int(width * 297 / 210)
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    band = int(height * 0.22)
    draw.rectangle((0, 0, width, band), fill=poster.primary)
    devanagari = any("\u0900" <= ch <= "\u097f" for ch in poster.name)
    _centred(draw, poster.name, band // 3, _font(width // 16, devanagari), width, poster.on_primary)
    qr = Image.open(io.BytesIO(qr_png(poster.url))).convert("RGB")
    side = int(width * 0.62)
    qr = qr.resize((side, side), Image.NEAREST)
    image.paste(qr, ((width - side) // 2, band + 60))
    phrase_font = _font(width // 18, poster.language in DEVANAGARI)
    _centred(draw, poster.phrase, band + 100 + side, phrase_font, width, "#111111")
    _centred(draw, poster.display_url, height - 140, _font(width // 34, False), width, "#111111")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def whatsapp_link(text: str, url: str) -> str:
    """A ``wa.me`` share link: WhatsApp opens with ``text`` and ``url`` ready to send to anyone."""
    return "https://wa.me/?text=" + quote(f"{text} {url}".strip(), safe="")
