"""WSGI entry point: ``gunicorn webdpro.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webdpro.settings")
application = get_wsgi_application()

from webdpro import db  # noqa: E402 — after Django is set up (its AppConfig configures the models)

db.warm_up()  # each server process builds its DynamoDB client before it takes requests
