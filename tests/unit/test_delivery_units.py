"""Delivery helpers without DynamoDB: the UPI link, store UPI config, the "ago" time label, codes."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from dashboard.templatetags.webdpro import ago
from webdpro import clock
from webdpro.db import Store
from webdpro.db.deliveries import DeliveryStatus
from webdpro.delivery import upi


def test_upi_uri_has_exact_amount_and_encoded_fields():
    uri = upi.upi_uri("sharma.kirana@okaxis", "Sharma & Sons", "1234.5", "01ABCDEFGHJKMNPQRSTVWXYZ12")
    assert uri == (
        "upi://pay?pa=sharma.kirana@okaxis&pn=Sharma%20%26%20Sons&am=1234.50&cu=INR"
        "&tn=Order%20TVWXYZ12&tr=01ABCDEFGHJKMNPQRSTVWXYZ12"
    )


def test_qr_svg_is_an_inline_svg():
    svg = upi.qr_svg("upi://pay?pa=a@upi&am=1.00")
    assert svg.startswith("<svg") and "UPI payment QR code" in svg


@pytest.mark.parametrize(
    "config, message",
    [
        ({"name": "S", "payments": {}}, "no UPI ID"),
        ({"name": "S", "payments": {"upi_id": "not an id"}}, "does not look right"),
    ],
)
def test_store_upi_explains_missing_or_bad_ids(config, message):
    with pytest.raises(upi.UpiNotConfigured, match=message):
        upi.store_upi(Store("t", "s", config=config, name="S"))


def test_store_upi_reads_config():
    assert upi.store_upi(Store("t", "s", config={"name": "Shop", "payments": {"upi_id": "shop@upi"}}, name="x")) == (
        "shop@upi",
        "Shop",
    )


def test_ago_filter():
    assert ago(clock.iso(clock.now() - timedelta(seconds=10))) == "just now"
    assert ago(clock.iso(clock.now() - timedelta(minutes=3))) == "3 min ago"
    assert ago(clock.iso(clock.now() - timedelta(hours=5))) == "5 h ago"
    assert ago(clock.iso(clock.now() - timedelta(days=2))) == "2 days ago"
    assert ago(clock.iso(clock.now() - timedelta(days=1, hours=2))) == "1 day ago"
    assert ago(None) == ""
    assert ago("not a time") == ""


def test_deliveries_have_one_transitions_table_and_one_check():
    import pytest

    from webdpro.delivery import transitions
    from webdpro.delivery.transitions import StepRefused, check_step
    from webdpro.errors import Conflict

    assert transitions.TRANSITIONS == {
        DeliveryStatus.PENDING: {DeliveryStatus.PICKED_UP, DeliveryStatus.FAILED},
        DeliveryStatus.PICKED_UP: {DeliveryStatus.IN_TRANSIT, DeliveryStatus.FAILED},
        DeliveryStatus.IN_TRANSIT: {DeliveryStatus.DELIVERED, DeliveryStatus.FAILED},
        DeliveryStatus.DELIVERED: set(),
        DeliveryStatus.FAILED: set(),
    }

    def at(status):
        return SimpleNamespace(status=status)

    assert check_step(at(DeliveryStatus.PENDING), "pick_up") == DeliveryStatus.PICKED_UP
    assert check_step(at(DeliveryStatus.PICKED_UP), "start_trip") == DeliveryStatus.IN_TRANSIT
    assert check_step(at(DeliveryStatus.IN_TRANSIT), "deliver") == DeliveryStatus.DELIVERED
    assert check_step(at(DeliveryStatus.IN_TRANSIT), "fail") == DeliveryStatus.FAILED
    assert check_step(at(DeliveryStatus.PENDING), "close_cancelled") == DeliveryStatus.FAILED
    with pytest.raises(StepRefused, match="Start trip"):
        check_step(at(DeliveryStatus.PICKED_UP), "deliver")
    with pytest.raises(StepRefused, match="already marked as delivered"):
        check_step(at(DeliveryStatus.DELIVERED), "deliver")
    with pytest.raises(StepRefused, match="picked up or in transit"):
        check_step(at(DeliveryStatus.PENDING), "fail")
    assert issubclass(StepRefused, Conflict)
