"""The test suite: SQLite unless DATABASE_URL names another database (CI: PostgreSQL)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("LOG_FORMAT", "text")
os.environ.setdefault("REQUIRE_ADMIN_2FA", "false")
# Mail is sent inside the request (Django's test runner swaps in its locmem backend anyway); the tests
# of the queue itself (tests/outbox) choose the database backend and real worker processes.
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="portal-test-media-"))

from portal.base_url import parse as parse_base_url  # noqa: E402

from .base import *  # noqa: E402, F403
from .base import STORAGES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Static files come from the apps' folders through whitenoise's finders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
# The test process's requests read the content version from the database each time, at once, not
# in a thread of their own: a test's changes are never committed, so the copy a commit puts in the
# cache is never made, and no thread should touch the test database. The app-server tests
# (tests/portal/test_two_app_servers.py) run the real thing: the commit's copy and the thread.
CONTENT_VERSION_REFRESH_SECONDS = 0
CONTENT_VERSION_REFRESH_IN_BACKGROUND = False

# Plain http on a local name (production insists on https); not put in os.environ, which the
# production servers some tests start inherit.
SITE_BASE_URL = parse_base_url(os.environ.get("SITE_BASE_URL") or "http://localhost")
WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_BASE_URL
