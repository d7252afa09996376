"""Acronyms and synonyms: editors keep a list, load_demo seeds it from the content's "Long Name
(ACRONYM)" text, and a search for either word finds pages that use the other."""

import pytest
from django.core.management import call_command

from portal import content_version
from search import acronyms
from search.models import SearchSynonym
from tests.helpers import result_titles, search, soup_of, user_in
from tests.news.factories import NewsArticlePageFactory
from tests.publications.factories import PublicationPageFactory


@pytest.fixture
def spr_guidance(publication_index):
    return PublicationPageFactory(
        parent=publication_index,
        title="Strategic Policing Requirement guidance",
        summary="Statutory requirements explained for PCCs.",
    )


def test_a_visitor_who_types_an_acronym_finds_what_it_stands_for(client, spr_guidance, news_index):
    NewsArticlePageFactory(parent=news_index, title="Unrelated", summary="Nothing about it.")
    SearchSynonym.objects.create(term="SPR", means="Strategic Policing Requirement")

    soup = search(client, "q=SPR")

    assert result_titles(soup) == ["Strategic Policing Requirement guidance"]
    assert [mark.get_text() for mark in soup.select(".result mark")] == ["requirements"]  # the synonym's words
    assert result_titles(search(client, "q=spr+guidance")) == ["Strategic Policing Requirement guidance"]


def test_a_visitor_who_types_the_long_name_finds_pages_that_use_the_acronym(client, news_index):
    NewsArticlePageFactory(parent=news_index, title="The FCN", summary="The FCN has been set up.")
    SearchSynonym.objects.create(term="FCN", means="Forensics Capability Network")

    assert result_titles(search(client, "q=forensics+capability+network")) == ["The FCN"]


def test_without_the_synonym_the_acronym_finds_nothing_and_a_new_synonym_counts_at_once(client, spr_guidance):
    assert result_titles(search(client, "q=SPR")) == []
    before = content_version.current()

    SearchSynonym.objects.create(term="spr", means="strategic policing requirement")

    assert content_version.current() != before  # a change visitors see: cached pages are made again
    assert result_titles(search(client, "q=SPR")) == ["Strategic Policing Requirement guidance"]


def test_acronyms_are_found_where_the_capitalised_words_before_the_brackets_spell_them():
    text = (
        "Police and Crime Commissioners (PCCs) hold forces to account, with the National Police Chiefs’ "
        "Council (NPCC), in line with the Strategic Policing Requirement (SPR). Anything else (HMICFRS) "
        "or lower case words (ABC) or The Serious Organised Crime (SOC) strategy."
    )

    assert acronyms.find(text) == [
        ("PCC", "Police and Crime Commissioners"),
        ("NPCC", "National Police Chiefs Council"),
        ("SPR", "Strategic Policing Requirement"),
        ("SOC", "Serious Organised Crime"),
    ]


def test_load_demo_seeds_the_list_from_the_content_once(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pairs = set(SearchSynonym.objects.values_list("term", "means"))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert {
        ("SPR", "Strategic Policing Requirement"),
        ("FCN", "Forensics Capability Network"),
        ("ROCU", "Regional Organised Crime Units"),
        ("SOC", "Serious Organised Crime"),
        ("NPAS", "National Police Air Service"),
    } <= pairs
    assert set(SearchSynonym.objects.values_list("term", "means")) == pairs


def test_editors_keep_the_list_in_the_admin(admin_client, db):
    response = admin_client.post(
        "/admin/snippets/search/searchsynonym/add/", {"term": "CSE", "means": "Child sexual exploitation"}
    )

    assert response.status_code == 302
    assert SearchSynonym.objects.filter(term="CSE").exists()
    listing = soup_of(admin_client.get("/admin/snippets/search/searchsynonym/"))
    assert "Child sexual exploitation" in listing.get_text()


def test_moderators_keep_the_synonyms_in_the_admin_and_news_editors_do_not(client, django_user_model):
    listing = "/admin/snippets/search/searchsynonym/"
    client.force_login(user_in(django_user_model, "Moderators"))
    assert client.get(listing).status_code == 200
    assert client.get(f"{listing}add/").status_code == 200

    client.force_login(user_in(django_user_model, "News editors"))
    assert client.get(listing).status_code == 302  # back to the dashboard: permission denied
