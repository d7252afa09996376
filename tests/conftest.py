import pytest
from wagtail.models import Page, Site

from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test uploads into its own folder, so file names never collide between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def home(db):
    """A published home page that the default site serves at /."""
    root = Page.get_first_root_node()
    # Wagtail's own migrations leave a "Welcome" page at the slug a home page wants.
    root.get_children().delete()
    home = factories.HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def policy_area(home):
    return factories.PolicyAreaPageFactory(parent=home, title="Developing capabilities", slug="capabilities")


@pytest.fixture
def portfolio(policy_area):
    return factories.PortfolioPageFactory(parent=policy_area, title="Forensics", slug="forensics")


@pytest.fixture
def news_index(home):
    return factories.NewsIndexPageFactory(parent=home)


@pytest.fixture
def publication_index(home):
    return factories.PublicationIndexPageFactory(parent=home)
