"""Table administration from ``tables/*.json`` (the create-table inputs) with boto3.

The JSON files carry the canonical ``webdpro-`` names; :func:`specs` swaps that for the configured
prefix. ``tables/ttl.json`` names each table's TTL attribute (create-table input cannot hold it).
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import boto3
from botocore.config import Config

from webdpro.db.base import local_credentials, settings_state
from webdpro.db.calls import hooked_session

TABLES_DIR = Path(__file__).resolve().parent.parent.parent / "tables"
CANONICAL_PREFIX = "webdpro-"


def logical_name(table_name: str) -> str:
    assert table_name.startswith(CANONICAL_PREFIX), table_name
    return table_name[len(CANONICAL_PREFIX) :]


def load_specs(tables_dir: Path = TABLES_DIR) -> dict[str, dict]:
    """Logical name → create-table input as written in the file."""
    out = {}
    for path in sorted(tables_dir.glob("*.json")):
        if path.name == "ttl.json":
            continue
        spec = json.loads(path.read_text())
        out[logical_name(spec["TableName"])] = spec
    return out


def load_ttl(tables_dir: Path = TABLES_DIR) -> dict[str, str]:
    path = tables_dir / "ttl.json"
    if not path.exists():
        return {}
    return {logical_name(name): attr for name, attr in json.loads(path.read_text()).items()}


def specs(prefix: str, tables_dir: Path = TABLES_DIR) -> dict[str, dict]:
    out = {}
    for name, spec in load_specs(tables_dir).items():
        spec = copy.deepcopy(spec)
        spec["TableName"] = prefix + name
        out[name] = spec
    return out


def client(host=None, region=None):
    state = settings_state()
    host = host if host is not None else state["host"]
    region = region or state["region"]
    key_id, secret = local_credentials(host)
    session = boto3.Session(botocore_session=hooked_session())
    return session.client(
        "dynamodb",
        endpoint_url=host or None,
        region_name=region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 2}),
    )


def existing_tables(ddb) -> set[str]:
    names, kwargs = set(), {}
    while True:
        page = ddb.list_tables(**kwargs)
        names.update(page.get("TableNames", []))
        if "LastEvaluatedTableName" not in page:
            return names
        kwargs = {"ExclusiveStartTableName": page["LastEvaluatedTableName"]}


def _create_missing(ddb, all_specs: dict, have: set[str], log) -> list[str]:
    created = []
    for spec in all_specs.values():
        if spec["TableName"] in have:
            continue
        ddb.create_table(**spec)
        created.append(spec["TableName"])
        log(f"created {spec['TableName']}")
    return created


def _wait_active(ddb, table: str, deadline: float) -> None:
    while True:
        desc = ddb.describe_table(TableName=table)["Table"]
        busy = desc["TableStatus"] != "ACTIVE" or any(
            gsi.get("IndexStatus", "ACTIVE") != "ACTIVE" for gsi in desc.get("GlobalSecondaryIndexes", [])
        )
        if not busy:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{table} did not become ACTIVE")
        time.sleep(0.5)


def _enable_ttl(ddb, prefix: str, log) -> None:
    for name, attribute in load_ttl().items():
        table = prefix + name
        current = ddb.describe_time_to_live(TableName=table).get("TimeToLiveDescription", {})
        if current.get("TimeToLiveStatus") in ("ENABLED", "ENABLING") and current.get("AttributeName") == attribute:
            continue
        ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute})
        log(f"enabled TTL on {table}.{attribute}")


def create_tables(prefix: str, ddb=None, log=print, wait_timeout: float = 300) -> list[str]:
    """Create every missing table, wait for ACTIVE, enable TTL. Idempotent. Returns created names."""
    ddb = ddb or client()
    have = existing_tables(ddb)
    all_specs = specs(prefix)
    created = _create_missing(ddb, all_specs, have, log)
    deadline = time.monotonic() + wait_timeout
    for spec in all_specs.values():  # tables that exist but lack a GSI added since (e.g. local .data)
        if spec["TableName"] in have and spec["TableName"] not in created:
            _add_missing_indexes(ddb, spec, log, deadline)
    for spec in all_specs.values():
        _wait_active(ddb, spec["TableName"], deadline)
    _enable_ttl(ddb, prefix, log)
    return created


def _add_missing_indexes(ddb, spec: dict, log, deadline: float) -> None:
    """Create the GSIs of ``spec`` that the live table lacks (one UpdateTable per index, as DynamoDB requires)."""
    live = ddb.describe_table(TableName=spec["TableName"])["Table"]
    have = {g["IndexName"] for g in live.get("GlobalSecondaryIndexes", [])}
    for gsi in spec.get("GlobalSecondaryIndexes", []):
        if gsi["IndexName"] in have:
            continue
        names = {k["AttributeName"] for k in gsi["KeySchema"]}
        ddb.update_table(
            TableName=spec["TableName"],
            AttributeDefinitions=[a for a in spec["AttributeDefinitions"] if a["AttributeName"] in names],
            GlobalSecondaryIndexUpdates=[{"Create": gsi}],
        )
        log(f"added index {gsi['IndexName']} to {spec['TableName']}")
        while True:  # the next UpdateTable must wait until this index is ACTIVE
            desc = ddb.describe_table(TableName=spec["TableName"])["Table"]
            states = {g["IndexName"]: g.get("IndexStatus", "ACTIVE") for g in desc.get("GlobalSecondaryIndexes", [])}
            if states.get(gsi["IndexName"]) == "ACTIVE" and desc["TableStatus"] == "ACTIVE":
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"index {gsi['IndexName']} on {spec['TableName']} did not become ACTIVE")
            time.sleep(0.5)


def delete_tables(prefix: str, ddb=None) -> None:
    ddb = ddb or client()
    have = existing_tables(ddb)
    for spec in specs(prefix).values():
        if spec["TableName"] in have:
            ddb.delete_table(TableName=spec["TableName"])


def _key_schema(items):
    return [(k["AttributeName"], k["KeyType"]) for k in items]


def _index_shape(index):
    return {
        "keys": _key_schema(index["KeySchema"]),
        "projection": index["Projection"]["ProjectionType"],
    }


def _gsi_drift(table: str, spec: dict, live: dict) -> list[str]:
    want_gsi = {g["IndexName"]: _index_shape(g) for g in spec.get("GlobalSecondaryIndexes", [])}
    live_gsi = {g["IndexName"]: _index_shape(g) for g in live.get("GlobalSecondaryIndexes", [])}
    problems = []
    for index in sorted(set(want_gsi) | set(live_gsi)):
        if index not in live_gsi:
            problems.append(f"{table}: GSI {index} missing")
        elif index not in want_gsi:
            problems.append(f"{table}: GSI {index} exists but is not in tables/")
        elif want_gsi[index] != live_gsi[index]:
            problems.append(f"{table}: GSI {index} is {live_gsi[index]}, file says {want_gsi[index]}")
    return problems


def _table_drift(ddb, table: str, spec: dict, ttl_attribute: str | None) -> list[str]:
    problems = []
    live = ddb.describe_table(TableName=table)["Table"]
    if _key_schema(live["KeySchema"]) != _key_schema(spec["KeySchema"]):
        problems.append(f"{table}: key schema {live['KeySchema']} != {spec['KeySchema']}")
    want_attrs = {a["AttributeName"]: a["AttributeType"] for a in spec["AttributeDefinitions"]}
    live_attrs = {a["AttributeName"]: a["AttributeType"] for a in live["AttributeDefinitions"]}
    if want_attrs != live_attrs:
        problems.append(f"{table}: attribute definitions {live_attrs} != {want_attrs}")
    problems.extend(_gsi_drift(table, spec, live))
    billing = live.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
    if billing != spec.get("BillingMode", "PROVISIONED"):
        problems.append(f"{table}: billing mode {billing} != {spec.get('BillingMode')}")
    if ttl_attribute:
        desc = ddb.describe_time_to_live(TableName=table).get("TimeToLiveDescription", {})
        if desc.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING") or desc.get("AttributeName") != ttl_attribute:
            problems.append(f"{table}: TTL on {ttl_attribute} not enabled")
    return problems


def drift(prefix: str, ddb=None) -> list[str]:
    """Differences between the live tables and the files, as readable lines (empty: in sync)."""
    ddb = ddb or client()
    have = existing_tables(ddb)
    problems = []
    ttl = load_ttl()
    for name, spec in specs(prefix).items():
        table = spec["TableName"]
        if table not in have:
            problems.append(f"{table}: missing")
            continue
        problems.extend(_table_drift(ddb, table, spec, ttl.get(name)))
    extra = sorted(
        t
        for t in have
        if t.startswith(prefix) and logical_name(CANONICAL_PREFIX + t[len(prefix) :]) not in specs(prefix)
    )
    problems.extend(f"{t}: exists but has no file in tables/" for t in extra)
    return problems
