"""The Cognito sign-in backend at the botocore boundary (Stubber, documented request/response shapes).

Cognito's answers are the documented ones for InitiateAuth (CUSTOM_AUTH → CUSTOM_CHALLENGE, USER_AUTH →
SMS_OTP), RespondToAuthChallenge (a new challenge round, or AuthenticationResult), AdminCreateUser and
GetUser; the rest of the flow (rate limits, attempts, accounts) runs on DynamoDB Local as in production.
"""

from __future__ import annotations

import html

import boto3
import pytest
from botocore.stub import Stubber
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from tests.helpers import make_owner, random_ip, random_phone
from webdpro import sms
from webdpro.accounts.codes import cognito
from webdpro.accounts.codes.cognito import CognitoCodes, secret_hash
from webdpro.db import OtpRecord, User

POOL, CLIENT_ID = "ap-south-1_AbCdEfGhI", "3n4b5urk1ft4fl3mg5e62d9ado"
SESSION_1 = "AYABeC1-first-session-" + "x" * 40
SESSION_2 = "AYABeC1-second-session-" + "y" * 40
SUB = "d2b5f6a0-1b2c-4d3e-8f90-123456789abc"
TOKENS = {
    "AccessToken": "eyJraWQiOi.access.token",
    "ExpiresIn": 3600,
    "TokenType": "Bearer",
    "RefreshToken": "eyJjdHkiOi.refresh.token",
    "IdToken": "eyJraWQiOi.id.token",
}


@pytest.fixture
def cognito_client(monkeypatch):
    client = boto3.client("cognito-idp", region_name="ap-south-1", aws_access_key_id="x", aws_secret_access_key="y")
    stub = Stubber(client)
    monkeypatch.setattr(cognito, "make_client", lambda: client)
    with (
        stub,
        override_settings(
            AUTH_BACKEND="cognito",
            COGNITO_USER_POOL_ID=POOL,
            COGNITO_CLIENT_ID=CLIENT_ID,
            COGNITO_CLIENT_SECRET="",
            COGNITO_AUTH_FLOW="CUSTOM_AUTH",
        ),
    ):
        yield stub
    stub.assert_no_pending_responses()


def initiate(stub, phone, session=SESSION_1):
    stub.add_response(
        "initiate_auth",
        {"ChallengeName": "CUSTOM_CHALLENGE", "Session": session, "ChallengeParameters": {"USERNAME": phone}},
        {"AuthFlow": "CUSTOM_AUTH", "ClientId": CLIENT_ID, "AuthParameters": {"USERNAME": phone}},
    )


def answer(stub, phone, code, session, response):
    stub.add_response(
        "respond_to_auth_challenge",
        response,
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "CUSTOM_CHALLENGE",
            "Session": session,
            "ChallengeResponses": {"USERNAME": phone, "ANSWER": code},
        },
    )


def get_user(stub, phone):
    stub.add_response(
        "get_user",
        {
            "Username": SUB,
            "UserAttributes": [
                {"Name": "sub", "Value": SUB},
                {"Name": "phone_number", "Value": phone},
                {"Name": "phone_number_verified", "Value": "true"},
            ],
        },
        {"AccessToken": TOKENS["AccessToken"]},
    )


def body(response):
    return html.unescape(response.content.decode())


def test_cognito_sign_in_stores_the_sub(cognito_client):
    user, _ = make_owner()
    web = Client(REMOTE_ADDR=random_ip())
    initiate(cognito_client, user.phone)
    assert web.post("/accounts/signin/", {"phone": user.phone})["Location"] == "/accounts/verify/"
    assert not sms.outbox  # Cognito's triggers send the SMS, not WebDPro
    record = OtpRecord.get(f"code#{user.phone}")
    assert (record.backend, record.challenge, record.code_hash) == ("cognito", SESSION_1, None)
    # A wrong answer: Cognito asks again with a new session, which is kept for the next answer.
    answer(
        cognito_client,
        user.phone,
        "111111",
        SESSION_1,
        {"ChallengeName": "CUSTOM_CHALLENGE", "Session": SESSION_2, "ChallengeParameters": {"USERNAME": user.phone}},
    )
    response = web.post("/accounts/verify/", {"code": "111111"})
    assert response.status_code == 400 and "4 tries left" in body(response)
    assert OtpRecord.get(f"code#{user.phone}").challenge == SESSION_2
    answer(cognito_client, user.phone, "222222", SESSION_2, {"ChallengeParameters": {}, "AuthenticationResult": TOKENS})
    get_user(cognito_client, user.phone)
    assert web.post("/accounts/verify/", {"code": "222222"})["Location"] == "/dashboard/"
    assert User.get(user.phone).cognito_sub == SUB


def test_cognito_sign_up_creates_the_cognito_user_first(cognito_client):
    phone = random_phone()
    web = Client(REMOTE_ADDR=random_ip())
    cognito_client.add_client_error(
        "initiate_auth",
        service_error_code="UserNotFoundException",
        service_message="User does not exist.",
        http_status_code=400,
    )
    cognito_client.add_response(
        "admin_create_user",
        {
            "User": {
                "Username": SUB,
                "Attributes": [{"Name": "sub", "Value": SUB}, {"Name": "phone_number", "Value": phone}],
                "Enabled": True,
                "UserStatus": "FORCE_CHANGE_PASSWORD",
            }
        },
        {
            "UserPoolId": POOL,
            "Username": phone,
            "MessageAction": "SUPPRESS",
            "UserAttributes": [
                {"Name": "phone_number", "Value": phone},
                {"Name": "phone_number_verified", "Value": "true"},
            ],
        },
    )
    initiate(cognito_client, phone)
    response = web.post("/accounts/signup/", {"phone": phone, "name": "Anil", "business_name": "Anil Dhaba"})
    assert response["Location"] == "/accounts/verify/"
    answer(cognito_client, phone, "654321", SESSION_1, {"ChallengeParameters": {}, "AuthenticationResult": TOKENS})
    get_user(cognito_client, phone)
    assert web.post("/accounts/verify/", {"code": "654321"})["Location"] == "/dashboard/"
    user = User.get(phone)
    assert (user.role, user.cognito_sub) == ("BUSINESS_OWNER", SUB)


def test_cognito_ending_the_flow_asks_for_a_new_code(cognito_client):
    user, _ = make_owner()
    web = Client(REMOTE_ADDR=random_ip())
    initiate(cognito_client, user.phone)
    web.post("/accounts/signin/", {"phone": user.phone})
    cognito_client.add_client_error(
        "respond_to_auth_challenge",
        service_error_code="NotAuthorizedException",
        service_message="Invalid session for the user, session is expired.",
        http_status_code=400,
    )
    response = web.post("/accounts/verify/", {"code": "123456"})
    assert response.status_code == 400 and "This code no longer works. Request a new code." in body(response)
    response = web.post("/accounts/verify/", {"code": "123456"})  # no second call to Cognito
    assert response.status_code == 429 and "locked" in body(response)


def test_cognito_outage_is_a_503_with_a_message(cognito_client):
    user, _ = make_owner()
    web = Client(REMOTE_ADDR=random_ip())
    cognito_client.add_client_error(
        "initiate_auth",
        service_error_code="InternalErrorException",
        service_message="Internal error",
        http_status_code=500,
    )
    response = web.post("/accounts/signin/", {"phone": user.phone})
    assert response.status_code == 503 and "We couldn't send your code just now" in body(response)


def test_user_auth_sms_otp_flow_with_a_client_secret():
    client = boto3.client("cognito-idp", region_name="ap-south-1", aws_access_key_id="x", aws_secret_access_key="y")
    phone = "+919812345678"
    expected_hash = secret_hash(phone, CLIENT_ID, "s3cr3t")
    backend = CognitoCodes(
        client=client, user_pool_id=POOL, client_id=CLIENT_ID, client_secret="s3cr3t", flow="USER_AUTH"
    )
    with Stubber(client) as stub:
        stub.add_response(
            "initiate_auth",
            {
                "ChallengeName": "SMS_OTP",
                "Session": SESSION_1,
                "ChallengeParameters": {
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                    "CODE_DELIVERY_DESTINATION": "+*******5678",
                },
            },
            {
                "AuthFlow": "USER_AUTH",
                "ClientId": CLIENT_ID,
                "AuthParameters": {"USERNAME": phone, "PREFERRED_CHALLENGE": "SMS_OTP", "SECRET_HASH": expected_hash},
            },
        )
        assert backend.deliver(phone, backend.prepare(phone)) == {"challenge": SESSION_1}
        stub.add_client_error(
            "respond_to_auth_challenge",
            service_error_code="CodeMismatchException",
            service_message="Invalid code received for user",
            http_status_code=400,
        )
        record = OtpRecord("code#" + phone, challenge=SESSION_1)
        assert backend.check(phone, "000000", record).ok is False
        stub.add_response(
            "respond_to_auth_challenge",
            {"ChallengeParameters": {}, "AuthenticationResult": TOKENS},
            {
                "ClientId": CLIENT_ID,
                "ChallengeName": "SMS_OTP",
                "Session": SESSION_1,
                "ChallengeResponses": {"USERNAME": phone, "SMS_OTP_CODE": "123456", "SECRET_HASH": expected_hash},
            },
        )
        stub.add_response(
            "get_user",
            {"Username": SUB, "UserAttributes": [{"Name": "sub", "Value": SUB}]},
            {"AccessToken": TOKENS["AccessToken"]},
        )
        checked = backend.check(phone, "123456", record)
        assert checked.ok and checked.cognito_sub == SUB
        stub.assert_no_pending_responses()


def test_secret_hash_matches_the_documented_formula():
    # Base64(HMAC_SHA256("client secret", username + client id)), computed independently.
    import base64
    import hashlib
    import hmac

    want = base64.b64encode(hmac.new(b"abc", b"+919812345678" + CLIENT_ID.encode(), hashlib.sha256).digest()).decode()
    assert secret_hash("+919812345678", CLIENT_ID, "abc") == want


def test_cognito_needs_its_settings():
    with override_settings(COGNITO_USER_POOL_ID="", COGNITO_CLIENT_ID=""):
        with pytest.raises(ImproperlyConfigured, match="COGNITO_USER_POOL_ID"):
            CognitoCodes(client=object())
    with pytest.raises(ImproperlyConfigured, match="COGNITO_AUTH_FLOW"):
        CognitoCodes(client=object(), user_pool_id=POOL, client_id=CLIENT_ID, flow="PASSWORD")
