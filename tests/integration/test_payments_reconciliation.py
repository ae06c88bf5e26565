"""COD and online reconciliation for owners, cash handovers and the CSV export."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import assert_max_calls, make_agent, make_order, make_owner, make_product, make_store, sign_in
from webdpro import clock
from webdpro.db import Order, Payment
from webdpro.delivery.agents.selectors import cash_of_agent
from webdpro.ids import new_id, ulid_bounds
from webdpro.payments.reconciliation import export as reconciliation_export
from webdpro.payments.reconciliation import selectors as reconciliation
from webdpro.payments.reconciliation import services as handovers


def cod_row(tenant, store, order, agent, collected, due, method="COD"):
    now = clock.now_iso()
    row = Payment(
        tenant.tenant_id,
        new_id(),
        kind="COD",
        order_id=order.order_id,
        store_id=store.store_id,
        amount=Decimal(collected),
        amount_due=Decimal(due),
        payment_method=method,
        status="CAPTURED",
        collected_by=agent.user_id if method == "COD" else None,
        created_at=now,
    )
    row.save()
    return row


@pytest.fixture
def world():
    owner, tenant = make_owner()
    store = make_store(tenant)
    product = make_product(store, price="470.00")
    ravi, sita = make_agent(tenant, name="Ravi"), make_agent(tenant, name="Sita")
    o1 = make_order(store, [product], status="DELIVERED")
    o2 = make_order(store, [product], status="DELIVERED")
    o3 = make_order(store, [product], status="DELIVERED")
    o4 = make_order(store, [product], status="DELIVERED")
    cod_row(tenant, store, o1, ravi, "500.00", "500.00")
    cod_row(tenant, store, o2, ravi, "450.00", "500.00")  # short by 50
    cod_row(tenant, store, o3, sita, "520.00", "500.00")  # over by 20
    cod_row(tenant, store, o4, sita, "500.00", "500.00", method="UPI")  # UPI at the door: not cash held
    # Online: one paid properly, one captured but the order is not PAID, one PAID without a capture.
    paid = make_order(store, [product], status="CONFIRMED", payment_method="UPI")
    stray = make_order(store, [product], status="CANCELLED", payment_method="CARD")
    ghost = make_order(store, [product], status="CONFIRMED", payment_method="UPI")
    for order, status in ((paid, "CAPTURED"), (stray, "CAPTURED")):
        rzp = "order_" + new_id()[-14:]
        Payment(
            tenant.tenant_id,
            rzp,
            kind="ORDER",
            order_id=order.order_id,
            store_id=store.store_id,
            amount=order.total_amount,
            payment_method=order.payment_method,
            status=status,
            razorpay_order_id=rzp,
            razorpay_payment_id="pay_" + new_id()[-14:],
            created_at=clock.now_iso(),
        ).save()
        order.update(actions=[Order.razorpay_order_id.set(rzp)])
    paid.update(actions=[Order.payment_status.set("PAID")])
    ghost.update(actions=[Order.payment_status.set("PAID")])
    return {
        "owner": owner,
        "tenant": tenant,
        "store": store,
        "ravi": ravi,
        "sita": sita,
        "paid": paid,
        "stray": stray,
        "ghost": ghost,
        "o2": o2,
        "o3": o3,
    }


def test_report_per_day_and_agent_with_mismatches(world):
    tenant = world["tenant"]
    start, end = reconciliation.parse_range(None, None)
    report = reconciliation.build_report(tenant.tenant_id, start, end)
    by_agent = {c.agent_name: c for c in report.agent_days}
    assert by_agent["Ravi"].due == Decimal("1000.00") and by_agent["Ravi"].collected == Decimal("950.00")
    assert by_agent["Sita"].due == Decimal("500.00") and by_agent["Sita"].collected == Decimal("520.00")
    assert report.door_upi["count"] == 1 and report.door_upi["collected"] == Decimal("500.00")
    kinds = {(m.kind, m.order_id) for m in report.mismatches}
    assert ("COD_SHORT", world["o2"].order_id) in kinds and ("COD_OVER", world["o3"].order_id) in kinds
    assert ("REFUND_DUE", world["stray"].order_id) in kinds  # cancelled, captured, not refunded
    assert ("PAID_NOT_CAPTURED", world["ghost"].order_id) in kinds
    assert not any(m.order_id == world["paid"].order_id for m in report.mismatches)
    assert report.online_captured == world["paid"].total_amount + world["stray"].total_amount
    held = {a["name"]: a["held"] for a in report.agents}
    assert held == {"Ravi": Decimal("950.00"), "Sita": Decimal("520.00")}


def test_online_rows_read_only_online_orders_and_what_the_report_shows(world):
    """The online section asks DynamoDB for UPI and card orders only (a filter, not a Python loop over every
    order) and reads them as rows of what the report shows: not the lines or the timeline."""
    start, end = reconciliation.parse_range(None, None)
    online = reconciliation.build_report(world["tenant"].tenant_id, start, end).online
    orders = [row["order"] for row in online]
    assert orders and {o.payment_method for o in orders} <= {"UPI", "CARD"}
    assert all(o.projected and not hasattr(o, "items") and not hasattr(o, "history") for o in orders)
    paid = next(o for o in orders if o.order_id == world["paid"].order_id)
    assert (paid.total_amount, paid.payment_status) == (world["paid"].total_amount, "PAID")


def test_ulid_bounds_select_the_days(world):
    tenant = world["tenant"]
    today = clock.local_today()
    old = Payment(
        tenant.tenant_id,
        "01" + "0" * 24,
        kind="COD",
        amount=Decimal("1"),
        amount_due=Decimal("1"),
        payment_method="COD",
        status="CAPTURED",
        collected_by=world["ravi"].user_id,
        created_at="2020-01-01T00:00:00.000000Z",
    )
    old.save()
    rows = reconciliation.payments_in_range(tenant.tenant_id, today - timedelta(days=1), today + timedelta(days=1))
    assert len(rows) == 4 and all(r.kind == "COD" for r in rows)
    lo, hi = ulid_bounds(*clock.day_bounds(today))
    assert lo < new_id() < hi


def _captured_against_an_unpaid_order(tenant, store, note=None):
    """A UPI order still awaiting payment, with ₹5.00 captured against it."""
    order = make_order(store, [], status="PENDING_PAYMENT", payment_method="UPI")
    rzp = "order_" + new_id()[-14:]
    Payment(
        tenant.tenant_id,
        rzp,
        kind="ORDER",
        order_id=order.order_id,
        store_id=store.store_id,
        amount=Decimal("5.00"),
        payment_method="UPI",
        status="CAPTURED",
        razorpay_order_id=rzp,
        razorpay_payment_id="pay_x",
        created_at=clock.now_iso(),
        note=note,
    ).save()
    order.update(actions=[Order.razorpay_order_id.set(rzp)])
    return order


def test_captured_against_an_unpaid_open_order_is_flagged(world):
    tenant, store = world["tenant"], world["store"]
    order = _captured_against_an_unpaid_order(tenant, store, note="Captured ₹5.00 but ₹30.00 was due")
    start, end = reconciliation.parse_range(None, None)
    report = reconciliation.build_report(tenant.tenant_id, start, end)
    flagged = [m for m in report.mismatches if m.order_id == order.order_id]
    assert [m.kind for m in flagged] == ["CAPTURED_NOT_PAID"] and flagged[0].refundable


def test_captured_not_paid_names_the_order_status_by_its_label(world):
    tenant, store = world["tenant"], world["store"]
    order = _captured_against_an_unpaid_order(tenant, store)
    start, end = reconciliation.parse_range(None, None)
    for language, words in (
        ("en", "₹5.00 captured but the order is “Awaiting payment” and not marked paid — refund or confirm it."),
        ("hi", "₹5.00 प्राप्त हुए, पर ऑर्डर “भुगतान बाकी” है और भुगतान-शुदा दर्ज नहीं है — रिफ़ंड करें या पुष्टि करें।"),
    ):
        with translation.override(language):
            report = reconciliation.build_report(tenant.tenant_id, start, end)
        assert [m.message for m in report.mismatches if m.order_id == order.order_id] == [words]


def test_the_mismatches_are_in_the_owners_language(world, client):
    """A Hindi owner reads every mismatch sentence in Hindi (they were English f-strings)."""
    sign_in(client, world["owner"])
    html = client.get(reverse("owner:payments"), HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert '<html lang="hi"' in html
    assert "₹50.00 कम: ₹450.00 वसूले, ₹500.00 बकाया थे (Ravi)" in html
    assert "₹20.00 ज़्यादा: ₹520.00 वसूले, ₹500.00 बकाया थे (Sita)" in html
    assert "Short by" not in html and "Over by" not in html


def test_owner_page_is_bounded_and_never_scans(world, client):
    sign_in(client, world["owner"])
    with assert_max_calls(12) as calls:
        response = client.get(reverse("owner:payments"))
    assert response.status_code == 200, response.content
    html = response.content.decode()
    assert "Short by ₹50.00" in html and "Over by ₹20.00" in html and "Ravi" in html
    assert calls["Query"] >= 1 and calls["Scan"] == 0
    assert client.get(reverse("owner:payments") + "?from=2026-13-01").status_code == 400
    assert client.get(reverse("owner:payments") + "?from=2026-01-10&to=2026-01-01").status_code == 400


def test_handover_is_capped_by_cash_held_unless_confirmed(world, client):
    sign_in(client, world["owner"])
    url = reverse("owner:payment_handover")
    ravi = world["ravi"]
    too_much = client.post(url, {"agent_id": ravi.user_id, "amount": "1000.00"}, HTTP_HX_REQUEST="true")
    assert too_much.status_code == 409 and "more than the ₹950.00" in too_much.content.decode()
    assert client.post(url, {"agent_id": ravi.user_id, "amount": "abc"}).status_code == 400
    assert client.post(url, {"agent_id": ravi.user_id, "amount": "-5"}).status_code == 400
    ok = client.post(url, {"agent_id": ravi.user_id, "amount": "900.00", "note": "evening cash"})
    assert ok.status_code == 302
    assert cash_of_agent(ravi.user_id, world["tenant"].tenant_id).held == Decimal("50.00")
    confirmed = client.post(url, {"agent_id": ravi.user_id, "amount": "60.00", "confirm": "1"})
    assert confirmed.status_code == 302
    assert cash_of_agent(ravi.user_id, world["tenant"].tenant_id).held == Decimal("-10.00")
    # Another tenant's agent is not found.
    _, other = make_owner()
    stranger = make_agent(other, name="Stranger")
    assert client.post(url, {"agent_id": stranger.user_id, "amount": "1"}).status_code == 404


def test_csv_export(world, client):
    sign_in(client, world["owner"])
    response = client.get(reverse("owner:payments_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    short = [r for r in rows if r["order_id"] == world["o2"].order_id]
    assert short and short[0]["difference"] == "-50.00" and short[0]["agent"] == "Ravi"
    assert any(r["kind"] == "ONLINE" and r["order_id"] == world["paid"].order_id for r in rows)


def test_handover_note_cannot_inject_formulas(world):
    tenant = world["tenant"]
    handovers.record_handover(tenant.tenant_id, world["sita"].user_id, "10", by="x", note="=HYPERLINK(1)")
    start, end = reconciliation.parse_range(None, None)
    text = reconciliation_export.report_csv(reconciliation.build_report(tenant.tenant_id, start, end))
    assert "'=HYPERLINK(1)" in text


def test_owner_refunds_a_payment_captured_against_a_cancelled_order(world, client, settings):
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""  # the sandbox processes the refund
    sign_in(client, world["owner"])
    stray = Order.get(world["stray"].order_id)
    html = client.get(reverse("owner:payments")).content.decode()
    url = reverse("owner:payment_refund", kwargs={"payment_id": stray.razorpay_order_id})
    assert url in html
    # Another tenant's owner cannot refund it.
    intruder, _ = make_owner()
    from django.test import Client

    other = sign_in(Client(), intruder)
    assert other.post(url).status_code == 404
    assert client.post(url, {"reason": "order expired"}).status_code == 302
    payment = Payment.get(world["tenant"].tenant_id, stray.razorpay_order_id)
    assert payment.status == "REFUNDED" and payment.refund_reason == "order expired"
    assert Order.get(stray.order_id).payment_status == "REFUNDED"
    start, end = reconciliation.parse_range(None, None)
    report = reconciliation.build_report(world["tenant"].tenant_id, start, end)
    assert not any(m.kind in ("CAPTURED_NOT_PAID", "REFUND_DUE") for m in report.mismatches)
    assert [p.payment_id for p in reconciliation.payments_for_order(world["tenant"].tenant_id, stray.order_id)] == [
        payment.payment_id
    ]


def test_two_owners_recording_the_same_cash_at_once_hand_it_over_once(world, monkeypatch):
    """The cash check and the HANDOVER row are serialised per agent (a sequence on the agent's item)."""
    import threading

    from webdpro.errors import DomainError

    tenant, sita = world["tenant"], world["sita"]
    held = cash_of_agent(sita.user_id, tenant.tenant_id).held
    assert held > 0
    real_cash_of_agent = cash_of_agent
    both_read = threading.Barrier(2, timeout=10)

    def agent_cash_then_wait(*args, **kwargs):  # both owners read the same figure before either writes
        figures = real_cash_of_agent(*args, **kwargs)
        both_read.wait()
        return figures

    monkeypatch.setattr(handovers, "cash_of_agent", agent_cash_then_wait)
    outcomes = []

    def hand_over():
        try:
            handovers.record_handover(tenant.tenant_id, sita.user_id, str(held), by="owner")
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=hand_over) for _ in range(2)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    assert sorted(outcomes) == ["Conflict", "ok"]
    monkeypatch.setattr(handovers, "cash_of_agent", real_cash_of_agent)
    assert cash_of_agent(sita.user_id, tenant.tenant_id).held == 0


def test_every_agents_cash_is_one_query_and_agrees_with_each_agents_own_figure(world):
    tenant, ravi, sita = world["tenant"], world["ravi"], world["sita"]
    extra = [make_agent(tenant, name=f"Helper {i}") for i in range(4)]
    with assert_max_calls(2) as calls:  # the tenant's agents, then one Query for everyone's cash
        rows = {row["agent_id"]: row for row in reconciliation.agents_with_cash(tenant.tenant_id)}
    assert calls["Query"] == 2
    assert rows[ravi.user_id]["collected"] == Decimal("950.00") and rows[ravi.user_id]["held"] == Decimal("950.00")
    assert rows[sita.user_id]["held"] == Decimal("520.00")  # the UPI payment at the door is not cash
    for agent in (ravi, sita, *extra):
        own = cash_of_agent(agent.user_id, tenant.tenant_id)
        assert own.as_dict() == {k: rows[agent.user_id][k] for k in ("collected", "handed_over", "held")}
    handovers.record_handover(tenant.tenant_id, ravi.user_id, "₹ 900", by="owner")
    from webdpro.delivery.agents.selectors import cash_held, cash_held_by_agent

    assert cash_held_by_agent(tenant.tenant_id)[ravi.user_id] == Decimal("50.00") == cash_held(ravi.user_id)


def test_report_reads_agents_cash_once_whatever_the_number_of_agents(world):
    tenant = world["tenant"]
    start, end = reconciliation.parse_range(None, None)
    with assert_max_calls(20) as few:
        reconciliation.build_report(tenant.tenant_id, start, end)
    for i in range(5):
        make_agent(tenant, name=f"Rider {i}")
    with assert_max_calls(20) as many:
        reconciliation.build_report(tenant.tenant_id, start, end)
    assert many["Query"] == few["Query"]


def test_a_refund_on_its_way_is_shown_beside_the_payment(world, client):
    stray = world["stray"]
    sign_in(client, world["owner"])
    assert "refund pending" not in client.get(reverse("owner:payments")).content.decode()
    payment = Payment.get(world["tenant"].tenant_id, Order.get(stray.order_id).razorpay_order_id)
    payment.update(actions=[Payment.refund_status.set("PENDING")])
    start, end = reconciliation.parse_range(None, None)
    online = reconciliation.build_report(world["tenant"].tenant_id, start, end).online
    assert [row["order"].order_id for row in online if row["refund_pending"]] == [stray.order_id]
    assert "refund pending" in client.get(reverse("owner:payments")).content.decode()


def test_cash_over_is_a_warning_and_the_other_mismatches_are_danger(world, client):
    start, end = reconciliation.parse_range(None, None)
    report = reconciliation.build_report(world["tenant"].tenant_id, start, end)
    assert {m.kind: m.badge for m in report.mismatches}["COD_OVER"] == "warn"
    assert {m.badge for m in report.mismatches if m.kind != "COD_OVER"} == {"danger"}
    sign_in(client, world["owner"])
    html = client.get(reverse("owner:payments")).content.decode()
    assert '<span class="badge badge-warn">Cash over</span>' in html
    assert '<span class="badge badge-danger">Cash short</span>' in html


def _rows(html: str, testid: str, row_start: str) -> int:
    """How many rows the list ``data-testid=testid`` draws."""
    section = html.split(f'data-testid="{testid}"', 1)[1].split("</ul>" if testid == "mismatches" else "</table>", 1)[0]
    return section.split("<tbody>", 1)[-1].count(row_start)


def test_long_lists_are_drawn_a_page_at_a_time_while_the_report_covers_the_whole_range(world, client):
    """60 online orders and 61 mismatches: 50 of each a page; the figures are the whole range's on every page."""
    store = world["store"]
    for _ in range(57):  # UPI orders marked paid with no capture: each one is online and a mismatch
        make_order(store, [], status="CONFIRMED", payment_method="UPI").update(
            actions=[Order.payment_status.set("PAID")]
        )
    sign_in(client, world["owner"])
    today = clock.local_today().isoformat()
    base = reverse("owner:payments")
    url = base + f"?from={today}&to={today}"
    with assert_max_calls(12) as calls:
        first = client.get(url).content.decode()
    assert calls["Scan"] == 0
    assert _rows(first, "online", "<tr>") == 50 and _rows(first, "mismatches", "<li>") == 50
    assert "1–50 of 60" in first and "1–50 of 61" in first
    assert '<span class="badge badge-danger">61</span>' in first  # the count is the whole range's
    kept = f"{base}?from={today}&amp;to={today}"
    assert f'href="{kept}&amp;page=2"' in first and f'href="{kept}&amp;mpage=2"' in first

    second = client.get(url + "&page=2").content.decode()
    assert _rows(second, "online", "<tr>") == 10 and _rows(second, "mismatches", "<li>") == 50
    assert "51–60 of 60" in second and 'rel="prev"' in second
    # The mismatches' next page keeps the online list where it is, and the other way round.
    assert f'href="{kept}&amp;page=2&amp;mpage=2"' in second and f'href="{kept}"' in second
    card = first.split("Online captured", 1)[1].split("</div></div>", 1)[0]
    assert card in second

    both = client.get(url + "&page=2&mpage=2").content.decode()
    assert _rows(both, "mismatches", "<li>") == 11 and "51–61 of 61" in both
    assert _rows(client.get(url + "&page=99").content.decode(), "online", "<tr>") == 10  # past the last: the last

    hindi = client.get(url, HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "60 में से 1–50" in hindi and "अगला पेज →" in hindi

    partial = client.get(url + "&page=2", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report")
    assert "<html" not in partial.content.decode() and "51–60 of 60" in partial.content.decode()

    for bad in ("abc", "0", "-1", "1.5"):
        refused = client.get(url + f"&page={bad}")
        assert refused.status_code == 400, bad
        assert 'data-field="page"' in refused.content.decode()


def test_a_short_report_draws_no_page_links(world, client):
    sign_in(client, world["owner"])
    html = client.get(reverse("owner:payments")).content.decode()
    assert 'id="online-pages"' not in html and 'id="mismatch-pages"' not in html
    assert _rows(html, "online", "<tr>") == 3
