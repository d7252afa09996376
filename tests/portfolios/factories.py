import factory

from portfolios.models import Person, PolicyAreaPage, PortfolioPage
from tests.portal.factories import PageFactory


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


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="en_GB")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "PCC, Somewhere"
