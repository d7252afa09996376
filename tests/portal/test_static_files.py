"""Static files are answered before Django's middleware (portal/wsgi.py), with the headers a file
needs; pages still go through the whole stack (issue 18: a CSS file was served at half the speed
of whitenoise alone)."""

import pytest

from portal.page_cache import PageCacheHits
from portal.static_files import StaticFiles
from portal.wsgi import application, django_application
from tests.wsgi import wsgi_get

STYLESHEET = "/static/css/portal.css"


def test_the_wsgi_application_serves_static_files_before_djangos_middleware():
    assert isinstance(application, StaticFiles)
    assert isinstance(application.application, PageCacheHits)
    assert application.application.application is django_application


def test_a_stylesheet_is_served_by_whitenoise_alone_with_the_headers_a_file_needs(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000  # as in production
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    status, headers, body = wsgi_get(StaticFiles(django_application), STYLESHEET)

    assert status == "200 OK"
    assert headers["Content-Type"].startswith("text/css")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # Nothing of Django's stack ran: no request id, no page CSP, no permissions policy.
    assert "X-Request-ID" not in headers and "Permissions-Policy" not in headers
    assert "Content-Security-Policy" not in headers
    assert b"{" in body


def test_without_hsts_configured_a_static_file_carries_none(settings):
    settings.SECURE_HSTS_SECONDS = 0
    _, headers, _ = wsgi_get(StaticFiles(django_application), STYLESHEET)

    assert "Strict-Transport-Security" not in headers


def test_an_svg_opened_on_its_own_may_run_and_load_nothing():
    _, headers, _ = wsgi_get(application, "/static/favicon.svg")

    assert headers["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_still_go_through_the_whole_middleware_stack(home, test_transaction_kept):
    status, headers, body = wsgi_get(application, "/")

    assert status == "200 OK"
    assert headers["X-Request-ID"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert b"<html" in body


@pytest.mark.django_db
def test_an_unknown_static_address_is_djangos_not_found_page(home, test_transaction_kept):
    status, headers, _ = wsgi_get(application, "/static/css/missing.css")

    assert status.startswith("404")
    assert headers["X-Request-ID"]
