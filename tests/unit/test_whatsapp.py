"""WhatsApp Business Cloud API template messages: the real client at its HTTP boundary (responses)."""

import json

import pytest
import responses

from webdpro.sms import whatsapp

URL = "https://graph.facebook.com/v21.0/1234567890/messages"


@pytest.fixture
def cloud(settings):
    settings.WHATSAPP_BACKEND = "cloud"
    settings.WHATSAPP_API_URL = "https://graph.facebook.com/v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = "1234567890"
    settings.WHATSAPP_ACCESS_TOKEN = "test-token"
    settings.WHATSAPP_TEMPLATE_LANGUAGE = "en"
    return whatsapp.get_backend()


@responses.activate
def test_template_message_payload_and_message_id(cloud):
    responses.post(
        URL,
        json={
            "messaging_product": "whatsapp",
            "contacts": [{"input": "919876543210", "wa_id": "919876543210"}],
            "messages": [{"id": "wamid.HBgLOTE5ODc2NTQzMjEwFQIAERgSQjA"}],
        },
    )
    message_id = cloud.send("+919876543210", "Shop: new order #7K3M9QXA", "new_order_alert")
    assert message_id == "wamid.HBgLOTE5ODc2NTQzMjEwFQIAERgSQjA"
    (call,) = responses.calls
    assert call.request.headers["Authorization"] == "Bearer test-token"
    assert json.loads(call.request.body) == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "919876543210",
        "type": "template",
        "template": {
            "name": "new_order_alert",
            "language": {"code": "en"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "Shop: new order #7K3M9QXA"}]}],
        },
    }


@responses.activate
def test_api_error_is_raised_with_meta_message(cloud):
    responses.post(
        URL,
        status=400,
        json={"error": {"message": "(#132001) Template name does not exist in the translation", "code": 132001}},
    )
    with pytest.raises(whatsapp.WhatsAppError, match="Template name does not exist"):
        cloud.send("+919876543210", "hello", "order_update")


def test_cloud_needs_its_settings(settings):
    settings.WHATSAPP_BACKEND = "cloud"
    settings.WHATSAPP_PHONE_NUMBER_ID = ""
    with pytest.raises(whatsapp.WhatsAppError, match="WHATSAPP_PHONE_NUMBER_ID"):
        whatsapp.get_backend()


def test_file_outbox(tmp_path, settings):
    settings.WHATSAPP_OUTBOX = tmp_path / "wa.jsonl"
    whatsapp.FileBackend().send("+919876543210", "hello", "order_update")
    line = json.loads((tmp_path / "wa.jsonl").read_text())
    assert line["to"] == "+919876543210" and line["template"] == "order_update" and line["body"] == "hello"
