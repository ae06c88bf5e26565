"""Razorpay Route: linked accounts, their activation, and transfers held until delivery.

One small interface (:class:`Route`) with the real client (:class:`RazorpayRoute`, the ``razorpay`` SDK
with a timeout on every call) and the labelled local one (:class:`SandboxRoute`, "SANDBOX — no real
money", state in the ``webdpro-route-sandbox`` table, Razorpay-shaped signed webhooks through the same
handler). ``get_gateway().route`` picks the one that matches the gateway, so no code path can reach
Razorpay while the sandbox is on.

Calls (amounts in integer paise):

* ``POST /v2/accounts`` (type ``route``) and ``PATCH /v2/accounts/:id`` — the linked account
* ``POST|PATCH /v2/accounts/:id/stakeholders[/:sid]`` — its stakeholder (PAN)
* ``POST /v2/accounts/:id/products`` then ``PATCH /v2/accounts/:id/products/:pid`` with
  ``settlements`` — the Route product configuration with the settlement bank account
* ``PATCH /v1/transfers/:id`` ``{"on_hold": false}`` — release a held transfer
* ``POST /v1/transfers`` — a direct transfer from the platform's balance (online payments WebDPro held
  while the owner had no activated account, once the account is activated and the order delivered)
* ``GET /v1/payments/:id/transfers`` — a payment's transfers (their ids)
* ``GET /v1/transfers?recipient_settlement_id=`` — the transfers one settlement paid out

Bank account numbers and PANs go to Razorpay only: never into a log line, an exception message or a
stored item (the account's last 4 digits are kept).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from webdpro import clock
from webdpro.payments.transport import GatewayError, sandbox_id

log = logging.getLogger("webdpro.payments.route")

# Razorpay's product activation_status values.
ACTIVATED, UNDER_REVIEW, NEEDS_CLARIFICATION, REQUESTED = (
    "activated",
    "under_review",
    "needs_clarification",
    "requested",
)


class Route:
    mode = "abstract"

    def create_account(self, data: dict) -> dict:
        raise NotImplementedError

    def update_account(self, account_id: str, data: dict) -> dict:
        raise NotImplementedError

    def create_stakeholder(self, account_id: str, data: dict) -> dict:
        raise NotImplementedError

    def update_stakeholder(self, account_id: str, stakeholder_id: str, data: dict) -> dict:
        raise NotImplementedError

    def request_product(self, account_id: str) -> dict:
        raise NotImplementedError

    def update_product(self, account_id: str, product_id: str, settlements: dict) -> dict:
        raise NotImplementedError

    def release_transfer(self, transfer_id: str) -> dict:
        raise NotImplementedError

    def direct_transfer(self, account_id: str, amount_paise: int, notes: dict) -> dict:
        raise NotImplementedError

    def payment_transfers(self, payment_id: str) -> list[dict]:
        raise NotImplementedError

    def settlement_transfers(self, settlement_id: str) -> list[dict]:
        raise NotImplementedError

    def tick(self) -> int:
        """The sandbox does the work it owes (activations, settlements); Razorpay does it itself."""
        return 0


class RazorpayRoute(Route):
    mode = "razorpay"

    def __init__(self, gateway):
        self.gateway = gateway
        self.client = gateway.client

    def _call(self, what, fn, *args):
        import razorpay.errors
        import requests

        try:
            return fn(*args, timeout=self.gateway.timeout)
        except razorpay.errors.BadRequestError as exc:
            reason = scrub(str(exc))
            log.warning("razorpay route refused", extra={"call": what, "error": reason})
            raise GatewayError(_("Razorpay refused the request: %(reason)s") % {"reason": reason}) from None
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError) as exc:
            log.warning("razorpay route error", extra={"call": what, "error": scrub(str(exc))})
            raise GatewayError(_("Razorpay is having trouble right now. Please try again in a minute.")) from None
        except (requests.RequestException, ValueError) as exc:
            log.warning("razorpay route unreachable", extra={"call": what, "error": type(exc).__name__})
            raise GatewayError(_("Could not reach Razorpay. Please try again in a minute.")) from None

    def create_account(self, data):
        return self._call("account.create", self.client.account.create, data)

    def update_account(self, account_id, data):
        return self._call("account.edit", self.client.account.edit, account_id, data)

    def create_stakeholder(self, account_id, data):
        return self._call("stakeholder.create", self.client.stakeholder.create, account_id, data)

    def update_stakeholder(self, account_id, stakeholder_id, data):
        return self._call("stakeholder.edit", self.client.stakeholder.edit, account_id, stakeholder_id, data)

    def request_product(self, account_id):
        data = {"product_name": "route", "tnc_accepted": True}
        return self._call("product.request", self.client.product.requestProductConfiguration, account_id, data)

    def update_product(self, account_id, product_id, settlements):
        data = {"settlements": settlements, "tnc_accepted": True}
        return self._call("product.edit", self.client.product.edit, account_id, product_id, data)

    def release_transfer(self, transfer_id):
        return self._call("transfer.edit", self.client.transfer.edit, transfer_id, {"on_hold": False})

    def direct_transfer(self, account_id, amount_paise, notes):
        data = {"account": account_id, "amount": amount_paise, "currency": "INR", "notes": notes}
        return self._call("transfer.create", self.client.transfer.create, data)

    def payment_transfers(self, payment_id):
        return self._call("payment.transfers", self.client.payment.transfers, payment_id).get("items", [])

    def settlement_transfers(self, settlement_id):
        params = {"recipient_settlement_id": settlement_id}
        return self._call("transfer.all", self.client.transfer.all, params).get("items", [])


class DisabledRoute(Route):
    mode = "disabled"

    def _refuse(self, *args, **kwargs):
        raise GatewayError(_("Online payments are not set up yet, so payouts cannot be set up either."))

    create_account = update_account = create_stakeholder = update_stakeholder = _refuse
    request_product = update_product = release_transfer = payment_transfers = settlement_transfers = _refuse
    direct_transfer = _refuse


# --- The sandbox ---------------------------------------------------------------------------------


_SECRETS = re.compile(r"\d{5,}|[A-Za-z]{5}\d{4}[A-Za-z]")


def scrub(text: str) -> str:
    """Hide anything that could be an account number or a PAN in a message from Razorpay."""
    return _SECRETS.sub("…", text or "")[:300]


def _now_ts() -> int:
    return int(clock.now().timestamp())


class SandboxRoute(Route):
    """SANDBOX — no real money. Linked accounts are activated ``ROUTE_SANDBOX_ACTIVATION_SECONDS``
    after the bank account is submitted — or need clarification when the account number ends in 0000 —
    and released transfers are settled ``ROUTE_SANDBOX_SETTLEMENT_SECONDS`` later, by :meth:`tick`."""

    mode = "sandbox"

    def __init__(self, gateway):
        self.gateway = gateway

    # Storage ------------------------------------------------------------------------------------
    @staticmethod
    def _get(pk: str, sk: str) -> dict | None:
        from webdpro.db import RouteSandboxItem, get_or_none

        item = get_or_none(RouteSandboxItem, pk, sk, consistent_read=True)
        return json.loads(item.data) if item else None

    @staticmethod
    def _put(pk: str, sk: str, data: dict) -> None:
        from webdpro.db import RouteSandboxItem

        RouteSandboxItem(pk, sk, data=json.dumps(data, separators=(",", ":"))).save()

    @staticmethod
    def _due(seconds: int, what: str, data: dict) -> None:
        at = clock.iso(clock.now() + timedelta(seconds=seconds))
        SandboxRoute._put("DUE", f"{at}#{what}", data)

    def _account(self, account_id: str) -> dict:
        account = self._get(f"ACC#{account_id}", "ACC")
        if account is None:
            raise GatewayError(_("The requested linked account does not exist."))
        return account

    # Accounts -----------------------------------------------------------------------------------
    def create_account(self, data):
        account = {
            "id": sandbox_id("acc"),
            "type": "route",
            "status": "created",
            "email": data.get("email"),
            "phone": data.get("phone"),
            "reference_id": data.get("reference_id"),
            "legal_business_name": data.get("legal_business_name"),
            "business_type": data.get("business_type"),
            "contact_name": data.get("contact_name"),
            "customer_facing_business_name": data.get("legal_business_name"),
            "profile": data.get("profile", {}),
            "notes": [],
            "created_at": _now_ts(),
        }
        self._put(f"ACC#{account['id']}", "ACC", account)
        return account

    def update_account(self, account_id, data):
        account = self._account(account_id)
        account.update({k: v for k, v in data.items() if k not in ("id", "type", "legal_info")})
        self._put(f"ACC#{account_id}", "ACC", account)
        return account

    def create_stakeholder(self, account_id, data):
        account = self._account(account_id)
        stakeholder = {"entity": "stakeholder", "id": sandbox_id("sth"), "name": data.get("name")}
        account["stakeholder_id"] = stakeholder["id"]
        self._put(f"ACC#{account_id}", "ACC", account)
        return stakeholder

    def update_stakeholder(self, account_id, stakeholder_id, data):
        self._account(account_id)
        return {"entity": "stakeholder", "id": stakeholder_id, "name": data.get("name")}

    def _product(self, account: dict) -> dict:
        return {
            "id": account["product_id"],
            "account_id": account["id"],
            "product_name": "route",
            "activation_status": account.get("activation_status", REQUESTED),
            "requested_configuration": {},
            "active_configuration": {"settlements": account.get("settlements") or {}},
            "requirements": account.get("requirements", []),
            "tnc": {"accepted": True, "accepted_at": account.get("requested_at")},
            "requested_at": account.get("requested_at"),
        }

    def request_product(self, account_id):
        account = self._account(account_id)
        account.setdefault("product_id", sandbox_id("acc_prd"))
        account["activation_status"] = NEEDS_CLARIFICATION
        account["requirements"] = [
            {"field_reference": f"settlements.{name}", "reason_code": "field_missing", "status": "required"}
            for name in ("account_number", "ifsc_code", "beneficiary_name")
        ]
        account["requested_at"] = _now_ts()
        self._put(f"ACC#{account_id}", "ACC", account)
        return self._product(account)

    def update_product(self, account_id, product_id, settlements):
        account = self._account(account_id)
        number = str(settlements.get("account_number", ""))
        account["settlements"] = {
            "account_number": "XXXX" + number[-4:],
            "ifsc_code": settlements.get("ifsc_code"),
            "beneficiary_name": settlements.get("beneficiary_name"),
        }
        account["activation_status"] = UNDER_REVIEW
        account["requirements"] = []
        account["outcome"] = NEEDS_CLARIFICATION if number.endswith("0000") else ACTIVATED
        self._put(f"ACC#{account_id}", "ACC", account)
        self._due(settings.ROUTE_SANDBOX_ACTIVATION_SECONDS, f"activate#{account_id}", {"account_id": account_id})
        self._queue_product_event(account)
        return self._product(account)

    def _queue_product_event(self, account: dict) -> None:
        status = account["activation_status"]
        data = {"requirements": account.get("requirements", [])} if status == NEEDS_CLARIFICATION else []
        self.gateway.queue(
            f"product.route.{status}",
            {
                "merchant_product": {
                    "entity": {
                        "id": account["product_id"],
                        "merchant_id": account["id"],
                        "activation_status": status,
                    },
                    "data": data,
                }
            },
            account_id=account["id"],
        )

    def _activate(self, account_id: str) -> None:
        account = self._account(account_id)
        if account.get("activation_status") != UNDER_REVIEW:
            return
        account["activation_status"] = account.get("outcome", ACTIVATED)
        if account["activation_status"] == NEEDS_CLARIFICATION:
            account["requirements"] = [
                {
                    "field_reference": "settlements.account_number",
                    "resolution_url": f"/accounts/{account_id}/products/{account['product_id']}",
                    "reason_code": "invalid_bank_account",
                    "status": "required",
                }
            ]
        self._put(f"ACC#{account_id}", "ACC", account)
        self._queue_product_event(account)

    # Transfers ----------------------------------------------------------------------------------
    def order_created(self, razorpay_order_id: str, transfers: list[dict]) -> None:
        """Remember an order's transfers; they are created when its payment is captured."""
        self._put(f"ORD#{razorpay_order_id}", "ORD", {"transfers": transfers})

    def payment_captured(self, razorpay_order_id: str, payment_id: str) -> None:
        """What Razorpay does on capture: create the order's transfers (on hold) and report them."""
        order = self._get(f"ORD#{razorpay_order_id}", "ORD")
        if not order:
            return
        ids = []
        for spec in order["transfers"]:
            transfer = {
                "id": sandbox_id("trf"),
                "entity": "transfer",
                "status": "processed",
                "source": payment_id,
                "recipient": spec["account"],
                "amount": spec["amount"],
                "currency": "INR",
                "amount_reversed": 0,
                "notes": spec.get("notes", {}),
                "linked_account_notes": spec.get("linked_account_notes", []),
                "on_hold": bool(spec.get("on_hold")),
                "on_hold_until": None,
                "recipient_settlement_id": None,
                "created_at": _now_ts(),
                "processed_at": _now_ts(),
            }
            self._put(f"TRF#{transfer['id']}", "TRF", transfer)
            ids.append(transfer["id"])
            self.gateway.queue("transfer.processed", {"transfer": {"entity": transfer}})
        self._put(f"PAY#{payment_id}", "PAY", {"transfers": ids})

    def _transfer(self, transfer_id: str) -> dict:
        transfer = self._get(f"TRF#{transfer_id}", "TRF")
        if transfer is None:
            raise GatewayError(_("The requested transfer does not exist."))
        return transfer

    def release_transfer(self, transfer_id):
        transfer = self._transfer(transfer_id)
        if transfer["on_hold"]:
            transfer["on_hold"] = False
            self._put(f"TRF#{transfer_id}", "TRF", transfer)
            self._due(settings.ROUTE_SANDBOX_SETTLEMENT_SECONDS, f"settle#{transfer_id}", {"transfer_id": transfer_id})
        return transfer

    def direct_transfer(self, account_id, amount_paise, notes):
        """From the platform's balance, not on hold: settled after ROUTE_SANDBOX_SETTLEMENT_SECONDS."""
        self._account(account_id)
        transfer = {
            "id": sandbox_id("trf"),
            "entity": "transfer",
            "status": "processed",
            "source": "acc_SBXlocal",
            "recipient": account_id,
            "amount": amount_paise,
            "currency": "INR",
            "amount_reversed": 0,
            "notes": notes,
            "fees": 0,
            "tax": 0,
            "on_hold": False,
            "on_hold_until": None,
            "recipient_settlement_id": None,
            "created_at": _now_ts(),
            "linked_account_notes": [],
            "processed_at": _now_ts(),
        }
        self._put(f"TRF#{transfer['id']}", "TRF", transfer)
        self._due(
            settings.ROUTE_SANDBOX_SETTLEMENT_SECONDS, f"settle#{transfer['id']}", {"transfer_id": transfer["id"]}
        )
        self.gateway.queue("transfer.processed", {"transfer": {"entity": transfer}})
        return transfer

    def payment_transfers(self, payment_id):
        ids = (self._get(f"PAY#{payment_id}", "PAY") or {}).get("transfers", [])
        return [self._transfer(i) for i in ids]

    def reverse_payment_transfers(self, payment_id: str) -> None:
        """A refund with ``reverse_all``: every transfer of the payment is reversed in full."""
        for transfer in self.payment_transfers(payment_id):
            transfer["amount_reversed"] = transfer["amount"]
            self._put(f"TRF#{transfer['id']}", "TRF", transfer)

    def settlement_transfers(self, settlement_id):
        from webdpro.db import RouteSandboxItem

        items = RouteSandboxItem.query(f"SETL#{settlement_id}", consistent_read=True)
        return [self._transfer(item.sk.removeprefix("TRF#")) for item in items]

    def _settle(self, transfer_ids: list[str]) -> None:
        by_account: dict[str, list[dict]] = {}
        for transfer_id in transfer_ids:
            transfer = self._transfer(transfer_id)
            if transfer["recipient_settlement_id"] or transfer["amount_reversed"] or transfer["on_hold"]:
                continue
            by_account.setdefault(transfer["recipient"], []).append(transfer)
        for account_id, transfers in by_account.items():
            settlement = {
                "id": sandbox_id("setl"),
                "entity": "settlement",
                "amount": sum(t["amount"] for t in transfers),
                "status": "processed",
                "fees": 0,
                "tax": 0,
                "utr": "SBX" + sandbox_id("utr")[-12:],
                "created_at": _now_ts(),
            }
            for transfer in transfers:
                transfer["recipient_settlement_id"] = settlement["id"]
                self._put(f"TRF#{transfer['id']}", "TRF", transfer)
                self._put(f"SETL#{settlement['id']}", f"TRF#{transfer['id']}", {})
            self.gateway.queue("settlement.processed", {"settlement": {"entity": settlement}}, account_id=account_id)

    def tick(self, everything: bool = False) -> int:
        """Do what is due (``everything``: all that is planned, e.g. for demo data): activate accounts
        under review, settle released transfers; deliver the webhooks."""
        from webdpro.db import RouteSandboxItem

        until = "~" if everything else clock.now_iso() + "~"
        due = list(RouteSandboxItem.query("DUE", RouteSandboxItem.sk <= until, consistent_read=True))
        settle = []
        for item in due:
            data = json.loads(item.data)
            if "account_id" in data:
                self._activate(data["account_id"])
            else:
                settle.append(data["transfer_id"])
            item.delete()
        if settle:
            self._settle(settle)
        self.gateway.deliver_pending()
        return len(due)
