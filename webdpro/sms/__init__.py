"""Outgoing SMS behind one small interface. ``SMS_BACKEND`` picks the implementation:

- ``file``    (local default) appends ``{"to", "body", "at"}`` JSON lines to ``SMS_OUTBOX``;
- ``console`` prints the message (LOCAL ONLY: nothing is delivered);
- ``memory``  keeps messages in :data:`outbox` (LOCAL ONLY: tests);
- ``sns``     sends through Amazon SNS ``publish`` (production).

:func:`send_message` picks SMS or WhatsApp (:mod:`webdpro.sms.whatsapp`, same shape) per message.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from django.conf import settings

from webdpro import clock

log = logging.getLogger(__name__)
outbox: list[dict] = []  # the memory backend's messages
_lock = threading.Lock()


class SmsError(Exception):
    pass


class FileBackend:
    label = "local file outbox (not delivered)"

    def __init__(self, path: Path | None = None):
        self.path = Path(path or settings.SMS_OUTBOX)

    def send(self, to: str, body: str) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        message = {"to": to, "body": body, "at": clock.now_iso()}
        with _lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(message, ensure_ascii=False) + "\n")
        return "file"

    def messages(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]


class ConsoleBackend:
    label = "console (not delivered)"

    def send(self, to: str, body: str) -> str:
        print(f"[SMS to {to}] {body}", flush=True)
        return "console"


class MemoryBackend:
    label = "memory (tests, not delivered)"

    def send(self, to: str, body: str) -> str:
        with _lock:
            outbox.append({"to": to, "body": body, "at": clock.now_iso()})
        return "memory"


class SnsBackend:
    """Amazon SNS direct-to-phone SMS (transactional)."""

    label = "Amazon SNS"

    def __init__(self, client=None):
        if client is None:
            import boto3

            client = boto3.client("sns", region_name=settings.AWS_REGION)
        self.client = client

    def send(self, to: str, body: str) -> str:
        try:
            response = self.client.publish(
                PhoneNumber=to,
                Message=body,
                MessageAttributes={
                    "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                    "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": settings.SMS_SENDER_ID},
                },
            )
        except Exception as exc:  # botocore ClientError / connection errors
            raise SmsError(f"SMS to {to} failed: {exc}") from exc
        return response["MessageId"]


BACKENDS = {"file": FileBackend, "console": ConsoleBackend, "memory": MemoryBackend, "sns": SnsBackend}


def get_backend():
    name = settings.SMS_BACKEND
    try:
        return BACKENDS[name]()
    except KeyError as exc:
        raise SmsError(f"unknown SMS_BACKEND {name!r}; choose one of {sorted(BACKENDS)}") from exc


def send_sms(to: str, body: str) -> str:
    """Send one SMS to an E.164 number; returns the backend's message id."""
    message_id = get_backend().send(to, body)
    log.info("sms sent", extra={"to": to[:-4] + "XXXX", "backend": settings.SMS_BACKEND})
    return message_id


SMS, WHATSAPP = "sms", "whatsapp"
CHANNELS = (SMS, WHATSAPP)


def send_message(to: str, body: str, *, channel: str = SMS, template: str = "order_update") -> str:
    """One message by SMS or by WhatsApp (a template message carrying ``body``); returns the message id."""
    if channel == WHATSAPP:
        from webdpro.sms import whatsapp

        message_id = whatsapp.get_backend().send(to, body, template)
        log.info("whatsapp sent", extra={"to": to[:-4] + "XXXX", "backend": settings.WHATSAPP_BACKEND})
        return message_id
    return send_sms(to, body)
