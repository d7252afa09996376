"""Site search finds live, public pages and people; it ranks, highlights, narrows, paginates and
promotes, and never fails on what a visitor types."""

import datetime

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from demo.files import make_pdf
from tests.helpers import publication_with_file, result_count, result_titles, search, soup_of
from tests.news.factories import NewsArticlePageFactory, VideoPageFactory
from tests.portal.factories import StandardPageFactory
from tests.portfolios.factories import PersonFactory, PortfolioPageFactory
from tests.publications.factories import PublicationPageFactory

QUERY_BUDGET = 21  # one reads the content version the results are kept under (search.views)


# The page and bad input ---------------------------------------------------------------


@pytest.mark.parametrize("query_string", ["", "q=", "q=+++", "q=%00%00"])
def test_an_empty_search_shows_the_labelled_form_and_no_results(client, home, query_string):
    soup = search(client, query_string)

    assert soup.h1.get_text(strip=True) == "Search"
    field = soup.select_one("form.search-form input[name=q]")
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Search this site"
    assert soup.select_one(".result-count") is None
    assert soup.select(".result") == []


@pytest.mark.parametrize(
    "query_string",
    [
        "q=" + "crime+" * 2_000,  # 12,000 characters
        "q=" + "x" * 10_000,
        "q=Crime+%E2%80%93+%C2%A347+%F0%9F%9A%93",  # Crime – £47 🚓
        "q=crime%00",
        "q=%22+%26+%7C+%21+%3A+%2A+%28+%29",  # " & | ! : * ( )
        "q=foo:bar",
        "q=-",
        "q=-crime",
        "q=''",
        "q=((((",
        "q=crime*",
        "q=%27crime%27+OR+1%3D1--",
        "q=NEAR(crime+police)",
        "q=%5C",
        "q=crime&page=999",
        "q=crime&page=abc",
    ],
)
def test_whatever_a_visitor_types_the_search_answers(client, news_index, query_string):
    NewsArticlePageFactory(parent=news_index, title="Crime figures", summary="Police recorded crime, £47m.")

    soup = search(client, query_string)

    assert result_count(soup).endswith("”")
    assert len(soup.select_one("form.search-form input[name=q]")["value"]) <= 200


def test_the_query_is_echoed_escaped_and_unicode_words_still_match(client, news_index):
    NewsArticlePageFactory(parent=news_index, title="Crime figures", summary="Crime cost £47 million.")

    soup = search(client, "q=Crime+%E2%80%93+%C2%A347+%F0%9F%9A%93")
    assert result_count(soup) == "1 result for “Crime – £47 🚓”"
    assert result_titles(soup) == ["Crime figures"]

    response = search(client, "q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.select("main script") == []
    assert result_count(response) == "0 results for “<script>alert(1)</script>”"


def test_the_query_is_cut_to_200_characters_and_loses_its_nul_bytes(client, home):
    soup = search(client, "q=ab%00cd" + "e" * 400)

    assert soup.select_one("form.search-form input[name=q]")["value"] == "abcd" + "e" * 196


@pytest.mark.parametrize(
    "query_string", ["type=press-release", "type=%00", "portfolio=no-such-portfolio", "portfolio=%00", "type=News"]
)
def test_an_unknown_type_or_portfolio_is_left_out_with_a_message(client, portfolio, query_string):
    response = client.get(f"/search/?q=crime&{query_string}")

    assert response.status_code == 200
    soup = soup_of(response)
    assert "so it is left out" in soup.select_one(".filter-notice").get_text()
    assert soup.h1.get_text(strip=True) == "Search"


# What is found, how it is ranked and shown ----------------------------------------------


def test_only_live_public_pages_are_found(client, home, news_index):
    NewsArticlePageFactory(parent=news_index, title="Published narwhal news")
    NewsArticlePageFactory(parent=news_index, title="Draft narwhal news", publish=False)
    private = StandardPageFactory(parent=home, title="Members only narwhal club")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    StandardPageFactory(parent=private, title="Private narwhal page")

    soup = search(client, "q=narwhal")

    assert result_titles(soup) == ["Published narwhal news"]
    assert result_count(soup) == "1 result for “narwhal”"


def test_results_are_ranked_and_show_kind_date_and_a_highlighted_snippet(client, news_index):
    NewsArticlePageFactory(
        parent=news_index,
        title="Quarterly update",
        news_type="blog",
        date=datetime.date(2024, 5, 1),
        summary="Among other things, the forensic market review has begun.",
    )
    NewsArticlePageFactory(
        parent=news_index,
        title="Forensic science strategy",
        news_type="statement",
        date=datetime.date(2023, 1, 2),
        summary="Commissioners set out a forensic science strategy for forensic services.",
    )

    soup = search(client, "q=forensic")

    assert result_count(soup) == "2 results for “forensic”"
    assert result_titles(soup) == ["Forensic science strategy", "Quarterly update"]
    first = soup.select_one("ol.result-list > li.result")
    assert [child.name for child in first.find_all(recursive=False)] == ["h2", "p", "p"]
    assert first.select_one("h2.result__title a")["href"] == "/news/forensic-science-strategy/"
    assert first.select_one(".result__kicker").get_text(" ", strip=True) == "Statement · 2 January 2023"
    assert first.select_one(".result__kicker time")["datetime"] == "2023-01-02"
    snippet = first.select_one("p.result__snippet")
    assert snippet.get_text() == "Commissioners set out a forensic science strategy for forensic services."
    assert [mark.get_text() for mark in snippet.select("mark")] == ["forensic", "forensic"]


def test_a_snippet_is_a_passage_around_the_match_with_rich_text_made_plain(client, news_index):
    filler = "Words before the point. " * 30
    VideoPageFactory(
        parent=news_index,
        title="Committee hearing",
        date=datetime.date(2024, 3, 4),
        description=f"<p>{filler}</p><p>The <b>ombudsman</b> &amp; the panel spoke.</p>",
    )

    soup = search(client, "q=ombudsman")

    item = soup.select_one(".result")
    assert item.select_one(".result__kicker").get_text(" ", strip=True) == "Video · 4 March 2024"
    snippet = item.select_one(".result__snippet")
    assert snippet.get_text().startswith("…")
    assert "The ombudsman & the panel spoke." in snippet.get_text()
    assert snippet.select_one("mark").get_text() == "ombudsman"
    assert snippet.select("b") == []


def test_a_snippet_escapes_what_an_editor_typed_and_marks_only_the_query_words(client, news_index):
    NewsArticlePageFactory(
        parent=news_index, title="Odd summary", summary='<script>alert("walrus")</script> <mark>not this</mark> walrus'
    )

    soup = search(client, "q=walrus")

    snippet = soup.select_one(".result__snippet")
    assert snippet.select("script") == []
    assert [mark.get_text() for mark in snippet.select("mark")] == ["walrus", "walrus"]
    assert '&lt;script&gt;alert("<mark>walrus</mark>")&lt;/script&gt; &lt;mark&gt;not this' in str(snippet).replace(
        "&quot;", '"'
    )


def test_people_are_found_and_link_to_their_page_but_not_when_unpublished(client, home):
    PersonFactory(name="Emily Spurrell", slug="emily-spurrell", role="PCC, Merseyside")
    hidden = PersonFactory(name="Emily Draft", slug="emily-draft", role="PCC, Nowhere")
    type(hidden).objects.filter(pk=hidden.pk).update(live=False)

    soup = search(client, "q=emily")

    assert result_titles(soup) == ["Emily Spurrell"]
    item = soup.select_one(".result")
    assert item.select_one("a")["href"] == "/people/emily-spurrell/"
    assert item.select_one(".result__kicker").get_text(" ", strip=True) == "Person"
    assert item.select_one(".result__snippet").get_text() == "PCC, Merseyside"


# Narrowing --------------------------------------------------------------------------------


ALL_ABOUT_CUSTODY = {
    "Custody news",
    "Custody video",
    "Custody guidance",
    "Custody portfolio",
    "Custody visiting",
    "Custody Lead",
}


@pytest.fixture
def everything_about_custody(home, news_index, publication_index, policy_area, portfolio):
    other = PortfolioPageFactory(parent=policy_area, title="Custody portfolio", slug="custody")
    NewsArticlePageFactory(parent=news_index, title="Custody news", portfolios=[portfolio])
    VideoPageFactory(parent=news_index, title="Custody video", portfolios=[other])
    PublicationPageFactory(parent=publication_index, title="Custody guidance", portfolios=[portfolio])
    StandardPageFactory(parent=home, title="Custody visiting")
    PersonFactory(name="Custody Lead", role="PCC")
    return home


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            "",
            {
                "Custody news",
                "Custody video",
                "Custody guidance",
                "Custody portfolio",
                "Custody visiting",
                "Custody Lead",
            },
        ),
        (
            "type=",
            {
                "Custody news",
                "Custody video",
                "Custody guidance",
                "Custody portfolio",
                "Custody visiting",
                "Custody Lead",
            },
        ),
        ("type=news", {"Custody news", "Custody video"}),
        ("type=publications", {"Custody guidance"}),
        ("type=portfolios", {"Custody portfolio"}),
        ("type=people", {"Custody Lead"}),
        ("portfolio=forensics", {"Custody news", "Custody guidance"}),
        ("portfolio=custody", {"Custody video"}),
        ("type=news&portfolio=forensics", {"Custody news"}),
        ("type=people&portfolio=forensics", set()),
    ],
)
def test_results_narrow_by_type_and_portfolio(client, everything_about_custody, filters, expected):
    soup = search(client, f"q=custody&{filters}")

    assert set(result_titles(soup)) == expected
    assert result_count(soup) == f"{len(expected)} result{'' if len(expected) == 1 else 's'} for “custody”"


def test_the_filters_keep_the_query_and_the_search_box_keeps_the_filters(client, everything_about_custody):
    soup = search(client, "q=custody&type=news&portfolio=forensics")

    filters = soup.select_one("form.filter-form")
    assert filters.select_one("input[name=q]")["value"] == "custody"
    assert filters.select_one("select[name=type] option[selected]")["value"] == "news"
    assert filters.select_one("select[name=portfolio] option[selected]")["value"] == "forensics"
    assert filters.select_one(f"label[for={filters.select_one('select[name=type]')['id']}]").get_text() == "Type"
    assert filters.select_one(".filter-form__clear")["href"] == "/search/?q=custody"
    box = soup.select_one("form.search-form")
    assert {field["name"]: field["value"] for field in box.select("input[type=hidden]")} == {
        "type": "news",
        "portfolio": "forensics",
    }


def test_results_are_paginated_ten_a_page_keeping_the_query_and_filters(client, news_index):
    for day in range(1, 13):
        NewsArticlePageFactory(parent=news_index, title=f"Policing item {day:02d}", date=f"2024-01-{day:02d}")

    first = search(client, "q=policing&type=news")
    second = search(client, "q=policing&type=news&page=2")

    assert result_count(first) == "12 results for “policing”"
    assert len(result_titles(first)) == 10 and len(result_titles(second)) == 2
    assert not set(result_titles(first)) & set(result_titles(second))
    assert first.select_one('a[rel="next"]')["href"] == "?q=policing&type=news&page=2"
    assert second.select_one(".pagination__summary").get_text(strip=True) == "Page 2 of 2"


def test_a_page_of_results_costs_a_bounded_number_of_queries(
    client, news_index, publication_index, policy_area, django_assert_max_num_queries
):
    """However many results there are and whatever their kinds: the page shown is loaded in a query
    for its pages, one for its people and one for the files its publications were found through."""

    def make(number):
        NewsArticlePageFactory(parent=news_index, title=f"Victims item {number}")
        VideoPageFactory(parent=news_index, title=f"Victims video {number}")
        PortfolioPageFactory(parent=policy_area, title=f"Victims portfolio {number}", slug=f"v-{number}")
        PersonFactory(name=f"Victims Commissioner {number}")
        data = make_pdf("Guidance", ["The victims code."], 5_000, seed=number)
        publication_with_file(publication_index, f"Guidance {number}", f"guidance-{number}.pdf", data)

    make(0)
    assert client.get("/search/?q=victims").status_code == 200  # the first search of a query creates its records
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert len(result_titles(search(client, "q=victims"))) == 5
    for number in range(1, 6):
        make(number)

    pages = []
    for page in (1, 2, 3):
        with django_assert_max_num_queries(QUERY_BUDGET):
            pages.append(search(client, f"q=victims&page={page}"))

    assert result_count(pages[0]) == "30 results for “victims”"
    assert [len(result_titles(soup)) for soup in pages] == [10, 10, 10]
    kickers = [kicker for soup in pages for kicker in soup.select(".result__kicker")]
    kinds = {kicker.get_text(" ", strip=True).split(" ·")[0] for kicker in kickers}
    assert kinds == {"News", "Video", "Portfolio", "Person", "Guidance"}
    assert sum(len(soup.select(".result__matched")) for soup in pages) == 6


# Promoted results --------------------------------------------------------------------------


def test_an_editors_promoted_result_comes_first_marked_recommended_and_the_search_is_counted(client, home, news_index):
    NewsArticlePageFactory(parent=news_index, title="Elections news", summary="About the elections.")
    guide = StandardPageFactory(parent=home, title="Voting guide", introduction="How to vote.")
    draft = StandardPageFactory(parent=home, title="Unpublished guide", publish=False)
    query = Query.get("PCC elections")
    SearchPromotion.objects.create(query=query, page=guide, description="Everything about voting.", sort_order=0)
    SearchPromotion.objects.create(query=query, page=draft, sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.electoralcommission.org.uk/",
        external_link_text="Electoral Commission",
        sort_order=2,
    )

    soup = search(client, "q=pcc++Elections")

    items = soup.select("li.result")
    assert [item.select_one(".result__title").get_text(strip=True) for item in items[:2]] == [
        "Voting guide",
        "Electoral Commission",
    ]
    first = items[0]
    assert "result--recommended" in first["class"]
    assert first.select_one(".result__kicker").get_text(" ", strip=True) == "Recommended"
    assert first.select_one("a")["href"] == "/voting-guide/"
    assert first.select_one(".result__snippet").get_text() == "Everything about voting."
    assert items[1].select_one("a")["href"] == "https://www.electoralcommission.org.uk/"
    assert "Unpublished guide" not in soup.get_text()
    assert result_count(soup) == "0 results for “pcc  Elections”"
    assert Query.get("pcc elections").hits == 1

    search(client, "q=elections")
    assert result_titles(search(client, "q=pcc+elections&type=news")) == []
    assert Query.get("pcc elections").hits == 2  # counted, though filtered searches show no recommendations
