"""Finding the portal's content from outside: feeds, sitemap, robots.txt, structured data, the API, redirects."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from portfolios.models import PortfolioLead
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portfolios.factories import PersonFactory
from tests.publications.factories import PolicyDocumentFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def news(news_index, portfolio):
    NewsArticlePageFactory(parent=news_index, title="Older statement", date="2023-01-01")
    NewsArticlePageFactory(
        parent=news_index,
        title="Forensics news",
        summary="Contracts change.",
        date="2024-06-01",
        portfolios=[portfolio],
    )
    VideoPageFactory(parent=news_index, title="Forensics video", date="2024-01-01", portfolios=[portfolio])
    return news_index


def test_the_rss_feed_is_valid_rss_2_with_the_latest_items_first(client, news):
    response = client.get("/news/feed/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert ET.fromstring(response.content).attrib["version"] == "2.0"
    assert channel.findtext("title") == "News"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Forensics news", "Forensics video", "Older statement"]
    assert items[0].findtext("description") == "Contracts change."
    assert items[0].findtext("link").endswith("/news/forensics-news/")
    assert "2024" in items[0].findtext("pubDate")


def test_the_atom_feed_of_a_portfolio_holds_only_that_portfolios_items(client, news, portfolio):
    response = client.get(f"/news/feed/{portfolio.slug}/atom/")

    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Forensics: News"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Forensics news", "Forensics video"]
    assert all(entry.findtext(f"{ATOM}updated") for entry in feed.findall(f"{ATOM}entry"))
    assert client.get("/news/feed/no-such-portfolio/atom/").status_code == 404


@pytest.mark.parametrize("news_in_menu", [True, False], ids=["news-in-menu", "news-not-in-menu"])
def test_pages_advertise_their_feeds(client, news, portfolio, news_index, news_in_menu):
    news_index.show_in_menus = news_in_menu
    news_index.save_revision().publish()
    home_links = BeautifulSoup(client.get("/").content, "html.parser").select('link[rel="alternate"]')
    portfolio_links = BeautifulSoup(client.get(portfolio.url).content, "html.parser").select('link[rel="alternate"]')

    assert [link["href"] for link in home_links] == ["/news/feed/rss/", "/news/feed/atom/"]
    assert "/news/feed/forensics/atom/" in [link["href"] for link in portfolio_links]


def test_the_sitemap_lists_every_live_public_page_and_no_draft_or_private_one(client, news, portfolio, news_index):
    draft = NewsArticlePageFactory(parent=news_index, title="Embargoed", publish=False)
    private = NewsArticlePageFactory(parent=news_index, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    sitemap = ET.fromstring(client.get("/sitemap.xml").content)

    listed = {url.findtext(f"{SITEMAP}loc").removeprefix("http://localhost") for url in sitemap}
    assert {"/", portfolio.url, "/news/forensics-news/", "/news/forensics-video/"} <= listed
    assert draft.url not in listed and private.url not in listed
    assert all(url.findtext(f"{SITEMAP}lastmod") for url in sitemap)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, home):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://localhost/sitemap.xml" in body, "on the base URL, not the request's host"


def json_ld(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]


def test_a_statement_describes_itself_as_a_news_article_with_breadcrumbs(client, news_index):
    article = NewsArticlePageFactory(
        parent=news_index, title="Leads respond </script><b>", summary="They respond.", date="2024-06-01"
    )

    blocks = {block["@type"]: block for block in json_ld(client.get(article.url))}

    assert blocks["NewsArticle"]["headline"] == "Leads respond </script><b>"
    assert blocks["NewsArticle"]["datePublished"] == "2024-06-01"
    assert blocks["NewsArticle"]["publisher"]["name"] == "Association of Police and Crime Commissioners"
    names = [item["name"] for item in blocks["BreadcrumbList"]["itemListElement"]]
    assert names == ["Home", "News", "Leads respond </script><b>"]


def test_the_home_page_describes_the_organisation_and_a_person_page_the_person(client, portfolio):
    person = PersonFactory(name="Peter McCall", slug="peter-mccall", role="PCC, Cumbria")
    portfolio.leads = [PortfolioLead(person=person, role="lead")]
    portfolio.save_revision().publish()

    assert json_ld(client.get("/"))[0] == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Association of Police and Crime Commissioners",
        "url": "http://localhost/",
        "logo": {"@type": "ImageObject", "url": "http://localhost/static/img/logo.png"},
    }
    person_block = json_ld(client.get("/people/peter-mccall/"))[0]
    assert person_block["@type"] == "Person" and person_block["jobTitle"] == "PCC, Cumbria"


def test_pages_carry_canonical_description_and_sharing_tags(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Fraud strategy", summary="Victims first.")

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")

    assert soup.find("link", rel="canonical")["href"] == "http://localhost/news/fraud-strategy/"
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Victims first."
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:title")["content"] == "Fraud strategy"
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_the_api_lists_portfolios_with_their_leads(client, portfolio):
    person = PersonFactory(name="Darryl Preston", role="PCC, Cambridgeshire")
    portfolio.leads = [PortfolioLead(person=person, role="lead")]
    portfolio.save_revision().publish()

    response = client.get("/api/v2/pages/?type=portfolios.PortfolioPage&fields=summary,leads")

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["title"] == "Forensics"
    assert item["leads"][0]["person"]["name"] == "Darryl Preston"
    assert item["leads"][0]["role"] == "lead"


def test_the_api_returns_news_and_documents(client, news, publication_index):
    PolicyDocumentFactory(title="SPR guidance")

    news_items = client.get("/api/v2/pages/?type=news.NewsArticlePage&fields=summary,news_type").json()["items"]
    documents = client.get("/api/v2/documents/").json()["items"]

    assert {item["title"] for item in news_items} == {"Older statement", "Forensics news"}
    assert documents[0]["title"] == "SPR guidance"


@pytest.mark.parametrize(
    "query",
    [
        "foo=bar",
        "limit=abc",
        "limit=-1",
        "offset=x",
        "type=nope.Nope",
        "order=nonsense",
        "fields=_,nope",
        "search=%00",
        "title=a%00b",
    ],
)
def test_the_api_rejects_bad_parameters_with_400_and_a_message(client, home, query):
    response = client.get(f"/api/v2/pages/?{query}")

    assert response.status_code == 400
    assert response.json()["message"]


def test_an_editor_made_redirect_sends_visitors_to_the_moved_page(client, portfolio):
    Redirect.objects.create(old_path="/old-forensics-page", redirect_page=portfolio)

    response = client.get("/old-forensics-page/")

    assert response.status_code == 301
    assert response["Location"].endswith(portfolio.url)
