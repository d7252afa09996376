"""A database of the deployment tests' own: a copy of the test database with a small published site.

App servers in other processes serve it. It is a copy, so that nothing the servers (or the
tests) commit ever reaches the test database the rest of the suite runs in.
"""

import os
import subprocess
import sys

from tests.deploy.servers import REPO
from tests.postgres_cluster import BIN


def psql_arguments(settings_dict):
    return ["-h", settings_dict["HOST"] or "127.0.0.1", "-p", str(settings_dict["PORT"] or 5432),
            "-U", settings_dict["USER"]]  # fmt: skip


def copy_database(source, source_name, target, target_name):
    """Database `target_name` made afresh on server `target` (psql's arguments) as a copy of `source_name`."""
    subprocess.run([BIN / "dropdb", *target, "--if-exists", target_name], check=True, capture_output=True)
    subprocess.run([BIN / "createdb", *target, target_name], check=True, capture_output=True)
    dump = subprocess.run([BIN / "pg_dump", *source, "--no-owner", source_name], check=True, capture_output=True).stdout
    subprocess.run([BIN / "psql", "-q", *target, "-d", target_name], input=dump, check=True, capture_output=True)


def add_small_site(database_url):
    """Run small_site() against `database_url`, in a process of its own (this one uses the test database)."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from tests.deploy.content import small_site; small_site()",
        ],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url},
        check=True,
    )


def small_site():
    """What tests/conftest.py's `home` makes, and some news; committed."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    from portal.models import OrganisationSettings
    from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
    from tests.portal.factories import HomePageFactory

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    root.get_children().delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    news = NewsIndexPageFactory(parent=home)
    for n in range(3):
        NewsArticlePageFactory(parent=news, title=f"Statement {n}", summary="Words " * 40)
    OrganisationSettings.for_site(home.get_site())
