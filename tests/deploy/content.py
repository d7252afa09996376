"""A small published site, committed to the test database for app servers in other processes to serve."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from portal.models import OrganisationSettings
from tests import factories


def small_site():
    """What tests/conftest.py's `home` makes after a flush, and some news: committed, for the servers."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    Collection.add_root(name="Root")
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = factories.HomePageFactory(parent=root, slug="home")
    Site.objects.create(is_default_site=True, hostname="localhost", port=80, root_page=home)
    news = factories.NewsIndexPageFactory(parent=home)
    for n in range(3):
        factories.NewsArticlePageFactory(parent=news, title=f"Statement {n}", summary="Words " * 40)
    OrganisationSettings.for_site(home.get_site())
    return home
