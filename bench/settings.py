"""Benchmark settings: the product's settings with a bare view beside its URLs and an own database.

The database is a SQLite file under var/bench/ unless DATABASE_URL is set (for PostgreSQL runs).
"""

import os

from kiezwerk.settings import *  # noqa: F403
from kiezwerk.settings import DATABASES, VAR_DIR

ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "bench.wsgi.application"
DEBUG = False
BENCH_DIR = VAR_DIR / "bench"
if not os.environ.get("DATABASE_URL"):
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["NAME"] = str(BENCH_DIR / "bench.sqlite3")
# No collectstatic before a run: static files are served from the finders, unhashed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
