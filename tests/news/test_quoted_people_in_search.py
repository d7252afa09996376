"""A statement is found by the names of the people it quotes, whether they are in People or named
by the editor."""

import json

from tests.helpers import result_titles, search
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PersonFactory


def quote(**value):
    return {"type": "quote", "value": {"quote": "<p>Never before has our nation had such clarity.</p>", **value}}


def test_a_visitor_who_types_a_quoted_persons_name_finds_the_statement_that_quotes_them(client, news_index):
    alison = PersonFactory(name="Alison Hernandez", role="PCC for Devon and Cornwall")
    NewsArticlePageFactory(
        parent=news_index,
        title="Leads respond to the strategy",
        summary="The joint leads have said the following.",
        body=json.dumps([quote(person=alison.pk, role="PCC"), quote(speaker_name="Kate Green", role="Deputy Mayor")]),
    )
    NewsArticlePageFactory(parent=news_index, title="Something else", summary="Nobody is quoted.")

    assert "Leads respond to the strategy" in result_titles(search(client, "q=Alison+Hernandez"))
    assert result_titles(search(client, "q=Kate+Green")) == ["Leads respond to the strategy"]


def test_when_a_quoted_persons_name_changes_the_statement_is_found_by_the_new_name(client, news_index):
    person = PersonFactory(name="Kate Green", role="Deputy Mayor")
    NewsArticlePageFactory(
        parent=news_index,
        title="Leads respond",
        summary="The leads said this.",
        body=json.dumps([quote(person=person.pk)]),
    )

    person.name = "Katherine Greenwood"
    person.save()

    assert "Leads respond" in result_titles(search(client, "q=Katherine+Greenwood"))
    assert result_titles(search(client, "q=Kate+Green")) == []
