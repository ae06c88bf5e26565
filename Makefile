# WebDPro — two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: run test test-unit test-integration test-browser setup lint bench check-deploy clean

setup:
	@.ci/bootstrap.sh test

run:
	@.ci/bootstrap.sh run
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} WEBDPRO_DATA_DIR_KEY=1 $(PY) manage.py dev

lint: setup
	@echo "lint: ruff check and ruff format --check"
	@.venv/bin/ruff check . || { echo 'lint: FAILED: ruff check (run .venv/bin/ruff check --fix .)'; exit 1; }
	@.venv/bin/ruff format --check . >/dev/null || { .venv/bin/ruff format --check . ; echo 'lint: FAILED: ruff format (run .venv/bin/ruff format .)'; exit 1; }
	@echo "lint: import contracts (layers, no cycles; pyproject.toml [tool.importlinter])"
	@.venv/bin/lint-imports --no-cache --no-logo >/tmp/webdpro-lint-imports.log 2>&1 || { cat /tmp/webdpro-lint-imports.log; echo 'lint: FAILED: import contracts broken (see above: which module imports which, and how to fix it)'; exit 1; }

test: setup lint
	$(PY) -m pytest -c tests/pytest.ini --rootdir . tests

test-unit: setup
	$(PY) -m pytest -c tests/pytest.ini --rootdir . tests/unit

test-integration: setup
	$(PY) -m pytest -c tests/pytest.ini --rootdir . tests/integration

test-browser: setup
	$(PY) -m pytest -c tests/pytest.ini --rootdir . tests/browser

bench: setup
	$(PY) bench/run.py

check-deploy: setup
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) DJANGO_ALLOWED_HOSTS=example.com \
	  $(PY) manage.py check --deploy --fail-level WARNING

messages: setup  ## re-extract the gettext catalogues (locale/<code>/LC_MESSAGES/django.po) and compile them
	DJANGO_DEBUG=1 .venv/bin/python manage.py makemessages -l hi -l bn -l mr -l te -l ta -l gu -l kn -l ml -l pa -l or \
	  --ignore=node_modules --ignore=tests --ignore=bench --ignore=.venv --ignore=.data --no-obsolete
	DJANGO_DEBUG=1 .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=.data

clean:
	rm -rf .venv node_modules .data/staticfiles
