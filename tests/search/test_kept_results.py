"""Search results are kept once per content version (search.views): a repeated search is answered
without searching again, yet every search is counted, and a change visitors could see shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from tests.helpers import result_titles, search
from tests.news.factories import NewsArticlePageFactory
from tests.portal.factories import StandardPageFactory


def searches_made(queries):
    return [query["sql"] for query in queries if "wagtailsearch_indexentry" in query["sql"]]


def test_a_repeated_search_is_answered_from_what_was_kept_and_still_counted(client, news_index):
    NewsArticlePageFactory(parent=news_index, title="Forensics statement")
    client.get("/search/")  # the site's settings are created on first use, which moves the version on
    assert result_titles(search(client, "q=forensics")) == ["Forensics statement"]

    with CaptureQueriesContext(connection) as queries:
        assert result_titles(search(client, "q=forensics")) == ["Forensics statement"]

    assert searches_made(queries.captured_queries) == []
    assert QueryDailyHits.objects.get(query=Query.get("forensics")).hits == 2


def test_a_page_published_after_a_search_is_found_by_the_next_one(client, news_index):
    NewsArticlePageFactory(parent=news_index, title="Forensics statement")
    assert result_titles(search(client, "q=forensics")) == ["Forensics statement"]

    NewsArticlePageFactory(parent=news_index, title="Forensics guidance news")

    assert sorted(result_titles(search(client, "q=forensics"))) == ["Forensics guidance news", "Forensics statement"]


def test_an_editors_new_recommendation_shows_on_the_next_search(client, home, news_index):
    NewsArticlePageFactory(parent=news_index, title="Forensics statement")
    guide = StandardPageFactory(parent=home, title="Forensic science guide")
    assert search(client, "q=forensics").select_one(".result--recommended") is None

    SearchPromotion.objects.create(query=Query.get("forensics"), page=guide, sort_order=0)

    assert search(client, "q=forensics").select_one(".result--recommended")
