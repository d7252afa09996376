import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from portal import content_version, version_memo
from tests.news.factories import NewsIndexPageFactory
from tests.portal.factories import HomePageFactory
from tests.portfolios.factories import PolicyAreaPageFactory, PortfolioPageFactory
from tests.publications.factories import PublicationIndexPageFactory

# The real SMTP server (`smtp_server`), the mail queue with its worker processes (`queued_mail`, `mail_workers`),
# and calling the WSGI application as a server does (`test_transaction_kept`).
pytest_plugins = ["tests.smtp_server", "tests.mail_queue", "tests.wsgi"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test uploads into its own folder, so file names never collide between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page, rate limit or lookup left by another test."""
    cache.clear()
    version_memo.clear()  # kept per content version, which a rolled-back test database can repeat
    content_version.forget()


@pytest.fixture
def wagtail_root(db):
    """The root of Wagtail's page tree, with its locale and root collection, as Wagtail's migrations make them."""
    root = Page.get_first_root_node()
    if root is None:  # a transactional test's flush took away what Wagtail's migrations made
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        Collection.add_root(name="Root")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@pytest.fixture
def home(wagtail_root):
    """A published home page that the default site serves at /."""
    root = wagtail_root
    # Wagtail's own migrations leave a "Welcome" page at the slug a home page wants.
    root.get_children().delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def policy_area(home):
    return PolicyAreaPageFactory(parent=home, title="Developing capabilities", slug="capabilities")


@pytest.fixture
def portfolio(policy_area):
    return PortfolioPageFactory(parent=policy_area, title="Forensics", slug="forensics")


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def publication_index(home):
    return PublicationIndexPageFactory(parent=home)
