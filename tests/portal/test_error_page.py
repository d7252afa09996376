"""When something fails, the visitor still gets the site's own error page, whatever failed."""

import pytest
from django.test import Client


@pytest.fixture
def no_static_manifest(settings, tmp_path):
    """Production's static storage with nothing collected: every {% static %} raises."""
    settings.STATIC_ROOT = tmp_path / "static-never-collected"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


def test_a_page_that_fails_answers_with_the_sites_error_page_even_without_a_static_manifest(home, no_static_manifest):
    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert '<link rel="stylesheet" href="/static/css/portal.css">' in page
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_the_error_page_carries_the_security_headers_and_no_script(home, no_static_manifest):
    response = Client(raise_request_exception=False).get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script" not in response.content.decode()
    assert "{%" not in response.content.decode()
