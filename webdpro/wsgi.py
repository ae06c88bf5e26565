"""WSGI entry point: ``gunicorn webdpro.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webdpro.settings")
application = get_wsgi_application()

from webdpro import serving  # noqa: E402 — after Django is set up (its AppConfig configures the models)

serving.ready()  # each server process builds its DynamoDB client and freezes what it loaded (webdpro/serving.py)
