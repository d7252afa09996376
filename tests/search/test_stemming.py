"""Words are stemmed on SQLite as PostgreSQL's English configuration stems them: a visitor finds
"Forensics" by typing "forensic", and "forensic contracts" by typing "forensics"."""

import pytest
from django.db import connection

from tests.helpers import result_titles, search
from tests.news.factories import NewsArticlePageFactory
from tests.portfolios.factories import PortfolioPageFactory


def test_a_visitor_who_types_forensic_finds_the_forensics_portfolio(client, policy_area):
    PortfolioPageFactory(parent=policy_area, title="Forensics", summary="Scientific support to policing.")

    assert result_titles(search(client, "q=forensic")) == ["Forensics"]


def test_a_visitor_who_types_forensics_finds_forensic_contracts(client, news_index):
    NewsArticlePageFactory(parent=news_index, title="Tendering", summary="Buying forensic contracts together.")

    assert result_titles(search(client, "q=forensics")) == ["Tendering"]


@pytest.mark.parametrize(("typed", "indexed"), [("commissioners", "commissioner"), ("policing", "police")])
def test_other_forms_of_a_word_find_each_other(client, news_index, typed, indexed):
    NewsArticlePageFactory(parent=news_index, title="Plain words", summary=f"A {indexed} spoke.")

    assert result_titles(search(client, f"q={typed}")) == ["Plain words"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_the_sqlite_full_text_table_is_the_porter_stemming_one_wagtail_still_fills(db):
    """Fails if a Wagtail migration makes the table again (without the tokenizer) or renames it:
    then search/migrations/0001_porter_stemming_on_sqlite.py must be brought up to date."""
    from wagtail.search.models import IndexEntry

    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [IndexEntry._meta.db_table + "_fts"])
        (sql,) = cursor.fetchone()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%%_fts%%'")
        triggers = {name for (name,) in cursor.fetchall()}

    assert "tokenize = 'porter unicode61" in sql
    assert "fts5(autocomplete, body, title" in sql
    assert {"insert_wagtailsearch_indexentry_fts", "update_wagtailsearch_indexentry_fts"} <= triggers
