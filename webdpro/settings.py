"""WebDPro settings. Every deploy-time knob is an environment variable (see README)."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from webdpro.secret_key import load_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / ".data")))
SECRET_KEY = load_secret_key(
    env("DJANGO_SECRET_KEY"), debug=DEBUG, data_dir=DATA_DIR, use_data_dir=env_bool("WEBDPRO_DATA_DIR_KEY")
)

PLATFORM_DOMAIN = env("PLATFORM_DOMAIN", "webdpro.in").lower()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
if f".{PLATFORM_DOMAIN}" not in ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS:
    # Store subdomains (<slug>.webdpro.in); custom domains are checked by the storefront middleware.
    ALLOWED_HOSTS.append(f".{PLATFORM_DOMAIN}")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Storefront host routing: a store answers on <slug>.<PLATFORM_DOMAIN> *and* on any custom domain it has
# claimed in the domains table, which no static ALLOWED_HOSTS list can name. So the list above becomes
# PLATFORM_HOSTS and Django's own check is switched off; webdpro.storefront.middleware.HostRoutingMiddleware
# (first in MIDDLEWARE) rejects every Host that is neither in PLATFORM_HOSTS nor a claimed domain with the
# same 400 Django would give (DisallowedHost). Hosts in PLATFORM_HOSTS that are not store subdomains
# (127.0.0.1, app.webdpro.in, …) serve the app; everything else is routed to a storefront.
PLATFORM_HOSTS = list(ALLOWED_HOSTS)
ALLOWED_HOSTS = ["*"]
# "View store" links: auto (local /s/<slug>/ under DEBUG or off PLATFORM_DOMAIN) | local | domain.
STOREFRONT_LINKS = env("STOREFRONT_LINKS", "auto").lower()
if STOREFRONT_LINKS not in ("auto", "local", "domain"):
    raise ImproperlyConfigured("STOREFRONT_LINKS must be auto, local or domain")
# The app's own names under PLATFORM_DOMAIN (never a store's subdomain).
PLATFORM_APP_SUBDOMAINS = env_list("PLATFORM_APP_SUBDOMAINS", "www,app,api,admin,console,dashboard,static,media")
# Unpaid (UPI/card) orders are cancelled and their stock returned after this many minutes.
ORDER_PAYMENT_TIMEOUT_MINUTES = int(env("ORDER_PAYMENT_TIMEOUT_MINUTES", "30"))

# --- DynamoDB -----------------------------------------------------------------------------------
DYNAMODB_ENDPOINT = env("DYNAMODB_ENDPOINT")  # empty: AWS
AWS_REGION = env("AWS_REGION", "ap-south-1")
DYNAMODB_TABLE_PREFIX = env("DYNAMODB_TABLE_PREFIX", "webdpro-")
DYNAMODB_TIMEOUT_SECONDS = float(env("DYNAMODB_TIMEOUT_SECONDS", "3"))
DYNAMODB_MAX_POOL_CONNECTIONS = int(env("DYNAMODB_MAX_POOL_CONNECTIONS", "50"))

# --- Services behind small interfaces -----------------------------------------------------------
SMS_BACKEND = env("SMS_BACKEND", "file")  # file | console | sns | memory
SMS_OUTBOX = Path(env("SMS_OUTBOX", str(DATA_DIR / "sms" / "outbox.jsonl")))
SMS_SENDER_ID = env("SMS_SENDER_ID", "WEBDPR")
# WhatsApp Business Cloud API template messages (webdpro/sms/whatsapp.py): file | memory | cloud.
WHATSAPP_BACKEND = env("WHATSAPP_BACKEND", "file" if SMS_BACKEND != "memory" else "memory")
WHATSAPP_OUTBOX = Path(env("WHATSAPP_OUTBOX", str(DATA_DIR / "sms" / "whatsapp.jsonl")))
WHATSAPP_API_URL = env("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
WHATSAPP_PHONE_NUMBER_ID = env("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_ACCESS_TOKEN = env("WHATSAPP_ACCESS_TOKEN")
WHATSAPP_TEMPLATE_LANGUAGE = env("WHATSAPP_TEMPLATE_LANGUAGE", "en")
# Periodic jobs run by `make run` (webdpro/jobs.py): off in tests and under gunicorn.
RUN_JOBS_EVERY_SECONDS = int(env("RUN_JOBS_EVERY_SECONDS", "60"))
# How often every owner page asks for new orders (the in-page alert, its sound and notification).
OWNER_ALERT_POLL_SECONDS = int(env("OWNER_ALERT_POLL_SECONDS", "15"))

# --- Sign-in (accounts) --------------------------------------------------------------------------
AUTH_BACKEND = env("AUTH_BACKEND", "local")  # local (codes by SMS_BACKEND) | cognito (Amazon Cognito)
# The code backends AUTH_BACKEND may name (a dotted path to another CodeBackend class works too).
AUTH_CODE_BACKENDS = {
    "local": "webdpro.accounts.codes.local.LocalCodes",
    "cognito": "webdpro.accounts.codes.cognito.CognitoCodes",
}
COGNITO_USER_POOL_ID = env("COGNITO_USER_POOL_ID")
COGNITO_CLIENT_ID = env("COGNITO_CLIENT_ID")
COGNITO_CLIENT_SECRET = env("COGNITO_CLIENT_SECRET")  # only for app clients created with a secret
COGNITO_AUTH_FLOW = env("COGNITO_AUTH_FLOW", "CUSTOM_AUTH")  # CUSTOM_AUTH (Lambda triggers) | USER_AUTH (SMS_OTP)
OTP_CODE_TTL_SECONDS = 300  # a code works for five minutes
OTP_MAX_ATTEMPTS = 5  # the fifth wrong code locks it
OTP_SEND_WINDOW_SECONDS = 600
OTP_SENDS_PER_PHONE = int(env("OTP_SENDS_PER_PHONE", "3"))  # per phone per window
OTP_SENDS_PER_IP = int(env("OTP_SENDS_PER_IP", "10"))  # per client IP (IPv6: per /64) per window
# Storefront limits (webdpro.ratelimits.storefront): checkouts and order look-ups per window.
CHECKOUT_LIMIT_WINDOW_SECONDS = int(env("CHECKOUT_LIMIT_WINDOW_SECONDS", "3600"))
CHECKOUTS_PER_SESSION = int(env("CHECKOUTS_PER_SESSION", "5"))  # per browser session per store
CHECKOUTS_PER_IP = int(env("CHECKOUTS_PER_IP", "20"))  # per client IP (IPv6: per /64) per store
CHECKOUTS_PER_PHONE = int(env("CHECKOUTS_PER_PHONE", "5"))  # per customer phone, all stores
TRACKING_LIMIT_WINDOW_SECONDS = int(env("TRACKING_LIMIT_WINDOW_SECONDS", "600"))
TRACKING_PER_SESSION = int(env("TRACKING_PER_SESSION", "10"))
TRACKING_PER_IP = int(env("TRACKING_PER_IP", "30"))
# Behind a load balancer REMOTE_ADDR is the balancer: trust X-Forwarded-For, taking the address our own
# proxies added (TRUSTED_PROXY_COUNT hops from the right; 1 for a single ALB).
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))
# Razorpay (payments). No keys: the local sandbox gateway ("SANDBOX — no real money") is used.
RAZORPAY_KEY_ID = env("RAZORPAY_KEY_ID")
RAZORPAY_KEY_SECRET = env("RAZORPAY_KEY_SECRET")
RAZORPAY_WEBHOOK_SECRET = env("RAZORPAY_WEBHOOK_SECRET")
RAZORPAY_PLAN_PRO = env("RAZORPAY_PLAN_PRO")
RAZORPAY_PLAN_ENTERPRISE = env("RAZORPAY_PLAN_ENTERPRISE")
RAZORPAY_TIMEOUT_SECONDS = float(env("RAZORPAY_TIMEOUT_SECONDS", "8"))
# Razorpay Route in the sandbox: seconds until a submitted linked account is reviewed, and until a
# released transfer is settled (done by `manage.py payouts_sync` or when the owner opens the pages).
ROUTE_SANDBOX_ACTIVATION_SECONDS = int(env("ROUTE_SANDBOX_ACTIVATION_SECONDS", "5"))
ROUTE_SANDBOX_SETTLEMENT_SECONDS = int(env("ROUTE_SANDBOX_SETTLEMENT_SECONDS", "10"))
# Without keys the labelled sandbox is used only where allowed: DEBUG (make run), tests, or explicitly.
PAYMENTS_SANDBOX = env_bool("PAYMENTS_SANDBOX", DEBUG or env_bool("WEBDPRO_TESTING"))
PAY_LINK_MAX_AGE_SECONDS = int(env("PAY_LINK_MAX_AGE_SECONDS", str(60 * 60 * 24 * 2)))
# Code, not configuration: the callable the sandbox gateway posts its webhooks to (the gateway sits below
# the webhook handler and looks it up by this dotted path, the way Django picks EMAIL_BACKEND).
PAYMENTS_WEBHOOK_HANDLER = "webdpro.payments.webhooks.process_webhook"
# Code, not configuration: what refunds a PAID order when it is cancelled (payments sits above orders).
ORDER_REFUND_HANDLER = "webdpro.payments.refunds.request_refund"
# Code, not configuration: what releases a delivered order's Route transfer to the owner (never raises).
ORDER_DELIVERED_HANDLER = "webdpro.payments.payouts.release_for_order"

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for FORM_RENDERER (TemplatesSetting)
    "django_htmx",
    "template_partials",
    "dashboard",
]

MIDDLEWARE = [
    "webdpro.middleware.RequestIdMiddleware",
    "dashboard.csp.ContentSecurityPolicyMiddleware",
    "webdpro.storefront.middleware.HostRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "webdpro.middleware.DynamoDBUnavailableMiddleware",
    "dashboard.auth.AuthenticationMiddleware",
    "dashboard.auth.PrivateCacheMiddleware",
]

ROOT_URLCONF = "webdpro.urls"
# One field template for every form: {{ field.as_field_group }} renders templates/forms/field.html.
FORM_RENDERER = "dashboard.forms.FormRenderer"
WSGI_APPLICATION = "webdpro.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "dashboard.context_processors.webdpro",
            ],
        },
    },
]

# Every kept template fragment ({% frame %}/{% once %}, dashboard/templatetags/fragments.py) rendered again and
# compared with what it kept: under DEBUG and in the tests (tests/settings.py).
TEMPLATE_FRAGMENTS_CHECK = DEBUG

# No relational database: everything lives in DynamoDB. `manage.py migrate` is never run.
DATABASES = {}

SESSION_ENGINE = "dashboard.sessions"  # Django's signed cookies, each verified once a process
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
MESSAGE_STORAGE = "dashboard.message_storage.CookieStorage"  # Django's, its signer made when used
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "dashboard.views.errors.csrf_failure"

LANGUAGE_CODE = "en"
# Every language the storefront, customer SMS and the agent's view are served in (locale/<code>/).
LANGUAGES = [
    ("en", "English"),
    ("hi", "हिन्दी"),
    ("bn", "বাংলা"),
    ("mr", "मराठी"),
    ("te", "తెలుగు"),
    ("ta", "தமிழ்"),
    ("gu", "ગુજરાતી"),
    ("kn", "ಕನ್ನಡ"),
    ("ml", "മലയാളം"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("or", "ଓଡ଼ିଆ"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / ".data" / "staticfiles")))
MEDIA_URL = "/media/"
DELIVERY_MAP_TILES = env("DELIVERY_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": AWS_STORAGE_BUCKET_NAME, "region_name": AWS_REGION},
        }
        if AWS_STORAGE_BUCKET_NAME
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not env_bool("WEBDPRO_TESTING")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WEBDPRO_TESTING")

# --- Production hardening (all on unless DEBUG) --------------------------------------------------
# DJANGO_SECURE_COOKIES=0 only for plain-http test servers on loopback.
SECURE = not DEBUG and env_bool("DJANGO_SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and not env_bool("DJANGO_DISABLE_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else int(env("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "webdpro.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "botocore": {"level": "WARNING"},
        "pynamodb": {"level": "WARNING"},
    },
}

# --- Store generation (stores area; see README) -------------------------------------------------
STORE_GENERATOR = env("STORE_GENERATOR", "builtin")  # builtin | bedrock
BEDROCK_MODEL_ID = env("BEDROCK_MODEL_ID", "anthropic.claude-3-5-haiku-20241022-v1:0")
BEDROCK_REGION = env("BEDROCK_REGION")  # empty: AWS_REGION
BEDROCK_MAX_TOKENS = int(env("BEDROCK_MAX_TOKENS", "4096"))
STORE_GENERATION_TIMEOUT_SECONDS = int(env("STORE_GENERATION_TIMEOUT_SECONDS", "60"))
STORE_GENERATION_ASYNC = env_bool("STORE_GENERATION_ASYNC", True)  # False: generate inside the request

# Stock forecasts: orders mark their products due; one refresh per store per window (seconds).
FORECAST_REFRESH_DELAY_SECONDS = float(env("FORECAST_REFRESH_DELAY_SECONDS", "120"))
