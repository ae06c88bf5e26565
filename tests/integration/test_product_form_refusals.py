"""The products area, tax, poster and home inputs parsed by Django forms: a bad value answers 4xx with the
field named on the page and writes nothing to DynamoDB; good values still do what they did."""

import pytest
from django.urls import reverse

from tests.helpers import make_owner, make_product, make_store, refused, sign_in
from webdpro.db import Product, StockMovement, Store, User
from webdpro.products import variants

PHOTO = "products/01J0000000000000000000000/photo.jpg"


@pytest.fixture
def shop(client, dynamodb):
    owner, tenant = make_owner()
    store = make_store(tenant, name="Main Bazaar")
    sign_in(client, owner)
    return {"client": client, "owner": owner, "tenant": tenant, "store": store}


def at(name, store, product=None):
    kwargs = {"store_id": store.store_id}
    if product is not None:
        kwargs["product_id"] = product.product_id
    return reverse(name, kwargs=kwargs)


def with_variants(store, images=()):
    product = make_product(store, name="Toor Dal", price="99.00", stock=0)
    if images:
        product.update(actions=[Product.images.set(list(images))])
    rows = [{"opt_0": "500 g", "price": "99", "stock": "4"}, {"opt_0": "1 kg", "price": "180.50", "stock": "5"}]
    return variants.set_variants(store, product, ["Weight", "", ""], rows)


# --- The product list's filters ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"active": "maybe"}, "Choose the status from the list."),
        ({"low": "yes"}, "Choose the low-stock filter from the list."),
        ({"category": "x" * 61}, "The category is too long: at most 60 characters."),
        ({"cursor": "garbage"}, "That page link is not valid any more."),
    ],
)
def test_product_list_refuses_a_bad_filter(shop, query, names):
    make_product(shop["store"], name="Basmati Rice")
    response = refused(shop["client"], "get", at("owner:products", shop["store"]), query, status=400, names=names)
    assert "Basmati Rice" not in response.content.decode()
    partial = refused(
        shop["client"],
        "get",
        at("owner:products", shop["store"]),
        query,
        status=400,
        names=names,
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    assert "<html" not in partial.content.decode()


@pytest.mark.parametrize("size", ["7", "abc", "9" * 5000, "-25"])
def test_product_list_ignores_a_page_size_it_does_not_offer(shop, size):
    make_product(shop["store"], name="Basmati Rice")
    response = shop["client"].get(at("owner:products", shop["store"]), {"size": size, "q": "basmati"})
    assert response.status_code == 200 and "Basmati Rice" in response.content.decode()
    assert response.context["size"] == 25


def test_product_list_links_carry_the_cleaned_filters(shop):
    for i in range(3):
        make_product(shop["store"], name=f"Dal {i}", category="Staples")
    query = {"q": "  dal  ", "category": "Staples", "active": "yes", "size": "25", "utm": "x"}
    response = shop["client"].get(at("owner:products", shop["store"]), query)
    assert response.status_code == 200
    assert response.context["this_query"] == "q=dal&category=Staples&active=yes"


# --- A product's edit page, import, stock adjustment -----------------------------------------------------
def test_product_edit_refuses_to_remove_a_photo_the_product_does_not_have(shop):
    product = make_product(shop["store"], name="Mug", stock=1)
    product.update(actions=[Product.images.set([PHOTO])])
    data = {
        "name": "Mug",
        "price": "99.00",
        "stock_quantity": "1",
        "stock_seen": "1",
        "low_stock_threshold": "0",
        "is_active": "on",
        "remove_images": ["products/elsewhere.jpg"],
    }
    names = "Choose the photos to remove from the product's photos."
    refused(shop["client"], "post", at("owner:product_edit", shop["store"], product), data, status=422, names=names)
    assert Product.get(shop["store"].store_id, product.product_id).images == [PHOTO]


@pytest.mark.parametrize(
    ("field", "value", "names"),
    [
        ("stock_seen", "abc", "Enter the stock you saw as a whole number."),
        ("low_stock_threshold", "1e308", "Enter the low-stock alert level as a whole number."),
        ("low_stock_threshold", "-1", "The low-stock alert level must be from 0 to 1,00,00,000."),
        ("stock_quantity", "9" * 5000, "Enter the stock as a whole number."),
    ],
)
def test_product_edit_refuses_a_number_that_is_not_a_whole_one(shop, field, value, names):
    product = make_product(shop["store"], name="Mug", stock=1)
    data = {"name": "Mug", "price": "99.00", "stock_quantity": "1", "stock_seen": "1", "low_stock_threshold": "0"}
    data[field] = value
    refused(shop["client"], "post", at("owner:product_edit", shop["store"], product), data, status=422, names=names)


@pytest.mark.parametrize(
    ("value", "names"),
    [("abc", "Enter the stock as a whole number."), ("-3", "The stock must be from 0 to 1,00,00,000.")],
)
def test_inline_stock_refuses_a_number_that_is_not_a_stock(shop, value, names):
    product = make_product(shop["store"], name="Ghee", stock=10)
    url = at("owner:product_inline", shop["store"], product)
    data = {"field": "stock", "stock_quantity": value, "stock_seen": "10"}
    refused(shop["client"], "post", url, data, status=422, names=names, HTTP_HX_REQUEST="true")
    assert Product.get(shop["store"].store_id, product.product_id).stock_quantity == 10


def test_new_product_refuses_more_photos_than_a_product_may_have(shop, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from webdpro.products.images import MAX_IMAGES

    settings.MEDIA_ROOT = tmp_path
    photos = [SimpleUploadedFile(f"p{i}.png", b"not read", content_type="image/png") for i in range(MAX_IMAGES + 1)]
    data = {"name": "Rice", "price": "40", "stock_quantity": "1", "low_stock_threshold": "1", "images": photos}
    names = f"At most {MAX_IMAGES} photos per product."
    refused(shop["client"], "post", at("owner:product_new", shop["store"]), data, status=422, names=names)
    assert Product.count(shop["store"].store_id) == 0 and not list(tmp_path.rglob("*.*"))


def test_import_refuses_a_bad_template_switch_or_a_missing_file(shop):
    url = at("owner:product_import", shop["store"])
    refused(shop["client"], "get", url, {"template": "yes"}, status=400, names="Choose the template download from")
    refused(shop["client"], "post", url, {}, status=422, names="Choose a CSV file to upload.")
    page = shop["client"].get(url, {"template": "0"})
    assert page.status_code == 200 and "text/html" in page["Content-Type"]


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"quantity": "abc"}, "Enter the quantity as a whole number."),
        ({"quantity": "1.5"}, "Enter the quantity as a whole number."),
        ({"quantity": "NaN"}, "Enter the quantity as a whole number."),
        ({"quantity": "99999999"}, "The quantity must be from -1,00,00,000 to 1,00,00,000."),
        ({"quantity": ""}, "Enter the quantity."),
        ({"kind": "STOLEN"}, "Choose the kind of change from the list."),
        ({"reason": "x" * 201}, "The reason is too long: at most 200 characters."),
        ({"reason": "  "}, "Say why"),
    ],
)
def test_product_stock_adjustment_refuses_a_bad_field(shop, data, names):
    product = make_product(shop["store"], name="Ghee", stock=5)
    body = {"kind": "RECEIVED", "quantity": "2", "reason": "supplier bill 7", **data}
    refused(shop["client"], "post", at("owner:product_adjust", shop["store"], product), body, status=422, names=names)
    assert Product.get(shop["store"].store_id, product.product_id).stock_quantity == 5


# --- Variants --------------------------------------------------------------------------------------------
GOOD_ROW = {"option_0": "Size", "v0_opt_0": "M", "v0_price": "550", "v0_stock": "3"}


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"v0_price": "1e308"}, "Enter the row 1 price in rupees"),
        ({"v0_price": "NaN"}, "Enter the row 1 price in rupees"),
        ({"v0_price": "-0"}, "The row 1 price must be more than ₹0."),
        ({"v0_price": "1" + "0" * 30}, "The row 1 price can be at most"),
        ({"v0_stock": "2.5"}, "Enter the row 1 stock as a whole number."),
        ({"v0_stock": "-1"}, "The row 1 stock must be from 0 to 10,00,000."),
        ({"v2_opt_0": "L", "v2_price": "600", "v2_stock": "x"}, "Enter the row 3 stock as a whole number."),
        ({"v0_sku": "S" * 41}, "The row 1 SKU is too long: at most 40 characters."),
        ({"v0_sku": "bad sku!"}, "A SKU is up to 40 letters"),
        ({"v0_opt_0": "M" * 31}, "The row 1 option 1 is too long: at most 30 characters."),
        ({"option_0": "W" * 31}, "The option 1 name is too long: at most 30 characters."),
        ({"v0_image": "products/elsewhere.jpg"}, "Choose the row 1 photo from the list."),
        ({"v0_id": "X" * 11}, "The row 1 variant is too long"),
        ({"option_0": ""}, "Name at least one option"),
    ],
)
def test_variant_editor_refuses_a_bad_field(shop, data, names):
    product = make_product(shop["store"], name="Kurta", price="500.00", stock=0)
    product.update(actions=[Product.images.set([PHOTO])])
    url = at("owner:product_variants", shop["store"], product)
    response = refused(shop["client"], "post", url, {**GOOD_ROW, **data}, status=422, names=names)
    if "v0_id" not in data:  # a hidden field
        assert 'aria-invalid="true"' in response.content.decode()
    assert Product.get(shop["store"].store_id, product.product_id).variants is None


def test_variant_editor_keeps_what_was_typed_and_a_row_with_only_a_stock_of_zero(shop):
    product = make_product(shop["store"], name="Kurta", price="500.00", stock=0)
    url = at("owner:product_variants", shop["store"], product)
    response = refused(shop["client"], "post", url, {**GOOD_ROW, "v4_stock": "0"}, status=422, names="Enter Size.")
    body = response.content.decode()
    assert 'name="v4_stock" value="0"' in body and 'name="v0_price" value="550"' in body
    ok = shop["client"].post(url, {**GOOD_ROW, "v1_opt_0": "L", "v1_price": "1,299.50", "v1_stock": ""})
    assert ok.status_code == 302
    saved = variants.variants_of(Product.get(shop["store"].store_id, product.product_id))
    assert [(v.label, str(v.price), v.stock) for v in saved] == [("M", "550.00", 3), ("L", "1299.50", 0)]


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"variant_id": "ZZZZZZZZZZ"}, "Choose the variant from the list."),
        ({"kind": "STOLEN"}, "Choose the kind of change from the list."),
        ({"kind": ""}, "Choose the kind of change from the list."),
        ({"quantity": "two"}, "Enter the quantity as a whole number."),
        ({"quantity": "1e308"}, "Enter the quantity as a whole number."),
        ({"quantity": "2000000"}, "The quantity must be from -10,00,000 to 10,00,000."),
        ({"reason": "x" * 201}, "The reason is too long: at most 200 characters."),
    ],
)
def test_variant_stock_adjustment_refuses_a_bad_field(shop, data, names):
    product = with_variants(shop["store"])
    small = variants.variants_of(product)[0]
    body = {"variant_id": small.variant_id, "kind": "RECEIVED", "quantity": "3", "reason": "bill 9", **data}
    url = at("owner:variant_adjust", shop["store"], product)
    refused(shop["client"], "post", url, body, status=422, names=names)
    assert Product.get(shop["store"].store_id, product.product_id).stock_quantity == 9


def test_variant_stock_adjustment_signs_follow_what_happened(shop):
    product = with_variants(shop["store"])
    small, big = variants.variants_of(product)
    url = at("owner:variant_adjust", shop["store"], product)
    client = shop["client"]
    assert client.post(url, {"variant_id": small.variant_id, "kind": "RECEIVED", "quantity": "3"}).status_code == 302
    assert client.post(url, {"variant_id": big.variant_id, "kind": "DAMAGED", "quantity": "2"}).status_code == 302
    body = {"variant_id": big.variant_id, "kind": "CORRECTION", "quantity": "-1", "reason": "  count   day "}
    assert client.post(url, body).status_code == 302
    after = Product.get(shop["store"].store_id, product.product_id)
    assert [v.stock for v in variants.variants_of(after)] == [7, 2] and after.stock_quantity == 9
    moves = StockMovement.query(shop["store"].store_id, StockMovement.movement_key.startswith(product.product_id))
    reasons = {(m.kind, m.delta): m.reason for m in moves if m.kind != "CORRECTION" or m.delta == -1}
    assert reasons[("RECEIVED", 3)] == "Stock adjustment" and reasons[("CORRECTION", -1)] == "count day"


# --- GST ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"hsn_code": "62", "gst_rate": "12"}, "An HSN code has 4, 6 or 8 digits"),
        ({"hsn_code": "1" * 21, "gst_rate": "12"}, "The HSN code is too long: at most 20 characters."),
        ({"hsn_code": "6211", "gst_rate": "13"}, "Choose a GST rate of 0, 5, 12, 18 or 28 %."),
        ({"hsn_code": "6211", "gst_rate": "NaN"}, "Choose a GST rate of 0, 5, 12, 18 or 28 %."),
        ({"hsn_code": "6211"}, "Choose a GST rate of 0, 5, 12, 18 or 28 %."),
    ],
)
def test_product_tax_refuses_a_bad_field_and_shows_what_was_typed(shop, data, names):
    product = make_product(shop["store"], name="Kurta", price="1000.00")
    url = reverse("owner:product_tax", kwargs={"store_id": shop["store"].store_id, "product_id": product.product_id})
    response = refused(shop["client"], "post", url, data, status=422, names=names)
    assert f'value="{data["hsn_code"]}"' in response.content.decode()
    stored = Product.get(shop["store"].store_id, product.product_id)
    assert stored.gst_rate is None and stored.hsn_code is None


def test_product_tax_saves_a_good_rate_and_a_missing_product_is_a_404(shop):
    product = make_product(shop["store"], name="Soap", price="59.00")
    kwargs = {"store_id": shop["store"].store_id, "product_id": product.product_id}
    saved = shop["client"].post(reverse("owner:product_tax", kwargs=kwargs), {"hsn_code": "3401", "gst_rate": "18"})
    assert saved.status_code == 302
    stored = Product.get(shop["store"].store_id, product.product_id)
    assert (stored.hsn_code, stored.gst_rate) == ("3401", 18)
    page = shop["client"].get(reverse("owner:product_detail", kwargs=kwargs)).content.decode()
    assert '<option value="18" selected>18%</option>' in page and 'value="3401"' in page
    kwargs["product_id"] = "01J" + "0" * 22 + "Z"
    missing = shop["client"].post(reverse("owner:product_tax", kwargs=kwargs), {"hsn_code": "3401", "gst_rate": "18"})
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"action": "steal"}, "Choose the GST action from the list."),
        ({}, "Choose the GST action from the list."),
        ({"action": "basis", "prices_include_tax": "maybe"}, "Choose the price setting from the list."),
        ({"action": "basis"}, "Choose the price setting from the list."),
        ({"action": "register", "gstin": "X" * 21, "gst_state": "29"}, "The GSTIN is too long"),
        ({"action": "register", "gstin": "29AAGCB7383J1Z4", "gst_state": "99"}, "Choose the state from the list."),
    ],
)
def test_tax_settings_refuse_a_bad_field(shop, data, names):
    status = 422 if data.get("action") == "register" else 400
    refused(shop["client"], "post", at("owner:tax", shop["store"]), data, status=status, names=names)
    assert Store.get(shop["tenant"].tenant_id, shop["store"].store_id).prices_include_tax is not False


def test_tax_settings_price_basis_switches_both_ways(shop):
    url, store = at("owner:tax", shop["store"]), shop["store"]
    assert shop["client"].post(url, {"action": "basis", "prices_include_tax": "0"}).status_code == 302
    assert Store.get(store.tenant_id, store.store_id).prices_include_tax is False
    assert shop["client"].post(url, {"action": "basis", "prices_include_tax": "1"}).status_code == 302
    assert Store.get(store.tenant_id, store.store_id).prices_include_tax is True


# --- Poster and home -------------------------------------------------------------------------------------
def test_poster_refuses_an_unknown_size_or_download_switch(shop):
    base = f"/dashboard/stores/{shop['store'].store_id}/"
    refused(shop["client"], "get", base + "poster.pdf", {"size": "A3"}, status=400, names="Choose the poster size")
    refused(shop["client"], "get", base + "poster.png", {"download": "yes"}, status=400, names="download switch")
    assert shop["client"].get(base + "poster.pdf")["Content-Disposition"].endswith('-A4.pdf"')
    assert "attachment" in shop["client"].get(base + "poster.png", {"download": "1"})["Content-Disposition"]
    assert "Content-Disposition" not in shop["client"].get(base + "poster.png")


@pytest.mark.parametrize("value", ["../../etc", "a" * 27, "01j0000000000000000000000a"])
def test_home_store_switch_refuses_an_id_that_is_not_one(shop, value):
    refused(shop["client"], "get", reverse("owner:home"), {"store": value}, status=400, names="Choose the store from")


def test_language_refuses_an_over_long_return_page(shop):
    data = {"language": "hi", "next": "/" + "a" * 2000}
    refused(shop["client"], "post", reverse("owner:language"), data, status=400, names="The page to go back to is")
    assert User.get(shop["owner"].phone).language is None
