"""Factories for the content an editor makes. Pages are published under the parent they are given."""

import factory
from django.core.files.base import ContentFile

from news.models import NewsArticlePage, NewsIndexPage, VideoPage
from portal.demo_files import make_pdf
from portal.models import HomePage, StandardPage
from portfolios.models import Person, PolicyAreaPage, PortfolioPage
from publications.models import PolicyDocument, PublicationIndexPage, PublicationPage


class PageFactory(factory.django.DjangoModelFactory):
    """Builds a page as the admin would: added under `parent`, then published."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        page = model_class(*args, live=publish, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    introduction = "What this page is about."


class PolicyAreaPageFactory(PageFactory):
    class Meta:
        model = PolicyAreaPage

    title = factory.Sequence(lambda n: f"Policy area {n}")
    introduction = "<p>Why this area of work matters.</p>"


class PortfolioPageFactory(PageFactory):
    class Meta:
        model = PortfolioPage

    title = factory.Sequence(lambda n: f"Portfolio {n}")
    summary = "Leading our work on something that matters."


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


class PublicationIndexPageFactory(PageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Resources and publications"
    slug = "resources-and-publications"


class PublicationPageFactory(PageFactory):
    class Meta:
        model = PublicationPage

    title = factory.Sequence(lambda n: f"Publication {n}")
    summary = "What the publication is for."


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="en_GB")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "PCC, Somewhere"


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    """A document whose file is a real PDF of about `size` bytes."""

    class Meta:
        model = PolicyDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    description = "What the file holds."

    @classmethod
    def _create(cls, model_class, *args, file_name="guidance.pdf", size=20_000, data=None, **kwargs):
        document = model_class(*args, **kwargs)
        if data is None:
            data = make_pdf(document.title, ["A test document."], size, seed=file_name)
        document.file.save(file_name, ContentFile(data), save=False)
        document._set_document_file_metadata()
        document.save()
        return document
