import factory

from news.models import NewsArticlePage, NewsIndexPage, VideoPage
from tests.portal.factories import PageFactory


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsArticlePageFactory(PageFactory):
    class Meta:
        model = NewsArticlePage

    title = factory.Sequence(lambda n: f"News article {n}")
    summary = factory.Sequence(lambda n: f"What news article {n} says, in a sentence.")
    news_type = "news"


class VideoPageFactory(PageFactory):
    class Meta:
        model = VideoPage

    title = factory.Sequence(lambda n: f"Video {n}")
    date = factory.Faker("date_between", start_date="-3y", end_date="today")
    description = "<p>What the video shows.</p>"
