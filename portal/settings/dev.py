"""Local development: a first look with no configuration at all."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("LOG_FORMAT", "text")
os.environ.setdefault("REQUIRE_ADMIN_2FA", "false")

from .base import *  # noqa: E402, F403
from .base import STORAGES  # noqa: E402

# The manifest needs `collectstatic`; runserver serves files straight from the apps.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Wagtail logs every page action at INFO; keep the terminal for requests and errors.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405

# runserver serves static files from the apps' folders; `collectstatic` is for production.
STATIC_ROOT = None

# `make run` creates one demo sign-in per role on the first run (demo/management/commands/create_demo_users.py).
DEMO_USERS_ALLOWED = True
