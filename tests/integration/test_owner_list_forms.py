"""The owner's report ranges, list filters, cursors, polls and store forms read through Django forms: a bad
value answers 4xx with the field named on the page (or in the HTMX partial, or the JSON) and writes nothing
to DynamoDB; a good value still works."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import make_agent, make_order, make_owner, make_store, refused, sign_in
from webdpro import clock
from webdpro.db import Order, Payment, Store
from webdpro.delivery import services as deliveries
from webdpro.ids import new_id
from webdpro.payments.gateway import get_gateway

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def sandbox(settings, dynamodb):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    settings.STORE_GENERATION_ASYNC = False
    assert get_gateway().is_sandbox


@pytest.fixture
def shop(client):
    owner, tenant = make_owner(plan="FREE")
    store = make_store(tenant, name="Main Bazaar")
    sign_in(client, owner)
    return {"client": client, "owner": owner, "tenant": tenant, "store": store}


def days_ago(n: int) -> str:
    return (clock.local_today() - timedelta(days=n)).isoformat()


# --- report date ranges ----------------------------------------------------------------------------

BAD_DATES = [
    ({"from": "2026-13-01"}, "Enter the start date as YYYY-MM-DD", "from"),
    ({"from": "01/12/2026"}, "Enter the start date as YYYY-MM-DD", "from"),
    ({"from": "2026-02-30"}, "Enter the start date as YYYY-MM-DD", "from"),
    ({"to": "nope"}, "Enter the end date as YYYY-MM-DD", "to"),
    ({"to": "9" * 5000}, "Enter the end date as YYYY-MM-DD", "to"),
    ({"from": "2026-01-10", "to": "2026-01-01"}, "The start date is after the end date.", "from"),
]


@pytest.mark.parametrize(("data", "names", "field"), BAD_DATES)
@pytest.mark.parametrize("page", ["owner:payments", "owner:settlements"])
@pytest.mark.parametrize("htmx", [False, True])
def test_report_pages_refuse_a_bad_date_naming_the_field(shop, page, data, names, field, htmx):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "report" if page == "owner:payments" else "ledger"}
    refused(shop["client"], "get", reverse(page), data, names=names, field=field, **(headers if htmx else {}))


@pytest.mark.parametrize(
    ("page", "data", "names"),
    [
        ("owner:payments", {"from": "2026-01-01", "to": "2026-04-03"}, "Choose at most 92 days at a time."),
        ("owner:settlements", {"from": "2024-12-01", "to": "2026-01-01"}, "Choose at most a year at a time."),
    ],
)
def test_report_pages_refuse_a_range_longer_than_they_allow(shop, page, data, names):
    refused(shop["client"], "get", reverse(page), data, names=names, field="from")


@pytest.mark.parametrize("csv", ["owner:payments_csv", "owner:settlements_csv"])
@pytest.mark.parametrize(("data", "names", "field"), BAD_DATES[::3])
def test_report_csvs_refuse_a_bad_range(shop, csv, data, names, field):
    refused(shop["client"], "get", reverse(csv), data, names=names)


def test_a_good_range_is_shown_and_carried_by_the_page_forms(shop):
    start, end = days_ago(20), days_ago(2)
    page = shop["client"].get(reverse("owner:payments"), {"from": start, "to": end})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'name="from" value="{start}"' in html and f'name="to" value="{end}"' in html
    assert f'name="range" value="from={start}&amp;to={end}"' in html
    ledger = shop["client"].get(reverse("owner:settlements"), {"from": start, "to": end}).content.decode()
    assert f'name="from" value="{start}"' in ledger and f'name="to" value="{end}"' in ledger
    csv = shop["client"].get(reverse("owner:payments_csv"), {"from": start, "to": end})
    assert csv.status_code == 200 and f"payments-{start}-to-{end}.csv" in csv["Content-Disposition"]


def test_without_a_range_the_page_forms_carry_none(shop):
    html = shop["client"].get(reverse("owner:payments")).content.decode()
    assert 'name="range" value=""' in html


def captured_payment(shop) -> Payment:
    """A payment captured against an order that is not PAID: the reconciliation page offers its refund."""
    order = make_order(shop["store"], [], status="PENDING_PAYMENT", payment_method="UPI")
    rzp = "order_" + new_id()[-14:]
    payment = Payment(
        shop["tenant"].tenant_id,
        rzp,
        kind="ORDER",
        order_id=order.order_id,
        store_id=shop["store"].store_id,
        amount=Decimal("5.00"),
        payment_method="UPI",
        status="CAPTURED",
        razorpay_order_id=rzp,
        razorpay_payment_id="pay_x",
        created_at=clock.now_iso(),
    )
    payment.save()
    order.update(actions=[Order.razorpay_order_id.set(rzp)])
    return payment


@pytest.mark.parametrize(
    ("carried", "names"),
    [
        ("from=2026-13-01", "Enter the start date as YYYY-MM-DD"),
        ("from=2026-01-10&to=2026-01-01", "The start date is after the end date."),
        ("from=" + "9" * 300, "The date range is too long"),
    ],
)
def test_refund_and_handover_refuse_a_bad_carried_range(shop, carried, names):
    payment = captured_payment(shop)
    url = reverse("owner:payment_refund", kwargs={"payment_id": payment.payment_id})
    refused(shop["client"], "post", url, {"range": carried}, names=names)
    assert Payment.get(payment.tenant_id, payment.payment_id).status == "CAPTURED"
    agent = make_agent(shop["tenant"])
    data = {"agent_id": agent.user_id, "amount": "10.00", "confirm": "1", "range": carried}
    refused(shop["client"], "post", reverse("owner:payment_handover"), data, names=names, **HX)


def test_a_handover_comes_back_to_the_range_it_was_recorded_from(shop):
    agent = make_agent(shop["tenant"])
    start, end = days_ago(10), days_ago(1)
    data = {"agent_id": agent.user_id, "amount": "10.00", "confirm": "1", "range": f"to={end}&from={start}"}
    response = shop["client"].post(reverse("owner:payment_handover"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("owner:payments") + f"?from={start}&to={end}"


def test_the_refund_of_another_business_is_not_found_before_its_form_is_read(shop, client):
    payment = captured_payment(shop)
    stranger, _ = make_owner()
    sign_in(client, stranger)
    url = reverse("owner:payment_refund", kwargs={"payment_id": payment.payment_id})
    assert client.post(url, {"range": "from=nope"}).status_code == 404


# --- the "Get paid" page's edit switch ---------------------------------------------------------------


def test_get_paid_edit_switch_other_values_show_the_page_as_it_is(shop):
    from webdpro.db import Tenant
    from webdpro.db.tenants import PayoutStatus

    Tenant(shop["tenant"].tenant_id).update(actions=[Tenant.payout_status.set(PayoutStatus.ACTIVATED)])
    url = reverse("owner:get_paid")
    assert 'name="account_number"' in shop["client"].get(url, {"edit": "1"}).content.decode()
    for other in ("0", "yes", "1" * 500):
        response = shop["client"].get(url, {"edit": other})
        assert response.status_code == 200 and 'name="account_number"' not in response.content.decode()


# --- the deliveries board ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "names", "field"),
    [
        ({"days": "5"}, "Choose the period from the list.", "days"),
        ({"days": "seven"}, "Choose the period from the list.", "days"),
        ({"days": "9" * 5000}, "Choose the period from the list.", "days"),
        ({"status": "LOST"}, "Choose the delivery status from the list.", "status"),
        ({"status": "pending"}, "Choose the delivery status from the list.", "status"),
        ({"agent": "not-an-agent"}, "Choose the agent from the list.", "agent"),
        ({"agent": "01J00000000000000000000000"}, "Choose the agent from the list.", "agent"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_deliveries_board_refuses_a_bad_filter_naming_it(shop, data, names, field, htmx):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "delivery-board"} if htmx else {}
    response = refused(shop["client"], "get", reverse("owner:deliveries"), data, names=names, field=field, **headers)
    assert f'hx-get="{reverse("owner:deliveries")}"' in response.content.decode()  # reloads with the defaults


def test_deliveries_board_refuses_another_business_agent(shop):
    stranger = make_agent(make_owner()[1])
    refused(
        shop["client"],
        "get",
        reverse("owner:deliveries"),
        {"agent": stranger.user_id},
        names="Choose the agent from the list.",
    )


def test_deliveries_board_good_filters_select_and_reload_with_them(shop):
    agent = make_agent(shop["tenant"], name="Ravi")
    deliveries.assign(make_order(shop["store"]), agent, "owner")
    data = {"days": "30", "status": "ACTIVE", "agent": agent.user_id}
    response = shop["client"].get(reverse("owner:deliveries"), data)
    html = response.content.decode()
    assert response.status_code == 200 and html.count('data-testid="delivery-row"') == 1
    assert '<option value="30" selected>' in html and '<option value="ACTIVE" selected>' in html
    assert f'hx-get="{reverse("owner:deliveries")}?days=30&amp;status=ACTIVE&amp;agent={agent.user_id}"' in html


# --- customers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"cursor": "forged"}, "That page link is not valid any more."),
        ({"cursor": "x" * 2001}, "That page link is not valid any more."),
        ({"q": "Priya", "cursor": "a\x00b"}, "That page link is not valid any more."),
        ({"q": "Pri\x00ya"}, "Search by a mobile number or a name."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_customer_list_refuses_a_bad_cursor_or_search(shop, data, names, htmx):
    url = reverse("owner:customers", kwargs={"store_id": shop["store"].store_id})
    field = "q" if "q" in data and "\x00" in data["q"] else "cursor"
    refused(shop["client"], "get", url, data, names=names, field=field, **(HX if htmx else {}))


def test_customer_search_keeps_60_characters_with_spaces_collapsed(shop):
    url = reverse("owner:customers", kwargs={"store_id": shop["store"].store_id})
    response = shop["client"].get(url, {"q": "  Priya   " + "x" * 100})
    assert response.status_code == 200
    assert f'value="Priya {"x" * 54}"' in response.content.decode()


# --- the order desk: cursor and the new-order polls ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "names"),
    [({"from": "2026-13-01"}, "Enter the start date as YYYY-MM-DD"), ({"to": "1/1/26"}, "Enter the end date as")],
)
def test_desk_dates_name_the_field(shop, data, names):
    refused(shop["client"], "get", reverse("owner:orders"), data, names=names)


def test_desk_refuses_an_overlong_cursor(shop):
    refused(shop["client"], "get", reverse("owner:orders"), {"cursor": "x" * 2001}, names="That page link is not valid")


@pytest.mark.parametrize("since", [None, "", "yesterday", "2026-13-01T00:00:00Z", "a\x00b", "9" * 5000])
def test_polls_refuse_a_bad_since_naming_it(shop, since):
    data = {} if since is None else {"since": since}
    names = "Give the time of the newest order seen"
    refused(shop["client"], "get", reverse("owner:orders_new"), data, names=names, **HX)
    response = refused(shop["client"], "get", reverse("owner:order_alerts"), data, names=names)
    assert response.json()["field"] == "since"


def test_the_desk_poll_still_refuses_a_bad_filter(shop):
    data = {"since": clock.now_iso(), "status": "NOPE"}
    refused(
        shop["client"], "get", reverse("owner:orders_new"), data, names="Choose the order status from the list.", **HX
    )


# --- stores -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "names"),
    [
        ("", "Tell us about your business in one sentence"),
        ("  a  ", "Tell us about your business in one sentence"),
        ("x" * 501, "at most 500 characters"),
        ("A kirana\x00 store", "Write the sentence about your business in plain words."),
    ],
)
def test_new_store_refuses_a_bad_sentence_and_shows_it_again(shop, prompt, names):
    Store(shop["tenant"].tenant_id, shop["store"].store_id).delete()  # room on the Free plan
    response = refused(shop["client"], "post", reverse("owner:store_new"), {"prompt": prompt}, names=names)
    if "\x00" not in prompt:
        assert f">{prompt}</textarea>" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "names", "field"),
    [
        ({"language": "hi", "mode": "everything"}, "Choose the rewrite option from the list.", "mode"),
        ({"language": "h" * 11, "mode": "keep"}, "The store language is too long", None),
        ({"language": "xx", "mode": "keep"}, "languages in the list", None),
    ],
)
def test_regenerate_refuses_a_bad_field_and_keeps_the_text(shop, data, names, field):
    store = shop["store"]
    url = reverse("owner:store_regenerate", kwargs={"store_id": store.store_id})
    response = refused(shop["client"], "post", url, data, names=names, **HX)
    if field:
        assert f'data-field="{field}"' in response.content.decode()
    assert Store.get(store.tenant_id, store.store_id).updated_at == store.updated_at


def test_domain_card_changes_only_the_fields_it_posts(shop):
    store = make_store(shop["tenant"], status="DRAFT", slug="old-address")
    url = reverse("owner:store_domain", kwargs={"store_id": store.store_id})
    response = shop["client"].post(url, {"custom_domain": "shop.bazaar.in"}, **HX)
    assert response.status_code == 200, response.content.decode()[:400]
    fresh = Store.get(store.tenant_id, store.store_id)
    assert (fresh.slug, fresh.custom_domain) == ("old-address", "shop.bazaar.in")
    response = shop["client"].post(url, {"slug": "new-address"}, **HX)
    assert response.status_code == 200, response.content.decode()[:400]
    fresh = Store.get(store.tenant_id, store.store_id)
    assert (fresh.slug, fresh.custom_domain) == ("new-address", "shop.bazaar.in")
    refused_slug = shop["client"].post(url, {"slug": "Not An Address!"}, **HX)
    assert refused_slug.status_code == 400
    assert 'value="Not An Address!"' in refused_slug.content.decode()  # shown again as typed
    assert 'value="shop.bazaar.in"' in refused_slug.content.decode()  # not posted: the saved one
