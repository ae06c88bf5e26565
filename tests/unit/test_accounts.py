"""Accounts rules that need no DynamoDB: client IPs, code hashing, code input, plans, cookie settings."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings

from webdpro.accounts.client_ip import client_ip, rate_limit_key
from webdpro.accounts.codes.local import code_matches, hash_code, new_code, sms_text
from webdpro.accounts.plans import ENTERPRISE, FREE, PLANS, PRO, get_plan
from webdpro.accounts.signin import clean_code
from webdpro.errors import ValidationFailed

ROOT = Path(__file__).resolve().parents[2]


def test_client_ip_is_remote_addr_unless_forwarded_for_is_trusted():
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.2"}
    assert client_ip(meta) == "10.0.0.5"
    with override_settings(TRUST_X_FORWARDED_FOR=True, TRUSTED_PROXY_COUNT=1):
        assert client_ip(meta) == "198.51.100.2"  # the hop our one proxy appended
        assert client_ip({"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}) == "203.0.113.7"
        assert client_ip({"REMOTE_ADDR": "10.0.0.5"}) == "10.0.0.5"
    with override_settings(TRUST_X_FORWARDED_FOR=True, TRUSTED_PROXY_COUNT=2):
        assert client_ip(meta) == "203.0.113.7"
    assert client_ip({}) == "unknown"


def test_rate_limit_key_groups_ipv6_by_64():
    assert rate_limit_key("203.0.113.7") == "203.0.113.7"
    assert rate_limit_key("2001:db8:1:2:aaaa::1") == rate_limit_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert rate_limit_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert rate_limit_key("not an ip") == "not an ip"


def test_codes_are_six_digits_and_hashed_with_a_nonce():
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes) and len(codes) > 150
    one, two = hash_code("+919876543210", "123456"), hash_code("+919876543210", "123456")
    assert one != two and "123456" not in one
    assert code_matches("+919876543210", "123456", one) and code_matches("+919876543210", "123456", two)
    assert not code_matches("+919876543210", "123457", one)
    assert not code_matches("+919876543211", "123456", one)  # bound to the phone
    assert not code_matches("+919876543210", "123456", "")
    with override_settings(SECRET_KEY="another-secret-key-" + "z" * 40):  # keyed by SECRET_KEY
        assert not code_matches("+919876543210", "123456", one)


def test_sms_text_says_what_it_is_and_for_how_long():
    text = sms_text("042517")
    assert text.startswith("042517 is your WebDPro sign-in code.") and "5 minutes" in text and len(text) <= 160


@pytest.mark.parametrize("typed, code", [("123456", "123456"), (" 123 456 ", "123456"), ("123-456", "123456")])
def test_code_input_is_forgiving(typed, code):
    assert clean_code(typed) == code


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12a456", "١٢٣٤٥٦"])
def test_bad_code_input_is_refused(typed):
    with pytest.raises(ValidationFailed):
        clean_code(typed)


def test_plans_in_one_place():
    assert set(PLANS) == {"FREE", "PRO", "ENTERPRISE"}
    assert FREE.max_stores < PRO.max_stores < ENTERPRISE.max_stores
    assert get_plan("PRO") is PRO
    with pytest.raises(ValueError):
        get_plan("GOLD")


def _settings_value(names, **env):
    code = "import webdpro.settings as s; print(" + ", ".join(f"s.{n}" for n in names) + ")"
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "WEBDPRO_", "OTP_", "AUTH_", "COGNITO_", "TRUST"))
    }
    clean["DATA_DIR"] = tempfile.mkdtemp(prefix="webdpro-settings-")  # DEBUG makes a key file there
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True
    ).stdout
    return out.split()


def test_cookies_are_httponly_lax_and_secure_unless_debug():
    prod = _settings_value(
        ["SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"],
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert prod == ["True", "Lax", "True", "True"]
    dev = _settings_value(["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"], DJANGO_DEBUG="1")
    assert dev == ["False", "False"]


def test_auth_settings_come_from_the_environment():
    values = _settings_value(
        ["AUTH_BACKEND", "COGNITO_USER_POOL_ID", "TRUST_X_FORWARDED_FOR", "OTP_SENDS_PER_PHONE", "OTP_SENDS_PER_IP"],
        DJANGO_DEBUG="1",
        AUTH_BACKEND="cognito",
        COGNITO_USER_POOL_ID="ap-south-1_X",
        TRUST_X_FORWARDED_FOR="1",
    )
    assert values == ["cognito", "ap-south-1_X", "True", "3", "10"]
