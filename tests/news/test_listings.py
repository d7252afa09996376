"""The news and publications indexes filter with plain GET forms and never fail on bad parameters."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from news.models import NewsArticlePage
from portal.pagination import paginate
from publications.models import PublicationAttachment
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portfolios.factories import PortfolioPageFactory
from tests.publications.factories import PolicyDocumentFactory, PublicationPageFactory


def titles(response):
    return [h.get_text(strip=True) for h in BeautifulSoup(response.content, "html.parser").select(".card__title")]


@pytest.fixture
def fraud(policy_area):
    return PortfolioPageFactory(parent=policy_area, title="Fraud & Cyber-Crime", slug="fraud")


@pytest.fixture
def news(news_index, portfolio, fraud):
    NewsArticlePageFactory(
        parent=news_index, title="Forensics statement", news_type="statement", date="2023-05-01", portfolios=[portfolio]
    )
    NewsArticlePageFactory(
        parent=news_index, title="Fraud blog", news_type="blog", date="2024-02-01", portfolios=[fraud]
    )
    VideoPageFactory(parent=news_index, title="Fraud video", date="2022-11-14", portfolios=[fraud])
    NewsArticlePageFactory(parent=news_index, title="Joint news", date="2024-03-01", portfolios=[portfolio, fraud])
    return news_index


def test_news_filters_by_portfolio_type_and_year(client, news):
    assert titles(client.get("/news/?portfolio=forensics")) == ["Joint news", "Forensics statement"]
    assert titles(client.get("/news/?portfolio=fraud")) == ["Joint news", "Fraud blog", "Fraud video"]
    assert titles(client.get("/news/?type=statement")) == ["Forensics statement"]
    assert titles(client.get("/news/?type=video")) == ["Fraud video"]
    assert titles(client.get("/news/?year=2024")) == ["Joint news", "Fraud blog"]
    assert titles(client.get("/news/?portfolio=fraud&type=blog&year=2024")) == ["Fraud blog"]
    assert titles(client.get("/news/?portfolio=&type=&year=")) == [
        "Joint news",
        "Fraud blog",
        "Forensics statement",
        "Fraud video",
    ]


@pytest.mark.parametrize(
    "query, count",
    [("", "4 items"), ("year=2024", "2 items match your filters"), ("year=2023", "1 item matches your filters")]
    + [("type=blog&year=2024", "1 item matches your filters"), ("portfolio=fraud", "3 items match your filters")],
)
def test_the_news_index_counts_what_it_lists(client, news, query, count):
    soup = BeautifulSoup(client.get(f"/news/?{query}").content, "html.parser")

    assert soup.select_one(".result-count").get_text(strip=True) == count


def test_the_news_filter_form_offers_the_years_that_have_news_and_keeps_the_choices_made(client, news):
    soup = BeautifulSoup(client.get("/news/?portfolio=fraud&year=2024").content, "html.parser")

    form = soup.select_one("form.filter-form")
    assert form["method"] == "get"
    years = [option.get_text() for option in form.select("select[name=year] option")]
    assert years == ["All years", "2024", "2023", "2022"]
    assert form.select_one("select[name=portfolio] option[selected]")["value"] == "fraud"
    assert form.select_one("label[for=id_portfolio]").get_text() == "Portfolio"
    assert soup.select_one(".result-count").get_text(strip=True) == "2 items match your filters"
    assert soup.select_one(".filter-form__clear")["href"] == "/news/"


def test_the_portfolio_filters_offer_only_portfolios_that_have_items(
    client, news, publication_index, policy_area, portfolio
):
    PortfolioPageFactory(parent=policy_area, title="Modern Slavery", slug="modern-slavery")  # nothing filed
    PublicationPageFactory(parent=publication_index, title="Forensics guidance", portfolios=[portfolio])

    def offered(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [option["value"] for option in soup.select("select[name=portfolio] option")]

    assert offered("/news/") == ["", "forensics", "fraud"]  # by title
    assert offered(publication_index.url) == ["", "forensics"]
    assert client.get("/news/?portfolio=modern-slavery").status_code == 200  # left out, with a message


def test_pagination_keeps_the_filters(client, news_index, portfolio):
    for day in range(1, 13):
        NewsArticlePageFactory(parent=news_index, date=f"2024-01-{day:02d}", portfolios=[portfolio])

    soup = BeautifulSoup(client.get("/news/?portfolio=forensics").content, "html.parser")

    assert soup.select_one('a[rel="next"]')["href"] == "?portfolio=forensics&page=2"


@pytest.mark.parametrize(
    "current, shown",
    [
        (1, ["1", "2", "3", "…", "100"]),
        (4, ["1", "2", "3", "4", "5", "6", "…", "100"]),
        (50, ["1", "…", "48", "49", "50", "51", "52", "…", "100"]),
        (100, ["1", "…", "98", "99", "100"]),
    ],
)
def test_a_long_listing_links_to_the_first_last_and_nearby_pages_only(rf, current, shown):
    request = rf.get("/news/", {"portfolio": "forensics", "page": current})
    page = paginate(request, range(1000), 10)

    soup = BeautifulSoup(render_to_string("components/pagination.html", {"items": page}, request), "html.parser")
    numbered = soup.select(".pagination__link:not([rel]), .pagination__gap")

    assert [item.get_text(strip=True).removeprefix("Page") for item in numbered] == shown
    assert soup.select_one('[aria-current="page"]')["href"] == f"?portfolio=forensics&page={current}"
    assert soup.select_one(".pagination__summary").get_text(strip=True) == f"Page {current} of 100"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("portfolio=nonsense", "There is no portfolio “nonsense” to filter by"),
        ("type=press-release", "There is no type “press-release” to filter by"),
        ("year=abc", "There is no year “abc” to filter by"),
        ("year=1850", "There is no year “1850” to filter by"),
        ("year=2024%00", "There is no year “2024” to filter by"),
    ],
)
def test_an_unknown_filter_value_in_a_bookmarked_news_address_shows_the_list_with_a_message(
    client, news, query, message
):
    response = client.get(f"/news/?{query}")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".filter-notice").get_text(" ", strip=True) == (
        f"{message}, so it is left out: the list shows everything."
    )
    assert titles(response) == ["Joint news", "Fraud blog", "Forensics statement", "Fraud video"]
    assert soup.h1.get_text(strip=True) == news.title


def test_an_unknown_value_beside_a_known_one_keeps_the_known_filter(client, news):
    soup = BeautifulSoup(client.get("/news/?portfolio=fraud&year=abc").content, "html.parser")
    assert "the list shows what matches the other filters" in soup.select_one(".filter-notice").get_text()
    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Joint news", "Fraud blog", "Fraud video"]


@pytest.mark.parametrize("query", ["portfolio=no-such-portfolio", "type=press-release", "format=exe", "format=%00"])
def test_an_unknown_filter_value_in_a_publications_address_shows_the_list_with_a_message(
    client, publication_index, query
):
    PublicationPageFactory(parent=publication_index, title="SPR guidance")
    response = client.get(f"{publication_index.url}?{query}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "so it is left out" in soup.select_one(".filter-notice").get_text()
    assert "\x00" not in response.content.decode()
    assert titles(response) == ["SPR guidance"]


def test_a_filtered_news_listing_says_in_its_title_and_heading_what_it_is_filtered_by(client, news):
    soup = BeautifulSoup(client.get("/news/?portfolio=fraud&type=blog&year=2024").content, "html.parser")
    assert soup.h1.get_text(strip=True) == f"{news.title}: Fraud & Cyber-Crime, Blog, 2024"
    assert soup.title.get_text().startswith(f"{news.title}: Fraud & Cyber-Crime, Blog, 2024 | ")
    unfiltered = BeautifulSoup(client.get("/news/").content, "html.parser")
    assert unfiltered.h1.get_text(strip=True) == news.title


def test_the_news_type_filter_offers_only_the_types_that_have_items(client, news):
    soup = BeautifulSoup(client.get("/news/").content, "html.parser")
    options = [option.get_text() for option in soup.select("select[name=type] option")]
    assert options == ["All types", "News", "Statement", "Blog", "Video"]


@pytest.mark.parametrize(("page", "expected_first"), [("abc", "Item 11"), ("-1", "Item 11"), ("99999", "Item 01")])
def test_a_bad_page_number_gives_the_first_or_the_last_page(client, news_index, page, expected_first):
    for number in range(12):
        NewsArticlePageFactory(parent=news_index, title=f"Item {number:02d}", date=f"2024-01-{number + 1:02d}")

    response = client.get(f"/news/?page={page}")

    assert response.status_code == 200
    assert titles(response)[0] == expected_first


def test_publications_filter_by_portfolio_type_and_format(client, publication_index, portfolio, fraud):
    pdf = PolicyDocumentFactory(file_name="spr.pdf")
    slides = PolicyDocumentFactory(file_name="fcn.pptx", data=b"PK\x03\x04" + bytes(100))
    PublicationPageFactory(
        parent=publication_index,
        title="SPR guidance",
        publication_type="guidance",
        published_on=datetime.date(2024, 1, 1),
        portfolios=[fraud],
        attachments=[PublicationAttachment(document=pdf)],
    )
    PublicationPageFactory(
        parent=publication_index,
        title="FCN explainer",
        publication_type="explainer",
        published_on=datetime.date(2025, 1, 1),
        portfolios=[portfolio],
        attachments=[PublicationAttachment(document=slides)],
    )

    url = publication_index.url
    assert titles(client.get(url)) == ["FCN explainer", "SPR guidance"]
    assert titles(client.get(f"{url}?portfolio=forensics")) == ["FCN explainer"]
    assert titles(client.get(f"{url}?type=guidance")) == ["SPR guidance"]
    assert titles(client.get(f"{url}?format=pptx")) == ["FCN explainer"]
    assert titles(client.get(f"{url}?format=pdf&portfolio=forensics")) == []
    empty = BeautifulSoup(client.get(f"{url}?format=pdf&portfolio=forensics").content, "html.parser")
    assert "Nothing matches these filters." in empty.get_text()
    assert empty.h1.get_text(strip=True) == f"{publication_index.title}: Forensics, PDF"

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    formats = [option.get_text() for option in soup.select("select[name=format] option")]
    assert formats == ["All formats", "PDF", "PowerPoint"], "only the formats that have publications"
    types = [option.get_text() for option in soup.select("select[name=type] option")]
    assert types == ["All types", "Guidance", "Explainer"], "only the types that have publications"


def test_an_item_live_before_it_is_published_is_listed_under_todays_date_at_once(client, news_index):
    """`add_child()` of a live page puts it live before `publish()` has dated it (bulk scripts do this,
    and the admin between its two steps): the listing, its year filter and its deep pages still answer."""
    for number in range(25):
        NewsArticlePageFactory(parent=news_index, title=f"Older item {number}", date=datetime.date(2020, 1, 1))
    news_index.add_child(instance=NewsArticlePage(title="Live, not yet published", slug="live-early", summary="Soon."))

    for query in ("", "?page=3", f"?year={datetime.date.today().year}", "?year=2020&page=2", "?type=news"):
        response = client.get(f"/news/{query}")
        assert response.status_code == 200, query
    assert "Live, not yet published" in client.get("/news/").content.decode()
    assert "Live, not yet published" in client.get(f"/news/?year={datetime.date.today().year}").content.decode()
