"""WSGI entry point: gunicorn serves Kiezwerk through this (see the Makefile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiezwerk.settings")
application = get_wsgi_application()
