"""The home page serves its visitors: the policy areas' portfolios and leads, news, guidance, how to get in touch."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import version_memo
from portal.models import OrganisationSettings
from portfolios.models import PortfolioLead
from tests.helpers import soup_of
from tests.news.factories import NewsArticlePageFactory
from tests.portal.factories import StandardPageFactory
from tests.portfolios.factories import PersonFactory, PolicyAreaPageFactory, PortfolioPageFactory
from tests.publications.factories import PublicationPageFactory


def text(element):
    return " ".join(element.get_text(" ").split())


def test_the_home_page_shows_each_policy_area_with_its_portfolios_and_current_leads(client, home):
    area = PolicyAreaPageFactory(parent=home, title="Developing Police Capabilities", show_in_menus=True)
    portfolio = PortfolioPageFactory(parent=area, title="Forensics", summary="Leading our work on forensics.")
    portfolio.leads = [
        PortfolioLead(person=PersonFactory(name="Darryl Preston"), role="lead"),
        PortfolioLead(person=PersonFactory(name="Someone Earlier"), role="lead", ended_on=datetime.date(2020, 1, 1)),
    ]
    portfolio.save_revision().publish()

    soup = soup_of(client.get(home.url))

    section = soup.find("h2", string="Developing Police Capabilities").find_parent("section")
    assert section.find("h3").find("a", href=portfolio.url, string="Forensics")
    assert "Leading our work on forensics." in text(section)
    assert "Lead: Darryl Preston" in text(section) and "Someone Earlier" not in text(section)
    assert section.find("a", href=area.url)
    assert not soup.select("main .link-list"), "no list that only repeats the navigation"


def test_the_home_page_features_the_guidance_and_the_latest_news(client, home, news_index, publication_index):
    PublicationPageFactory(parent=publication_index, title="SPR guidance", publication_type="guidance")
    PublicationPageFactory(parent=publication_index, title="FCN explainer", publication_type="explainer")
    NewsArticlePageFactory(parent=news_index, title="Commissioners welcome new strategy")

    soup = soup_of(client.get(home.url))

    guidance = soup.find(id="latest-guidance-heading").find_parent("section")
    assert "SPR guidance" in text(guidance) and "FCN explainer" not in text(guidance)
    assert guidance.find("a", href=f"{publication_index.url}?type=guidance", string="All guidance")
    assert "Commissioners welcome new strategy" in text(soup.find(id="latest-news-heading").find_parent("section"))


def test_the_home_page_says_how_to_get_in_touch(client, home):
    media = StandardPageFactory(parent=home, title="Media enquiries", slug="media-enquiries")
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.media_enquiries_page = media
    organisation.contact_email = "enquiries@example.org"
    organisation.save()

    section = soup_of(client.get(home.url)).find(id="home-contact-heading").find_parent("section")

    assert section.find("a", href="/media-enquiries/")
    assert section.find("a", href="mailto:enquiries@example.org")


def test_the_home_page_reads_every_policy_areas_portfolios_in_a_fixed_number_of_queries(client, home):
    def queries_for_home():
        client.get(home.url)
        version_memo.clear()  # what the page reads, not what it kept from the request before
        with CaptureQueriesContext(connection) as context:
            client.get(home.url)
        return len(context.captured_queries)

    area = PolicyAreaPageFactory(parent=home, show_in_menus=True)
    PortfolioPageFactory(parent=area)
    few = queries_for_home()
    for _ in range(4):
        PortfolioPageFactory(parent=PolicyAreaPageFactory(parent=home, show_in_menus=True))

    assert queries_for_home() == few
