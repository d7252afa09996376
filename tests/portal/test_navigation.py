"""The header on every page: a short navigation label for long titles, buttons for search and the menu."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import version_memo
from tests.helpers import soup_of
from tests.portfolios.factories import PolicyAreaPageFactory, PortfolioPageFactory

LONG_TITLE = "Developing Police Capabilities & Tackling Serious Organised Crime"


def main_navigation_labels(soup):
    return [link.get_text(strip=True) for link in soup.select('nav[aria-label="Main"] a')]


def test_a_page_with_a_navigation_label_goes_by_it_in_the_menu_and_breadcrumbs_and_by_its_title_on_itself(client, home):
    area = PolicyAreaPageFactory(parent=home, title=LONG_TITLE, nav_label="Police capabilities & organised crime")
    portfolio = PortfolioPageFactory(parent=area, title="Forensics", summary="Forensic science.")

    area_page = soup_of(client.get(area.url))
    assert "Police capabilities & organised crime" in main_navigation_labels(area_page)
    assert LONG_TITLE not in main_navigation_labels(area_page)
    assert area_page.h1.get_text(strip=True) == LONG_TITLE

    breadcrumbs = soup_of(client.get(portfolio.url)).select('nav[aria-label="Breadcrumb"] li')
    assert [item.get_text(strip=True) for item in breadcrumbs] == [
        "Home",
        "Police capabilities & organised crime",
        "Forensics",
    ]
    assert "breadcrumbs__item--parent" in breadcrumbs[1]["class"], "on phones only the parent's link shows"


def test_a_page_without_a_navigation_label_goes_by_its_title(client, home):
    PolicyAreaPageFactory(parent=home, title="Victims")

    assert main_navigation_labels(soup_of(client.get(home.url))) == ["Home", "Victims"]


def test_navigation_labels_cost_no_query_per_menu_item(client, home):
    def queries_for_home():
        client.get(home.url)
        version_memo.clear()  # what the page reads, not what it kept from the request before
        with CaptureQueriesContext(connection) as context:
            client.get(home.url)
        return len(context.captured_queries)

    PolicyAreaPageFactory(parent=home, title="Victims", nav_label="Victims")
    few = queries_for_home()
    for number in range(5):
        PolicyAreaPageFactory(parent=home, title=f"Area {number}", nav_label=f"Area {number} (short)")

    assert queries_for_home() == few


def test_search_and_the_menu_each_sit_behind_a_button_that_works_without_javascript(client, home):
    header = soup_of(client.get(home.url)).select_one("header.site-header")

    search, menu = header.select("details.header-panel")
    assert search.summary.get_text(strip=True) == "Search"
    assert search.select_one('form[role="search"] input#site-search')
    assert menu.summary.get_text(strip=True) == "Menu" and menu.select_one('nav[aria-label="Main"]')
    assert not search.has_attr("open") and not menu.has_attr("open")
