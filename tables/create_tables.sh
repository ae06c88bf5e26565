#!/usr/bin/env bash
# Create every WebDPro table on AWS (or any endpoint: pass --endpoint-url via AWS_ENDPOINT_URL).
# Prefer `python manage.py create_tables`, which also applies DYNAMODB_TABLE_PREFIX and checks drift.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in tables/tenants.json tables/users.json tables/stores.json tables/products.json \
         tables/orders.json tables/deliveries.json tables/payments.json \
         tables/domains.json tables/otp.json tables/audit.json tables/stats.json; do
  name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["TableName"])' "$f")
  if aws dynamodb describe-table --table-name "$name" >/dev/null 2>&1; then
    echo "exists: $name"
  else
    aws dynamodb create-table --cli-input-json "file://$f" >/dev/null
    aws dynamodb wait table-exists --table-name "$name"
    echo "created: $name"
  fi
done
# TTL attributes (create-table input cannot carry them): see tables/ttl.json.
aws dynamodb update-time-to-live --table-name webdpro-otp \
  --time-to-live-specification "Enabled=true, AttributeName=expires_at" >/dev/null 2>&1 || true
