"""The sitemap as crawlers check it: valid against the sitemaps.org schema, every public page type
and every person's page listed, each with its last change, all on the base URL."""

from pathlib import Path

import pytest
from lxml import etree

from portfolios.models import PortfolioLead
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portal.factories import StandardPageFactory
from tests.portfolios.factories import PersonFactory
from tests.publications.factories import PublicationPageFactory

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap-0.9.xsd")))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site(home, news_index, portfolio, publication_index):
    NewsArticlePageFactory(parent=news_index, title="A statement")
    VideoPageFactory(parent=news_index, title="A video", date="2024-01-01")
    PublicationPageFactory(parent=publication_index, title="A publication")
    StandardPageFactory(parent=home, title="About", slug="about")
    lead = PersonFactory(name="Peter McCall", slug="peter-mccall")
    lead.save_revision().publish()
    hidden = PersonFactory(name="Not yet", slug="not-yet", live=False)
    portfolio.leads = [PortfolioLead(person=lead, role="lead"), PortfolioLead(person=hidden, role="lead")]
    portfolio.save_revision().publish()


def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(client, site):
    document = etree.fromstring(client.get("/sitemap.xml").content)

    assert SCHEMA.validate(document), SCHEMA.error_log


def test_the_sitemap_lists_every_public_page_type_and_every_visible_person_with_a_lastmod(client, site):
    document = etree.fromstring(client.get("/sitemap.xml").content)

    urls = document.findall("s:url", NS)
    listed = {url.findtext("s:loc", namespaces=NS) for url in urls}
    expected = {
        "/",
        "/capabilities/",
        "/capabilities/forensics/",
        "/news/",
        "/news/a-statement/",
        "/news/a-video/",
        "/resources-and-publications/",
        "/resources-and-publications/a-publication/",
        "/about/",
        "/people/peter-mccall/",
    }
    assert {f"http://localhost{path}" for path in expected} <= listed
    assert "http://localhost/people/not-yet/" not in listed, "a person still in draft has no page"
    assert all(url.findtext("s:lastmod", namespaces=NS) for url in urls)


def test_every_page_the_sitemap_lists_answers_200_and_is_canonical_to_itself(client, site):
    document = etree.fromstring(client.get("/sitemap.xml").content)

    for loc in document.findall("s:url/s:loc", NS):
        response = client.get(loc.text.removeprefix("http://localhost"))
        assert response.status_code == 200, loc.text
        assert f'<link rel="canonical" href="{loc.text}">' in response.content.decode()
