"""Malformed and hostile requests get a 2xx, 3xx or 4xx answer, never a 500 or a traceback."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage
from tests.news.factories import NewsArticlePageFactory

ODD_PATHS = [
    "/%2e%2e/%2e%2e/etc/passwd",
    "/documents/../../etc/passwd",
    "/documents/1/..%2f..%2fsettings.py",
    "/documents/999999/nothing.pdf",
    "/documents/abc/x.pdf",
    "/media/../portal/settings/base.py",
    "/media/documents/%2e%2e/%2e%2e/manage.py",
    "/static/../manage.py",
    "/static/%2e%2e/%2e%2e/manage.py",
    "/news/%00/",
    "/news/%ff%fe/",
    "/" + "a/" * 300,
    "/" + "x" * 5000 + "/",
    "/news/feed/%3Cscript%3E/rss/",
    "/people/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    "/api/v2/pages/%27%20OR%201=1--/",
    "/api/v2/pages/?type=wagtailcore.Page&fields=*,password",
    "/api/v2/documents/?search=%00",
    "//evil.example/",
    "/\\evil.example/",
]

ODD_QUERIES = [
    "page=" + "9" * 400,
    "page=1e309",
    "page=%00",
    "q=" + "%" * 50,
    "portfolio=" + "a" * 10_000,
    "year=9999999999999999999999",
    "type[]=news&type[]=blog",
    "page=1&page=2&page=abc",
    "%zz=%zz",
    "q=%ff%fe%fd",
    "=&&&==",
]


@pytest.fixture
def site(home, news_index, publication_index, portfolio):
    NewsArticlePageFactory(parent=news_index, portfolios=[portfolio])
    return home


def assert_handled(response):
    assert response.status_code < 500, response.status_code
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("path", ODD_PATHS)
def test_odd_and_traversing_paths_are_answered_without_an_error(client, site, path):
    response = client.generic("GET", path)

    assert_handled(response)
    assert b"SECRET_KEY" not in response.content and b"root:" not in response.content


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("path", ["/", "/news/", "/resources-and-publications/", "/search/", "/api/v2/pages/"])
def test_malformed_query_strings_are_answered_without_an_error(client, site, path, query):
    assert_handled(client.generic("GET", f"{path}?{query}"))


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_HOST": "evil.example"},
        {"HTTP_HOST": "localhost:99999"},
        {"HTTP_HOST": "exa mple.com"},
        {"HTTP_HOST": ""},
        {"HTTP_COOKIE": "sessionid=" + "x" * 8000},
        {"HTTP_COOKIE": 'csrftoken="\\x00\\xff"; sessionid=; ;;;='},
        {"HTTP_ACCEPT_LANGUAGE": "x" * 5000},
        {"HTTP_X_FORWARDED_FOR": "not-an-ip, 999.999.999.999"},
        {"HTTP_X_FORWARDED_HOST": "evil.example"},
        {"HTTP_IF_MODIFIED_SINCE": "yesterday-ish"},
        {"HTTP_RANGE": "bytes=99999999-1"},
        {"HTTP_USER_AGENT": "\x00" * 100},
    ],
)
def test_malformed_headers_and_cookies_are_answered_without_an_error(client, site, headers):
    response = client.get("/news/", **headers)

    assert_handled(response)
    if headers.get("HTTP_HOST") == "evil.example":
        assert response.status_code == 400


def test_non_utf8_bytes_in_the_path_and_query_are_answered_without_an_error(client, site):
    assert_handled(client.get("/news/", QUERY_STRING="q=%ff&page=%c3%28"))
    assert_handled(client.generic("GET", "/search/?q=%C0%AF%C0%AF"))


def test_a_form_post_without_or_with_a_forged_csrf_token_is_refused(db):  # the 403 page is the site's own
    csrf_client = Client(enforce_csrf_checks=True)

    missing = csrf_client.post("/admin/login/", {"username": "a", "password": "b"})
    forged = csrf_client.post(
        "/admin/login/", {"username": "a", "password": "b", "csrfmiddlewaretoken": "forged"}, HTTP_COOKIE="csrftoken=x"
    )

    assert missing.status_code == 403 and forged.status_code == 403


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/%09/evil.example",
        "http://localhost@evil.example/",
    ],
)
def test_signing_in_never_redirects_to_another_site(client, django_user_model, next_url):
    django_user_model.objects.create_superuser("editor", "", "a-long-password-1")

    response = client.post(f"/admin/login/?next={next_url}", {"username": "editor", "password": "a-long-password-1"})

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.scheme in ("", "http") and target.netloc in ("", "testserver")
    assert not response["Location"].startswith(("//", "/\\", "javascript:"))


XSS_PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
]


def test_rich_text_xss_saved_by_an_editor_does_not_survive_into_the_page(admin_client, news_index):
    body = streamfield([("paragraph", rich_text("".join(XSS_PAYLOADS) + "<p>Safe words.</p>"))])
    data = nested_form_data(
        {
            "title": "Payloads <script>alert('title')</script>",
            "slug": "payloads",
            "news_type": "news",
            "summary": "<script>alert('summary')</script>",
            "body": body,
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/", data)
    assert response.status_code == 302

    page = NewsArticlePage.objects.get(slug="payloads")
    html = Client().get(page.url).content.decode()
    main = str(BeautifulSoup(html, "html.parser").find("main"))
    assert "Safe words." in main
    for dangerous in ("<script>alert", "onerror=", "onload=", "onclick=", "javascript:", "<iframe", "<svg"):
        assert dangerous not in main.lower()
    assert "&lt;script&gt;alert(&#x27;summary&#x27;)&lt;/script&gt;" in html
