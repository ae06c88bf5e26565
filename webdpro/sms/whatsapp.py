"""WhatsApp messages through the WhatsApp Business Cloud API's template messages, behind the same small
interface as SMS (``send(to, body) → message id``). ``WHATSAPP_BACKEND`` picks the implementation:

- ``file``   (local default) appends ``{"to", "template", "body", "at"}`` JSON lines to ``WHATSAPP_OUTBOX``
  (LOCAL ONLY: nothing is delivered);
- ``memory`` keeps messages in :data:`outbox` (LOCAL ONLY: tests);
- ``cloud``  POSTs a template message to ``{WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages``.

Business-initiated WhatsApp messages must use a pre-approved template. WebDPro uses two, each with one
body variable ``{{1}}`` that carries the same text as the SMS: ``order_update`` (to customers) and
``new_order_alert`` (to owners). Create them in WhatsApp Manager before switching to ``cloud``.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import requests
from django.conf import settings

from webdpro import clock

outbox: list[dict] = []
_lock = threading.Lock()
TIMEOUT_SECONDS = 10
MAX_PARAMETER = 1024  # WhatsApp's limit for one body variable


class WhatsAppError(Exception):
    pass


def wa_number(e164: str) -> str:
    """'+919876543210' → '919876543210' (the Cloud API takes digits with the country code)."""
    return re.sub(r"\D", "", e164 or "")


def payload(to: str, template: str, body: str, language: str | None = None) -> dict:
    """The Cloud API request body for a template message with one text variable."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": wa_number(to),
        "type": "template",
        "template": {
            "name": template,
            "language": {"code": language or settings.WHATSAPP_TEMPLATE_LANGUAGE},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": body[:MAX_PARAMETER]}]}],
        },
    }


class FileBackend:
    label = "local WhatsApp outbox (not delivered)"

    def __init__(self, path: Path | None = None):
        self.path = Path(path or settings.WHATSAPP_OUTBOX)

    def send(self, to: str, body: str, template: str = "order_update") -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = {"to": to, "template": template, "body": body, "at": clock.now_iso()}
        with _lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "file"


class MemoryBackend:
    label = "memory (tests, not delivered)"

    def send(self, to: str, body: str, template: str = "order_update") -> str:
        with _lock:
            outbox.append({"to": to, "template": template, "body": body, "at": clock.now_iso()})
        return "memory"


class CloudBackend:
    """Meta's WhatsApp Business Cloud API (graph.facebook.com)."""

    label = "WhatsApp Business Cloud API"

    def __init__(self, session=None):
        if not settings.WHATSAPP_PHONE_NUMBER_ID or not settings.WHATSAPP_ACCESS_TOKEN:
            raise WhatsAppError("WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN must be set for WhatsApp")
        self.session = session or requests.Session()
        self.url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"

    def send(self, to: str, body: str, template: str = "order_update") -> str:
        try:
            response = self.session.post(
                self.url,
                json=payload(to, template, body),
                headers={"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"},
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise WhatsAppError(f"WhatsApp to {to[:-4]}XXXX failed: {exc.__class__.__name__}") from exc
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code >= 400 or not data.get("messages"):
            error = (data.get("error") or {}).get("message") or f"HTTP {response.status_code}"
            raise WhatsAppError(f"WhatsApp to {to[:-4]}XXXX failed: {error}")
        return data["messages"][0]["id"]


BACKENDS = {"file": FileBackend, "memory": MemoryBackend, "cloud": CloudBackend}


def get_backend():
    name = settings.WHATSAPP_BACKEND
    try:
        return BACKENDS[name]()
    except KeyError as exc:
        raise WhatsAppError(f"unknown WHATSAPP_BACKEND {name!r}; choose one of {sorted(BACKENDS)}") from exc
