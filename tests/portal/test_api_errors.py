"""The API answers a bad request as an API does: a 400 (or a 404) with a JSON body, never a 500 nor a
web page; only GET, HEAD and OPTIONS; and a form post without its CSRF token gets the site's own page."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.news.factories import NewsArticlePageFactory
from tests.publications.factories import PolicyDocumentFactory

MANY_WORDS = " ".join(f"word{n}" for n in range(400))


@pytest.fixture
def content(news_index):
    NewsArticlePageFactory(parent=news_index, title="Fraud strategy", summary="Victims of fraud come first.")
    PolicyDocumentFactory(title="Fraud guidance")


def assert_json_error(response, status):
    assert response.status_code == status, (response.status_code, response.content[:200])
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize(
    "query",
    [
        {"search": "fraud", "search_operator": "xor"},
        {"search": MANY_WORDS},
        {"search": "fraud\x00"},
        {"title": "\x00"},
    ],
    ids=["unknown-operator", "hundreds-of-words", "nul-in-search", "nul-in-filter"],
)
def test_a_bad_search_or_filter_is_a_400_with_a_json_message(client, content, endpoint, query):
    assert_json_error(client.get(f"/api/v2/{endpoint}/?{urlencode(query)}"), 400)


@pytest.mark.parametrize("endpoint", ["pages", "documents"])
def test_a_search_the_database_cannot_parse_is_a_json_answer_not_a_500(client, content, endpoint):
    """A lone quote: SQLite's FTS5 refuses it (then a 400), PostgreSQL finds nothing (a 200)."""
    response = client.get(f"/api/v2/{endpoint}/?search=%22")

    assert response.status_code in (200, 400) and response["Content-Type"].startswith("application/json")


def test_a_nul_in_html_path_is_a_400_not_a_database_error(client, content):
    assert_json_error(client.get("/api/v2/pages/find/?html_path=%00"), 400)


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/abc/", "/api/v2/documents/1x/", "/api/v2/nope/", "/api/v3/pages/", "/api/"]
)
def test_an_unknown_api_address_or_a_non_numeric_id_is_a_json_404(client, content, path):
    assert_json_error(client.get(path), 404)


def test_the_api_advertises_and_answers_only_get_head_and_options(client, content):
    allowed = client.options("/api/v2/pages/")["Allow"]
    assert {method.strip() for method in allowed.split(",")} == {"GET", "HEAD", "OPTIONS"}
    assert client.head("/api/v2/pages/").status_code == 200
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v2/pages/").status_code == 405


def test_a_form_post_without_its_csrf_token_gets_the_sites_own_styled_page_with_no_inline_style(home):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "The form could not be sent" in body and "/static/css/portal.css" in body
    assert "<style" not in body and " style=" not in body
    assert response["Content-Security-Policy"]


# A property: whatever a client sends to any documented parameter, the answer is JSON and not a 5xx.

PARAMETERS = {
    "pages": [
        "type",
        "fields",
        "limit",
        "offset",
        "order",
        "search",
        "search_operator",
        "child_of",
        "ancestor_of",
        "descendant_of",
        "translation_of",
        "locale",
        "show_in_menus",
        "id",
        "slug",
        "title",
        "seo_title",
    ],
    "documents": ["fields", "limit", "offset", "order", "search", "search_operator", "id", "title", "tags"],
    "images": ["fields", "limit", "offset", "order", "search", "search_operator", "id", "title", "tags"],
    "pages/find": ["html_path", "id"],
    "documents/find": ["id"],
    "images/find": ["id"],
}
ENDPOINTS = st.sampled_from(sorted(PARAMETERS))
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "-1", "0", "99999999999999999999", "*", "-title", "1,2", "a.B", "true", "'", '"', "("]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.lists(st.sampled_from(["fraud", "AND", "OR", "(", ")", '"', "-", "*", "word"]), max_size=600).map(" ".join),
)


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    endpoint=ENDPOINTS,
    data=st.data(),
)
def test_no_parameter_value_makes_the_api_fail_or_answer_anything_but_json(client, content, endpoint, data):
    names = st.one_of(st.sampled_from(PARAMETERS[endpoint]), st.text(min_size=1, max_size=12))
    query = data.draw(st.dictionaries(names, VALUES, min_size=1, max_size=4))

    response = client.get(f"/api/v2/{endpoint}/?{urlencode(query)}")

    assert response.status_code < 500, (query, response.content[:300])
    if response.status_code not in (301, 302):
        assert response["Content-Type"].startswith("application/json"), (query, response.status_code)


@pytest.mark.parametrize("offset", ["9223372036854775808", "-1", "1e3", "abc"])
def test_an_offset_that_is_not_a_modest_whole_number_is_a_400(client, offset):
    response = client.get(f"/api/v2/documents/?offset={offset}")
    assert response.status_code == 400 and "offset" in response.json()["message"]
