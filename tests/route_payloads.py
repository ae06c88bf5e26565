"""Razorpay Route's documented request/response bodies and webhook payloads (razorpay.com/docs/api/
payments/route, razorpay.com/docs/webhooks/route), with ids filled in by the tests."""

import json

from tests.razorpay_payloads import sign

ACCOUNT_ID = "acc_GRWKk7qQsLnDjX"
STAKEHOLDER_ID = "sth_GLGgm8fFCKc92m"
PRODUCT_ID = "acc_prd_HEgNpywUFctQ9e"
TRANSFER_ID = "trf_E9uhYLFLLZ2pks"
SETTLEMENT_ID = "setl_DHYJ3dRPqQkAgV"

# A complete, valid "Get paid" form (PAN and GSTIN from Razorpay's examples: GSTIN check digit M is right).
FORM = {
    "legal_business_name": "Acme Corp",
    "business_type": "partnership",
    "category": "groceries",
    "contact_name": "Gaurav Kumar",
    "email": "gaurav.kumar@example.com",
    "phone": "9000090000",
    "pan": "AAACL1234C",
    "gstin": "18AABCU9603R1ZM",
    "street": "507, Koramangala 1st block",
    "city": "Bengaluru",
    "state": "Karnataka",
    "postal_code": "560034",
    "beneficiary_name": "Gaurav Kumar",
    "ifsc": "HDFC0000317",
    "account_number": "1234567890123456",
}


def account_response(account_id=ACCOUNT_ID, reference_id="124124"):
    return {
        "id": account_id,
        "type": "route",
        "status": "created",
        "email": "gaurav.kumar@example.com",
        "profile": {
            "category": "ecommerce",
            "subcategory": "groceries",
            "addresses": {
                "registered": {
                    "street1": "507, Koramangala 1st block",
                    "street2": "Bengaluru",
                    "city": "Bengaluru",
                    "state": "KARNATAKA",
                    "postal_code": "560034",
                    "country": "IN",
                }
            },
        },
        "notes": [],
        "created_at": 1611136837,
        "phone": "9000090000",
        "contact_name": "Gaurav Kumar",
        "reference_id": reference_id,
        "business_type": "partnership",
        "legal_business_name": "Acme Corp",
        "customer_facing_business_name": "Acme Corp",
        "legal_info": {"pan": "AAACL1234C", "gst": "18AABCU9603R1ZM"},
    }


def stakeholder_response(stakeholder_id=STAKEHOLDER_ID):
    return {
        "entity": "stakeholder",
        "relationship": {"director": True},
        "phone": {"primary": "9000090000", "secondary": "9000090000"},
        "notes": [],
        "kyc": {"pan": "AVOPB1111K"},
        "id": stakeholder_id,
        "name": "Gaurav Kumar",
        "email": "gaurav.kumar@example.com",
        "percentage_ownership": 10,
    }


def product_response(status="needs_clarification", requirements=None, settlements=None):
    return {
        "requested_configuration": {},
        "active_configuration": {
            "settlements": settlements or {"account_number": None, "ifsc_code": None, "beneficiary_name": None}
        },
        "requirements": requirements if requirements is not None else [],
        "tnc": {"id": "tnc_IgohZaDBHRGjPv", "accepted": True, "accepted_at": 1641550798},
        "id": PRODUCT_ID,
        "account_id": ACCOUNT_ID,
        "product_name": "route",
        "activation_status": status,
        "requested_at": 1605181524,
    }


def transfer_entity(transfer_id=TRANSFER_ID, source="pay_E8JR8E0XyjUSZd", amount=47040, notes=None, **extra):
    entity = {
        "id": transfer_id,
        "entity": "transfer",
        "status": "processed",
        "source": source,
        "recipient": ACCOUNT_ID,
        "amount": amount,
        "currency": "INR",
        "amount_reversed": 0,
        "notes": notes or {},
        "linked_account_notes": ["order_id"],
        "on_hold": True,
        "on_hold_until": None,
        "recipient_settlement_id": None,
        "created_at": 1580218356,
        "processed_at": 1580218357,
    }
    entity.update(extra)
    return entity


def settlement_entity(settlement_id=SETTLEMENT_ID, amount=47040, created_at=1568349124):
    return {
        "id": settlement_id,
        "entity": "settlement",
        "amount": amount,
        "status": "processed",
        "fees": 0,
        "tax": 0,
        "utr": "CN0038699836",
        "created_at": created_at,
    }


def event(name, payload, account_id="acc_CJoeHMNpi0nC7k", created_at=1580218357):
    body = json.dumps(
        {
            "entity": "event",
            "account_id": account_id,
            "event": name,
            "contains": list(payload),
            "payload": payload,
            "created_at": created_at,
        }
    )
    return body, sign(body)


def product_event(status, account_id=ACCOUNT_ID, requirements=None, created_at=1649674594):
    data = {"requirements": requirements or []} if status == "needs_clarification" else []
    return event(
        f"product.route.{status}",
        {
            "merchant_product": {
                "entity": {"id": PRODUCT_ID, "merchant_id": account_id, "activation_status": status},
                "data": data,
            }
        },
        account_id=account_id,
        created_at=created_at,
    )
