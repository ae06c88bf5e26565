"""GST at placement and tax invoices on DynamoDB Local: split by state, exact paise, numbering under
concurrency, the PDF's text, bills of supply, and bad tax settings refused with nothing written."""

import io
import threading
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from tests.helpers import make_owner, make_product, make_store, random_phone
from webdpro.db import Order, Product, Tenant
from webdpro.errors import ValidationFailed
from webdpro.gst import services as gst
from webdpro.orders import invoice_pdf, invoices
from webdpro.orders.placement import Line, place_order

GSTIN = "29AAGCB7383J1Z4"  # Karnataka


@pytest.fixture(scope="module")
def gst_shop(dynamodb):
    _, tenant = make_owner(business_name="Bharat Traders")
    gst.set_registration(tenant.tenant_id, GSTIN, "29")
    return make_store(tenant, name="Bharat Kirana")


def taxed_product(shop, name, price, rate, hsn, stock=100):
    product = make_product(shop, name=name, price=price, stock=stock)
    gst.set_product_tax(shop, product.product_id, hsn, rate)
    return Product.get(shop.store_id, product.product_id)


def buy(shop, lines, pincode="560038", **extra):
    return place_order(
        store=shop,
        lines=[Line(p.product_id, q, p.price) for p, q in lines],
        customer_name="Lakshmi Rao",
        customer_phone=extra.pop("phone", None) or random_phone(),
        delivery_address="14 Temple Street, Malleswaram",
        pincode=pincode,
        payment_method="COD",
        **extra,
    ).order


def test_same_state_inclusive_prices_split_cgst_sgst(gst_shop):
    soap = taxed_product(gst_shop, "Neem Soap", "99.99", "18", "3401")
    rice = taxed_product(gst_shop, "Sona Masoori Rice", "45.00", "5", "1006")
    order = Order.get(buy(gst_shop, [(soap, 1), (rice, 2)]).order_id)  # Bengaluru PIN, store in Karnataka
    assert order.tax_kind == "INTRA" and order.seller_gstin == GSTIN and order.buyer_state == "29"
    soap_line, rice_line = order.items
    # 99.99 incl. 18 %: CGST = SGST = 99.99 × 9 / 118 = 7.626… → 7.63, taxable 84.73
    assert (soap_line.taxable_value, soap_line.cgst, soap_line.sgst, soap_line.igst) == (
        D("84.73"),
        D("7.63"),
        D("7.63"),
        D("0"),
    )
    # 90.00 incl. 5 %: CGST = SGST = 90 × 2.5 / 105 = 2.142… → 2.14, taxable 85.72
    assert (rice_line.hsn_code, rice_line.taxable_value, rice_line.cgst) == ("1006", D("85.72"), D("2.14"))
    # The ₹30 delivery fee at the principal supply's (highest) rate, 18 %, inclusive:
    # CGST = SGST = 30 × 9 / 118 = 2.288… → 2.29, taxable 25.42.
    fee = order.delivery_tax
    assert (fee.sac, fee.gst_rate, fee.taxable_value, fee.cgst, fee.sgst, fee.igst) == (
        "996813",
        18,
        D("25.42"),
        D("2.29"),
        D("2.29"),
        D("0"),
    )
    assert order.tax_total == D("19.54") + D("4.58")
    assert order.total_amount == D("189.99") + D("30.00")  # inclusive: tax already in the prices
    assert order.invoice_seq is None and order.invoice_due == gst_shop.tenant_id  # numbered off the request
    invoices.ensure_number(order)
    assert order.invoice_kind == "TAX_INVOICE" and order.invoice_seq >= 1


def test_other_state_exclusive_prices_add_igst(gst_shop):
    gst.set_prices_include_tax(gst_shop, False)
    try:
        shop = type(gst_shop).get(gst_shop.tenant_id, gst_shop.store_id)
        oil = taxed_product(shop, "Groundnut Oil 1 L", "189.50", "5", "1508")
        order = Order.get(buy(shop, [(oil, 3)], pincode="400001").order_id)  # Mumbai
    finally:
        gst.set_prices_include_tax(gst_shop, True)
    (line,) = order.items
    # 568.50 × 5 % = 28.425 → 28.43 IGST, added to the total
    assert order.tax_kind == "INTER" and order.buyer_state == "27"
    assert (line.taxable_value, line.igst, line.cgst) == (D("568.50"), D("28.43"), D("0"))
    assert order.total_amount == D("568.50") + D("28.43")  # free delivery above ₹499


def test_delivery_fee_exclusive_other_state_is_taxed_and_on_the_invoice(gst_shop):
    gst.set_prices_include_tax(gst_shop, False)
    try:
        shop = type(gst_shop).get(gst_shop.tenant_id, gst_shop.store_id)
        tea = taxed_product(shop, "Assam Tea 250 g", "120.00", "5", "0902")
        cooker = taxed_product(shop, "Pressure Cooker 3 L", "150.00", "12", "7323")
        order = Order.get(buy(shop, [(tea, 1), (cooker, 2)], pincode="400001").order_id)  # Mumbai
    finally:
        gst.set_prices_include_tax(gst_shop, True)
    # Items 120 + 300 = 420 (below free delivery at ₹499): fee ₹30, before GST; the principal supply's
    # rate is 12 %: IGST = 30 × 12 % = 3.60. Items: 120 × 5 % = 6.00, 300 × 12 % = 36.00.
    fee = order.delivery_tax
    assert (fee.gst_rate, fee.taxable_value, fee.igst, fee.cgst) == (12, D("30.00"), D("3.60"), D("0"))
    assert order.tax_total == D("6.00") + D("36.00") + D("3.60")
    assert order.total_amount == D("420.00") + D("30.00") + D("45.60")
    invoices.ensure_number(order)
    text = PdfReader(io.BytesIO(invoice_pdf.render(order, "Bharat Kirana"))).pages[0].extract_text()
    assert "Delivery charge" in text and "996813" in text and "₹3.60" in text
    assert "₹450.00" in text  # taxable value: 120 + 300 + 30
    assert "₹45.60" in text and "₹495.60" in text  # IGST, total GST and the total


def test_free_delivery_has_no_delivery_line(gst_shop):
    soap = taxed_product(gst_shop, "Rose Soap", "59.00", "18", "3401")
    order = Order.get(buy(gst_shop, [(soap, 1)]).order_id)
    assert order.delivery_fee == D("30.00") and order.delivery_tax is not None
    free = taxed_product(gst_shop, "Saree", "2500.00", "5", "5407")
    big = Order.get(buy(gst_shop, [(free, 1)]).order_id)  # free delivery above ₹499: no fee, no line
    assert big.delivery_fee == D("0") and big.delivery_tax is None
    assert big.tax_total == D("59.52") + D("59.52")  # 2500 × 2.5 / 105 = 59.523… → 59.52 each


def test_coupon_discount_lowers_the_taxable_value(gst_shop):
    from webdpro.coupons import services as coupons

    coupons.create_coupon(gst_shop, {"code": "GST50", "kind": "FLAT", "value": "50"})
    ghee = taxed_product(gst_shop, "Ghee 500 ml", "350.00", "12", "0405")
    order = Order.get(buy(gst_shop, [(ghee, 1)], coupon_code="GST50").order_id)
    (line,) = order.items
    # net 300.00 incl. 12 %: CGST = SGST = 300 × 6 / 112 = 16.0714 → 16.07; taxable 267.86
    assert (line.discount, line.taxable_value, line.cgst, line.sgst) == (D("50"), D("267.86"), D("16.07"), D("16.07"))
    assert order.total_amount == D("300.00") + D("30.00")


def test_twenty_concurrent_orders_get_invoice_numbers_1_to_20(patient_dynamodb):
    """20 orders placed at once are not numbered in the checkout; two job runs and five invoice opens
    racing each other then number them 1..20, no gap, no duplicate."""
    _, tenant = make_owner()
    gst.set_registration(tenant.tenant_id, "27AAPFU0939F1ZV", "27")
    shop = make_store(tenant, name="Concurrent Invoices")
    item = taxed_product(shop, "Pen", "10.00", "18", "9608", stock=100)
    placed, errors = [], []

    def run_all(jobs):
        start = threading.Barrier(len(jobs))

        def one(job):
            start.wait()
            try:
                job()
            except Exception as exc:  # noqa: BLE001 — collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=one, args=(job,)) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    run_all([lambda: placed.append(buy(shop, [(item, 1)], pincode="411001"))] * 20)
    assert not errors and len(placed) == 20
    assert all(Order.get(o.order_id, consistent_read=True).invoice_seq is None for o in placed)
    opened = placed[::4]
    run_all(
        [lambda: invoices.number_due(tenant_id=tenant.tenant_id)] * 2
        + [lambda o=o: invoices.ensure_number(Order.get(o.order_id)) for o in opened]
    )
    assert not errors
    numbers = sorted(Order.get(o.order_id, consistent_read=True).invoice_seq for o in placed)
    assert numbers == list(range(1, 21))
    fy = Order.get(placed[0].order_id).invoice_fy
    assert invoices._current(shop.store_id, f"{fy}#TAX_INVOICE") == 20
    assert not list(Order.invoice_due_index.query(tenant.tenant_id))  # nothing left to number


def test_invoice_pdf_text_has_gstin_number_hsn_taxes_and_total(gst_shop):
    soap = taxed_product(gst_shop, "Sandal Soap", "118.00", "18", "3401")
    order = invoices.ensure_number(Order.get(buy(gst_shop, [(soap, 2)]).order_id))
    text = PdfReader(io.BytesIO(invoice_pdf.render(order, "Bharat Kirana"))).pages[0].extract_text()
    label = invoices.number_label(order)
    assert label.startswith("INV/") and "Tax invoice" in text and GSTIN in text and label in text
    assert "3401" in text and "₹9.00" not in text  # 2 × 118 = 236: CGST = SGST = 18.00
    assert text.count("₹18.00") >= 2 and "₹200.00" in text and "₹266.00" in text  # taxable, total (+30)
    assert "Karnataka (29)" in text


def test_store_without_gst_issues_a_bill_of_supply(dynamodb):
    _, tenant = make_owner()
    shop = make_store(tenant, name="Chhota Store")
    item = make_product(shop, name="Biscuits", price="20.00", stock=10)
    order = invoices.ensure_number(Order.get(buy(shop, [(item, 2)]).order_id))
    assert order.seller_gstin is None and order.tax_total is None and order.items[0].cgst is None
    assert order.invoice_kind == "BILL_OF_SUPPLY" and invoices.number_label(order).startswith("BOS/")
    text = PdfReader(io.BytesIO(invoice_pdf.render(order, "Chhota Store"))).pages[0].extract_text()
    assert "Bill of supply" in text and "GSTIN" not in text and "not registered for GST" in text


def test_bad_tax_settings_are_refused_and_nothing_is_written(gst_shop):
    item = make_product(gst_shop, name="Untaxed", price="10.00")
    for hsn, rate, field in (("12", "5", "hsn_code"), ("1006", "7", "gst_rate"), ("abcd", "5", "hsn_code")):
        with pytest.raises(ValidationFailed) as err:
            gst.set_product_tax(gst_shop, item.product_id, hsn, rate)
        assert err.value.field == field
    stored = Product.get(gst_shop.store_id, item.product_id, consistent_read=True)
    assert stored.hsn_code is None and stored.gst_rate is None
    _, tenant = make_owner()
    for gstin, state in (("29AAGCB7383J1Z5", "29"), ("29AAGCB7383J1Z4", "27"), ("NOTAGSTIN", "29")):
        with pytest.raises(ValidationFailed) as err:
            gst.set_registration(tenant.tenant_id, gstin, state)
        assert err.value.field == "gstin"
    assert Tenant.get(tenant.tenant_id, consistent_read=True).gstin is None


def test_owner_pages_registration_product_tax_and_invoice(client):
    from tests.helpers import sign_in

    user, tenant = make_owner()
    shop = make_store(tenant, name="Web GST Shop")
    sign_in(client, user)
    url = f"/dashboard/stores/{shop.store_id}/tax/"
    assert "Not registered" in client.get(url).content.decode()
    bad = client.post(url, {"action": "register", "gstin": "29AAGCB7383J1Z5", "gst_state": "29"})
    assert bad.status_code == 422 and "check character" in bad.content.decode()
    assert Tenant.get(tenant.tenant_id, consistent_read=True).gstin is None
    assert client.post(url, {"action": "register", "gstin": GSTIN, "gst_state": "29"}).status_code == 302
    assert GSTIN in client.get(url).content.decode()
    assert client.post(url, {"action": "basis", "prices_include_tax": "0"}).status_code == 302

    item = make_product(shop, name="Kurta", price="1000.00", stock=5)
    tax_url = f"/dashboard/stores/{shop.store_id}/products/{item.product_id}/tax/"
    bad = client.post(tax_url, {"hsn_code": "62", "gst_rate": "12"})
    assert bad.status_code == 422 and "4, 6 or 8 digits" in bad.content.decode()
    bad = client.post(tax_url, {"hsn_code": "6211", "gst_rate": "13"})
    assert bad.status_code == 422 and "0, 5, 12, 18 or 28" in bad.content.decode()
    assert Product.get(shop.store_id, item.product_id, consistent_read=True).gst_rate is None
    assert client.post(tax_url, {"hsn_code": "6211", "gst_rate": "12"}).status_code == 302

    # The cart adds GST for a store whose prices exclude it: 1000 × 12 % = 120.
    base = f"/s/{shop.slug}/"
    client.post(base + "cart/add/", {"product_id": item.product_id, "quantity": "1"})
    cart = client.get(base + "cart/").content.decode()
    assert "₹120.00" in cart and "₹1,120.00" in cart  # free delivery above ₹499

    order = buy(type(shop).get(tenant.tenant_id, shop.store_id), [(item, 1)], pincode="560001")
    response = client.get(f"/dashboard/orders/{order.order_id}/invoice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "6211" in text and "₹60.00" in text and "₹1,120.00" in text  # CGST = SGST = 60
    assert "INV/" in response["Content-Disposition"].replace("-", "/")

    intruder, _t = make_owner()
    sign_in(client, intruder)
    assert client.get(f"/dashboard/orders/{order.order_id}/invoice.pdf").status_code == 404


def test_customer_downloads_invoice_only_for_their_own_order(client, gst_shop):
    soap = taxed_product(gst_shop, "Rose Soap", "59.00", "18", "3401")
    base = f"/s/{gst_shop.slug}/"
    client.post(base + "cart/add/", {"product_id": soap.product_id, "quantity": "2"})
    token = client.get(base + "checkout/").context["form"]["token"].value()
    done = client.post(
        base + "checkout/",
        {
            "customer_name": "Farah",
            "customer_phone": "9822012345",
            "delivery_address": "7 Lake Road, Kolkata",
            "pincode": "700029",
            "payment_method": "COD",
            "token": token,
        },
    )
    order_id = done["Location"].rstrip("/").rsplit("/", 1)[-1]
    track = client.get(base + f"track/{order_id}/").content.decode()
    assert f"track/{order_id}/invoice.pdf" in track
    pdf = client.get(base + f"track/{order_id}/invoice.pdf")
    assert pdf.status_code == 200
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "IGST" in text and "West Bengal (19)" in text  # Kolkata PIN, Karnataka store
    from django.test import Client

    assert Client().get(base + f"track/{order_id}/invoice.pdf").status_code == 404


def test_hindi_names_on_the_invoice_are_shaped_and_extract_back(gst_shop):
    dal = taxed_product(gst_shop, "अरहर दाल — क्षत्रिय ब्रांड", "180.00", "5", "0713")
    order = Order.get(buy(gst_shop, [(dal, 1)]).order_id)
    order.customer_name = "श्रीमती लक्ष्मी"
    data = invoice_pdf.render(order, "शर्मा किराना स्टोर")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "अरहर दाल — क्षत्रिय ब्रांड" in text and "श्रीमती लक्ष्मी" in text and "शर्मा किराना स्टोर" in text
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)  # no unmapped glyph codes
    assert b"NotoSansDevanagari" in data and b"NotoSansTamil" not in data  # only the scripts it prints


def test_cart_shows_the_gst_on_the_delivery_fee_that_the_order_charges(client, dynamodb):
    _, tenant = make_owner()
    gst.set_registration(tenant.tenant_id, GSTIN, "29")
    from webdpro.demo import demo_config
    from webdpro.stores.schema import validate_config

    config = demo_config("Exclusive Mart")
    config["delivery"] = {**config["delivery"], "pickup": True, "fee": "30.00", "free_above": "0"}
    shop = make_store(tenant, name="Exclusive Mart", config=validate_config(config))
    gst.set_prices_include_tax(shop, False)
    shop = type(shop).get(shop.tenant_id, shop.store_id)
    bag = taxed_product(shop, "Jute Bag", "100.00", "18", "4202")
    base = f"/s/{shop.slug}/"
    client.post(base + "cart/add/", {"product_id": bag.product_id, "quantity": "2"})
    page = client.get(base + "cart/").content.decode()
    # 200 × 18 % = 36.00 on the bags, 30 × 18 % = 5.40 on the fee: GST ₹41.40, total 200 + 30 + 41.40
    assert 'id="tax-amount">₹41.40<' in page and "₹271.40" in page
    # picked up at the shop: no fee and no GST on it — ₹36.00, total ₹236.00
    assert 'id="tax-pickup">₹36.00<' in page and 'id="total-pickup">₹236.00<' in page
    order = Order.get(buy(shop, [(bag, 2)], fulfilment="DELIVERY").order_id)
    assert order.tax_total == D("41.40") and order.total_amount == D("271.40")
