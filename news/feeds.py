"""RSS 2.0 and Atom feeds of the news index: all news, or one portfolio's.

Every address is on the base URL (portal.base_url): the feed's own (`rel="self"`), its link and
each item's. Each item's id is a tag URI made of the page's id and first publication date, so it
stays the same when the item is retitled or moved. The organisation is the author of the feed and
of every item (RFC 4287 asks an Atom feed for one).
"""

import datetime
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from portal import base_url
from portal.models import OrganisationSettings

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RssWithAuthor(Rss201rev2Feed):
    """RSS 2.0 with the feed's author as the channel's `dc:creator` (RSS's own fields need an email)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("author_name"):
            handler.addQuickElement("dc:creator", self.feed["author_name"])

    def add_item_elements(self, handler, item):
        # The namespace is declared on the root element: no xmlns:dc on every item's dc:creator.
        author_name = item.get("author_name") if not item.get("author_email") else None
        if author_name:
            item = {**item, "author_name": None}
        super().add_item_elements(handler, item)
        if author_name:
            handler.addQuickElement("dc:creator", author_name)


def stable_id(item):
    """A tag URI (RFC 4151) that changes with neither the item's title nor its address."""
    host = urlsplit(base_url.root()).hostname
    first = item.first_published_at or item.latest_revision_created_at or timezone.now()
    return f"tag:{host},{timezone.localdate(first).isoformat()}:page:{item.pk}"


class NewsFeed(Feed):
    feed_type = RssWithAuthor
    item_guid_is_permalink = False

    def __init__(self, news_index, items, portfolio=None):
        super().__init__()
        self.news_index = news_index
        self.feed_items = items
        self.portfolio = portfolio

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.organisation = OrganisationSettings.for_request(request)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.portfolio:
            return f"{self.portfolio.title}: {self.news_index.title}"
        return self.news_index.title

    def link(self):
        if self.portfolio:
            return self.portfolio.get_full_url(self.request)
        return self.news_index.get_full_url(self.request)

    def feed_url(self):
        return base_url.absolute(self.request.path)

    def feed_guid(self):
        return self.feed_url()

    def author_name(self):
        return self.organisation.organisation_name

    def author_link(self):
        return base_url.absolute("/")

    def description(self):
        return self.news_index.introduction or f"The latest from {self.news_index.get_site().site_name or 'us'}."

    def items(self):
        return self.feed_items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.listing_summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return stable_id(item)

    def item_author_name(self, item):
        return self.organisation.organisation_name

    def item_pubdate(self, item):
        shown = item.display_date
        if shown is None:
            return item.first_published_at
        if item.first_published_at and item.first_published_at.date() == shown:
            return item.first_published_at
        return timezone.make_aware(datetime.datetime.combine(shown, datetime.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
