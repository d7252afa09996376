"""People have pages; hubs link on to their filtered listings."""

import datetime
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portfolios.models import PortfolioContact, PortfolioLead
from publications.models import PublicationAttachment
from tests.helpers import soup_of
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portfolios.factories import PersonFactory, PortfolioPageFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory

HUB_QUERY_BUDGET = 25


def test_a_persons_page_lists_their_portfolios_the_statements_quoting_them_and_their_videos(
    client, portfolio, news_index
):
    person = PersonFactory(name="Kate Green", slug="kate-green", role="Deputy Mayor")
    portfolio.leads = [PortfolioLead(person=person, role="joint_lead")]
    portfolio.save_revision().publish()
    quote = {"quote": "<p>Vital.</p>", "person": person.pk, "role": "Deputy Mayor for Greater Manchester"}
    NewsArticlePageFactory(
        parent=news_index, title="Leads respond", body=json.dumps([{"type": "quote", "value": quote}])
    )
    NewsArticlePageFactory(parent=news_index, title="Not quoting her")
    NewsArticlePageFactory(
        parent=news_index,
        title="Unpublished draft quoting her",
        body=json.dumps([{"type": "quote", "value": quote}]),
        publish=False,
    )
    VideoPageFactory(parent=news_index, title="Kate Green on SOC", speaker=person)

    response = client.get("/people/kate-green/")

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Kate Green"
    assert soup.find(id="portfolios-heading").find_next("li").get_text(strip=True) == "Forensics: Joint Lead"
    quoted = [a.get_text(strip=True) for a in soup.find(id="quoted-heading").parent.select(".card__title a")]
    assert quoted == ["Leads respond"]
    assert soup.find(id="videos-heading").parent.find("a", string="Kate Green on SOC")


def test_people_are_linked_from_the_portfolio_page_and_unknown_people_are_not_found(client, portfolio):
    person = PersonFactory(name="Alex Campbell", slug="alex-campbell", role="Senior Policy Manager")
    portfolio.contacts = [PortfolioContact(person=person)]
    portfolio.save_revision().publish()

    soup = soup_of(client.get(portfolio.url))

    assert soup.find("a", string="Alex Campbell")["href"] == "/people/alex-campbell/"
    assert client.get("/people/nobody-here/").status_code == 404


def test_a_portfolio_without_a_photo_shows_initials_and_a_former_lead_page_says_former(client, portfolio):
    person = PersonFactory(name="Donna Jones", slug="donna-jones")
    portfolio.leads = [PortfolioLead(person=person, role="joint_lead", ended_on=datetime.date(2024, 5, 2))]
    portfolio.save_revision().publish()

    portfolio_soup = soup_of(client.get(portfolio.url))
    person_soup = soup_of(client.get("/people/donna-jones/"))

    assert portfolio_soup.select_one(".person-card__initials").get_text(strip=True) == "DJ"
    assert person_soup.find(id="portfolios-heading").find_next("li").get_text(strip=True) == (
        "Forensics: former joint lead (until May 2024)"
    )


def test_hubs_link_to_the_listings_filtered_by_portfolio(client, policy_area, portfolio, news_index, publication_index):
    NewsArticlePageFactory(parent=news_index, portfolios=[portfolio])
    VideoPageFactory(parent=news_index, portfolios=[portfolio])
    PublicationPageFactory(
        parent=publication_index,
        portfolios=[portfolio],
        attachments=[PublicationAttachment(document=PolicyDocumentFactory())],
    )

    portfolio_links = {
        a.get_text(" ", strip=True): a["href"] for a in soup_of(client.get(portfolio.url)).select(".more-link")
    }
    area_links = {
        a.get_text(" ", strip=True): a["href"] for a in soup_of(client.get(policy_area.url)).select(".more-link")
    }

    assert portfolio_links == {
        "More news from Forensics": "/news/?portfolio=forensics",
        "More videos from Forensics": "/news/?type=video&portfolio=forensics",
        "More resources and publications from Forensics": "/resources-and-publications/?portfolio=forensics",
    }
    assert area_links["More news from Developing capabilities"] == "/news/"
    for url in portfolio_links.values():
        assert client.get(url).status_code == 200


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_portfolio_with_people_and_news(policy_area, news_index):
    portfolio = PortfolioPageFactory(parent=policy_area)
    portfolio.leads = [PortfolioLead(person=PersonFactory(), role="lead") for _ in range(2)]
    portfolio.contacts = [PortfolioContact(person=PersonFactory())]
    portfolio.save_revision().publish()
    NewsArticlePageFactory(parent=news_index, portfolios=[portfolio])
    VideoPageFactory(parent=news_index, portfolios=[portfolio])
    return portfolio


def test_hub_pages_use_a_fixed_number_of_queries_whatever_the_number_of_portfolios(client, policy_area, news_index):
    portfolio = add_portfolio_with_people_and_news(policy_area, news_index)
    client.get(policy_area.url)  # the first request creates the site's settings row
    few = count_queries(client, policy_area.url), count_queries(client, portfolio.url)

    for _ in range(5):
        add_portfolio_with_people_and_news(policy_area, news_index)
    many = count_queries(client, policy_area.url), count_queries(client, portfolio.url)

    assert many == few
    assert max(many) <= HUB_QUERY_BUDGET
