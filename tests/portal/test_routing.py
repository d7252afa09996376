"""The site's root remembers where a path leads once per content version (HomePage.route) and
answers exactly as Wagtail's own routing does: the same page, the same sub-route of a routable
page, a 404 for a path that leads nowhere or to a page no longer live (issue 18)."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from tests.news.factories import NewsArticlePageFactory


def routed(home, path):
    """(page, args, kwargs) as the site routes `path`, and as Wagtail's Page.route does."""
    components = [part for part in path.split("/") if part]
    ours = home.route(RequestFactory().get(path), components)
    wagtails = Page.route(home, RequestFactory().get(path), components)
    return ours, wagtails


@pytest.mark.parametrize("path", ["/", "/news/", "/news/kent-statement/", "/news/feed/rss/", "/news/feed/atom/"])
def test_a_path_leads_where_wagtail_would_route_it(home, news_index, path):
    NewsArticlePageFactory(parent=news_index, title="Kent statement", slug="kent-statement")
    for _ in range(2):  # looked up, then remembered
        ours, wagtails = routed(home, path)
        assert type(ours.page) is type(wagtails.page) and ours.page.pk == wagtails.page.pk
        if wagtails.args:  # a routable page's sub-route: the same view, bound to the page served
            assert ours.args[0].__func__ is wagtails.args[0].__func__
            assert ours.args[0].__self__ is ours.page
            assert ours.args[1:] == wagtails.args[1:]


def test_a_path_to_nowhere_is_not_found_each_time(home, news_index):
    for _ in range(2):
        with pytest.raises(Http404):
            home.route(RequestFactory().get("/news/no-such-page/"), ["news", "no-such-page"])


def test_a_page_unpublished_after_it_was_routed_is_not_found(home, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Kent statement", slug="kent-statement")
    assert home.route(RequestFactory().get("/"), ["news", "kent-statement"]).page.pk == article.pk

    article.unpublish()

    with pytest.raises(Http404):
        home.route(RequestFactory().get("/"), ["news", "kent-statement"])
