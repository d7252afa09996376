import factory

from demo import builders
from demo.files import make_pdf
from publications.models import PolicyDocument, PublicationIndexPage, PublicationPage
from tests.portal.factories import PageFactory


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


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    """A document whose file is a real PDF of about `size` bytes (or the bytes given as `data`): untagged,
    so the accessibility checks find fault with it, unless `accessible=True`."""

    class Meta:
        model = PolicyDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    description = "What the file holds."

    @classmethod
    def _create(cls, model_class, *args, file_name="guidance.pdf", size=20_000, data=None, accessible=False, **kwargs):
        if data is None:
            data = make_pdf(kwargs["title"], ["A test document."], size, seed=file_name, accessible=accessible)
        document = builders.build_document(model_class, file_name, data, **kwargs)
        document.save()
        return document
