"""The Content-Security-Policy header: only the app's own scripts; Razorpay Checkout only where marked."""

import re
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dashboard.csp import HEADER, ContentSecurityPolicyMiddleware, allow_razorpay_checkout, policy

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def _response(view):
    middleware = ContentSecurityPolicyMiddleware(lambda request: view(request))
    return middleware(RequestFactory().get("/"))


def test_every_page_allows_only_its_own_scripts_and_no_frames():
    d = directives(_response(lambda request: HttpResponse("ok"))[HEADER])
    assert d["script-src"] == ["'self'"]
    assert d["default-src"] == ["'self'"] and d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"]
    assert d["frame-src"] == ["'none'"] and d["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in d["script-src"] and "'unsafe-eval'" not in d["script-src"]
    assert "razorpay" not in _response(lambda request: HttpResponse("ok"))[HEADER]


def test_the_pay_page_adds_razorpay_checkout_to_scripts_and_frames_only_there():
    d = directives(_response(allow_razorpay_checkout(lambda request: HttpResponse("pay")))[HEADER])
    assert d["script-src"] == ["'self'", "https://checkout.razorpay.com"]
    assert "https://api.razorpay.com" in d["frame-src"] and "'none'" not in d["frame-src"]
    assert d["frame-ancestors"] == ["'none'"]


@override_settings(DELIVERY_MAP_TILES="https://{s}.tiles.example.org/{z}/{x}/{y}.png", AWS_STORAGE_BUCKET_NAME="shop")
def test_images_allow_the_map_tiles_and_the_media_bucket():
    images = directives(policy())["img-src"]
    assert "https://a.tiles.example.org" in images and "https://shop.s3.amazonaws.com" in images


def test_the_marked_views_are_the_ones_that_load_checkout_js():
    """Each template that loads Razorpay's checkout.js is rendered only by a view marked for it."""
    from dashboard.views import payments
    from dashboard.views.owner import payments as owner_payments
    from dashboard.views.owner import publish_fee

    for view in (payments.pay, publish_fee.publish_fee, owner_payments.billing_page):
        assert getattr(view, "csp_razorpay", False), view.__name__
    assert not getattr(payments.callback, "csp_razorpay", False)
    loaders = sorted(
        str(p.relative_to(ROOT / "templates"))
        for p in (ROOT / "templates").rglob("*.html")
        if "checkout_js" in p.read_text()
    )
    assert loaders == ["owner/payments/billing.html", "payments/pay.html"]


def test_no_template_has_an_inline_script_or_handler():
    """Inline scripts and on*="…" handlers would be blocked by script-src 'self': they live in static/js."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path.name}: {match.group(0)}")
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
        offenders += [f"{path.name}: hx-vals js:" for _ in re.findall(r"hx-vals='js:", text)]
        offenders += [f"{path.name}: hx-on" for _ in re.findall(r"\shx-on", text)]
    assert not offenders, offenders
