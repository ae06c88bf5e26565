"""Razorpay's documented webhook payloads and response bodies (docs: razorpay.com/docs/webhooks/payloads),
with ids and amounts filled in by the tests, plus HMAC-SHA256 signing computed here with hmac/hashlib
(independently of the code under test)."""

import hashlib
import hmac
import json

KEY_ID = "rzp_test_1DP5mmOlF5G5ag"
KEY_SECRET = "thisisasupersecret"
WEBHOOK_SECRET = "whsec_test_8f0c4f9a"
RAZORPAY_SETTINGS = {
    "RAZORPAY_KEY_ID": KEY_ID,
    "RAZORPAY_KEY_SECRET": KEY_SECRET,
    "RAZORPAY_WEBHOOK_SECRET": WEBHOOK_SECRET,
    "RAZORPAY_PLAN_PRO": "plan_00000000000001",
    "RAZORPAY_PLAN_ENTERPRISE": "plan_00000000000002",
}


def sign(body: str, secret: str = WEBHOOK_SECRET) -> str:
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


def checkout_signature(order_id: str, payment_id: str, secret: str = KEY_SECRET) -> str:
    return hmac.new(secret.encode(), f"{order_id}|{payment_id}".encode(), hashlib.sha256).hexdigest()


def order_response(order_id, amount, receipt, notes):
    return {
        "id": order_id,
        "entity": "order",
        "amount": amount,
        "amount_paid": 0,
        "amount_due": amount,
        "currency": "INR",
        "receipt": receipt,
        "offer_id": None,
        "status": "created",
        "attempts": 0,
        "notes": notes,
        "created_at": 1582628071,
    }


def payment_entity(payment_id, order_id, amount, status="captured", method="upi", notes=None):
    failed = status == "failed"
    return {
        "id": payment_id,
        "entity": "payment",
        "amount": amount,
        "currency": "INR",
        "base_amount": amount,
        "status": status,
        "order_id": order_id,
        "invoice_id": None,
        "international": False,
        "method": method,
        "amount_refunded": 0,
        "amount_transferred": 0,
        "refund_status": None,
        "captured": status == "captured",
        "description": None,
        "card_id": None,
        "bank": None,
        "wallet": None,
        "vpa": "gaurav.kumar@exampleupi" if method == "upi" else None,
        "email": "gaurav.kumar@example.com",
        "contact": "+919876543210",
        "notes": notes if notes is not None else [],
        "fee": None if failed else 2,
        "tax": None if failed else 0,
        "error_code": "BAD_REQUEST_ERROR" if failed else None,
        "error_description": "Payment failed due to incorrect UPI PIN" if failed else None,
        "error_source": "customer" if failed else None,
        "error_step": "payment_authorization" if failed else None,
        "error_reason": "incorrect_pin" if failed else None,
        "acquirer_data": {"rrn": "025406137548"} if not failed else {},
        "created_at": 1567674599,
    }


def event(name, payload, created_at=1567674606):
    return json.dumps(
        {
            "entity": "event",
            "account_id": "acc_BFQ7uQEaa7j2z7",
            "event": name,
            "contains": list(payload),
            "payload": payload,
            "created_at": created_at,
        }
    )


def payment_captured(payment_id, order_id, amount, **kw):
    return event("payment.captured", {"payment": {"entity": payment_entity(payment_id, order_id, amount, **kw)}})


def payment_failed(payment_id, order_id, amount, **kw):
    return event(
        "payment.failed", {"payment": {"entity": payment_entity(payment_id, order_id, amount, status="failed", **kw)}}
    )


def order_paid(payment_id, order_id, amount, receipt, notes=None):
    order = order_response(order_id, amount, receipt, notes or [])
    order.update(amount_paid=amount, amount_due=0, status="paid", attempts=1)
    return event(
        "order.paid",
        {"payment": {"entity": payment_entity(payment_id, order_id, amount, notes=notes)}, "order": {"entity": order}},
    )


def refund_entity(refund_id, payment_id, amount, status="processed", notes=None):
    return {
        "id": refund_id,
        "entity": "refund",
        "amount": amount,
        "currency": "INR",
        "payment_id": payment_id,
        "notes": notes if notes is not None else [],
        "receipt": None,
        "acquirer_data": {"arn": "10000000000000"},
        "created_at": 1600856650,
        "batch_id": None,
        "status": status,
        "speed_processed": "normal",
        "speed_requested": "normal",
    }


def refund_processed(refund_id, payment_id, order_id, amount, notes=None):
    payment = payment_entity(payment_id, order_id, amount, notes=notes)
    payment.update(status="refunded", amount_refunded=amount, refund_status="full")
    return event(
        "refund.processed",
        {
            "refund": {"entity": refund_entity(refund_id, payment_id, amount, notes=notes)},
            "payment": {"entity": payment},
        },
    )


def subscription_entity(sub_id, plan_id, customer_id, status, notes):
    return {
        "id": sub_id,
        "entity": "subscription",
        "plan_id": plan_id,
        "customer_id": customer_id,
        "status": status,
        "current_start": 1580453311,
        "current_end": 1583020200,
        "ended_at": None,
        "quantity": 1,
        "notes": notes,
        "charge_at": 1583020200,
        "start_at": 1580453311,
        "end_at": 1611081000,
        "auth_attempts": 0,
        "total_count": 120,
        "paid_count": 1,
        "customer_notify": True,
        "created_at": 1580453264,
        "expire_by": None,
        "short_url": None,
        "has_scheduled_changes": False,
        "change_scheduled_at": None,
        "source": "api",
        "offer_id": None,
        "remaining_count": 119,
    }


def subscription_event(name, sub, payment=None):
    payload = {"subscription": {"entity": sub}}
    if payment:
        payload["payment"] = {"entity": payment}
    return event(name, payload)
