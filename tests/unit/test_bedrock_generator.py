"""The Bedrock generator at its botocore boundary (Stubber), with realistic Converse responses."""

import copy
import json

import boto3
import pytest
from botocore.stub import ANY, Stubber

from webdpro.stores.bedrock import TOOL_NAME, BedrockGenerator
from webdpro.stores.generation import get_generator
from webdpro.stores.generator import BuiltinGenerator
from webdpro.stores.schema import generator_errors, validate_config

MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0"


def bedrock_client():
    return boto3.client("bedrock-runtime", region_name="ap-south-1", aws_access_key_id="x", aws_secret_access_key="x")


def store_json():
    output = BuiltinGenerator().generate("A South Indian restaurant called Annapoorna Tiffins serving dosa").output
    output = copy.deepcopy(output)
    output["tagline"] = "Crisp dosas, soft idlis, strong filter coffee"
    output["theme"]["primary"] = "#7c2d12"
    output["starter_products"][0]["price"] = 95  # models often send numbers: normalised to "95.00"
    return output


def converse_response(tool_input, stop="tool_use", text=None):
    content = []
    if text:
        content.append({"text": text})
    if tool_input is not None:
        content.append(
            {"toolUse": {"toolUseId": "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "name": TOOL_NAME, "input": tool_input}}
        )
    return {
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": stop,
        "usage": {"inputTokens": 2311, "outputTokens": 1874, "totalTokens": 4185},
        "metrics": {"latencyMs": 9120},
    }


def make(client):
    return BedrockGenerator(client=client, model_id=MODEL, max_tokens=4096)


def test_valid_tool_call_becomes_the_store():
    client = bedrock_client()
    generator = make(client)
    expected = {
        "modelId": MODEL,
        "system": ANY,
        "messages": ANY,
        "inferenceConfig": {"maxTokens": 4096, "temperature": 0.4},
        "toolConfig": ANY,
    }
    with Stubber(client) as stub:
        stub.add_response("converse", converse_response(store_json()), expected)
        result = generator.generate(
            "A South Indian restaurant called Annapoorna Tiffins serving dosa", business_name="X", phone="+919876543210"
        )
        stub.assert_no_pending_responses()
    assert result.generator == "bedrock" and result.fallback_reason is None
    assert result.config["tagline"] == "Crisp dosas, soft idlis, strong filter coffee"
    assert result.products[0]["price"] == "95.00"
    assert result.usage["totalTokens"] == 4185
    validate_config(result.config)


def test_request_forces_the_tool_whose_schema_is_the_config_schema():
    request = make(bedrock_client()).request("kirana", "Sharma Store", "+919876543210")
    tool = request["toolConfig"]["tools"][0]["toolSpec"]
    assert request["toolConfig"]["toolChoice"] == {"tool": {"name": TOOL_NAME}}
    schema = tool["inputSchema"]["json"]
    assert "starter_products" in schema["required"] and "theme" in schema["required"]
    assert "$ref" not in json.dumps(schema)  # inlined: every model accepts it
    assert "Sharma Store" in request["messages"][0]["content"][0]["text"]


@pytest.mark.parametrize(
    "case", ["max_tokens", "end_turn_text", "schema", "bad_json_string", "throttled", "access", "timeout"]
)
def test_any_problem_falls_back_to_builtin(case):
    client = bedrock_client()
    generator = make(client)
    prompt = "मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं"
    with Stubber(client) as stub:
        if case == "max_tokens":
            truncated = store_json()
            truncated.pop("seo")
            stub.add_response("converse", converse_response(truncated, stop="max_tokens"))
        elif case == "end_turn_text":
            stub.add_response("converse", converse_response(None, stop="end_turn", text="Here is your store: {..."))
        elif case == "schema":
            bad = store_json()
            bad["theme"]["primary"] = "green"
            bad["starter_products"] = bad["starter_products"][:3]
            stub.add_response("converse", converse_response(bad))
        elif case == "bad_json_string":
            stub.add_response("converse", converse_response('{"name": "Sharma", "tagline": '))
        elif case == "throttled":
            stub.add_client_error(
                "converse",
                "ThrottlingException",
                "Too many requests, please wait before trying again.",
                http_status_code=429,
            )
        elif case == "access":
            stub.add_client_error(
                "converse",
                "AccessDeniedException",
                "You don't have access to the model with the specified model ID.",
                http_status_code=403,
            )
        if case == "timeout":
            from botocore.exceptions import ReadTimeoutError

            def boom(**kwargs):
                raise ReadTimeoutError(endpoint_url="https://bedrock-runtime.ap-south-1.amazonaws.com/model/x/converse")

            client.converse = boom
        result = generator.generate(prompt, business_name="शर्मा किराना")
    assert result.generator == "builtin"
    assert result.fallback_reason
    assert result.config["store_type"] == "grocery" and result.config["language"] == "hi"
    assert generator_errors(result.output) == []


def test_generator_is_chosen_by_settings(settings):
    settings.STORE_GENERATOR = "builtin"
    assert isinstance(get_generator(), BuiltinGenerator)
    settings.STORE_GENERATOR = "bedrock"
    settings.BEDROCK_MODEL_ID = "amazon.nova-lite-v1:0"
    generator = get_generator()
    assert isinstance(generator, BedrockGenerator) and generator.model_id == "amazon.nova-lite-v1:0"
    settings.STORE_GENERATOR = "gpt"
    with pytest.raises(ValueError):
        get_generator()


def test_tool_schema_has_every_kind_and_language():
    from webdpro.stores.bedrock import SYSTEM_PROMPT, TOOL_LANGUAGES, tool_schema
    from webdpro.stores.schema import STORE_TYPES
    from webdpro.stores.services import LANGUAGES

    schema = make(bedrock_client()).request("x", None, None)["toolConfig"]["tools"][0]["toolSpec"]["inputSchema"][
        "json"
    ]
    assert schema == tool_schema()
    assert schema["properties"]["store_type"]["enum"] == list(STORE_TYPES) and len(STORE_TYPES) == 21
    assert set(schema["properties"]["language"]["enum"]) == set(TOOL_LANGUAGES) == {code for code, _ in LANGUAGES}
    assert all(kind in SYSTEM_PROMPT for kind in STORE_TYPES)


@pytest.mark.parametrize(
    "prompt,kind,language",
    [
        ("எங்கள் ஸ்வீட் கடையில் லட்டு, ஜிலேபி கிடைக்கும்", "sweets", "ta"),
        ("আমাদের পোষ্যের দোকানে কুকুর আর বিড়ালের খাবার পাওয়া যায়", "pet", "bn"),
        ("ਸਾਡੀ ਹਾਰਡਵੇਅਰ ਅਤੇ ਪੇਂਟ ਦੀ ਦੁਕਾਨ ਹੈ", "hardware", "pa"),
    ],
)
def test_a_store_of_a_new_kind_in_an_indian_language_is_accepted(prompt, kind, language):
    """A model answer for one of the new kinds, written in the owner's language, passes the schema."""
    answer = copy.deepcopy(BuiltinGenerator().generate(prompt).output)
    assert (answer["store_type"], answer["language"]) == (kind, language)
    answer["tagline"] = answer["tagline"] + "!"
    client = bedrock_client()
    with Stubber(client) as stub:
        stub.add_response("converse", converse_response(answer))
        result = make(client).generate(prompt)
        stub.assert_no_pending_responses()
    assert result.generator == "bedrock" and result.fallback_reason is None
    assert (result.config["store_type"], result.config["language"]) == (kind, language)
    validate_config(result.config)


def test_an_unknown_kind_from_the_model_falls_back_to_the_builtin_generator():
    prompt = "ನಮ್ಮ ಪೀಠೋಪಕರಣ ಅಂಗಡಿಯಲ್ಲಿ ಸೋಫಾ ಮತ್ತು ಮಂಚ ಸಿಗುತ್ತದೆ"
    answer = copy.deepcopy(BuiltinGenerator().generate(prompt).output)
    answer["store_type"] = "home_decor"
    client = bedrock_client()
    with Stubber(client) as stub:
        stub.add_response("converse", converse_response(answer))
        result = make(client).generate(prompt)
    assert result.generator == "builtin" and "store_type" in result.fallback_reason
    assert (result.config["store_type"], result.config["language"]) == ("furniture", "kn")
