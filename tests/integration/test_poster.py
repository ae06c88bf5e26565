"""The store poster (PDF A4/A5, PNG) and WhatsApp share links."""

import io
from urllib.parse import parse_qs, urlparse

from PIL import Image
from pypdf import PdfReader

from tests.helpers import make_owner, make_product, make_store, sign_in
from webdpro.storefront import poster


def test_poster_pdf_png_and_share_link(client):
    user, tenant = make_owner()
    store = make_store(tenant, name="Sharma Sweets", slug="sharma-sweets")
    sign_in(client, user)
    base = f"/dashboard/stores/{store.store_id}/"
    page = client.get(base + "poster/").content.decode()
    assert 'id="print-poster"' in page and "wa.me/?text=" in page
    for size, width_mm, height_mm in (("A4", 210, 297), ("A5", 148, 210)):
        response = client.get(base + f"poster.pdf?size={size}")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        text = reader.pages[0].extract_text()
        assert "Sharma Sweets" in text and "Scan to order" in text and "sharma-sweets." in text
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (width_mm, height_mm)
    bad = client.get(base + "poster.pdf?size=A3")
    assert bad.status_code == 400 and b"size" in bad.content
    png = client.get(base + "poster.png")
    image = Image.open(io.BytesIO(png.content))
    assert image.format == "PNG" and image.size == (1240, 1753)
    primary = poster.for_store(store, {"theme": dict(store.config.as_dict()["theme"])}).primary
    assert image.getpixel((5, 5)) == tuple(int(primary[i : i + 2], 16) for i in (1, 3, 5))  # the store's colour
    intruder, _t = make_owner()
    sign_in(client, intruder)
    assert client.get(base + "poster.pdf").status_code == 404


def test_poster_speaks_the_store_language():
    info = poster.Poster("शर्मा स्वीट्स", "https://sharma.webdpro.in/", "hi", "#0f766e", "#ffffff")
    assert info.phrase != "Scan to order" and all("\u0900" <= ch <= "\u097f" or ch == " " for ch in info.phrase)
    tamil = poster.Poster("முருகன் Stores", "https://x.webdpro.in/", "ta", "#0f766e", "#ffffff")
    assert all("\u0b80" <= ch <= "\u0bff" or ch == " " for ch in tamil.phrase)
    assert poster.Poster("X", "https://x.webdpro.in/", "xx", "#0f766e", "#ffffff").phrase == "Scan to order"
    for shop in (info, tamil):  # shaped, and the text extracts back in order with no stray codes
        text = PdfReader(io.BytesIO(poster.pdf(shop, "A5"))).pages[0].extract_text()
        # pypdf guesses word gaps from glyph positions; a vowel sign placed with an offset (कै) looks
        # like one to it, so spaces are left out of the comparison.
        letters = "".join(text.split())
        assert "".join(shop.name.split()) in letters and "".join(shop.phrase.split()) in letters
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)
        assert Image.open(io.BytesIO(poster.png(shop))).size == (1240, 1753)


def test_poster_png_draws_each_script_with_its_font():
    assert poster.runs("Sharma किराना 24×7") == [(None, "Sharma "), ("NotoDeva", "किराना 24×7")]
    assert poster.runs("முருகன் Stores") == [("NotoTaml", "முருகன் "), (None, "Stores")]


def test_whatsapp_links_on_the_storefront(client):
    _, tenant = make_owner()
    store = make_store(tenant, name="Share Shop", slug="share-shop")
    item = make_product(store, name="Kaju Katli 250 g", price="320.00")
    product_page = client.get(f"/s/{store.slug}/p/{item.product_id}/").content.decode()
    link = product_page.split('id="share-product" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert link.startswith("https://wa.me/?text=")
    text = parse_qs(urlparse(link).query)["text"][0]
    assert "Kaju Katli 250 g" in text and f"/s/{store.slug}/p/{item.product_id}/" in text
    home = client.get(f"/s/{store.slug}/").content.decode()
    assert 'id="share-store"' in home and "wa.me/?text=Order%20from%20Share%20Shop" in home


def test_poster_png_shapes_conjuncts_with_raqm():
    """Pillow draws through Raqm (HarfBuzz) when it has it, as its wheels do: क्ष is one glyph, so the
    shaped word is narrower than the same letters laid out one by one."""
    from PIL import ImageFont, features

    assert features.check("raqm")
    font = str(poster.FONTS / "NotoSansDevanagari-Bold.ttf")
    shaped = poster._font(40, "NotoDeva").getlength("क्षत्रिय")
    unshaped = ImageFont.truetype(font, 40, layout_engine=ImageFont.Layout.BASIC).getlength("क्षत्रिय")
    assert shaped < unshaped * 0.8
