"""The news feeds as feed readers read them (feedparser): valid, with an author, on the base URL,
and with item ids that survive an edit."""

import feedparser
import pytest

from tests.news.factories import NewsArticlePageFactory, VideoPageFactory

FEEDS = ["/news/feed/rss/", "/news/feed/atom/", "/news/feed/forensics/rss/", "/news/feed/forensics/atom/"]


@pytest.fixture
def news(news_index, portfolio):
    NewsArticlePageFactory(parent=news_index, title="Forensics news", date="2024-06-01", portfolios=[portfolio])
    VideoPageFactory(parent=news_index, title="Forensics video", date="2024-01-01", portfolios=[portfolio])
    return news_index


def parsed(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize("path", FEEDS)
def test_a_feed_reader_finds_a_well_formed_feed_with_an_author_on_the_feed_and_every_item(client, news, path):
    feed = parsed(client, path)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version in ("rss20", "atom10")
    assert feed.feed.author == "Association of Police and Crime Commissioners"
    assert len(feed.entries) == 2
    assert all(entry.author == "Association of Police and Crime Commissioners" for entry in feed.entries)


@pytest.mark.parametrize("path", FEEDS)
def test_a_feed_links_to_itself_on_the_base_url_whatever_host_it_was_fetched_through(client, news, settings, path):
    settings.SITE_BASE_URL = "https://policy.example.org"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "internal.example"]

    feed = parsed(client, path, HTTP_HOST="internal.example")

    [self_link] = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_link == f"https://policy.example.org{path}"
    assert all(entry.link.startswith("https://policy.example.org/news/") for entry in feed.entries)


@pytest.mark.parametrize("path", ["/news/feed/rss/", "/news/feed/atom/"])
def test_an_items_id_stays_the_same_when_it_is_retitled_and_moved(client, news, path):
    article = news.get_children().get(title="Forensics news").specific
    before = {entry.title: entry.id for entry in parsed(client, path).entries}

    article.title, article.slug = "Forensics news (corrected)", "forensics-news-corrected"
    article.save_revision().publish()
    after = {entry.title: entry.id for entry in parsed(client, path).entries}

    assert after["Forensics news (corrected)"] == before["Forensics news"]
    assert after["Forensics news (corrected)"].startswith("tag:localhost,")
    assert len(set(after.values())) == 2, "each item has its own id"
