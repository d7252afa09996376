"""Anonymous visitors are served from the shared cache, which empties when published content changes."""

import logging
import re
import time

import pytest
from django.core.cache import cache
from django.core.signals import request_started

from portal.logging import OncePerInterval
from portal.models import OrganisationSettings
from portal.wsgi import application
from portfolios.models import PortfolioLead
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PersonFactory
from tests.wsgi import wsgi_get


@pytest.fixture
def page_cache(settings, home):
    OrganisationSettings.for_site(home.get_site())  # made on a site's first request otherwise
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_visitor_gets_the_cached_page_the_second_time(client, home, page_cache):
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    assert client.get("/?page=2")["X-Cache"] == "MISS", "each address is cached on its own"


def test_publishing_a_statement_empties_the_cache_so_listings_and_hubs_show_it(
    client, page_cache, news_index, portfolio, policy_area
):
    for url in (news_index.url, portfolio.url, policy_area.url):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"

    statement = NewsArticlePageFactory(parent=news_index, title="Just published", portfolios=[portfolio])

    for url in (news_index.url, portfolio.url, policy_area.url):
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
        assert "Just published" in response.content.decode()

    statement.unpublish()
    assert "Just published" not in client.get(news_index.url).content.decode()


def test_moving_or_deleting_a_page_and_editing_a_person_empty_the_cache(client, page_cache, news_index, portfolio):
    article = NewsArticlePageFactory(parent=news_index, title="Short-lived")
    person = PersonFactory(name="Peter McCall")
    portfolio.leads = [PortfolioLead(person=person, role="lead")]
    portfolio.save_revision().publish()
    client.get(portfolio.url)

    person.role = "PCC, Cumbria (re-elected)"
    person.save()
    assert "re-elected" in client.get(portfolio.url).content.decode()

    client.get(news_index.url)
    article.delete()
    assert "Short-lived" not in client.get(news_index.url).content.decode()


def test_editors_and_visitors_with_a_session_are_never_served_from_the_cache(client, admin_client, home, page_cache):
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"

    assert "X-Cache" not in admin_client.get("/")
    client.cookies["sessionid"] = "anything"
    assert "X-Cache" not in client.get("/")


@pytest.fixture
def cache_log_filter():
    """The filter that holds back repeats of the cache client's log lines, with nothing held yet (each copy
    of it: logging configured again in this process, as some commands do, adds one more to the logger)."""
    filters = [f for f in logging.getLogger("django_redis.cache").filters if isinstance(f, OncePerInterval)]
    assert filters, "the cache client's log lines are no longer held back"
    for once_a_minute in filters:
        once_a_minute.last_passed.clear()
    return filters


def test_with_the_cache_server_down_every_page_is_still_served(
    client, home, news_index, settings, caplog, cache_log_filter, monkeypatch
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.PAGE_CACHE_SECONDS = 600

    for url in ("/", news_index.url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Cache"] == "BYPASS"
    logged = [record for record in caplog.records if record.name == "django_redis.cache"]
    assert len(logged) == 1, "one traceback, not one per failed cache call"
    assert logged[0].exc_info

    a_minute_later = time.monotonic() + 61
    monkeypatch.setattr("portal.logging.time.monotonic", lambda: a_minute_later)
    client.get("/")
    logged = [record for record in caplog.records if record.name == "django_redis.cache"]
    assert len(logged) == 2
    assert re.search(r"and \d+ times more in the last 60 s, not logged", logged[1].getMessage())


def test_a_page_from_the_cache_carries_the_headers_it_was_first_served_with(client, home, page_cache):
    first = client.get("/")
    again = client.get("/")

    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert again.content == first.content
    for header in (
        "Content-Type",
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert again[header] == first[header], header
    assert again["X-Request-ID"] != first["X-Request-ID"], "each response has its own request id"


@pytest.fixture
def django_handler_runs():
    """How many requests reached Django's request handling (its request_started signal)."""
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    yield started
    request_started.disconnect(count)


@pytest.mark.django_db
def test_a_cached_page_is_answered_before_djangos_handler_as_it_was_first_served(
    home, page_cache, test_transaction_kept, django_handler_runs
):
    first_status, first, first_body = wsgi_get(application, "/", HTTP_ACCEPT_ENCODING="gzip")
    assert (first_status, first["X-Cache"], len(django_handler_runs)) == ("200 OK", "MISS", 1)

    status, again, body = wsgi_get(application, "/", HTTP_ACCEPT_ENCODING="gzip", HTTP_X_REQUEST_ID="proxy-id-42")

    assert (status, again["X-Cache"], len(django_handler_runs)) == ("200 OK", "HIT", 1), "Django's handler never ran"
    assert body == first_body and again["Content-Encoding"] == "gzip"
    assert again["X-Request-ID"] == "proxy-id-42", "the proxy's request id, as for any request"
    kept = {name: value for name, value in first.items() if name not in ("X-Cache", "X-Request-ID")}
    assert {name: value for name, value in again.items() if name in kept} == kept
    assert "Content-Security-Policy" in kept and "Permissions-Policy" in kept and "ETag" in kept


@pytest.mark.django_db
def test_a_cached_page_whose_etag_still_holds_is_a_304_before_djangos_handler(
    home, page_cache, test_transaction_kept, django_handler_runs
):
    _, first, _ = wsgi_get(application, "/")

    status, headers, body = wsgi_get(application, "/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (status, body, headers["X-Cache"], len(django_handler_runs)) == ("304 Not Modified", b"", "HIT", 1)
    assert headers["ETag"] == first["ETag"]
    assert wsgi_get(application, "/", HTTP_IF_NONE_MATCH='"another"')[0] == "200 OK"


def test_a_visitor_who_takes_gzip_and_one_who_does_not_each_get_their_own_copy(client, home, page_cache):
    zipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get("/")
    assert (zipped["X-Cache"], zipped["Content-Encoding"]) == ("MISS", "gzip")
    assert plain["X-Cache"] == "MISS" and "Content-Encoding" not in plain

    again_plain = client.get("/", HTTP_ACCEPT_ENCODING="identity")
    again_zipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip")

    assert (again_plain["X-Cache"], again_zipped["X-Cache"]) == ("HIT", "HIT")
    assert "Content-Encoding" not in again_plain and again_plain.content.startswith(b"<!doctype html>")
    assert again_zipped["Content-Encoding"] == "gzip" and again_zipped.content == zipped.content


def test_a_plain_http_request_is_still_sent_to_https_once_the_secure_page_is_cached(client, home, page_cache, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert [client.get("/", secure=True)["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]

    response = client.get("/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


@pytest.mark.django_db
def test_a_host_the_site_does_not_serve_is_refused_even_when_the_page_is_cached(
    home, page_cache, test_transaction_kept
):
    assert wsgi_get(application, "/")[0] == "200 OK"
    assert wsgi_get(application, "/")[1]["X-Cache"] == "HIT"

    status, _, _ = wsgi_get(application, "/", HTTP_HOST="attacker.example")

    assert status.startswith("400")
