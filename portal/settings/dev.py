"""Local development: a first look with no configuration at all."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("LOG_FORMAT", "text")
os.environ.setdefault("REQUIRE_ADMIN_2FA", "false")
# No mail server configured: mail is printed by the worker that `make run` starts, in its terminal.
if not os.environ.get("EMAIL_URL") and not os.environ.get("EMAIL_HOST"):
    os.environ["EMAIL_URL"] = "console://"

from portal.base_url import parse as parse_base_url  # noqa: E402

from .base import *  # noqa: E402, F403
from .base import STORAGES  # noqa: E402

# The manifest needs `collectstatic`; runserver serves files straight from the apps.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Wagtail logs every page action at INFO; keep the terminal for requests and errors.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405

# runserver serves static files from the apps' folders; `collectstatic` is for production.
STATIC_ROOT = None

# Plain http on a local name (production insists on https); not put in os.environ, which the
# production servers some tests start inherit.
SITE_BASE_URL = parse_base_url(os.environ.get("SITE_BASE_URL") or "http://127.0.0.1:8000")
WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_BASE_URL

# `make run` creates one demo sign-in per role on the first run (demo/management/commands/create_demo_users.py).
DEMO_USERS_ALLOWED = True
