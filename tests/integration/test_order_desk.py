"""The owner's order desk, order detail, actions over HTTP, CSV, polling and the packing slip."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.helpers import assert_max_calls, make_order, make_owner, make_product, make_store, sign_in
from webdpro import clock, sms
from webdpro.db import Order, Product
from webdpro.orders import export, selectors


@pytest.fixture
def desk(client):
    owner, tenant = make_owner(name="Meera", plan="PRO")
    main = make_store(tenant, name="Main Bazaar")
    branch = make_store(tenant, name="Branch Road")
    sign_in(client, owner)
    return {"client": client, "owner": owner, "tenant": tenant, "main": main, "branch": branch}


def api_calls(counter, op="Query", table="orders"):
    """The DynamoDB request payloads of ``op`` calls on ``table`` (botocore hands us the JSON body)."""
    import json

    payloads = [json.loads(p["body"]) for o, p in counter.calls if o == op and p.get("body")]
    return [p for p in payloads if p.get("TableName", "").endswith(table)]


def order_at(store, created, **kw):
    order = make_order(store, **kw)
    order.update(actions=[Order.created_at.set(clock.iso(created))])
    return Order.get(order.order_id)


def ids_in(response):
    return re.findall(r'id="order-row-([0-9A-Z]{26})"', response.content.decode())


def test_desk_lists_all_stores_newest_first_in_a_fixed_number_of_calls(desk):
    now = clock.now()
    made = [order_at(desk["main" if i % 2 else "branch"], now - timedelta(minutes=i)) for i in range(7)]
    url = reverse("owner:orders")
    with assert_max_calls(4) as counter:
        response = desk["client"].get(url)
    assert response.status_code == 200
    assert ids_in(response) == [o.order_id for o in made]
    assert counter["Query"] >= 1 and counter["Scan"] == 0
    queries = api_calls(counter)
    assert len(queries) == 1 and queries[0]["IndexName"] == "tenant-index" and queries[0]["Limit"]
    assert queries[0]["ScanIndexForward"] is False
    assert "Main Bazaar" in response.content.decode() and "Branch Road" in response.content.decode()


@pytest.mark.parametrize("size", [10, 50])
def test_same_number_of_calls_whatever_the_page_size(desk, size):
    for _ in range(12):
        make_order(desk["main"])
    with assert_max_calls(4) as counter:
        response = desk["client"].get(reverse("owner:orders"), {"size": size, "status": "CONFIRMED"})
    assert len(ids_in(response)) == min(size, 12)
    assert counter.total == 4


def test_one_store_uses_the_store_index(desk):
    mine = make_order(desk["main"])
    make_order(desk["branch"])
    with assert_max_calls(4) as counter:
        response = desk["client"].get(reverse("owner:orders"), {"store": desk["main"].store_id})
    assert ids_in(response) == [mine.order_id]
    assert [p["IndexName"] for p in api_calls(counter)] == ["store-index"]


def test_another_tenants_store_filter_is_404(desk):
    _, other = make_owner()
    store = make_store(other)
    assert desk["client"].get(reverse("owner:orders"), {"store": store.store_id}).status_code == 404


def test_filters_status_method_and_dates(desk):
    now = clock.now()
    old = order_at(desk["main"], now - timedelta(days=10), payment_method="UPI", status="PENDING_PAYMENT")
    prep = order_at(desk["main"], now - timedelta(days=1), status="PREPARING")
    upi = order_at(desk["main"], now - timedelta(hours=1), payment_method="UPI", status="CONFIRMED")
    cod = order_at(desk["branch"], now - timedelta(minutes=5))
    get = lambda **q: ids_in(desk["client"].get(reverse("owner:orders"), q))  # noqa: E731
    assert get(status="PREPARING") == [prep.order_id]
    assert get(method="UPI") == [upi.order_id, old.order_id]
    assert get(method="UPI", status="CONFIRMED") == [upi.order_id]

    day = clock.local_date(old.created_at).isoformat()
    assert get(**{"from": day, "to": day}) == [old.order_id]
    since = clock.local_date(prep.created_at).isoformat()
    assert set(get(**{"from": since})) >= {prep.order_id, upi.order_id, cod.order_id}
    assert old.order_id not in get(**{"from": since})


def test_bad_filters_get_a_message_not_a_500(desk):
    response = desk["client"].get(reverse("owner:orders"), {"from": "2026-13-40"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.content.decode()
    response = desk["client"].get(reverse("owner:orders"), {"from": "2026-05-02", "to": "2026-05-01"})
    assert response.status_code == 400 and "start date is after" in response.content.decode()
    response = desk["client"].get(reverse("owner:orders"), {"status": "NOPE"})
    assert response.status_code == 400
    response = desk["client"].get(reverse("owner:orders"), {"cursor": "forged"})
    assert response.status_code == 400 and "not valid" in response.content.decode()


def test_pagination_with_signed_cursor_visits_every_order_once(desk):
    now = clock.now()
    made = [order_at(desk["main"], now - timedelta(minutes=i)) for i in range(23)]
    seen, url, pages = [], reverse("owner:orders") + "?size=10", 0
    while url:
        with assert_max_calls(4):
            response = desk["client"].get(url)
        seen += ids_in(response)
        pages += 1
        match = re.search(r'href="([^"]*cursor=[^"]+)"', response.content.decode())
        url = match.group(1).replace("&amp;", "&") if match else None
    assert seen == [o.order_id for o in made] and pages == 3


def test_cursor_from_another_scope_is_refused(desk):
    for _ in range(3):
        make_order(desk["main"])
    response = desk["client"].get(reverse("owner:orders"), {"size": 10, "store": desk["main"].store_id})
    first = desk["client"].get(reverse("owner:orders") + f"?size=10&store={desk['main'].store_id}")
    assert first.status_code == 200
    from webdpro.orders.selectors import make_cursor

    cursor = make_cursor("store_id:" + desk["main"].store_id, {"order_id": {"S": "X"}})
    response = desk["client"].get(reverse("owner:orders"), {"cursor": cursor})  # used on the all-stores list
    assert response.status_code == 400


def test_search_by_order_id_short_id_and_phone(desk):
    phone = "+919812345678"
    a = make_order(desk["main"], customer_phone=phone)
    b = make_order(desk["branch"], customer_phone=phone)
    c = make_order(desk["main"])
    _, other_tenant = make_owner()
    theirs = make_order(make_store(other_tenant), customer_phone=phone)
    get = lambda q, **kw: desk["client"].get(reverse("owner:orders"), {"q": q, **kw})  # noqa: E731
    with assert_max_calls(4) as counter:
        response = get(c.order_id)
    assert ids_in(response) == [c.order_id] and counter["GetItem"] >= 1 and counter["Query"] <= 1
    assert ids_in(get(theirs.order_id)) == []  # another tenant's order id finds nothing
    assert ids_in(get(c.order_id[-8:].lower())) == [c.order_id]
    with assert_max_calls(4) as counter:
        response = get("98123 45678")
    assert ids_in(response) == [b.order_id, a.order_id]
    assert [p["IndexName"] for p in api_calls(counter)] == ["customer-index"]
    assert ids_in(get("+91 98123-45678", store=desk["main"].store_id)) == [a.order_id]
    assert get("12345678901").status_code == 400
    assert get("hello there").status_code == 400


def test_a_phone_search_reads_a_page_whatever_the_customers_history(desk):
    phone = "+919812345600"
    now = clock.now()
    made = [order_at(desk["main"], now - timedelta(minutes=i), customer_phone=phone) for i in range(14)]
    _, other_tenant = make_owner()
    elsewhere = make_store(other_tenant)
    for i in range(6):  # the same customer at another business, in between
        order_at(elsewhere, now - timedelta(minutes=i, seconds=30), customer_phone=phone)
    get = lambda **kw: desk["client"].get(reverse("owner:orders"), {"q": phone, "size": 10, **kw})  # noqa: E731
    with assert_max_calls(3 + selectors.MAX_CALLS) as counter:
        response = get()
    assert ids_in(response) == [o.order_id for o in made[:10]]
    queries = api_calls(counter)
    assert {q["Limit"] for q in queries} == {11}  # a page and one more, never the whole history
    url = re.search(r'href="([^"]*cursor=[^"]+)"', response.content.decode()).group(1).replace("&amp;", "&")
    assert ids_in(desk["client"].get(url)) == [o.order_id for o in made[10:]]
    with assert_max_calls(3 + selectors.MAX_CALLS) as counter:
        response = get(status="CONFIRMED")  # a filter that may skip most of them reads more per call
    assert {q["Limit"] for q in api_calls(counter)} == {selectors.FILTERED_READ}


def test_htmx_action_swaps_the_row_and_records_the_owner(desk):
    order = make_order(desk["main"], [make_product(desk["main"])], status="CONFIRMED")
    url = reverse("owner:order_action", kwargs={"order_id": order.order_id})
    response = desk["client"].post(url, {"action": "prepare"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith(f'<tr id="order-row-{order.order_id}"')
    assert 'data-status="PREPARING"' in body
    stored = Order.get(order.order_id)
    assert stored.status == "PREPARING" and stored.history[-1].by == desk["owner"].user_id
    # the same click again (a stale second tab) is refused in place, not repeated
    response = desk["client"].post(url, {"action": "prepare"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and "cannot become preparing" in response.content.decode()
    assert len(Order.get(order.order_id).history) == 2


def test_cancel_from_desk_with_prompt_reason_returns_stock(desk):
    product = make_product(desk["main"], stock=2)
    order = make_order(desk["main"], [product], status="OUT_FOR_DELIVERY", quantity=3)
    url = reverse("owner:order_action", kwargs={"order_id": order.order_id})
    response = desk["client"].post(url, {"action": "cancel"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and "reason" in response.content.decode()
    response = desk["client"].post(url, {"action": "cancel"}, HTTP_HX_REQUEST="true", HTTP_HX_PROMPT="Customer refused")
    assert response.status_code == 200
    assert Order.get(order.order_id).cancel_reason == "Customer refused"
    assert Product.get(desk["main"].store_id, product.product_id).stock_quantity == 5


def test_action_without_htmx_redirects_with_a_message(desk):
    order = make_order(desk["main"], status="CONFIRMED")
    url = reverse("owner:order_action", kwargs={"order_id": order.order_id})
    response = desk["client"].post(url, {"action": "dispatch", "from": "detail"})
    assert response.status_code == 302 and response["Location"].endswith(f"/dashboard/orders/{order.order_id}/")
    assert Order.get(order.order_id).status == "OUT_FOR_DELIVERY"
    assert sms.outbox and "out for delivery" in sms.outbox[-1]["body"]


def test_detail_panel_action(desk):
    order = make_order(desk["main"], status="CONFIRMED")
    url = reverse("owner:order_action", kwargs={"order_id": order.order_id})
    response = desk["client"].post(url, {"action": "prepare", "from": "detail"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="status-panel"') and "Meera" in body  # who, by name


def test_bulk_action_reports_each_order(desk):
    ok1 = make_order(desk["main"], status="CONFIRMED")
    ok2 = make_order(desk["branch"], status="CONFIRMED")
    done = make_order(desk["main"], status="DELIVERED")
    _, other = make_owner()
    theirs = make_order(make_store(other), status="CONFIRMED")
    ids = [ok1.order_id, ok2.order_id, done.order_id, theirs.order_id]
    with assert_max_calls(3 + 1 + 2 * 3):
        response = desk["client"].post(
            reverse("owner:orders_bulk"), {"action": "prepare", "order_ids": ids}, HTTP_HX_REQUEST="true"
        )
    body = response.content.decode()
    assert response.status_code == 200 and "2 updated, 2 not changed" in body
    assert f"#{done.order_id[-8:]} — An order that is delivered cannot become preparing." in body
    assert f"#{theirs.order_id[-8:]} — Order not found." in body
    assert body.count('hx-swap-oob="true"') == 2
    assert Order.get(ok1.order_id).status == Order.get(ok2.order_id).status == "PREPARING"
    assert Order.get(theirs.order_id).status == "CONFIRMED"
    response = desk["client"].post(reverse("owner:orders_bulk"), {"action": "prepare"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "Select at least one order" in response.content.decode()


def test_csv_export_streams_the_filtered_list(desk):
    upi = make_order(desk["main"], [make_product(desk["main"])], payment_method="UPI")
    upi.update(actions=[Order.customer_name.set('=HYPERLINK("http://x")')])
    make_order(desk["main"], payment_method="COD")
    response = desk["client"].get(reverse("owner:orders_export"), {"method": "UPI"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["order_id"] for r in rows] == [upi.order_id]
    assert rows[0]["total_amount"] == f"{upi.total_amount:.2f}" and rows[0]["store"] == "Main Bazaar"
    assert rows[0]["customer_name"].startswith("'=")  # no spreadsheet formula injection


def test_polling_returns_only_newer_orders_in_one_query(desk):
    first = make_order(desk["main"])
    response = desk["client"].get(reverse("owner:orders"))
    assert 'hx-trigger="every 15s"' in response.content.decode()
    newer = make_order(desk["branch"])
    with assert_max_calls(4) as counter:
        response = desk["client"].get(reverse("owner:orders_new"), {"since": first.created_at}, HTTP_HX_REQUEST="true")
    assert ids_in(response) == [newer.order_id] and "row-new" in response.content.decode()
    assert response["HX-Trigger"] == '{"orders:new": 1}'
    assert counter["Query"] <= 2
    response = desk["client"].get(reverse("owner:orders_new"), {"since": newer.created_at}, HTTP_HX_REQUEST="true")
    assert ids_in(response) == [] and "HX-Trigger" not in response
    assert desk["client"].get(reverse("owner:orders_new"), {"since": "garbage"}).status_code == 400


def test_detail_shows_items_customer_payment_delivery_and_timeline(desk):
    product = make_product(desk["main"], name="Basmati Rice 5kg", price="1234.50")
    order = make_order(desk["main"], [product], status="CONFIRMED", customer_phone="+919876543210", quantity=2)
    from webdpro.orders import actions

    actions.prepare_order(order, by=desk["owner"].user_id)
    with assert_max_calls(6):
        response = desk["client"].get(reverse("owner:order_detail", kwargs={"order_id": order.order_id}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Basmati Rice 5kg" in body and "₹2,469.00" in body and 'href="tel:+919876543210"' in body
    assert "Confirmed" in body and "Preparing" in body and "by Meera" in body
    assert "Cash on delivery".lower() in body.lower() and "Not assigned yet" in body
    assert (
        reverse("owner:order_delivery", kwargs={"order_id": order.order_id}) in body
    )  # the delivery card loads itself


def test_packing_slip_is_printable(desk):
    order = make_order(desk["main"], [make_product(desk["main"], name="Toor Dal")], quantity=3)
    response = desk["client"].get(reverse("owner:order_slip", kwargs={"order_id": order.order_id}))
    body = response.content.decode()
    assert response.status_code == 200 and "Toor Dal" in body and f"#{order.order_id[-8:]}" in body
    assert "Collect ₹" in body and "data-print" in body and 'class="slip"' in body


def test_other_tenants_order_is_404_everywhere(desk):
    _, other = make_owner()
    theirs = make_order(make_store(other))
    for name in ("owner:order_detail", "owner:order_slip"):
        assert desk["client"].get(reverse(name, kwargs={"order_id": theirs.order_id})).status_code == 404
    url = reverse("owner:order_action", kwargs={"order_id": theirs.order_id})
    assert desk["client"].post(url, {"action": "cancel"}).status_code == 404
    assert Order.get(theirs.order_id).status == "CONFIRMED"


def test_action_redirect_stays_on_site(desk):
    order = make_order(desk["main"], status="CONFIRMED")
    url = reverse("owner:order_action", kwargs={"order_id": order.order_id})
    response = desk["client"].post(url, {"action": "prepare", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"].startswith("/dashboard/orders/")
    response = desk["client"].post(url, {"action": "dispatch", "next": "/dashboard/orders/?status=PREPARING"})
    assert response["Location"] == "/dashboard/orders/?status=PREPARING"


def test_date_range_is_a_key_condition_and_status_a_filter(desk):
    make_order(desk["main"], status="PREPARING")

    with assert_max_calls(4) as counter:
        desk["client"].get(
            reverse("owner:orders"),
            {
                "from": clock.local_today().isoformat(),
                "to": clock.local_today().isoformat(),
                "status": "PREPARING",
                "method": "COD",
            },
        )
    (query,) = api_calls(counter)
    names = query["ExpressionAttributeNames"]
    key_attrs = {names[n] for n in re.findall(r"#\d+", query["KeyConditionExpression"])}
    filter_attrs = {names[n] for n in re.findall(r"#\d+", query["FilterExpression"])}
    assert key_attrs == {"tenant_id", "created_at"} and "BETWEEN" in query["KeyConditionExpression"]
    assert filter_attrs == {"status", "payment_method"}


def test_a_rare_status_costs_a_bounded_number_of_pages(desk, monkeypatch):
    from webdpro.orders import selectors

    monkeypatch.setattr(selectors, "FILTERED_READ", 5)
    for _ in range(30):
        make_order(desk["main"], status="CONFIRMED")
    with assert_max_calls(3 + selectors.MAX_CALLS) as counter:
        response = desk["client"].get(reverse("owner:orders"), {"status": "DELIVERED", "size": 10})
    assert ids_in(response) == [] and len(api_calls(counter)) == selectors.MAX_CALLS
    body = response.content.decode()
    assert "Keep looking in older orders" in body
    url = re.search(r'href="([^"]*cursor=[^"]+)"', body).group(1).replace("&amp;", "&")
    later = desk["client"].get(url)  # continues where the budget ran out, never repeats
    assert later.status_code == 200 and ids_in(later) == []


def test_polling_a_list_that_ended_in_the_past_finds_nothing(desk):
    make_order(desk["main"])
    response = desk["client"].get(
        reverse("owner:orders_new"), {"since": clock.now_iso(), "to": "2026-01-01"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and ids_in(response) == []


def test_desk_reads_only_the_attributes_its_rows_show(desk):
    made = make_order(desk["main"])
    with assert_max_calls(4) as counter:
        response = desk["client"].get(reverse("owner:orders"))
    assert made.order_id in ids_in(response)
    (query,) = api_calls(counter)
    projected = {query["ExpressionAttributeNames"][n] for n in re.findall(r"#\d+", query["ProjectionExpression"])}
    assert set(selectors.DESK_ATTRIBUTES) == projected
    assert "history" not in projected and "delivery_address" not in projected
    assert "1 unit" in response.content.decode() or "units" in response.content.decode()


def test_csv_export_reads_only_its_columns(desk):
    make_order(desk["main"])
    with assert_max_calls(6) as counter:
        response = desk["client"].get(reverse("owner:orders_export"))
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(body)))) == 2
    (query,) = api_calls(counter)
    projected = {query["ExpressionAttributeNames"][n] for n in re.findall(r"#\d+", query["ProjectionExpression"])}
    assert projected == set(export.ATTRIBUTES) and "history" not in projected


def test_order_page_and_slip_say_what_the_payment_and_status_mean(desk):
    rice = make_product(desk["main"], name="Rice")
    paid = make_order(desk["main"], [rice], payment_method="UPI")
    paid.update(actions=[Order.payment_status.set("PAID")])
    on_road = make_order(desk["main"], [rice], status="OUT_FOR_DELIVERY")

    def page(name, order):
        return desk["client"].get(reverse(name, kwargs={"order_id": order.order_id})).content.decode()

    paid_page = page("owner:order_detail", paid)
    assert "The customer's payment is refunded." in paid_page and "is out for delivery)" not in paid_page
    assert "collect nothing" in page("owner:order_slip", paid) and "Collect ₹" not in page("owner:order_slip", paid)
    road_page = page("owner:order_detail", on_road)
    assert "Reason (required: the order is out for delivery)" in road_page and "payment is refunded" not in road_page
    assert 'maxlength="300" required' in road_page


def test_payment_flags_of_the_order_page():
    from types import SimpleNamespace

    from dashboard.views.owner.orders import _payment_flags

    def flags(**fields):
        order = SimpleNamespace(**{"status": "CONFIRMED", "payment_status": "COD_PENDING", "tax_kind": None, **fields})
        return {name for name, yes in _payment_flags(order).items() if yes}

    assert flags(payment_method="COD") == {"collect_cash"}
    assert flags(payment_method="COD", payment_status="PAID") == {"paid_online"}
    assert flags(payment_method="UPI", status="OUT_FOR_DELIVERY", tax_kind="INTRA") == {
        "out_for_delivery",
        "intra_state_tax",
    }
    assert flags(payment_method="UPI", tax_kind="INTER") == set()


def test_the_desk_tools_follow_the_filters_the_store_names_and_the_language(desk):
    """The heading, filters and bulk form are kept once printed: per language, filters and stores."""
    from django.utils import translation

    from webdpro.db import Store

    client, url = desk["client"], reverse("owner:orders")
    page = client.get(url).content.decode()
    assert 'value="PREPARING" selected' not in page and "Main Bazaar" in page
    assert 'value="PREPARING" selected' in client.get(url, {"status": "PREPARING"}).content.decode()
    assert 'value="PREPARING" selected' not in client.get(url).content.decode()
    for q in ("+919876500001", "+919876500002"):  # the search text is printed outside the kept fragments
        page = client.get(url, {"q": q, "size": 50}).content.decode()
        assert f'name="q" value="{q}"' in page and '<option value="50" selected>' in page
        assert '<details class="filters-panel" open' in page
    desk["main"].update(actions=[Store.name.set("Main Bazaar & Sons")])
    page = client.get(url).content.decode()
    assert f'<option value="{desk["main"].store_id}" >Main Bazaar &amp; Sons</option>' in page
    client.post(reverse("owner:language"), {"language": "hi"})
    with translation.override("hi"):
        words = translation.gettext("Filters and search"), translation.gettext("Change selected orders")
    page = client.get(url).content.decode()
    assert all(w in page for w in words) and words[0] != "Filters and search"


def test_the_bulk_form_posts_its_csrf_token_without_htmx(desk):
    from django.test import Client

    strict = sign_in(Client(enforce_csrf_checks=True), desk["owner"])
    order = make_order(desk["main"], status="CONFIRMED")
    page = strict.get(reverse("owner:orders")).content.decode()
    token = re.search(r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)" form="bulk-form">', page)
    assert token and 'id="bulk-form"' in page
    refused = strict.post(reverse("owner:orders_bulk"), {"action": "prepare", "order_ids": [order.order_id]})
    assert refused.status_code == 403
    response = strict.post(
        reverse("owner:orders_bulk"),
        {"action": "prepare", "order_ids": [order.order_id], "csrfmiddlewaretoken": token.group(1)},
    )
    assert response.status_code == 302 and Order.get(order.order_id).status == "PREPARING"


def test_the_desk_reads_the_stores_as_the_navigation_shows_them(desk):
    """The desk needs a store's id and name (and the nav its status): the stores Query is projected."""
    from webdpro.stores.selectors import NAV_ATTRIBUTES

    order = make_order(desk["main"], status="CONFIRMED")
    requests = [
        lambda c: c.get(reverse("owner:orders"), {"store": desk["main"].store_id}),
        lambda c: c.get(reverse("owner:orders_new"), {"since": "2026-01-01T00:00:00Z"}, HTTP_HX_REQUEST="true"),
        lambda c: c.post(
            reverse("owner:order_action", kwargs={"order_id": order.order_id}),
            {"action": "prepare"},
            HTTP_HX_REQUEST="true",
        ),
        lambda c: c.post(
            reverse("owner:orders_bulk"), {"action": "dispatch", "order_ids": [order.order_id]}, HTTP_HX_REQUEST="true"
        ),
    ]
    for send in requests:
        with assert_max_calls(8) as counter:
            body = send(desk["client"]).content.decode()
        (query,) = api_calls(counter, table="stores")
        names = query["ExpressionAttributeNames"]
        assert {names[n] for n in query["ProjectionExpression"].replace(" ", "").split(",")} == set(NAV_ATTRIBUTES)
        assert order.order_id in body and "Main Bazaar" in body


def test_order_page_lists_the_orders_payments_of_its_tenant_only(desk):
    """The page reads the order (one GetItem) and its payments (one Query on order-index, filtered to the
    tenant) into rows: every payment of the order shows, oldest first; a row of another tenant carrying
    the same order id does not."""
    from decimal import Decimal

    from webdpro.db import Payment

    rice = make_product(desk["main"], name="Rice")
    order = make_order(desk["main"], [rice], payment_method="UPI")
    tenant_id = desk["tenant"].tenant_id
    rows = [
        (
            tenant_id,
            "pay_A",
            "2026-03-10T05:00:00.000000Z",
            {"kind": "ORDER", "payment_method": "UPI", "status": "FAILED"},
        ),
        (tenant_id, "pay_B", "2026-03-10T06:00:00.000000Z", {"payment_method": "CARD", "status": "CAPTURED"}),
        ("01JOTHERTENANT000000000000", "pay_C", "2026-03-10T07:00:00.000000Z", {"status": "REFUNDED"}),
    ]
    for tenant, payment_id, at, fields in rows:
        Payment(tenant, payment_id, order_id=order.order_id, amount=Decimal("321.50"), created_at=at, **fields).save()
    url = reverse("owner:order_detail", kwargs={"order_id": order.order_id})
    desk["client"].get(url)  # the session's first page reads the signed-in user and tenant apart
    with assert_max_calls(4):
        page = desk["client"].get(url).content.decode()
    listed = page[page.index('<ul class="plain small">') :].split("</ul>")[0]
    assert listed.count("<li>") == 2 and "₹321.50" in listed
    assert listed.index("Failed") < listed.index("Received") and "Refunded" not in listed
