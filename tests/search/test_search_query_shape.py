"""A results page loads its pages a narrow query per page type, never as one wide join of every
page type's table (the shape a planner mis-estimated on a fresh database: issue 18)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import result_titles, search
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.publications.factories import PublicationPageFactory

# The most LEFT JOINs any one query of a results page may have (visibility and scoring need a few).
MOST_OUTER_JOINS = 2


def test_a_results_page_of_several_page_types_joins_no_more_than_each_type_needs(client, news_index, publication_index):
    NewsArticlePageFactory(parent=news_index, title="Forensics summit", summary="Forensics.")
    VideoPageFactory(parent=news_index, title="Forensics explained")
    PublicationPageFactory(parent=publication_index, title="Forensics strategy", summary="Forensics.")
    search(client, "q=forensics")  # per-process caches (content types, settings) filled

    with CaptureQueriesContext(connection) as context:
        soup = search(client, "q=forensics")

    assert sorted(result_titles(soup)) == ["Forensics explained", "Forensics strategy", "Forensics summit"]
    widest = max(context.captured_queries, key=lambda query: query["sql"].count("LEFT OUTER JOIN"))["sql"]
    assert widest.count("LEFT OUTER JOIN") <= MOST_OUTER_JOINS, widest
