"""Which lists an item belongs to, and which subscriptions it therefore matches."""

from django.db.models import Q

from alerts.models import AlertList, Subscription
from news.choices import NewsType
from news.models import NewsArticlePage, VideoPage
from portal import visibility
from publications.models import PublicationPage

ALERTED_MODELS = (NewsArticlePage, VideoPage, PublicationPage)


def is_alerted(page):
    return isinstance(page, ALERTED_MODELS)


def publicly_visible(page):
    """Whether an anonymous visitor may see `page` now: nothing else goes into a public alert."""
    return visibility.page_access(None, page) == visibility.VISIBLE


def lists_q(page):
    """Matches the subscriptions whose list `page` (specific) belongs to."""
    condition = Q(list=AlertList.PORTFOLIO, portfolio__in=page.portfolios.all())
    if isinstance(page, (NewsArticlePage, VideoPage)):
        condition |= Q(list=AlertList.ALL_NEWS)
    if isinstance(page, NewsArticlePage) and page.news_type == NewsType.STATEMENT:
        condition |= Q(list=AlertList.STATEMENTS)
    if isinstance(page, PublicationPage):
        condition |= Q(list=AlertList.PUBLICATIONS)
    return condition


def matching_subscriptions(page, frequency=None):
    """The confirmed subscriptions of confirmed subscribers that `page` matches."""
    subscriptions = Subscription.objects.filter(lists_q(page), confirmed_at__isnull=False).filter(
        subscriber__confirmed_at__isnull=False
    )
    return subscriptions.filter(frequency=frequency) if frequency else subscriptions
