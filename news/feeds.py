"""RSS 2.0 and Atom feeds of the news index: all news, or one portfolio's."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, news_index, items, portfolio=None):
        super().__init__()
        self.news_index = news_index
        self.feed_items = items
        self.portfolio = portfolio

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.portfolio:
            return f"{self.portfolio.title}: {self.news_index.title}"
        return self.news_index.title

    def link(self):
        return self.news_index.get_full_url(self.request)

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
