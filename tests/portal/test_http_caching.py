"""HTTP caching as browsers, feed readers and proxies use it: ETag and 304s for anonymous visitors,
`private, no-store` and no 304 for a signed-in member, one page-cache entry whatever tracking
parameters a link carries, and gzip where it is safe."""

import gzip
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from portal.models import OrganisationSettings
from tests.news.factories import NewsArticlePageFactory


@pytest.fixture
def news(news_index):
    NewsArticlePageFactory(parent=news_index, title="Fraud strategy", date="2024-06-01")
    return news_index


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/fraud-strategy/", "/news/feed/atom/", "/sitemap.xml", "/api/v2/pages/"]
)
def test_an_anonymous_visitor_asking_again_with_the_etag_gets_a_304(client, news, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in first["Vary"]

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("path", ["/news/feed/rss/", "/news/feed/atom/"])
def test_a_feed_reader_polling_with_if_modified_since_gets_a_304(client, news, path):
    first = client.get(path)

    again = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_a_publication_changes_the_etag(client, news):
    etag = client.get("/news/")["ETag"]
    NewsArticlePageFactory(parent=news, title="Just published")

    assert client.get("/news/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_signed_in_member_gets_private_no_store_and_never_a_304_of_the_public_copy(client, news, django_user_model):
    public = client.get("/news/")
    member = django_user_model.objects.create_user("member", password="x")
    member.groups.add(Group.objects.get_or_create(name="Members")[0])
    client.force_login(member)

    response = client.get("/news/", HTTP_IF_NONE_MATCH=public["ETag"])

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


@pytest.fixture
def page_cache(settings, home):
    OrganisationSettings.for_site(home.get_site())
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def page_cache_entries():
    return [key for key in cache._cache if "page-cache:" in key]


def test_fifty_links_with_random_tracking_parameters_make_one_cache_entry(client, page_cache):
    for n in range(50):
        response = client.get(f"/?utm={uuid.uuid4().hex}&utm_source=mail&fbclid={n}")
        assert response.status_code == 200

    assert len(page_cache_entries()) == 1
    assert client.get("/?utm_campaign=x")["X-Cache"] == "HIT"


def test_an_unknown_parameter_is_served_but_not_cached(client, page_cache):
    for n in range(5):
        assert client.get(f"/?nonsense={n}").status_code == 200

    assert page_cache_entries() == []


def test_html_feeds_and_the_api_are_gzipped_but_not_a_page_with_a_csrf_token(client, news):
    for path in ("/", "/news/feed/rss/", "/sitemap.xml", "/api/v2/pages/"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", path
        assert gzip.decompress(response.content)

    form = client.get("/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in form.content and "Content-Encoding" not in form
