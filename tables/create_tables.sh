#!/usr/bin/env bash
# Create every WebDPro table on AWS with the AWS CLI (region/credentials from the usual AWS env).
# Prefer `python manage.py create_tables`, which also applies DYNAMODB_TABLE_PREFIX, enables TTL and
# checks drift (--check).
set -euo pipefail
cd "$(dirname "$0")/.."
for f in tables/*.json; do
  [ "$(basename "$f")" = ttl.json ] && continue
  name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["TableName"])' "$f")
  if aws dynamodb describe-table --table-name "$name" >/dev/null 2>&1; then
    echo "exists: $name"
  else
    aws dynamodb create-table --cli-input-json "file://$f" >/dev/null
    aws dynamodb wait table-exists --table-name "$name"
    echo "created: $name"
  fi
done
# TTL attributes (create-table input cannot carry them): tables/ttl.json maps table → attribute.
python3 -c 'import json; [print(t, a) for t, a in json.load(open("tables/ttl.json")).items()]' |
while read -r table attribute; do
  aws dynamodb update-time-to-live --table-name "$table" \
    --time-to-live-specification "Enabled=true, AttributeName=$attribute" >/dev/null 2>&1 || true
  echo "TTL: $table.$attribute"
done
