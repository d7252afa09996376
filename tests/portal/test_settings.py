"""Settings come from the environment and are safe by default."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def django_setting(settings_module, expression, **env):
    """Evaluate `expression` against `settings` in a fresh process with only the given environment."""
    clean_env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    clean_env.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    code = f"import django; django.setup(); from django.conf import settings; print(repr(({expression})))"
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=clean_env, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = django_setting("portal.settings.production", "settings.DEBUG", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = django_setting("portal.settings.production", "settings.DEBUG", SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_is_secure_by_default():
    result = django_setting(
        "portal.settings.production",
        "settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
    )

    assert result.stdout.strip() == "(False, True, True, 31536000)", result.stderr


def test_with_nothing_set_development_runs_on_an_embedded_sqlite_file():
    result = django_setting("portal.settings.dev", "settings.DATABASES['default']['ENGINE'], settings.DEBUG")

    assert result.stdout.strip() == "('django.db.backends.sqlite3', True)", result.stderr


def test_database_url_and_cache_url_configure_the_database_and_the_cache():
    result = django_setting(
        "portal.settings.production",
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.CACHES['default']['LOCATION']",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="postgres://portal@db.internal:5432/portal",
        CACHE_URL="redis://cache.internal:6379/1",
    )

    assert result.stdout.strip() == ("('portal.db.postgresql', 'portal', 'redis://cache.internal:6379/1')"), (
        result.stderr
    )


def test_debug_accepts_only_true_or_false_words():
    result = django_setting("portal.settings.dev", "settings.DEBUG", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
