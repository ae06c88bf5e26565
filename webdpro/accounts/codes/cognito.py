"""Amazon Cognito sign-in backend (``AUTH_BACKEND=cognito``), boto3 ``cognito-idp``.

Two flows, chosen by ``COGNITO_AUTH_FLOW``:

- ``CUSTOM_AUTH`` (default): ``InitiateAuth`` starts the pool's custom challenge; the pool's
  Define/Create/Verify-auth-challenge Lambda triggers create the code and text it to the phone;
  ``RespondToAuthChallenge`` with ``ANSWER`` checks it.
- ``USER_AUTH`` with ``PREFERRED_CHALLENGE=SMS_OTP``: Cognito's own passwordless SMS code (choice-based
  sign-in, Essentials tier); ``RespondToAuthChallenge`` with ``SMS_OTP_CODE``.

A phone that Cognito does not know yet (a new sign-up, or a user created locally by
``create_superadmin``) is created with ``AdminCreateUser`` (no invitation message) and the flow retried.
On success ``GetUser`` with the access token gives the ``sub``, which WebDPro stores on
``User.cognito_sub``. WebDPro's own rate limits and five-try lock still apply in front of Cognito.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from webdpro.accounts.codes.base import Checked, Prepared
from webdpro.accounts.errors import CodeNotSent
from webdpro.errors import DomainError

log = logging.getLogger(__name__)

FLOWS = {
    # flow → (challenge name Cognito answers with, the ChallengeResponses key for the code)
    "CUSTOM_AUTH": ("CUSTOM_CHALLENGE", "ANSWER"),
    "USER_AUTH": ("SMS_OTP", "SMS_OTP_CODE"),
}
FLOW_ENDED = {"NotAuthorizedException", "ExpiredCodeException"}  # session expired or too many answers
WRONG_ANSWER = {"CodeMismatchException"}


class CognitoUnavailable(DomainError):
    status_code = 503


def make_client():
    import boto3
    from botocore.config import Config

    return boto3.client(
        "cognito-idp",
        region_name=settings.AWS_REGION,
        config=Config(connect_timeout=3, read_timeout=5, retries={"max_attempts": 2}),
    )


def secret_hash(username: str, client_id: str, client_secret: str) -> str:
    """SECRET_HASH for app clients with a secret: Base64(HMAC-SHA256(secret, username + client id))."""
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _error_code(exc: ClientError) -> str:
    return exc.response.get("Error", {}).get("Code", "")


class CognitoCodes:
    name = "cognito"

    def __init__(self, client=None, user_pool_id=None, client_id=None, client_secret=None, flow=None):
        self.user_pool_id = user_pool_id or settings.COGNITO_USER_POOL_ID
        self.client_id = client_id or settings.COGNITO_CLIENT_ID
        self.client_secret = client_secret if client_secret is not None else settings.COGNITO_CLIENT_SECRET
        self.flow = flow or settings.COGNITO_AUTH_FLOW
        if not self.user_pool_id or not self.client_id:
            raise ImproperlyConfigured("AUTH_BACKEND=cognito needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID")
        if self.flow not in FLOWS:
            raise ImproperlyConfigured(f"COGNITO_AUTH_FLOW must be one of {sorted(FLOWS)}, not {self.flow!r}")
        self.challenge_name, self.answer_key = FLOWS[self.flow]
        self.client = client or make_client()

    # -- helpers --------------------------------------------------------------------------------
    def _with_secret(self, params: dict, phone: str) -> dict:
        if self.client_secret:
            params["SECRET_HASH"] = secret_hash(phone, self.client_id, self.client_secret)
        return params

    def _initiate(self, phone: str) -> dict:
        params = {"USERNAME": phone}
        if self.flow == "USER_AUTH":
            params["PREFERRED_CHALLENGE"] = "SMS_OTP"
        return self.client.initiate_auth(
            AuthFlow=self.flow, ClientId=self.client_id, AuthParameters=self._with_secret(params, phone)
        )

    def create_user(self, phone: str) -> str | None:
        """AdminCreateUser without an invitation. The number counts as verified because the only way
        to finish signing in is to answer the code sent to it. Returns the new user's sub."""
        response = self.client.admin_create_user(
            UserPoolId=self.user_pool_id,
            Username=phone,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "phone_number", "Value": phone},
                {"Name": "phone_number_verified", "Value": "true"},
            ],
        )
        attributes = response.get("User", {}).get("Attributes", [])
        return next((a["Value"] for a in attributes if a["Name"] == "sub"), None)

    # -- the interface --------------------------------------------------------------------------
    def prepare(self, phone: str) -> Prepared:
        return Prepared()

    def deliver(self, phone: str, prepared: Prepared) -> dict:
        try:
            try:
                response = self._initiate(phone)
            except ClientError as exc:
                if _error_code(exc) != "UserNotFoundException":
                    raise
                self.create_user(phone)
                response = self._initiate(phone)
        except ClientError as exc:
            log.warning("cognito initiate_auth failed", extra={"code": _error_code(exc)})
            if _error_code(exc) in {"TooManyRequestsException", "LimitExceededException"}:
                raise CodeNotSent(
                    _("Too many sign-in requests right now. Please wait a minute and try again.")
                ) from exc
            raise CodeNotSent(_("We couldn't send your code just now. Please try again in a minute.")) from exc
        except BotoCoreError as exc:
            raise CodeNotSent(_("We couldn't reach the sign-in service. Please try again in a minute.")) from exc
        if response.get("ChallengeName") != self.challenge_name or not response.get("Session"):
            log.error("cognito returned an unexpected challenge", extra={"challenge": response.get("ChallengeName")})
            raise CodeNotSent(_("The sign-in service is not set up for codes. Please contact WebDPro support."))
        return {"challenge": response["Session"]}

    def check(self, phone: str, code: str, record) -> Checked:
        if not record.challenge:
            return Checked(ok=False, ended=True)
        try:
            response = self.client.respond_to_auth_challenge(
                ClientId=self.client_id,
                ChallengeName=self.challenge_name,
                Session=record.challenge,
                ChallengeResponses=self._with_secret({"USERNAME": phone, self.answer_key: code}, phone),
            )
        except ClientError as exc:
            if _error_code(exc) in WRONG_ANSWER:
                return Checked(ok=False)
            if _error_code(exc) in FLOW_ENDED:
                return Checked(ok=False, ended=True)
            log.warning("cognito respond_to_auth_challenge failed", extra={"code": _error_code(exc)})
            raise CognitoUnavailable(_("The sign-in service is not answering. Please try again in a minute.")) from exc
        except BotoCoreError as exc:
            raise CognitoUnavailable(_("The sign-in service is not answering. Please try again in a minute.")) from exc
        result = response.get("AuthenticationResult")
        if not result:  # a wrong answer to a custom challenge: Cognito asks again with a new session
            return Checked(ok=False, challenge=response.get("Session"))
        return Checked(ok=True, cognito_sub=self.sub_for(result["AccessToken"]))

    def sub_for(self, access_token: str) -> str | None:
        try:
            response = self.client.get_user(AccessToken=access_token)
        except (ClientError, BotoCoreError) as exc:
            raise CognitoUnavailable(_("The sign-in service is not answering. Please try again in a minute.")) from exc
        return next((a["Value"] for a in response.get("UserAttributes", []) if a["Name"] == "sub"), None)
