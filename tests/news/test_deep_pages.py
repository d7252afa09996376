"""Deep pages of the news index cost what its first page costs (issue 18): they start from the
first item's listing key instead of an OFFSET, and the year counts are made once per content
version. Every page still shows exactly what an OFFSET would, and a change shows at once."""

import datetime

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.index_listing import NEWS_PER_PAGE
from news.models import NewsArticlePage
from portal import version_memo
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory


def titles(response):
    return [h.get_text(strip=True) for h in BeautifulSoup(response.content, "html.parser").select(".card__title")]


def add_items(news_index, count):
    """Articles and videos, three to a day, so pages begin and end inside a day's items."""
    today = datetime.date(2025, 6, 30)
    for number in range(count):
        date = today - datetime.timedelta(days=number // 3)
        if number % 4 == 1:
            VideoPageFactory(parent=news_index, title=f"Item {number}", date=date)
        else:
            NewsArticlePageFactory(parent=news_index, title=f"Item {number}", date=date)


def expected_pages(news_index):
    """Each page's titles as Django's OFFSET pagination of the listing gives them."""
    ordered = list(news_index.listed_items().values_list("title", flat=True))
    return [ordered[start : start + NEWS_PER_PAGE] for start in range(0, len(ordered), NEWS_PER_PAGE)]


def listing_queries(client, url):
    """The listing's queries when it is read (not what the request before kept: portal.version_memo)."""
    client.get(url)
    version_memo.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    listing = [q["sql"] for q in context.captured_queries if "news_listingdate" in q["sql"] and "LIMIT" in q["sql"]]
    return response, listing


def test_every_deep_page_shows_what_an_offset_would_across_days_with_several_items(client, news_index):
    add_items(news_index, 4 * NEWS_PER_PAGE + 3)

    pages = expected_pages(news_index)

    assert len(pages) == 5
    for number, expected in enumerate(pages, start=1):
        assert titles(client.get(f"{news_index.url}?page={number}")) == expected, number


def test_a_deep_page_reads_from_its_first_items_key_not_through_an_offset(client, news_index):
    add_items(news_index, 4 * NEWS_PER_PAGE)

    _response, first = listing_queries(client, news_index.url)
    _response, deep = listing_queries(client, f"{news_index.url}?page=4")

    assert first and deep
    assert all("OFFSET" not in sql for sql in deep), deep
    assert any(f"LIMIT {NEWS_PER_PAGE}" in sql for sql in deep)


def test_a_deep_page_and_its_year_counts_follow_a_change_at_once(client, news_index):
    add_items(news_index, 3 * NEWS_PER_PAGE)
    client.get(f"{news_index.url}?page=3")  # the page starts and year counts kept for this version

    NewsArticlePageFactory(parent=news_index, title="Newest", date=datetime.date(2025, 7, 1))
    response = client.get(f"{news_index.url}?page=3")

    assert titles(response) == expected_pages(news_index)[2]
    assert "Newest" in titles(client.get(news_index.url))
    year_2025 = BeautifulSoup(client.get(news_index.url).content, "html.parser").select_one("option[value='2025']")
    assert year_2025 is not None


def test_an_unpublished_item_leaves_the_deep_pages_at_once(client, news_index):
    add_items(news_index, 3 * NEWS_PER_PAGE)
    client.get(f"{news_index.url}?page=2")

    NewsArticlePage.objects.get(title="Item 12").unpublish()

    assert "Item 12" not in titles(client.get(f"{news_index.url}?page=2"))
    assert titles(client.get(f"{news_index.url}?page=2")) == expected_pages(news_index)[1]


def test_a_page_past_the_end_is_the_last_page(client, news_index):
    add_items(news_index, 2 * NEWS_PER_PAGE + 1)

    assert titles(client.get(f"{news_index.url}?page=500")) == expected_pages(news_index)[-1]
