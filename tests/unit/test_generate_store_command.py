import json
from io import StringIO

from django.core.management import call_command


def test_generate_store_prints_json_without_saving():
    out = StringIO()
    call_command(
        "generate_store",
        "--prompt",
        "meri dukaan ka naam Gupta Kirana hai, dal chawal bechte hain",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert (data["store_type"], data["language"], data["name"]) == ("grocery", "hi", "Gupta Kirana")
    assert 8 <= len(data["starter_products"]) <= 20 and data["_meta"]["generator"] == "builtin"


def test_generate_store_human_output():
    out = StringIO()
    call_command("generate_store", "--prompt", "A boutique called Silk Route selling sarees", stdout=out)
    text = out.getvalue()
    assert text.startswith("Silk Route — fashion, language en") and "₹" in text
