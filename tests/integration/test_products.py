"""Products and stock through the Django test client, against DynamoDB Local."""

import html
import io
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, sign_in
from webdpro.db import Product
from webdpro.errors import Conflict
from webdpro.products import selectors, services
from webdpro.products.selectors import ProductFilter

# A page: user and tenant (one BatchGetItem, or two GetItems) + nav stores Query + at most 3 product Queries.
LIST_BUDGET = 4 + selectors.MAX_QUERY_CALLS


@pytest.fixture
def shop():
    owner, tenant = make_owner()
    store = make_store(tenant)
    return owner, tenant, store


@pytest.fixture
def owner_client(client, shop):
    sign_in(client, shop[0])
    return client


def url(name, store, product=None, **extra):
    kwargs = {"store_id": store.store_id}
    if product is not None:
        kwargs["product_id"] = product.product_id
    return reverse(f"owner:{name}", kwargs=kwargs)


def bulk_products(store, count, name="Item", **fields):
    """Many products with BatchWriteItem (test set-up speed); fields may be callables of the index."""
    from webdpro import clock
    from webdpro.ids import new_id

    made = []
    with Product.batch_write() as batch:
        for i in range(count):
            values = {k: (v(i) if callable(v) else v) for k, v in fields.items()}
            product = Product(
                store.store_id,
                new_id(),
                name=f"{name} {i:03d}",
                price=Decimal("10.00"),
                currency="INR",
                category=values.get("category", "General"),
                images=[],
                stock_quantity=values.get("stock", 10),
                low_stock_threshold=values.get("threshold", 3),
                is_active=values.get("active", True),
                created_at=clock.now_iso(),
                tenant_id=store.tenant_id,
            )
            batch.save(product)
            made.append(product)
    return made


def movements_of(store, product):
    return selectors.movements(store.store_id, product.product_id, limit=50)


# --- List ------------------------------------------------------------------------------------------
def test_list_pages_through_the_whole_catalogue_with_bounded_calls(owner_client, shop):
    _, _, store = shop
    made = {
        p.product_id
        for p in bulk_products(store, 60, category=lambda i: "Dal" if i % 3 == 0 else "Rice", stock=lambda i: i % 7)
    }
    seen, next_url, pages = [], url("products", store) + "?size=25", 0
    while next_url:
        with assert_max_calls(LIST_BUDGET):
            response = owner_client.get(next_url)
        assert response.status_code == 200
        page = response.context["page"]
        seen += [p.product_id for p in page.items]
        next_url = (url("products", store) + response.context["next_url"]) if response.context["next_url"] else None
        pages += 1
        assert pages < 5
    assert len(seen) == len(set(seen)) == 60 and set(seen) == made
    assert pages == 3


@pytest.mark.parametrize(
    "query", ["?size=100", "?size=25", "?size=100&low=1", "?q=item+5&size=100", "?category=Nothing&active=no&size=25"]
)
def test_list_calls_are_bounded_whatever_the_page_size_or_filter(owner_client, shop, query):
    _, _, store = shop
    bulk_products(store, 120, name="Thing", stock=lambda i: i % 9, category="A")
    with assert_max_calls(LIST_BUDGET) as calls:
        response = owner_client.get(url("products", store) + query)
    assert response.status_code == 200
    assert calls["Query"] <= 1 + selectors.MAX_QUERY_CALLS


def test_selective_filter_returns_a_short_page_with_a_cursor_instead_of_reading_everything(shop, monkeypatch):
    monkeypatch.setattr(selectors, "FILTERED_BATCH", 50)
    _, _, store = shop
    bulk_products(store, 230, name="Common", category="Common")
    make_product(store, name="Rare one", category="Rare")  # newest: read first
    page = selectors.list_products(store.store_id, ProductFilter(category="Common"), page_size=25)
    assert len(page.items) == 25 and page.calls == 1
    none = selectors.list_products(store.store_id, ProductFilter(q="zzz"), page_size=25)
    assert none.items == [] and none.calls == selectors.MAX_QUERY_CALLS and none.next_cursor and none.short


def test_filters_and_case_insensitive_search(owner_client, shop):
    _, _, store = shop
    make_product(store, name="Toor Dal 1 kg", category="Staples", stock=2, threshold=5)
    make_product(store, name="Basmati Rice", category="Staples", stock=50, active=False)
    make_product(store, name="Mustard Oil", category="Oils", stock=40)

    def names(query):
        response = owner_client.get(url("products", store) + query)
        assert response.status_code == 200
        return sorted(p.name for p in response.context["page"].items)

    assert names("?q=toor") == ["Toor Dal 1 kg"]
    assert names("?category=Staples") == ["Basmati Rice", "Toor Dal 1 kg"]
    assert names("?active=no") == ["Basmati Rice"]
    assert names("?active=yes&category=Staples") == ["Toor Dal 1 kg"]
    assert names("?low=1") == ["Toor Dal 1 kg"]


def test_the_toolbar_shows_each_listing_as_asked_whatever_was_shown_before(owner_client, shop):
    """The toolbar is printed once per key and kept (list.html): each listing's own categories, filters, page
    size and search text, asked in turn and again in the other order (the fragments check re-renders each)."""
    import re

    _, _, store = shop
    make_product(store, name="Mustard Oil", category="Oils", stock=2, threshold=5)
    default = '<option value="25" selected>'
    asked = {
        "": {default},
        "?category=Oils": {'<option value="Oils" selected>', default},
        "?category=Ghee": {'<option value="Ghee" selected>Ghee</option>', default},  # not one of the store's
        "?active=yes&q=must": {'<option value="yes" selected>', 'value="must"', default},
        "?active=no&low=1": {'<option value="no" selected>', 'name="low" value="1" checked', default},
        "?size=50&q=%3Cb%3E": {'<option value="50" selected>', 'value="&lt;b&gt;"'},
        "?category=Oils&active=no&low=1&size=100": {
            '<option value="Oils" selected>',
            '<option value="no" selected>',
            'name="low" value="1" checked',
            '<option value="100" selected>',
        },
    }
    markers = set().union(*asked.values())
    for query in [*asked, *reversed(asked)]:
        body = owner_client.get(url("products", store) + query).content.decode()
        toolbar = re.search(r'<form class="toolbar".*?</form>', body, re.S).group(0)
        assert {marker for marker in markers if marker in toolbar} == asked[query], query
        states = {marker for marker in asked[query] if "selected" in marker or "checked" in marker}
        assert len(re.findall(r" (selected|checked)\b", toolbar)) == len(states), query  # nothing else chosen


def test_htmx_filter_returns_only_the_results_partial(owner_client, shop):
    _, _, store = shop
    make_product(store, name="Jeera 100 g")
    response = owner_client.get(url("products", store) + "?q=jeera", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = response.content.decode()
    assert response.status_code == 200 and "Jeera 100 g" in body
    assert "<html" not in body and 'id="results"' in body


def test_a_tampered_or_foreign_cursor_is_refused_politely(owner_client, shop):
    _, tenant, store = shop
    other = make_store(tenant, name="Second")
    foreign = selectors.make_cursor(other.store_id, "01J0000000000000000000000", ProductFilter())
    for cursor in ("garbage", foreign, "x" * 3000):
        response = owner_client.get(url("products", store) + f"?cursor={cursor}&low=1&size=50")
        body = response.content.decode()
        assert response.status_code == 400 and "That page link is not valid any more" in body
        assert response.context["first_url"] == "?low=1&size=50"  # the same filters, from the first page


# --- Inline edit and bulk --------------------------------------------------------------------------
def test_a_row_shows_price_stock_badge_and_forms(owner_client, shop):
    """The row's values are worked out by the view (price as typed and in rupees, the stock badge)."""
    _, _, store = shop
    low = make_product(store, name="Low Ghee", price="1299.5", stock=2)
    gone = make_product(store, name="Gone Ghee", price="40", stock=0)
    html = owner_client.get(url("products", store)).content.decode()

    def row(product):
        start = html.index(f'<tr id="row-{product.product_id}"')
        return html[start : html.index("</tr>", start)]

    low_row, gone_row = row(low), row(gone)
    assert 'class="is-low"' in low_row and 'value="1299.50"' in low_row and "₹1,299.50" in low_row
    assert f"Low (≤ {low.low_stock_threshold})" in low_row and "badge-warn" in low_row
    assert "badge-danger" in gone_row and "Out of stock" in gone_row and 'value="40.00"' in gone_row
    assert low_row.count('name="csrfmiddlewaretoken"') == 3


def test_a_rows_csrf_token_is_the_pages_and_is_accepted(shop):
    """The rows' forms carry the page's own CSRF token (the template context's): a browser's post is accepted."""
    import re

    from django.test import Client

    owner, _, store = shop
    product = make_product(store, name="Ghee", price="100")
    client = Client(enforce_csrf_checks=True)
    sign_in(client, owner)
    page = client.get(url("products", store)).content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    row = page[page.index(f'<tr id="row-{product.product_id}"') :]
    (token,) = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', row[: row.index("</tr>")]))
    assert tokens == {token}
    response = client.post(
        url("product_inline", store, product), {"csrfmiddlewaretoken": token, "field": "price", "price": "120"}
    )
    assert response.status_code == 302 and selectors.get_product(store.store_id, product.product_id).price == 120


def test_inline_price_edit_swaps_the_row(owner_client, shop):
    _, _, store = shop
    product = make_product(store, name="Ghee", price="329.00")
    with assert_max_calls(6):
        response = owner_client.post(
            url("product_inline", store, product), {"field": "price", "price": "1,299.50"}, HTTP_HX_REQUEST="true"
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith("<tr") and "₹1,299.50" in body
    assert Product.get(store.store_id, product.product_id).price == Decimal("1299.50")


@pytest.mark.parametrize(
    "price, message",
    [
        ("0", "more than ₹0"),
        ("12.345", "two decimal places"),
        ("abc", "Enter the price in rupees"),
        ("-5", "more than ₹0"),
    ],
)
def test_inline_price_rejects_bad_input_with_a_message_in_the_row(owner_client, shop, price, message):
    _, _, store = shop
    product = make_product(store, price="50.00")
    response = owner_client.post(
        url("product_inline", store, product), {"field": "price", "price": price}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Product.get(store.store_id, product.product_id).price == Decimal("50.00")


def test_inline_stock_is_a_conditional_correction(owner_client, shop):
    _, _, store = shop
    product = make_product(store, stock=10)
    response = owner_client.post(
        url("product_inline", store, product),
        {"field": "stock", "stock_quantity": "14", "stock_seen": "10"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Product.get(store.store_id, product.product_id).stock_quantity == 14
    assert [(m.kind, m.delta) for m in movements_of(store, product)] == [("CORRECTION", 4)]
    # The owner saw 10 but it is 14 now: refused, nothing lost.
    stale = owner_client.post(
        url("product_inline", store, product),
        {"field": "stock", "stock_quantity": "3", "stock_seen": "10"},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code == 409 and "changed to 14" in stale.content.decode()
    assert Product.get(store.store_id, product.product_id).stock_quantity == 14


def test_inline_active_toggle(owner_client, shop):
    _, _, store = shop
    product = make_product(store, active=True)
    response = owner_client.post(url("product_inline", store, product), {"field": "active"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Inactive" in response.content.decode()
    assert Product.get(store.store_id, product.product_id).is_active is False


def test_bulk_deactivate_is_one_transaction_without_reads_per_row(owner_client, shop):
    _, _, store = shop
    products = bulk_products(store, 30, name="Bulk")
    ids = [p.product_id for p in products[:25]]
    with assert_max_calls(4) as calls:
        response = owner_client.post(url("product_bulk", store), {"action": "deactivate", "ids": ids})
    assert response.status_code == 302
    assert calls["TransactWriteItems"] == 1 and calls["GetItem"] <= 3
    states = {p.product_id: p.is_active for p in Product.query(store.store_id)}
    assert not any(states[i] for i in ids) and all(states[p.product_id] for p in products[25:])


def test_bulk_refuses_products_of_another_store_and_writes_nothing(owner_client, shop):
    _, _, store = shop
    mine = make_product(store, active=True)
    other_owner, other_tenant = make_owner()
    theirs = make_product(make_store(other_tenant), active=True)
    response = owner_client.post(
        url("product_bulk", store), {"action": "deactivate", "ids": [mine.product_id, theirs.product_id]}
    )
    assert response.status_code == 302
    assert Product.get(store.store_id, mine.product_id).is_active is True
    assert Product.get(theirs.store_id, theirs.product_id).is_active is True
    assert Product.count(store.store_id) == 1


# --- Form ------------------------------------------------------------------------------------------
def png_bytes(size=(2400, 1200), mode="RGB"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    from django.core.files.storage import default_storage
    from django.utils.functional import empty

    default_storage._wrapped = empty
    yield tmp_path
    default_storage._wrapped = empty


def upload(name, data, content_type="image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def test_create_product_with_a_photo_resized_and_stored(owner_client, shop, media):
    from PIL import Image

    _, _, store = shop
    response = owner_client.post(
        url("product_new", store),
        {
            "name": "  Kashmiri   Saffron ",
            "description": "1 g",
            "price": "1,299.00",
            "category": "Spices",
            "stock_quantity": "12",
            "low_stock_threshold": "2",
            "is_active": "on",
            "images": [upload("saffron.png", png_bytes())],
        },
    )
    assert response.status_code == 302
    product = Product.get(store.store_id, response["Location"].rstrip("/").split("/")[-1])
    assert (product.name, product.price, product.category, product.stock_quantity) == (
        "Kashmiri Saffron",
        Decimal("1299.00"),
        "Spices",
        12,
    )
    assert len(product.images) == 1 and product.images[0].endswith(".jpg")
    with Image.open(media / product.images[0]) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 1200
    assert [(m.kind, m.delta) for m in movements_of(store, product)] == [("INITIAL", 12)]


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"price": "0"}, "price", "more than ₹0"),
        ({"price": "10.999"}, "price", "two decimal places"),
        ({"price": ""}, "price", "Enter the price"),
        ({"name": ""}, "name", "required"),
        ({"stock_quantity": "-1"}, "stock_quantity", "The stock must be from 0 to 1,00,00,000."),
        ({"stock_quantity": "2.5"}, "stock_quantity", "Enter the stock as a whole number."),
    ],
)
def test_create_product_rejects_bad_fields_with_clear_errors(owner_client, shop, fields, field, message):
    _, _, store = shop
    data = {"name": "Rice", "price": "40", "stock_quantity": "1", "low_stock_threshold": "1", **fields}
    response = owner_client.post(url("product_new", store), data)
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert Product.count(store.store_id) == 0


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("notes.png", b"this is not an image at all", "not a photo"),
        ("fake.jpg", b"GIF89a" + b"\x00" * 20, "not a photo"),
    ],
)
def test_non_images_are_rejected(owner_client, shop, media, name, data, message):
    _, _, store = shop
    response = owner_client.post(
        url("product_new", store),
        {
            "name": "Rice",
            "price": "40",
            "stock_quantity": "1",
            "low_stock_threshold": "1",
            "images": [upload(name, data)],
        },
    )
    assert response.status_code == 422 and message in response.content.decode()
    assert Product.count(store.store_id) == 0 and not list(media.rglob("*.*"))


def test_oversized_and_decompression_bomb_images_are_rejected(owner_client, shop, media):
    import struct
    import zlib

    _, _, store = shop
    big = upload("big.png", b"\x89PNG" + b"\x00" * (5 * 1024 * 1024 + 1))

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    # A tiny PNG that claims 30000×30000 pixels (900 megapixels).
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )
    for file, message in ((big, "larger than 5 MB"), (upload("bomb.png", bomb), "too large in pixels")):
        response = owner_client.post(
            url("product_new", store),
            {"name": "Rice", "price": "40", "stock_quantity": "1", "low_stock_threshold": "1", "images": [file]},
        )
        assert response.status_code == 422 and message in response.content.decode()
    assert Product.count(store.store_id) == 0


def test_transparent_png_is_kept_as_webp(owner_client, shop, media):
    _, _, store = shop
    response = owner_client.post(
        url("product_new", store),
        {
            "name": "Logo mug",
            "price": "99",
            "stock_quantity": "0",
            "low_stock_threshold": "0",
            "images": [upload("mug.png", png_bytes((300, 300), "RGBA"))],
        },
    )
    assert response.status_code == 302
    product = next(iter(Product.query(store.store_id)))
    assert product.images[0].endswith(".webp")


def test_edit_product_and_stock_correction_with_stale_check(owner_client, shop):
    _, _, store = shop
    product = make_product(store, name="Atta", price="265.00", stock=10)
    page = owner_client.get(url("product_edit", store, product))
    assert page.status_code == 200 and 'value="265.00"' in page.content.decode()
    data = {
        "name": "Chakki Atta 5 kg",
        "price": "270.50",
        "category": "Staples",
        "stock_quantity": "8",
        "stock_seen": "10",
        "low_stock_threshold": "4",
        "is_active": "on",
        "description": "",
    }
    response = owner_client.post(url("product_edit", store, product), data)
    assert response.status_code == 302
    saved = Product.get(store.store_id, product.product_id)
    assert (saved.name, saved.price, saved.stock_quantity, saved.low_stock_threshold) == (
        "Chakki Atta 5 kg",
        Decimal("270.50"),
        8,
        4,
    )
    assert [(m.kind, m.delta) for m in movements_of(store, product)] == [("CORRECTION", -2)]
    stale = owner_client.post(url("product_edit", store, product), {**data, "stock_quantity": "20", "price": "1.00"})
    assert stale.status_code == 409 and "Stock changed to 8" in stale.content.decode()
    assert Product.get(store.store_id, product.product_id).price == Decimal("270.50")  # nothing half-written


# --- Stock adjustments -----------------------------------------------------------------------------
def test_adjustments_with_reasons_and_a_movement_log(owner_client, shop):
    owner, _, store = shop
    product = make_product(store, stock=8)
    r = owner_client.post(
        url("product_adjust", store, product),
        {"kind": "RECEIVED", "quantity": "12", "reason": "Bill 42"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "Stock is now 20" in r.content.decode()
    r = owner_client.post(
        url("product_adjust", store, product),
        {"kind": "DAMAGED", "quantity": "3", "reason": "Crate dropped"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    r = owner_client.post(
        url("product_adjust", store, product), {"kind": "CORRECTION", "quantity": "-1", "reason": "Count"}
    )
    assert r.status_code == 302
    assert Product.get(store.store_id, product.product_id).stock_quantity == 16
    log = movements_of(store, product)
    assert [(m.kind, m.delta, m.reason) for m in log] == [
        ("CORRECTION", -1, "Count"),
        ("DAMAGED", -3, "Crate dropped"),
        ("RECEIVED", 12, "Bill 42"),
    ]
    assert all(m.by == owner.user_id for m in log)
    detail = owner_client.get(url("product_detail", store, product)).content.decode()
    assert "Crate dropped" in detail and "Bill 42" in detail


def test_adjustment_can_never_go_below_zero(owner_client, shop):
    _, _, store = shop
    product = make_product(store, stock=4)
    r = owner_client.post(
        url("product_adjust", store, product),
        {"kind": "DAMAGED", "quantity": "5", "reason": "Rats"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 409 and "only 4 in stock" in r.content.decode()
    r = owner_client.post(
        url("product_adjust", store, product),
        {"kind": "RECEIVED", "quantity": "0", "reason": "x"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 422
    r = owner_client.post(
        url("product_adjust", store, product),
        {"kind": "RECEIVED", "quantity": "3", "reason": " "},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 422
    assert Product.get(store.store_id, product.product_id).stock_quantity == 4
    assert movements_of(store, product) == []


def test_two_concurrent_adjustments_of_minus_five_on_eight(shop):
    """Acceptance: one succeeds, the other gets a clear error, stock ends at 3."""
    owner, _, store = shop
    product = make_product(store, stock=8)
    barrier = threading.Barrier(2)
    outcomes = []

    def adjust():
        barrier.wait()
        try:
            services.adjust_stock(store, product.product_id, "DAMAGED", 5, "Concurrent test", by=owner)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=adjust) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=lambda o: o != "ok")[0] == "ok"
    assert outcomes.count("ok") == 1
    error = next(o for o in outcomes if o != "ok")
    assert "Cannot remove 5: only 3 in stock" in error
    assert Product.get(store.store_id, product.product_id).stock_quantity == 3
    assert [m.delta for m in movements_of(store, product)] == [-5]


def test_many_concurrent_receipts_never_lose_an_update(shop):
    owner, _, store = shop
    product = make_product(store, stock=0)
    threads = [
        threading.Thread(
            target=services.adjust_stock, args=(store, product.product_id, "RECEIVED", 2, "t"), kwargs={"by": owner}
        )
        for _ in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Product.get(store.store_id, product.product_id).stock_quantity == 12
    assert len(movements_of(store, product)) == 6


# --- Low stock -------------------------------------------------------------------------------------
def test_low_stock_list_and_widget(owner_client, shop):
    from django.template.loader import render_to_string

    from dashboard.views.owner.home import low_stock_widget

    _, _, store = shop
    make_product(store, name="Plenty", stock=50, threshold=5)
    make_product(store, name="At threshold", stock=5, threshold=5)
    make_product(store, name="Sold out", stock=0, threshold=2)
    with assert_max_calls(LIST_BUDGET):
        response = owner_client.get(url("low_stock", store))
    body = response.content.decode()
    assert response.status_code == 200
    assert "At threshold" in body and "Sold out" in body and "Plenty" not in body
    with assert_max_calls(selectors.MAX_QUERY_CALLS):
        low = low_stock_widget(store)
    html = render_to_string("owner/products/_low_stock_widget.html", {"store": store, "low": low})
    assert "At threshold" in html and "Sold out" in html and "Plenty" not in html


def test_the_low_stock_widget_says_there_is_more_without_a_cursor(shop):
    """Past its five lines the card links to the full list; it knows there is more without signing a cursor
    (the list's own pages do sign theirs)."""
    from django.template.loader import render_to_string

    from dashboard.views.owner.home import WIDGET_ITEMS, low_stock_widget

    _, _, store = shop
    for i in range(WIDGET_ITEMS):
        make_product(store, name=f"Low {i}", stock=1, threshold=5)
    flt = selectors.ProductFilter(low_stock=True, active=True)
    quiet = low_stock_widget(store)
    assert len(quiet["items"]) == WIDGET_ITEMS and not quiet["more"]
    make_product(store, name="One more", stock=0, threshold=5)
    more = low_stock_widget(store)
    html = render_to_string("owner/products/_low_stock_widget.html", {"store": store, "low": more})
    assert more["more"] and "see the full list" in html
    page = selectors.list_products(store.store_id, flt, page_size=WIDGET_ITEMS, sign_next=False)
    assert page.has_next and page.next_cursor is None
    signed = selectors.list_products(store.store_id, flt, page_size=WIDGET_ITEMS)
    assert signed.has_next and selectors.read_cursor(store.store_id, signed.next_cursor, flt)


# --- CSV -------------------------------------------------------------------------------------------
def csv_upload(text, name="products.csv", encoding="utf-8"):
    return upload(name, text.encode(encoding), "text/csv")


def test_export_streams_the_catalogue_with_a_bom(owner_client, shop):
    _, _, store = shop
    make_product(store, name='=HYPERLINK("x")', price="1299.00", category="Staples")
    make_product(store, name="Plain, with comma", price="5.50")
    response = owner_client.get(url("product_export", store))
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffproduct_id,name,category,price")
    assert "'=HYPERLINK" in text and '"Plain, with comma"' in text and "1299.00" in text


def test_import_of_fifty_rows_with_one_bad_row_names_it_and_writes_nothing(owner_client, shop):
    """Acceptance: a clear error naming that row, and no partial import."""
    _, _, store = shop
    lines = ["name,category,price,stock_quantity,low_stock_threshold,is_active"]
    for i in range(50):
        price = "12.3.4" if i == 36 else f'"1,{i:03d}.00"'
        lines.append(f"Product {i},Staples,{price},{i},2,yes")
    response = owner_client.post(url("product_import", store), {"file": csv_upload("\n".join(lines))})
    assert response.status_code == 422
    errors = response.context["result"].errors
    assert [(e.row, e.field) for e in errors] == [(38, "price")]  # header is row 1, item 36 is row 38
    body = response.content.decode()
    assert "Nothing was imported" in body and "Row 38</td>" in body and "12.3.4" in body
    assert Product.count(store.store_id) == 0


def test_clean_excel_import_with_bom_semicolons_and_indian_numbers(owner_client, shop):
    _, _, store = shop
    text = '\ufeffName;Category;Price (₹);Stock;Active\nToor Dal;Staples;"1,299.00";10;yes\nSalt;Staples;28;0;no\n'
    rows = "\n".join(f"Item {i};Misc;{i + 1}.50;{i};yes" for i in range(120))
    with assert_max_calls(12) as calls:
        response = owner_client.post(url("product_import", store), {"file": csv_upload(text + rows)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert calls["TransactWriteItems"] == 3  # 122 products in batches of 50
    products = {p.name: p for p in Product.query(store.store_id)}
    assert len(products) == 122
    assert products["Toor Dal"].price == Decimal("1299.00") and products["Toor Dal"].stock_quantity == 10
    assert products["Salt"].is_active is False


def test_import_updates_existing_products_and_records_stock_changes(owner_client, shop):
    _, _, store = shop
    dal = make_product(store, name="Dal", price="100.00", stock=5)
    oil = make_product(store, name="Oil", price="150.00", stock=7)
    exported = b"".join(owner_client.get(url("product_export", store)).streaming_content).decode("utf-8")
    edited = exported.replace("Dal", "Toor Dal").replace(
        f"{dal.product_id},Toor Dal,General,100.00,5", f"{dal.product_id},Toor Dal,General,110.00,25"
    )
    response = owner_client.post(url("product_import", store), {"file": csv_upload(edited)})
    assert response.status_code == 302
    assert Product.count(store.store_id) == 2
    saved = Product.get(store.store_id, dal.product_id)
    assert (saved.name, saved.price, saved.stock_quantity) == ("Toor Dal", Decimal("110.00"), 25)
    assert [(m.kind, m.delta) for m in movements_of(store, dal)] == [("IMPORT", 20)]
    assert Product.get(store.store_id, oil.product_id).stock_quantity == 7 and movements_of(store, oil) == []


def test_import_refuses_foreign_product_ids_duplicates_and_bad_files(owner_client, shop):
    _, tenant, store = shop
    theirs = make_product(make_store(make_owner()[1]))
    text = f"product_id,name,price\n{theirs.product_id},Stolen,10\n,Ok,10\n,Ok 2,abc\n"
    response = owner_client.post(url("product_import", store), {"file": csv_upload(text)})
    assert response.status_code == 422
    assert [(e.row, e.field) for e in response.context["result"].errors] == [(2, "product_id"), (4, "price")]
    assert Product.count(store.store_id) == 0
    assert Product.get(theirs.store_id, theirs.product_id).name != "Stolen"
    for bad, message in (("title,colour\nx,y\n", "needs columns"), ("", "empty"), ("name,price\n", "no products")):
        response = owner_client.post(url("product_import", store), {"file": csv_upload(bad)})
        assert response.status_code == 422 and message in response.content.decode()
    assert owner_client.post(url("product_import", store), {}).status_code == 422


def test_import_reads_spreadsheet_quoting(owner_client, shop):
    """``""`` inside a quoted cell is one ``"`` (Excel, Sheets, LibreOffice), with any separator."""
    _, _, store = shop
    text = 'name,price,description\n"Pizza 12"" large",299,"Cheese, ""extra"" hot"\nPlain Naan,40,\n'
    response = owner_client.post(url("product_import", store), {"file": csv_upload(text)})
    assert response.status_code == 302, response.content.decode()[:2000]
    products = {p.name: p for p in Product.query(store.store_id)}
    assert set(products) == {'Pizza 12" large', "Plain Naan"}
    assert products['Pizza 12" large'].description == 'Cheese, "extra" hot'


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_import_finds_the_separator_from_the_header(owner_client, shop, separator):
    _, _, store = shop
    text = separator.join(["name", "price", "stock"]) + "\n" + separator.join(['"Tea, ""Assam"""', "120", "3"])
    response = owner_client.post(url("product_import", store), {"file": csv_upload(text + "\n")})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [p.name for p in Product.query(store.store_id)] == ['Tea, "Assam"']


def test_a_huge_cell_names_its_row_and_column_and_nothing_is_written(owner_client, shop):
    _, _, store = shop
    text = "name,price,description\nTea,10,ok\nCoffee,20," + "x" * 131_073 + "\n"
    response = owner_client.post(url("product_import", store), {"file": csv_upload(text)})
    assert response.status_code == 422
    assert [(e.row, e.field) for e in response.context["result"].errors] == [(3, "description")]
    assert Product.count(store.store_id) == 0


@pytest.mark.parametrize(
    "text, row",
    [
        ('name,price\nTea,10\nMilk,"5"x\n', 3),  # a stray quote after a closing quote
        ('name,price\nTea,10\nMilk,5\n"Unterminated,1\n' + "y" * 1000, 4),
    ],
)
def test_a_file_the_csv_reader_cannot_parse_is_a_422_naming_the_row(owner_client, shop, text, row):
    _, _, store = shop
    response = owner_client.post(url("product_import", store), {"file": csv_upload(text)})
    assert response.status_code == 422
    assert f"Row {row} could not be read" in html.unescape(response.content.decode())
    assert Product.count(store.store_id) == 0


def test_a_null_character_names_its_row_and_column(owner_client, shop):
    _, _, store = shop
    response = owner_client.post(url("product_import", store), {"file": csv_upload("name,price\nTe\0a,10\n")})
    assert response.status_code == 422
    assert [(e.row, e.field) for e in response.context["result"].errors] == [(2, "name")]


# --- Prediction ------------------------------------------------------------------------------------
def order_on(store, products, days_ago, quantity=1, status="DELIVERED", now=None):
    """An order placed an hour before ``now`` (default: the clock), ``days_ago`` days back."""
    from webdpro import clock
    from webdpro.db import Order

    order = make_order(store, products, status=status, quantity=quantity)
    placed = (now or clock.now()) - timedelta(days=days_ago, hours=1)
    order.update(actions=[Order.created_at.set(clock.iso(placed))])
    return order


def last_india_noon():
    """The latest noon in India that has passed: an order an hour before it is on the same India day, whatever
    the hour the test runs (an hour before 00:30 IST is yesterday)."""
    from webdpro import clock

    local = clock.local()
    noon = local.replace(hour=12, minute=0, second=0, microsecond=0)
    return noon if noon <= local else noon - timedelta(days=1)


def test_refresh_stores_a_prediction_from_orders_and_excludes_cancelled(shop):
    from webdpro.products import prediction

    _, _, store = shop
    product = make_product(store, stock=30)
    product.update(actions=[Product.created_at.set("2020-01-01T00:00:00.000000Z")])
    other = make_product(store, stock=5)
    moment = last_india_noon()  # each day's order on its own India day, at any hour of the run
    for day in range(0, 40):
        order_on(store, [product], day, quantity=3, now=moment)
    order_on(store, [product], 2, quantity=100, status="CANCELLED", now=moment)
    order_on(store, [other], 1, quantity=100, status="PENDING_PAYMENT", now=moment)
    with assert_max_calls(8):
        assert prediction.refresh(store.store_id, now=moment) == 2
    stored = Product.get(store.store_id, product.product_id).prediction.as_dict()
    assert stored["classification"] == "smooth" and stored["method"] == "SES"
    assert stored["rate_per_day"] == pytest.approx(3.0)
    assert stored["days_of_cover"] == pytest.approx(10.0)
    assert stored["stockout_date"] and stored["computed_at"] and stored["history_days"] == 90
    assert sum(stored["history"]) == 120
    assert Product.get(store.store_id, other.product_id).prediction.as_dict()["method"] == "NONE"


def test_product_page_shows_the_prediction_chart_data(owner_client, shop):
    from webdpro.products import prediction

    _, _, store = shop
    product = make_product(store, stock=9)
    for day in (0, 1, 3, 5, 8):
        order_on(store, [product], day, quantity=2)
    prediction.refresh(store.store_id, [product.product_id])
    with assert_max_calls(7):
        response = owner_client.get(url("product_detail", store, product))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="forecast-data" type="application/json"' in body and "chart.umd.min.js" in body
    assert "confidence" in body
    chart = response.context["chart"]
    assert len(chart["labels"]) == len(chart["sales"]) and sum(v or 0 for v in chart["sales"]) == 10


def test_recalculate_button_and_command(owner_client, shop):
    from django.core.management import call_command

    _, _, store = shop
    product = make_product(store, stock=9)
    order_on(store, [product], 1, quantity=2)
    response = owner_client.post(url("product_predict", store, product))
    assert response.status_code == 302
    assert Product.get(store.store_id, product.product_id).prediction.as_dict()["confidence"] == "low"
    out = io.StringIO()
    call_command("predict_stock", "--store", store.store_id, stdout=out)
    assert "predicted 1 products" in out.getvalue()


def test_pages_render(owner_client, shop):
    _, _, store = shop
    product = make_product(store)
    for name in ("products", "product_new", "low_stock", "product_import"):
        assert owner_client.get(url(name, store)).status_code == 200
    for name in ("product_detail", "product_edit"):
        assert owner_client.get(url(name, store, product)).status_code == 200
    assert owner_client.get(url("product_import", store) + "?template=1")["Content-Type"].startswith("text/csv")


# --- Seams for other areas -------------------------------------------------------------------------
def test_sale_movement_goes_in_the_placement_transaction(shop):
    from webdpro.db import transact_write

    _, tenant, store = shop
    product = make_product(store, stock=5)
    with transact_write() as tx:  # what order placement does: conditional decrement + its movement
        tx.update(
            Product(store.store_id, product.product_id),
            actions=[Product.stock_quantity.add(-2)],
            condition=Product.stock_quantity >= 2,
        )
        tx.save(
            services.sale_movement(
                store.store_id, tenant.tenant_id, product.product_id, 2, "01ORDER0000000000000ABCDEFG"
            )
        )
    log = movements_of(store, product)
    assert [(m.kind, m.delta, m.reason) for m in log] == [("SALE", -2, "Order 0ABCDEFG")]
    assert services.sale_movement(store.store_id, tenant.tenant_id, product.product_id, -2, "01X").kind == "RETURN"


def test_refresh_after_order_updates_that_orders_products_only(shop):
    from webdpro.products.prediction import refresh_after_order

    _, _, store = shop
    sold, untouched = make_product(store, stock=4), make_product(store, stock=4)
    order = order_on(store, [sold], 0, quantity=2)
    refresh_after_order(order, background=False)
    assert Product.get(store.store_id, sold.product_id).prediction.as_dict()["units_sold"] == 2
    assert Product.get(store.store_id, untouched.product_id).prediction is None


def test_edit_removes_and_adds_photos(owner_client, shop, media):
    _, _, store = shop
    created = owner_client.post(
        url("product_new", store),
        {
            "name": "Mug",
            "price": "99",
            "stock_quantity": "0",
            "low_stock_threshold": "0",
            "images": [upload("a.png", png_bytes((400, 300)))],
        },
    )
    product = Product.get(store.store_id, created["Location"].rstrip("/").split("/")[-1])
    old = product.images[0]
    assert (media / old).exists()
    response = owner_client.post(
        url("product_edit", store, product),
        {
            "name": "Mug",
            "price": "99.00",
            "stock_quantity": "0",
            "stock_seen": "0",
            "low_stock_threshold": "0",
            "is_active": "on",
            "remove_images": [old],
            "images": [upload("b.png", png_bytes((500, 500)))],
        },
    )
    assert response.status_code == 302
    saved = Product.get(store.store_id, product.product_id)
    assert len(saved.images) == 1 and saved.images[0] != old
    assert not (media / old).exists() and (media / saved.images[0]).exists()


def test_inline_without_a_known_field_is_a_400_not_a_500(owner_client, shop):
    _, _, store = shop
    product = make_product(store)
    assert (
        owner_client.post(url("product_inline", store, product), {"field": "nope"}, HTTP_HX_REQUEST="true").status_code
        == 422
    )
    assert owner_client.post(url("product_inline", store, product), {"field": "price", "price": "0"}).status_code == 422


def test_a_last_full_page_offers_no_empty_next_page(shop):
    _, _, store = shop
    bulk_products(store, 50)
    first = selectors.list_products(store.store_id, page_size=25)
    second = selectors.list_products(store.store_id, cursor=first.next_cursor, page_size=25)
    assert len(first.items) == len(second.items) == 25 and second.next_cursor is None
    assert first.calls == second.calls == 1


def test_predict_stock_command_without_a_store_refreshes_every_store(shop, monkeypatch):
    from django.core.management import call_command

    import dashboard.management.commands.predict_stock as command

    _, _, store = shop
    refreshed = []
    monkeypatch.setattr(command, "refresh", lambda store_id: refreshed.append(store_id) or 0)
    out = io.StringIO()
    call_command("predict_stock", stdout=out)
    assert store.store_id in refreshed and "stores" in out.getvalue()
