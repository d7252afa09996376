"""A misspelt search is corrected from what the site's visitors can see ("Did you mean fraud?"),
and an empty search says what to type."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from portal import content_version
from tests.helpers import result_count, result_titles, search, text_of
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PersonFactory, PortfolioPageFactory


@pytest.fixture
def fraud_and_people(policy_area, news_index):
    PortfolioPageFactory(parent=policy_area, title="Fraud & Cyber-Crime", summary="Online crime.")
    PersonFactory(name="Alison Hernandez", role="PCC for Devon and Cornwall")
    NewsArticlePageFactory(parent=news_index, title="News from the front", summary="Said from afar.")


@pytest.mark.parametrize(
    ("typed", "meant", "found"),
    [("frod", "fraud", "Fraud & Cyber-Crime"), ("hernandes", "hernandez", "Alison Hernandez")],
)
def test_a_visitor_who_misspells_is_asked_did_you_mean_and_shown_its_results(
    client, fraud_and_people, typed, meant, found
):
    soup = search(client, f"q={typed}")

    suggestion = soup.select_one(".search-suggestion")
    assert text_of(suggestion) == f"Did you mean {meant} ?"  # text_of puts a space after the link
    assert suggestion.a.get_text() == meant
    assert suggestion.a["href"] == f"/search/?q={meant}"
    assert result_count(soup).startswith(f"Nothing matches “{typed}”.")
    assert result_titles(soup)[0] == found


def test_a_word_spelt_right_is_never_corrected(client, fraud_and_people):
    soup = search(client, "q=fraud")

    assert soup.select_one(".search-suggestion") is None
    assert result_titles(soup) == ["Fraud & Cyber-Crime"]


def test_nothing_close_gives_no_suggestion_and_says_what_to_try(client, fraud_and_people):
    soup = search(client, "q=zzzzqqq")

    assert soup.select_one(".search-suggestion") is None
    assert "check the spelling" in text_of(soup.select_one(".search-message"))


def test_a_suggestion_never_spells_a_word_only_a_private_page_holds(client, news_index):
    secret = NewsArticlePageFactory(parent=news_index, title="Zanzibar briefing", summary="For members.")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)

    soup = search(client, "q=zanzibaar")

    assert soup.select_one(".search-suggestion") is None
    assert "Zanzibar" not in text_of(soup)


def test_the_vocabulary_is_kept_under_the_content_version_and_follows_a_change(client, fraud_and_people, news_index):
    search(client, "q=")  # the first request makes the site's settings, a change of its own
    search(client, "q=frod")
    assert "fraud" in cache.get(f"search-lexicon:vocabulary:{content_version.current()}")

    NewsArticlePageFactory(parent=news_index, title="Zebrafish findings", summary="Nothing else.")

    assert result_titles(search(client, "q=zebrafsh")) == ["Zebrafish findings"]


@pytest.mark.parametrize("query_string", ["q=", "q=+++", "q=%22%22"])
def test_an_empty_search_says_what_to_type(client, home, query_string):
    soup = search(client, query_string)

    assert "Type a word or a name to search for" in text_of(soup.select_one('.search-message[role="status"]'))


def test_the_search_page_before_a_search_shows_no_message(client, home):
    assert search(client, "").select_one(".search-message") is None
