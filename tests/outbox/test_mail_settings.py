"""Mail is configured from the environment: EMAIL_URL or the EMAIL_HOST family, and a warning when neither is."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import parse_email_url
from tests.portal.test_settings import REPO, django_setting

SMTP = "django.core.mail.backends.smtp.EmailBackend"
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "policy.example.org"}


def test_an_smtp_url_with_tls_gives_host_port_login_and_starttls():
    assert parse_email_url("smtp://portal%40example.org:p%40ss%3Aword@mail.example.org:587?tls=true") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "portal@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss:word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://mail.example.org", 25, False, False),
        ("smtp://mail.example.org?tls=true", 587, True, False),
        ("smtp://mail.example.org?ssl=true", 465, False, True),
        ("smtps://mail.example.org", 465, False, True),
        ("smtp+ssl://mail.example.org", 465, False, True),
        ("smtp+tls://mail.example.org:2525", 2525, True, False),
    ],
)
def test_the_port_follows_the_kind_of_tls_unless_the_url_names_one(url, port, tls, ssl):
    mail = parse_email_url(url)

    assert (mail["EMAIL_PORT"], mail["EMAIL_USE_TLS"], mail["EMAIL_USE_SSL"]) == (port, tls, ssl)


def test_a_console_url_prints_mail_and_a_timeout_option_sets_the_timeout():
    assert parse_email_url("console://") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    assert parse_email_url("smtp://mail.example.org?timeout=5")["EMAIL_TIMEOUT"] == 5.0


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.org",
        "smtp://",
        "smtp://mail.example.org?tls=true&ssl=true",
        "smtp://m.example.org?tls=maybe",
    ],
)
def test_a_url_that_means_nothing_sensible_stops_the_site_from_starting(url):
    with pytest.raises(ImproperlyConfigured):
        parse_email_url(url)


def test_production_reads_email_url_and_the_senders_from_the_environment():
    result = django_setting(
        "portal.settings.production",
        "settings.EMAIL_BACKEND, settings.OUTBOX_DELIVERY_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
        "settings.EMAIL_USE_TLS, settings.DEFAULT_FROM_EMAIL, settings.SERVER_EMAIL, settings.EMAIL_TIMEOUT",
        **PRODUCTION,
        EMAIL_URL="smtp://portal:secret@mail.example.org:587?tls=true",
        DEFAULT_FROM_EMAIL="APCC <noreply@apcc.example.org>",
        SERVER_EMAIL="errors@apcc.example.org",
        EMAIL_TIMEOUT="7",
    )

    assert result.stdout.strip() == repr(
        (
            "outbox.backends.QueuedEmailBackend",
            SMTP,
            "mail.example.org",
            587,
            True,
            "APCC <noreply@apcc.example.org>",
            "errors@apcc.example.org",
            7.0,
        )
    ), result.stderr


def test_production_reads_the_email_host_family_when_there_is_no_email_url():
    result = django_setting(
        "portal.settings.production",
        "settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD, "
        "settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL",
        **PRODUCTION,
        EMAIL_HOST="relay.example.org",
        EMAIL_HOST_USER="portal",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_SSL="true",
    )

    assert result.stdout.strip() == repr(("relay.example.org", 465, "portal", "secret", False, True)), result.stderr


def test_with_nothing_set_development_prints_mail_in_the_workers_terminal_through_the_queue():
    result = django_setting("portal.settings.dev", "settings.EMAIL_BACKEND, settings.OUTBOX_DELIVERY_BACKEND")

    assert result.stdout.strip() == repr(
        ("outbox.backends.QueuedEmailBackend", "django.core.mail.backends.console.EmailBackend")
    ), result.stderr


def deploy_check(**env):
    clean_env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    clean_env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "email"],
        cwd=REPO,
        env=clean_env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_warns_a_production_site_with_no_mail_server_configured():
    result = deploy_check()

    assert "outbox.W001" in result.stderr + result.stdout
    assert "No mail server is configured" in result.stderr + result.stdout


def test_check_deploy_is_quiet_about_mail_once_a_mail_server_is_configured():
    result = deploy_check(EMAIL_URL="smtp://mail.example.org:587?tls=true")

    assert result.returncode == 0, result.stderr
    assert "outbox.W" not in result.stderr + result.stdout


def test_check_deploy_warns_when_mail_would_be_sent_inside_requests():
    result = deploy_check(EMAIL_URL="smtp://mail.example.org", TASKS_BACKEND="immediate")

    assert "outbox.W002" in result.stderr + result.stdout
