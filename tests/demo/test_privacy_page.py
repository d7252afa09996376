"""The demo's privacy and cookies page says what the site's code does, and nothing else."""

import pytest
from django.conf import settings

from tests.demo.test_load_demo import page_text, run_load_demo


@pytest.fixture
def privacy_text(client, db):
    run_load_demo()
    return page_text(client, "/privacy-and-cookies/")


def test_the_privacy_page_names_the_only_cookies_the_site_sets(privacy_text):
    assert f"{settings.SESSION_COOKIE_NAME} keeps you signed in" in privacy_text
    assert f"{settings.CSRF_COOKIE_NAME} protects a form you fill in" in privacy_text
    assert "Reading this website sets no cookies" in privacy_text


def test_the_privacy_page_names_the_video_players_the_site_loads(privacy_text):
    for origin in settings.VIDEO_PLAYERS:
        assert origin.removeprefix("https://").removeprefix("www.") in privacy_text


def test_the_privacy_page_gives_the_time_format_requests_are_kept(privacy_text):
    assert f"after {settings.ACCESSIBLE_FORMAT_REQUEST_DAYS} days at the most" in privacy_text
