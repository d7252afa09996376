from wagtail import hooks

from news.models import NewsIndexPage
from portfolios.models import PortfolioPage


@hooks.register("portal_feed_links")
def news_feeds(request, page):
    """Feed autodiscovery: all news on every page, and a portfolio's own news on its page."""
    news_index = NewsIndexPage.for_request(request, page)
    if news_index is None:
        return []
    links = news_index.feed_links()
    if isinstance(page, PortfolioPage):
        links += news_index.feed_links(portfolio=page)
    return links
