"""tables/*.json are the source of truth: the seed's seven tables exactly, and models that match."""

import json
import re
from pathlib import Path

import pytest

from webdpro.db import registered_models
from webdpro.db.tables import TABLES_DIR, load_specs, load_ttl

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def seed_tables():
    """The create-table JSON blocks of the seed document (skipped when shared/ is not beside us)."""
    files = sorted(SEED.glob("*.txt")) if SEED.exists() else []
    if not files:
        pytest.skip("shared/seed not available")
    text = files[0].read_text()
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    return {json.loads(b)["TableName"]: json.loads(b) for b in blocks}


def model_shape(model):
    keys, attrs = [], {}
    for name, attr in model.get_attributes().items():
        if attr.is_hash_key:
            keys.insert(0, (name, "HASH"))
            attrs[name] = attr.attr_type
        elif attr.is_range_key:
            keys.append((name, "RANGE"))
            attrs[name] = attr.attr_type
    indexes = {}
    for index in model._indexes.values():
        ikeys = []
        for name, attr in index.Meta.attributes.items():
            if attr.is_hash_key:
                ikeys.insert(0, (name, "HASH"))
            elif attr.is_range_key:
                ikeys.append((name, "RANGE"))
            attrs[name] = attr.attr_type
        indexes[index.Meta.index_name] = (ikeys, index.Meta.projection.projection_type)
    return keys, attrs, indexes


def spec_shape(spec):
    keys = [(k["AttributeName"], k["KeyType"]) for k in spec["KeySchema"]]
    attrs = {a["AttributeName"]: a["AttributeType"] for a in spec["AttributeDefinitions"]}
    indexes = {
        g["IndexName"]: (
            [(k["AttributeName"], k["KeyType"]) for k in g["KeySchema"]],
            g["Projection"]["ProjectionType"],
        )
        for g in spec.get("GlobalSecondaryIndexes", [])
    }
    return keys, attrs, indexes


def test_every_model_matches_its_table_file():
    specs = load_specs()
    models = {m.Meta.logical_name: m for m in registered_models()}
    assert set(models) == set(specs), "a model without a tables/ file or a file without a model"
    for name, model in models.items():
        assert model_shape(model) == spec_shape(specs[name]), f"{name}: model and tables/{name}.json differ"


def test_seed_tables_are_kept_exactly():
    specs = {spec["TableName"]: spec for spec in load_specs().values()}
    for name, seed in seed_tables().items():
        ours = specs[name]
        assert ours["KeySchema"] == seed["KeySchema"], name
        assert ours["BillingMode"] == seed["BillingMode"] == "PAY_PER_REQUEST"
        ours_attrs = {(a["AttributeName"], a["AttributeType"]) for a in ours["AttributeDefinitions"]}
        assert {(a["AttributeName"], a["AttributeType"]) for a in seed["AttributeDefinitions"]} <= ours_attrs, name
        our_gsis = {g["IndexName"]: g for g in ours.get("GlobalSecondaryIndexes", [])}
        for gsi in seed.get("GlobalSecondaryIndexes", []):
            mine = our_gsis[gsi["IndexName"]]
            # Same name, same partition key and projection; a sort key may be added (documented).
            assert mine["KeySchema"][0] == gsi["KeySchema"][0], gsi["IndexName"]
            assert mine["Projection"] == gsi["Projection"]
    assert len(seed_tables()) == 7


def test_every_addition_is_documented():
    readme = (TABLES_DIR / "README.md").read_text()
    seed = seed_tables()
    for spec in load_specs().values():
        name = spec["TableName"]
        if name not in seed:
            assert name in readme, f"added table {name} is not documented in tables/README.md"
            continue
        seed_gsis = {g["IndexName"]: g for g in seed[name].get("GlobalSecondaryIndexes", [])}
        for gsi in spec.get("GlobalSecondaryIndexes", []):
            if gsi["IndexName"] not in seed_gsis or gsi["KeySchema"] != seed_gsis[gsi["IndexName"]]["KeySchema"]:
                assert f"{name}` `{gsi['IndexName']}" in readme, f"{name} {gsi['IndexName']} is not documented"
    for name in load_ttl():
        assert f"webdpro-{name}" in readme


def test_table_files_are_create_table_input():
    allowed = {
        "TableName",
        "KeySchema",
        "AttributeDefinitions",
        "GlobalSecondaryIndexes",
        "BillingMode",
        "LocalSecondaryIndexes",
        "StreamSpecification",
        "SSESpecification",
        "Tags",
    }
    for path in TABLES_DIR.glob("*.json"):
        if path.name == "ttl.json":
            continue
        spec = json.loads(path.read_text())
        assert set(spec) <= allowed, f"{path.name}: keys the CLI would reject: {set(spec) - allowed}"
        assert spec["TableName"] == "webdpro-" + path.stem
