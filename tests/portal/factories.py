"""Factories for the pages every site has. Pages are published under the parent they are given."""

import factory

from demo import builders
from portal.models import HomePage, StandardPage


class PageFactory(factory.django.DjangoModelFactory):
    """Builds a page as the admin would: added under `parent`, then published (`publish=False`: a draft)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        return builders.add_page(parent, model_class(*args, **kwargs), publish=publish)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    introduction = "What this page is about."
