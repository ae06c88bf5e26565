"""WSGI entry point: ``gunicorn webdpro.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webdpro.settings")
application = get_wsgi_application()
