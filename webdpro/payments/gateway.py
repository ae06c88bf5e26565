"""The payment gateway: one small interface, a Razorpay implementation and a local sandbox.

Amounts cross this boundary as **integer paise** (Razorpay's unit); callers convert with
``webdpro.money.to_paise`` / ``from_paise``. Every call to Razorpay has a timeout (the SDK has none).

``get_gateway()`` returns :class:`RazorpayGateway` when ``RAZORPAY_KEY_ID`` and ``RAZORPAY_KEY_SECRET``
are set, else :class:`SandboxGateway` — a clearly labelled local stand-in ("SANDBOX — no real money")
that signs Checkout results and webhook bodies with local secrets, so the very same verification and
webhook code runs in both modes.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from webdpro.payments.transport import GatewayError, SignatureError, TimeoutSession, hmac_sha256
from webdpro.payments.transport import sandbox_id as _sandbox_id

log = logging.getLogger("webdpro.payments.gateway")

API_BASE = "https://api.razorpay.com"
CHECKOUT_JS = "https://checkout.razorpay.com/v1/checkout.js"


def checkout_signature(secret: str, order_id: str, payment_id: str) -> str:
    """Razorpay Checkout: HMAC-SHA256 of ``order_id|payment_id`` with the key secret."""
    return hmac_sha256(secret, f"{order_id}|{payment_id}")


def subscription_signature(secret: str, payment_id: str, subscription_id: str) -> str:
    """Razorpay subscription Checkout: HMAC-SHA256 of ``payment_id|subscription_id`` with the key secret."""
    return hmac_sha256(secret, f"{payment_id}|{subscription_id}")


def _check(expected: str, given: str | None, what: str) -> None:
    if not given or not hmac.compare_digest(expected, str(given)):
        raise SignatureError(_("The %(what)s signature did not verify.") % {"what": what})


class Gateway:
    """What WebDPro needs from a payment gateway. All amounts are integer paise."""

    mode = "abstract"
    key_id = ""
    is_sandbox = False

    def create_order(self, amount_paise: int, receipt: str, notes: dict, transfers: list | None = None) -> dict:
        """``transfers``: Razorpay Route transfers created when the order's payment is captured."""
        raise NotImplementedError

    @property
    def route(self):
        """Razorpay Route for this gateway (linked accounts, transfers): see ``webdpro.payments.route``."""
        from webdpro.payments.route import DisabledRoute

        return DisabledRoute()

    def verify_payment_signature(self, order_id: str, payment_id: str, signature: str) -> None:
        """Raise :class:`SignatureError` unless ``signature`` is Checkout's for this order and payment."""
        _check(checkout_signature(self._key_secret(), order_id, payment_id), signature, "payment")

    def verify_subscription_signature(self, payment_id: str, subscription_id: str, signature: str) -> None:
        _check(subscription_signature(self._key_secret(), payment_id, subscription_id), signature, "payment")

    def verify_webhook_signature(self, body: str, signature: str | None) -> None:
        """``body`` is the raw request body as ``str`` (re-serialised JSON would not verify)."""
        secret = self._webhook_secret()
        if not secret:
            raise SignatureError(_("Webhooks are not configured (RAZORPAY_WEBHOOK_SECRET is empty)."))
        _check(hmac_sha256(secret, body), signature, "webhook")

    def fetch_payment(self, payment_id: str) -> dict:
        raise NotImplementedError

    def refund(
        self, payment_id: str, amount_paise: int, idempotency_key: str, notes: dict, reverse_all: bool = False
    ) -> dict:
        """``reverse_all``: also reverse the payment's Route transfers (Razorpay's ``reverse_all: 1``)."""
        raise NotImplementedError

    def create_customer(self, name: str, contact: str, notes: dict, email: str | None = None) -> dict:
        raise NotImplementedError

    def create_subscription(self, plan_id: str, customer_id: str, notes: dict, total_count: int = 120) -> dict:
        raise NotImplementedError

    def cancel_subscription(self, subscription_id: str, notes: dict | None = None) -> dict:
        """Cancel now. ``notes`` are the subscription's own (the sandbox echoes them in its webhook)."""
        raise NotImplementedError

    def deliver_pending(self) -> None:
        """The sandbox delivers the webhooks it owes after the caller's writes; Razorpay does it itself."""

    def _key_secret(self) -> str:
        raise NotImplementedError

    def _webhook_secret(self) -> str:
        raise NotImplementedError


class RazorpayGateway(Gateway):
    """Razorpay through the official SDK, with a timeout on every call."""

    mode = "razorpay"

    def __init__(
        self, key_id: str, key_secret: str, webhook_secret: str, timeout: float = 8.0, base_url: str = API_BASE
    ):
        import razorpay

        self.key_id = key_id
        self.__secret = key_secret
        self.__webhook_secret = webhook_secret
        self.timeout = timeout
        self.client = razorpay.Client(session=TimeoutSession(timeout), auth=(key_id, key_secret), base_url=base_url)
        self.client.set_app_details({"title": "WebDPro", "version": "1"})

    def _key_secret(self):
        return self.__secret

    def _webhook_secret(self):
        return self.__webhook_secret

    def _call(self, what: str, fn, *args, **kwargs):
        import razorpay.errors

        kwargs.setdefault("timeout", self.timeout)
        try:
            return fn(*args, **kwargs)
        except razorpay.errors.BadRequestError as exc:
            log.warning("razorpay refused", extra={"call": what, "error": str(exc)})
            raise GatewayError(_("Razorpay refused the request: %(exc)s") % {"exc": exc}) from exc
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError) as exc:
            log.warning("razorpay error", extra={"call": what, "error": str(exc)})
            raise GatewayError(_("Razorpay is having trouble right now. Please try again in a minute.")) from exc
        except (requests.RequestException, ValueError) as exc:
            log.warning("razorpay unreachable", extra={"call": what, "error": repr(exc)})
            raise GatewayError(_("Could not reach Razorpay. Please try again in a minute.")) from exc

    @property
    def route(self):
        from webdpro.payments.route import RazorpayRoute

        return RazorpayRoute(self)

    def create_order(self, amount_paise, receipt, notes, transfers=None):
        _check_paise(amount_paise)
        data = {"amount": amount_paise, "currency": "INR", "receipt": receipt[:40], "notes": _notes(notes)}
        if transfers:
            data["transfers"] = transfers
        return self._call("order.create", self.client.order.create, data)

    def fetch_payment(self, payment_id):
        return self._call("payment.fetch", self.client.payment.fetch, payment_id)

    def refund(self, payment_id, amount_paise, idempotency_key, notes, reverse_all=False):
        _check_paise(amount_paise)
        data = {"amount": amount_paise, "speed": "normal", "notes": _notes(notes), "receipt": idempotency_key[:40]}
        if reverse_all:
            data["reverse_all"] = 1
        return self._call(
            "payment.refund",
            self.client.payment.refund,
            payment_id,
            data,
            headers={"X-Refund-Idempotency": idempotency_key},
        )

    def create_customer(self, name, contact, notes, email=None):
        data = {"name": name[:50], "contact": contact, "fail_existing": "0", "notes": _notes(notes)}
        if email:
            data["email"] = email
        return self._call("customer.create", self.client.customer.create, data)

    def create_subscription(self, plan_id, customer_id, notes, total_count=120):
        data = {
            "plan_id": plan_id,
            "customer_id": customer_id,
            "total_count": total_count,
            "quantity": 1,
            "customer_notify": 1,
            "notes": _notes(notes),
        }
        return self._call("subscription.create", self.client.subscription.create, data)

    def cancel_subscription(self, subscription_id, notes=None):
        return self._call(
            "subscription.cancel", self.client.subscription.cancel, subscription_id, {"cancel_at_cycle_end": 0}
        )


def _check_paise(amount_paise) -> None:
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int):
        raise TypeError("amounts at the gateway are integer paise")
    if amount_paise < 100:
        raise GatewayError(_("The amount is below Razorpay's minimum of ₹1.00."))


def _notes(notes: dict) -> dict:
    """Razorpay notes: at most 15 string values of up to 256 characters."""
    return {str(k)[:40]: str(v)[:256] for k, v in list((notes or {}).items())[:15] if v is not None}


# --- The sandbox ---------------------------------------------------------------------------------


def _sandbox_secret(purpose: str) -> str:
    return hmac_sha256(settings.SECRET_KEY, f"webdpro-sandbox-{purpose}")


@dataclass
class SandboxEvent:
    body: str
    signature: str
    event_id: str
    name: str = ""


class SandboxGateway(Gateway):
    """SANDBOX — no real money. Ids look like Razorpay's (``order_SBX…``, ``pay_SBX…``); Checkout results
    and webhook bodies are signed with secrets derived from ``DJANGO_SECRET_KEY`` and go through the
    same verification and webhook handler as Razorpay's."""

    mode = "sandbox"
    is_sandbox = True
    key_id = "rzp_sandbox_local"

    def __init__(self, webhook_handler=None):
        """``webhook_handler(body, signature, event_id, gateway=…)`` receives the queued webhooks; by
        default the callable named by ``settings.PAYMENTS_WEBHOOK_HANDLER`` (this adapter does not
        import the handler: the handler sits above it)."""
        self._local = threading.local()
        self._webhook_handler = webhook_handler

    @property
    def _events(self) -> list:
        if not hasattr(self._local, "events"):
            self._local.events = []
        return self._local.events

    def _key_secret(self):
        return _sandbox_secret("key")

    def _webhook_secret(self):
        return _sandbox_secret("webhook")

    @property
    def route(self):
        from webdpro.payments.route import SandboxRoute

        return SandboxRoute(self)

    # Gateway API ------------------------------------------------------------------------------
    def create_order(self, amount_paise, receipt, notes, transfers=None):
        _check_paise(amount_paise)
        order_id = _sandbox_id("order")
        if transfers:
            self.route.order_created(order_id, transfers)
        order = {
            "id": order_id,
            "entity": "order",
            "amount": amount_paise,
            "amount_paid": 0,
            "amount_due": amount_paise,
            "currency": "INR",
            "receipt": receipt[:40],
            "offer_id": None,
            "status": "created",
            "attempts": 0,
            "notes": _notes(notes),
            "created_at": int(time.time()),
        }
        if transfers:
            order["transfers"] = [
                {**{k: v for k, v in t.items() if k != "account"}, "recipient": t["account"], "on_hold_until": None}
                for t in transfers
            ]
        return order

    def fetch_payment(self, payment_id):
        raise GatewayError(_("The sandbox keeps no payments of its own; see the payment record."))

    def refund(self, payment_id, amount_paise, idempotency_key, notes, reverse_all=False):
        _check_paise(amount_paise)
        if reverse_all:
            self.route.reverse_payment_transfers(payment_id)
        refund = {
            "id": "rfnd_SBX" + hmac_sha256(self._key_secret(), idempotency_key)[:14],
            "entity": "refund",
            "amount": amount_paise,
            "currency": "INR",
            "payment_id": payment_id,
            "notes": _notes(notes),
            "receipt": idempotency_key[:40],
            "status": "pending",
            "speed_requested": "normal",
            "created_at": int(time.time()),
        }
        processed = dict(refund, status="processed", speed_processed="normal")
        self.queue(
            "refund.processed",
            {
                "refund": {"entity": processed},
                "payment": {
                    "entity": {
                        "id": payment_id,
                        "entity": "payment",
                        "amount": amount_paise,
                        "currency": "INR",
                        "status": "refunded",
                        "notes": _notes(notes),
                        "amount_refunded": amount_paise,
                    }
                },
            },
        )
        return refund

    def create_customer(self, name, contact, notes, email=None):
        return {
            "id": _sandbox_id("cust"),
            "entity": "customer",
            "name": name,
            "contact": contact,
            "email": email,
            "notes": _notes(notes),
            "created_at": int(time.time()),
        }

    def create_subscription(self, plan_id, customer_id, notes, total_count=120):
        return {
            "id": _sandbox_id("sub"),
            "entity": "subscription",
            "plan_id": plan_id,
            "customer_id": customer_id,
            "status": "created",
            "total_count": total_count,
            "paid_count": 0,
            "quantity": 1,
            "notes": _notes(notes),
            "short_url": "",
            "created_at": int(time.time()),
        }

    def cancel_subscription(self, subscription_id, notes=None):
        cancelled = {
            "id": subscription_id,
            "entity": "subscription",
            "status": "cancelled",
            "notes": _notes(notes or {}),
            "ended_at": int(time.time()),
        }
        self.queue("subscription.cancelled", {"subscription": {"entity": cancelled}})
        return cancelled

    # Sandbox-only helpers ---------------------------------------------------------------------
    def sign_checkout(self, order_id: str, payment_id: str) -> str:
        return checkout_signature(self._key_secret(), order_id, payment_id)

    def sign_subscription(self, payment_id: str, subscription_id: str) -> str:
        return subscription_signature(self._key_secret(), payment_id, subscription_id)

    def new_payment_id(self) -> str:
        return _sandbox_id("pay")

    def queue(self, name: str, payload: dict, account_id: str = "acc_SBXlocal") -> None:
        """Queue a webhook in Razorpay's envelope, signed with the sandbox webhook secret."""
        contains = list(payload)
        body = json.dumps(
            {
                "entity": "event",
                "account_id": account_id,
                "event": name,
                "contains": contains,
                "payload": payload,
                "created_at": int(time.time()),
            },
            separators=(",", ":"),
        )
        self._events.append(
            SandboxEvent(
                body=body, signature=hmac_sha256(self._webhook_secret(), body), event_id=_sandbox_id("evt"), name=name
            )
        )

    @property
    def webhook_handler(self):
        if self._webhook_handler is None:
            self._webhook_handler = import_string(settings.PAYMENTS_WEBHOOK_HANDLER)
        return self._webhook_handler

    def deliver_pending(self) -> None:
        """Post the queued webhooks through the same handler Razorpay's deliveries use."""
        while self._events:
            event = self._events.pop(0)
            result = self.webhook_handler(event.body, event.signature, event.event_id, gateway=self)
            log.info("sandbox webhook", extra={"event": event.name, "outcome": result.outcome})


class DisabledGateway(Gateway):
    """Production without Razorpay keys and without PAYMENTS_SANDBOX: online payments are refused
    (never silently simulated)."""

    mode = "disabled"
    MESSAGE = "Online payments are not set up yet. Please choose cash on delivery or try again later."

    def _refuse(self, *args, **kwargs):
        raise GatewayError(self.MESSAGE)

    create_order = fetch_payment = refund = create_customer = create_subscription = cancel_subscription = _refuse

    def _key_secret(self):
        raise SignatureError(_("Online payments are not set up."))

    def _webhook_secret(self):
        return ""


_sandbox = None
_lock = threading.Lock()


def get_gateway() -> Gateway:
    """Razorpay when keys are configured; else the sandbox where it is allowed (``PAYMENTS_SANDBOX``,
    on by default only with DEBUG or under tests); else a gateway that refuses every payment."""
    global _sandbox
    if settings.RAZORPAY_KEY_ID and settings.RAZORPAY_KEY_SECRET:
        return RazorpayGateway(
            settings.RAZORPAY_KEY_ID,
            settings.RAZORPAY_KEY_SECRET,
            settings.RAZORPAY_WEBHOOK_SECRET,
            timeout=settings.RAZORPAY_TIMEOUT_SECONDS,
        )
    if not getattr(settings, "PAYMENTS_SANDBOX", False):
        return DisabledGateway()
    with _lock:
        if _sandbox is None:
            _sandbox = SandboxGateway()
        return _sandbox
