"""Phone sign-in with a one-time code, sign-up for owners, sign-out, cookies and CSRF (issue 3)."""

from __future__ import annotations

import html
import re
import threading
import time

import pytest
from django.test import Client, override_settings

from tests.helpers import (
    assert_max_calls,
    last_sms_code,
    make_agent,
    make_customer,
    make_owner,
    make_superadmin,
    random_ip,
    random_phone,
    sign_in,
)
from webdpro import sms
from webdpro.accounts import signin as signin_service
from webdpro.db import OtpRecord, Tenant, User
from webdpro.phones import display_phone


@pytest.fixture
def web():
    """A browser of its own: a fresh client on a fresh IP (per-IP limits stay per test)."""
    return Client(REMOTE_ADDR=random_ip())


def send(client, phone, htmx=False, **extra):
    """POST the phone step; ``HTTP_*`` keywords are headers, the rest form fields (``next``)."""
    headers = {k: v for k, v in extra.items() if k.startswith("HTTP_")}
    data = {k: v for k, v in extra.items() if not k.startswith("HTTP_")}
    if htmx:
        headers["HTTP_HX_REQUEST"] = "true"
    return client.post("/accounts/signin/", {"phone": phone, **data}, **headers)


def enter(client, code, htmx=False):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post("/accounts/verify/", {"code": code}, **headers)


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def text(response):
    return html.unescape(response.content.decode())


class FakeClock:
    """Moves ``time.time`` as seen by the sign-in rules."""

    def __init__(self, monkeypatch):
        self.offset = 0
        real = time.time
        monkeypatch.setattr(signin_service.time, "time", lambda: real() + self.offset)

    def advance(self, seconds):
        self.offset += seconds


# --- the journey -----------------------------------------------------------------------------------
def test_sign_in_without_javascript(web):
    user, _ = make_owner(name="Ravi", business_name="Ravi Stores")
    with assert_max_calls(0):
        page = web.get("/accounts/signin/")
    assert page.status_code == 200 and 'name="phone"' in text(page) and "csrfmiddlewaretoken" in text(page)
    with assert_max_calls(2):
        response = send(web, user.phone)
    assert response.status_code == 302 and response["Location"] == "/accounts/verify/"
    message = sms.outbox[-1]
    assert message["to"] == user.phone and re.search(r"\b\d{6}\b", message["body"])
    assert "expires in 5 minutes" in message["body"]
    with assert_max_calls(0):
        code_page = web.get("/accounts/verify/")
    assert code_page.status_code == 200 and display_phone(user.phone) in text(code_page)
    assert 'autocomplete="one-time-code"' in text(code_page)
    with assert_max_calls(4):  # UpdateItem + DeleteItem (the code), GetItem user, GetItem tenant
        response = enter(web, last_sms_code(user.phone))
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    dashboard = web.get("/dashboard/")
    assert dashboard.status_code == 200 and "Ravi Stores" in text(dashboard) and "Welcome back, Ravi" in text(dashboard)


def test_htmx_swaps_the_phone_step_for_the_code_step(web):
    user, _ = make_owner()
    response = send(web, user.phone, htmx=True)
    body = text(response)
    assert response.status_code == 200 and response["HX-Push-Url"] == "/accounts/verify/"
    assert "<html" not in body and body.strip().startswith('<section id="auth-step"')
    assert 'name="code"' in body and 'hx-post="/accounts/verify/"' in body and "Send a new code" in body
    response = enter(web, last_sms_code(user.phone), htmx=True)
    assert response.status_code == 200 and response["HX-Redirect"] == "/dashboard/"


def test_code_is_stored_hashed_with_a_five_minute_expiry(web):
    user, _ = make_owner()
    before = int(time.time())
    send(web, user.phone)
    code = last_sms_code(user.phone)
    record = OtpRecord.get(f"code#{user.phone}")
    stored = " ".join(str(v) for v in record.attribute_values.values())
    assert code not in stored and "$" in record.code_hash and len(record.code_hash) > 64
    assert before + 299 <= record.expires_at <= int(time.time()) + 300
    assert record.attempts == 0 and record.backend == "local"


def test_three_formats_of_one_phone_are_one_user():
    phone = "+919876543210"
    for pk in (f"code#{phone}", f"sends#phone#{phone}"):
        OtpRecord(pk).delete()
    try:
        User.get(phone).delete()
    except User.DoesNotExist:
        pass
    user, _ = make_owner(name="Meena", phone="98765 43210")
    assert user.phone == phone
    for typed in ("+91 98765-43210", "09876543210"):
        web = Client(REMOTE_ADDR=random_ip())
        response = send(web, typed)
        assert response.status_code == 302, text(response)
        assert sms.outbox[-1]["to"] == phone
        assert enter(web, last_sms_code(phone))["Location"] == "/dashboard/"
        assert "Namaste, Meena" in text(web.get("/dashboard/"))
    signup = Client(REMOTE_ADDR=random_ip()).post(
        "/accounts/signup/", {"phone": "09876543210", "name": "Someone", "business_name": "Another Shop"}
    )
    assert signup.status_code == 302 and signup["Location"].startswith("/accounts/signin/?phone=%2B919876543210")


@pytest.mark.parametrize(
    "role_factory, home",
    [
        (lambda: make_owner()[0], "/dashboard/"),
        (lambda: make_agent(make_owner()[1]), "/agent/"),
        (make_superadmin, "/console/"),
        (make_customer, "/my/orders/"),
    ],
)
def test_each_role_lands_on_its_home(web, role_factory, home):
    user = role_factory()
    send(web, user.phone)
    response = enter(web, last_sms_code(user.phone))
    assert response["Location"] == home
    assert web.get(home).status_code == 200


def test_next_is_followed_only_when_safe_and_allowed(web):
    user, _ = make_owner()
    send(web, user.phone, next="/dashboard/?tab=1")
    assert enter(web, last_sms_code(user.phone))["Location"] == "/dashboard/?tab=1"
    for target in ("https://evil.example/", "/console/"):  # off-site; a page the role may not open
        other = Client(REMOTE_ADDR=random_ip())
        send(other, user.phone, next=target)
        assert enter(other, last_sms_code(user.phone))["Location"] == "/dashboard/"


def test_signed_in_user_is_sent_home_from_sign_in_pages(web):
    user, _ = make_owner()
    sign_in(web, user)
    assert web.get("/accounts/signin/")["Location"] == "/dashboard/"
    assert web.get("/accounts/signup/")["Location"] == "/dashboard/"


# --- refusals --------------------------------------------------------------------------------------
def test_five_wrong_codes_lock_the_code(web):
    user, _ = make_owner()
    send(web, user.phone)
    code = last_sms_code(user.phone)
    for left in (4, 3, 2, 1):
        with assert_max_calls(1):
            response = enter(web, wrong(code))
        assert response.status_code == 400
        assert f"{left} {'try' if left == 1 else 'tries'} left" in text(response)
    response = enter(web, wrong(code), htmx=True)
    assert response.status_code == 429
    assert "that was try 5 of 5: this code is now locked. Request a new code." in text(response)
    assert 'name="code"' not in text(response) and "Send me a new code" in text(response)
    response = enter(web, code)  # even the right code: locked
    assert response.status_code == 429 and "this code is locked" in text(response)
    assert web.get("/dashboard/").status_code == 302
    # A new code works again.
    assert web.post("/accounts/verify/resend/").status_code == 302
    assert enter(web, last_sms_code(user.phone))["Location"] == "/dashboard/"


def test_a_fourth_send_within_ten_minutes_is_refused(web, monkeypatch):
    clock = FakeClock(monkeypatch)
    user, _ = make_owner()
    assert send(web, user.phone).status_code == 302
    clock.advance(60)
    with assert_max_calls(2):
        assert web.post("/accounts/verify/resend/").status_code == 302
    clock.advance(60)
    response = web.post("/accounts/verify/resend/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "We sent a new code" in text(response)
    assert "You can't ask for another code for a few minutes" in text(response)
    clock.advance(60)
    response = send(Client(REMOTE_ADDR=random_ip()), user.phone)  # another network: still this phone
    assert response.status_code == 429, text(response)
    assert (
        f"We've already sent 3 codes to {display_phone(user.phone)} in the last 10 minutes. To keep your "
        "account safe, you can ask for another in 7 minutes."
    ) in text(response)
    assert 400 <= int(response["Retry-After"]) <= 420
    response = web.post("/accounts/verify/resend/", HTTP_HX_REQUEST="true")
    assert response.status_code == 429 and "already sent 3 codes" in text(response)
    assert len([m for m in sms.outbox if m["to"] == user.phone]) == 3
    clock.advance(7 * 60 + 1)  # the first send leaves the window
    assert send(Client(REMOTE_ADDR=random_ip()), user.phone).status_code == 302


@override_settings(OTP_SENDS_PER_IP=10)
def test_sends_are_limited_per_client_ip(web):
    phones = [make_customer().phone for _ in range(11)]
    for phone in phones[:10]:
        assert send(web, phone).status_code == 302
    response = send(web, phones[10])
    assert response.status_code == 429
    assert "Too many codes have been requested from your network. Please try again in 10 minutes." in text(response)
    # X-Forwarded-For is ignored unless trusted...
    forged = send(web, phones[10], HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert forged.status_code == 429
    # ...and when trusted, the hop our proxy added counts, not one the client wrote.
    with override_settings(TRUST_X_FORWARDED_FOR=True):
        proxied = Client(REMOTE_ADDR="172.16.0.1")
        ip = random_ip()
        for phone in phones[:10]:
            assert send(proxied, phone, HTTP_X_FORWARDED_FOR=f"1.1.1.{phones.index(phone)}, {ip}").status_code == 302
        assert send(proxied, phones[10], HTTP_X_FORWARDED_FOR=f"9.9.9.9, {ip}").status_code == 429
        assert send(proxied, phones[10], HTTP_X_FORWARDED_FOR=random_ip()).status_code == 302


def test_code_expires_after_five_minutes(web, monkeypatch):
    clock = FakeClock(monkeypatch)
    user, _ = make_owner()
    send(web, user.phone)
    clock.advance(301)
    response = enter(web, last_sms_code(user.phone))
    assert response.status_code == 400 and "This code has expired" in text(response)
    assert "Send me a new code" in text(response)


def test_a_code_works_once_and_a_newer_code_replaces_it(web):
    user, _ = make_owner()
    send(web, user.phone)
    first = last_sms_code(user.phone)
    web.post("/accounts/verify/resend/")
    second = last_sms_code(user.phone)
    if first != second:
        assert enter(web, first).status_code == 400
    assert enter(web, second)["Location"] == "/dashboard/"
    again = Client(REMOTE_ADDR=random_ip())
    again.session  # noqa: B018
    send(again, user.phone)
    OtpRecord(f"code#{user.phone}").delete()  # as after a use
    response = enter(again, second)
    assert response.status_code == 400 and "expired or was already used" in text(response)


def test_unknown_and_known_phones_get_the_same_answer(web):
    """Sign-in does not tell whether a number has an account: same status, page and limits; the code
    goes only to the known number, and answers for the unknown one are 'wrong code' until it locks."""
    known, _ = make_owner(name="Known Owner")
    unknown = random_phone()
    other = Client(REMOTE_ADDR=random_ip())
    answers = {}
    for client, phone in ((web, known.phone), (other, unknown)):
        first = send(client, phone, htmx=True)
        page = text(first).replace(display_phone(phone), "PHONE").replace(phone.replace("+", "%2B"), "PHONE")
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        answers[phone] = (first.status_code, first.get("HX-Push-Url"), page)
    assert answers[known.phone] == answers[unknown]
    assert [m["to"] for m in sms.outbox] == [known.phone]
    right = last_sms_code(known.phone)
    statuses = {}
    for client, phone in ((web, known.phone), (other, unknown)):
        responses = [enter(client, wrong(right) if n == 0 else f"{n:06d}") for n in range(5)]
        statuses[phone] = [r.status_code for r in responses]
        assert "locked" in text(responses[-1])
    assert statuses[known.phone] == statuses[unknown] == [400, 400, 400, 400, statuses[unknown][-1]]
    assert User.count(unknown) == 0  # nothing was created for the unknown number
    # The limits count the same: a fourth code for the unknown number is refused like for a known one.
    for _ in range(2):
        assert send(other, unknown).status_code == 302
    assert send(other, unknown).status_code == 429


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter your mobile number."),
        ("12345", "That phone number is not valid."),
        ("call me maybe", "Enter a valid phone number"),
    ],
)
def test_invalid_phone_is_a_clear_400(web, typed, message):
    response = send(web, typed, htmx=True)
    assert response.status_code == 400 and message in text(response)


def test_malformed_code_is_a_clear_400_and_costs_no_attempt(web):
    user, _ = make_owner()
    send(web, user.phone)
    for typed, message in (
        ("", "Enter the 6-digit code"),
        ("12ab56", "The code has 6 digits"),
        ("1234567", "6 digits"),
    ):
        response = enter(web, typed)
        assert response.status_code == 400 and message in text(response)
    assert OtpRecord.get(f"code#{user.phone}").attempts == 0
    assert enter(web, " ".join(last_sms_code(user.phone)[i : i + 3] for i in (0, 3)))["Location"] == "/dashboard/"


def test_inactive_user_is_refused_after_the_code(web):
    customer = make_customer()
    customer.update(actions=[User.is_active.set(False)])
    send(web, customer.phone)
    response = enter(web, last_sms_code(customer.phone), htmx=True)
    assert response.status_code == 403
    assert "This account has been deactivated" in text(response)
    assert web.get("/my/orders/").status_code == 302


def test_owner_and_agent_of_a_suspended_business_are_refused_with_the_reason(web):
    owner, tenant = make_owner(business_name="Shady Traders")
    agent = make_agent(tenant)
    Tenant(tenant.tenant_id).update(
        actions=[Tenant.is_suspended.set(True), Tenant.suspension_reason.set("Unpaid invoices since October")]
    )
    for person in (owner, agent):
        client = Client(REMOTE_ADDR=random_ip())
        send(client, person.phone)
        response = enter(client, last_sms_code(person.phone))
        assert response.status_code == 403
        assert (
            "Shady Traders is suspended on WebDPro. Reason: Unpaid invoices since October. "
            "Contact WebDPro support to restore access."
        ) in text(response)
        assert client.get("/dashboard/").status_code == 302 and client.get("/agent/").status_code == 302


def test_sms_failure_is_a_503_with_a_message(web, monkeypatch):
    user, _ = make_owner()

    def broken(to, body):
        raise sms.SmsError("SNS throttled")

    monkeypatch.setattr(sms.MemoryBackend, "send", lambda self, to, body: broken(to, body))
    response = send(web, user.phone)
    assert response.status_code == 503 and "We couldn't send the SMS just now" in text(response)


def test_verify_without_a_pending_phone_goes_to_sign_in(web):
    assert web.get("/accounts/verify/")["Location"] == "/accounts/signin/"
    assert web.post("/accounts/verify/", {"code": "123456"})["Location"] == "/accounts/signin/"
    assert (
        web.post("/accounts/verify/", {"code": "123456"}, HTTP_HX_REQUEST="true")["HX-Redirect"] == "/accounts/signin/"
    )


@override_settings(DEBUG=True)
def test_debug_shows_where_codes_are(web):
    user, _ = make_owner()
    with override_settings(SMS_BACKEND="memory"):
        send(web, user.phone)
    with override_settings(SMS_BACKEND="file"):
        assert "outbox.jsonl" in text(web.get("/accounts/verify/"))
    with override_settings(DEBUG=False):
        assert "outbox.jsonl" not in text(web.get("/accounts/verify/"))


# --- sign-up ---------------------------------------------------------------------------------------
def test_sign_up_creates_the_owner_and_tenant_only_after_the_code(web):
    phone = random_phone()
    page = web.get(f"/accounts/signup/?phone={phone.replace('+', '%2B')}")
    assert page.status_code == 200 and f'value="{phone}"' in text(page)
    with assert_max_calls(2):
        response = web.post(
            "/accounts/signup/",
            {"phone": phone, "name": " Kavya Rao ", "business_name": "Kavya Boutique", "email": "Kavya@Example.com"},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200 and "Verify and create my account" in text(response)
    with pytest.raises(User.DoesNotExist):
        User.get(phone)
    with assert_max_calls(3):  # UpdateItem + DeleteItem (the code), TransactWriteItems (owner + tenant)
        response = enter(web, last_sms_code(phone))
    assert response["Location"] == "/dashboard/"
    user = User.get(phone)
    tenant = Tenant.get(user.tenant_id)
    assert (user.role, user.name, user.email, user.is_active) == (
        "BUSINESS_OWNER",
        "Kavya Rao",
        "kavya@example.com",
        True,
    )
    assert (
        tenant.business_name,
        tenant.plan,
        tenant.subscription_status,
        tenant.store_count,
        tenant.max_stores,
        tenant.owner_user_id,
        tenant.owner_phone,
    ) == ("Kavya Boutique", "FREE", "ACTIVE", 0, 1, user.user_id, phone)
    dashboard = web.get("/dashboard/")
    assert "Welcome to WebDPro, Kavya Rao! Your account for Kavya Boutique is ready." in text(dashboard)


def test_sign_up_with_an_existing_phone_is_sent_to_sign_in(web):
    user, _ = make_owner()
    response = web.post("/accounts/signup/", {"phone": user.phone, "name": "X", "business_name": "Y"})
    assert response.status_code == 302
    follow = web.get(response["Location"])
    assert "already has a WebDPro account. Sign in with it here." in text(follow)
    assert f'value="{user.phone}"' in text(follow)
    htmx = web.post(
        "/accounts/signup/", {"phone": user.phone, "name": "X", "business_name": "Y"}, HTTP_HX_REQUEST="true"
    )
    assert htmx["HX-Redirect"].startswith("/accounts/signin/?phone=")
    assert not sms.outbox


def test_sign_up_race_for_the_same_phone_goes_to_sign_in(web):
    phone = random_phone()
    web.post("/accounts/signup/", {"phone": phone, "name": "A", "business_name": "A Shop"})
    make_owner(phone=phone)  # someone else finished first
    response = enter(web, last_sms_code(phone))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/signin/?phone=")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "A", "business_name": ""}, "Enter your business name."),
        ({"name": "", "business_name": "B"}, "Enter your name."),
        ({"name": "A", "business_name": "B", "email": "not-an-email"}, "Enter a valid email address"),
        ({"name": "A" * 121, "business_name": "B"}, "at most 120 characters"),
    ],
)
def test_sign_up_validation_is_a_clear_400(web, data, message):
    response = web.post("/accounts/signup/", {"phone": random_phone(), **data})
    assert response.status_code == 400 and message in text(response)
    assert not sms.outbox


# --- sign-out, cookies, CSRF -----------------------------------------------------------------------
def _signed_in_browser(user):
    browser = Client(REMOTE_ADDR=random_ip())
    send(browser, user.phone)
    assert enter(browser, last_sms_code(user.phone)).status_code == 302
    return browser


def test_a_cookie_copied_before_sign_out_is_refused_after_it(web):
    user, _ = make_owner()
    send(web, user.phone)
    enter(web, last_sms_code(user.phone))
    laptop = _signed_in_browser(user)
    stolen = web.cookies["sessionid"].value
    web.post("/accounts/signout/")
    thief = Client(REMOTE_ADDR=random_ip())
    thief.cookies["sessionid"] = stolen
    response = thief.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/signin/")
    assert laptop.get("/dashboard/").status_code == 200  # another sign-in is another session


def test_sign_out_everywhere_ends_every_session_of_the_owner(web):
    user, _ = make_owner()
    phone_browser, laptop = _signed_in_browser(user), _signed_in_browser(user)
    copy = Client(REMOTE_ADDR=random_ip())
    copy.cookies["sessionid"] = laptop.cookies["sessionid"].value
    assert "Sign out everywhere" in text(laptop.get("/dashboard/"))
    response = laptop.post("/accounts/signout/", {"everywhere": "1"})
    assert response["Location"] == "/accounts/signin/"
    for browser in (phone_browser, laptop, copy):
        assert browser.get("/dashboard/").status_code == 302
    assert _signed_in_browser(user).get("/dashboard/").status_code == 200  # a new sign-in works


def test_revoked_session_ids_do_not_pile_up():
    """Each sign-out adds one id with its cookie's expiry; ids whose cookies have expired are removed."""
    from webdpro.accounts import services

    user, _ = make_owner()
    services.end_session(user, "old-session", lifetime_seconds=-10)
    user = User.get(user.phone)
    services.end_session(user, "new-session", lifetime_seconds=3600)
    kept = User.get(user.phone).revoked_sessions
    assert [entry.split(":")[1] for entry in kept] == ["new-session"]
    assert services.is_session_revoked(User.get(user.phone), "new-session")
    assert not services.is_session_revoked(User.get(user.phone), "another")


def test_sign_out_is_post_only_and_ends_the_session(web):
    user, _ = make_owner()
    send(web, user.phone)
    enter(web, last_sms_code(user.phone))
    assert web.get("/dashboard/").status_code == 200
    assert web.get("/accounts/signout/").status_code == 405
    response = web.post("/accounts/signout/")
    assert response["Location"] == "/accounts/signin/"
    assert "You have signed out." in text(web.get("/accounts/signin/"))
    assert web.get("/dashboard/").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(web):
    user, _ = make_owner()
    send(web, user.phone)
    response = enter(web, last_sms_code(user.phone))
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    with override_settings(SESSION_COOKIE_SECURE=True):
        other = Client(REMOTE_ADDR=random_ip())
        send(other, user.phone)
        assert other.cookies["sessionid"]["secure"] is True


def test_every_sign_in_form_needs_the_csrf_token_and_htmx_sends_it():
    strict = Client(enforce_csrf_checks=True, REMOTE_ADDR=random_ip())
    user, _ = make_owner()
    for url in (
        "/accounts/signin/",
        "/accounts/signup/",
        "/accounts/verify/",
        "/accounts/verify/resend/",
        "/accounts/signout/",
    ):
        refused = strict.post(url, {"phone": user.phone})
        assert refused.status_code == 403 and "This form has expired" in text(refused), url
    assert strict.post("/accounts/signin/", {"phone": user.phone}, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    page = text(strict.get("/accounts/signin/"))
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', page)
    response = strict.post("/accounts/signin/", {"phone": user.phone}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200 and 'name="code"' in text(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(response)).group(1)
    response = strict.post("/accounts/verify/", {"code": last_sms_code(user.phone), "csrfmiddlewaretoken": token})
    assert response["Location"] == "/dashboard/"
    signed_in = text(strict.get("/dashboard/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', signed_in).group(1)  # the sign-out form
    assert strict.post("/accounts/signout/").status_code == 403
    assert strict.post("/accounts/signout/", {"csrfmiddlewaretoken": token})["Location"] == "/accounts/signin/"


# --- race safety -----------------------------------------------------------------------------------
def _in_threads(n, target):
    results, barrier = [None] * n, threading.Barrier(n)

    def run(i):
        barrier.wait()
        try:
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_concurrent_sends_never_pass_the_limit():
    user, _ = make_owner()
    ip = random_ip()
    results = _in_threads(8, lambda i: signin_service.request_code(user.phone, ip))
    sent = [r for r in results if isinstance(r, signin_service.CodeSent)]
    refused = [r for r in results if not isinstance(r, signin_service.CodeSent)]
    assert len(sent) == 3, results
    assert all(getattr(r, "status_code", None) == 429 for r in refused), refused
    assert len(OtpRecord.get(f"sends#phone#{user.phone}").sends) == 3


def test_concurrent_guesses_never_pass_five_attempts():
    user, _ = make_owner()
    signin_service.request_code(user.phone, random_ip())
    code = last_sms_code(user.phone)
    results = _in_threads(10, lambda i: signin_service.finish_sign_in(user.phone, wrong(code)))
    kinds = sorted(type(r).__name__ for r in results)
    assert kinds.count("WrongSignInCode") + kinds.count("CodeLocked") == 10
    assert kinds.count("WrongSignInCode") == 4, kinds
    assert OtpRecord.get(f"code#{user.phone}").attempts == 5


def test_a_business_suspended_mid_session_is_signed_out_with_the_reason(web):
    owner, tenant = make_owner(business_name="Late Payers")
    sign_in(web, owner)
    assert web.get("/dashboard/").status_code == 200
    Tenant(tenant.tenant_id).update(
        actions=[Tenant.is_suspended.set(True), Tenant.suspension_reason.set("Chargebacks")]
    )
    response = web.get("/dashboard/")
    assert response["Location"] == "/accounts/signin/"
    page = text(web.get("/accounts/signin/"))
    assert "Late Payers is suspended on WebDPro. Reason: Chargebacks." in page
    assert web.get("/dashboard/")["Location"].startswith("/accounts/signin/?next=")  # the session is gone
