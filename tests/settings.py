"""Settings for the test run: the real settings module, fed test environment defaults first."""

import os

# Tests run production-like (DEBUG off) over plain http on loopback.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_DISABLE_SSL_REDIRECT", "1")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("WEBDPRO_TESTING", "1")
os.environ.setdefault("SMS_BACKEND", "memory")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Every test client and the live server share 127.0.0.1: tests that check the per-IP send limit set it.
os.environ.setdefault("OTP_SENDS_PER_IP", "1000")
# Likewise the storefront limits (tests of the limits set their own values).
for _name in (
    "CHECKOUTS_PER_SESSION",
    "CHECKOUTS_PER_IP",
    "CHECKOUTS_PER_PHONE",
    "TRACKING_PER_SESSION",
    "TRACKING_PER_IP",
):
    os.environ.setdefault(_name, "100000")

from webdpro.settings import *  # noqa: E402,F401,F403

TEMPLATE_FRAGMENTS_CHECK = True  # every kept {% frame %}/{% once %} fragment re-rendered and compared
FORECAST_REFRESH_DELAY_SECONDS = 0.2  # the coalescing window, short for tests

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)

# Razorpay Route in the sandbox: reviews and settlements are due at once (the tests call tick()).
ROUTE_SANDBOX_ACTIVATION_SECONDS = 0
ROUTE_SANDBOX_SETTLEMENT_SECONDS = 0
