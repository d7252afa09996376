"""One configured base URL (SITE_BASE_URL): every absolute URL the site writes names it, whatever Host
the request came with and whatever the Wagtail Site record says."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Site

from portfolios.models import PortfolioLead
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portal.test_settings import django_setting
from tests.portfolios.factories import PersonFactory

BASE = "https://policy.example.org"
OTHER_HOST = "internal.example"  # an address the app also answers to: a proxy's, a load balancer's
# Addresses the site may name that are not its own: vocabularies, namespaces, video players.
FOREIGN = ("schema.org", "www.w3.org", "purl.org", "www.sitemaps.org", "www.youtube-nocookie.com", "ogp.me")
ABSOLUTE = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def on_base_url(settings):
    settings.SITE_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def content(news_index, portfolio):
    person = PersonFactory(name="Peter McCall", slug="peter-mccall", role="PCC, Cumbria")
    person.save_revision().publish()
    portfolio.leads = [PortfolioLead(person=person, role="lead")]
    portfolio.save_revision().publish()
    article = NewsArticlePageFactory(parent=news_index, title="Fraud strategy", portfolios=[portfolio])
    VideoPageFactory(parent=news_index, title="A video", date="2024-01-01", portfolios=[portfolio])
    return article


def hosts_named(body):
    hosts = {urlsplit(url).hostname for url in ABSOLUTE.findall(body)}
    return {host for host in hosts if host not in FOREIGN}


SURFACES = [
    "/",
    "/news/fraud-strategy/",
    "/news/a-video/",
    "/capabilities/forensics/",
    "/people/peter-mccall/",
    "/search/?q=fraud",
    "/no-such-page/",
    "/sitemap.xml",
    "/robots.txt",
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/news/feed/forensics/atom/",
    "/news/feed/forensics/rss/",
    "/api/v2/pages/?fields=*",
    "/api/v2/pages/?type=news.NewsArticlePage&fields=*",
]


@pytest.mark.parametrize("path", SURFACES)
def test_a_surface_requested_through_another_host_names_only_the_base_url(client, on_base_url, content, path):
    response = client.get(path, HTTP_HOST=OTHER_HOST)

    assert response.status_code in (200, 404), response.status_code
    assert hosts_named(response.content.decode()) == {"policy.example.org"}, "no other host, and the base URL's"


def test_the_api_names_the_base_url_in_detail_and_html_urls_and_finds_pages_there(client, on_base_url, content):
    detail = client.get(f"/api/v2/pages/{content.pk}/", HTTP_HOST=OTHER_HOST).json()
    assert detail["meta"]["html_url"] == f"{BASE}/news/fraud-strategy/"
    assert detail["meta"]["detail_url"] == f"{BASE}/api/v2/pages/{content.pk}/"

    found = client.get("/api/v2/pages/find/?html_path=/news/fraud-strategy/", HTTP_HOST=OTHER_HOST)
    assert found.status_code == 302
    assert found["Location"].startswith(f"{BASE}/api/v2/pages/{content.pk}/")


def test_a_persons_breadcrumbs_and_canonical_are_on_one_host(client, on_base_url, content):
    body = client.get("/people/peter-mccall/", HTTP_HOST=OTHER_HOST).content.decode()

    assert f'<link rel="canonical" href="{BASE}/people/peter-mccall/">' in body
    assert f'"item": "{BASE}/people/peter-mccall/"' in body and f'"item": "{BASE}/"' in body


def test_apply_base_url_writes_the_base_url_into_the_default_site(home, settings):
    settings.SITE_BASE_URL = BASE

    call_command("apply_base_url", stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("policy.example.org", 443, BASE)


def test_production_defaults_the_base_url_to_https_on_the_first_host_and_refuses_plain_http():
    default = django_setting(
        "portal.settings.production", "settings.SITE_BASE_URL", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org,b.org"
    )
    assert default.stdout.strip() == "'https://example.org'", default.stderr

    plain = django_setting(
        "portal.settings.production",
        "settings.SITE_BASE_URL",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        SITE_BASE_URL="http://example.org",
    )
    assert plain.returncode != 0 and "SITE_BASE_URL must be the site's https:// address" in plain.stderr

    with_path = django_setting("portal.settings.dev", "settings.SITE_BASE_URL", SITE_BASE_URL="https://x.org/policy")
    assert with_path.returncode != 0 and "SITE_BASE_URL must be like" in with_path.stderr
