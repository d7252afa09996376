"""The documented backup (pg_dump + media) brings a wiped site back whole."""

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page, Revision

from editorial.models import DocumentDownloadCount
from news.models import NewsIndexPage
from portfolios.models import Person
from publications.models import PolicyDocument
from tests.news.factories import NewsArticlePageFactory

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backup and restore use pg_dump and pg_restore: PostgreSQL only"
)


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def snapshot():
    def checksum(document):
        with document.file.open("rb") as file:
            return hashlib.sha256(file.read()).hexdigest()

    return {
        "pages": sorted(Page.objects.values_list("path", "title", "live", "latest_revision_id")),
        "revisions": sorted(Revision.objects.values_list("pk", "object_id", "content_type_id")),
        "people": sorted(Person.objects.values_list("slug", "name", "role", "live")),
        "documents": sorted((document.file.name, checksum(document)) for document in PolicyDocument.objects.all()),
        "downloads": sorted(DocumentDownloadCount.objects.values_list("document__file", "day", "count")),
    }


@pytest.mark.django_db(transaction=True)
def test_a_site_backed_up_wiped_and_restored_has_every_page_revision_person_file_and_download_count(
    wagtail_root, tmp_path, settings
):
    call_command("load_demo", stdout=io.StringIO())
    for document in PolicyDocument.objects.select_related("collection"):
        members_only = document.collection.name == "Members only"  # the demo's example of members-only guidance
        assert Client().get(document.url).status_code == (302 if members_only else 200)
    before = snapshot()
    assert len(before["documents"]) == 5 and len(before["people"]) == 9 and len(before["downloads"]) == 3
    environment = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}

    subprocess.run([REPO / "scripts/backup", tmp_path / "backup"], check=True, env=environment)
    call_command("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Page.objects.exists() and not Path(settings.MEDIA_ROOT).exists()
    connection.close()
    subprocess.run([REPO / "scripts/restore", tmp_path / "backup"], check=True, env=environment)

    assert snapshot() == before
    report = io.StringIO()
    call_command("fixtree", stdout=report)
    assert "No problems found" in report.getvalue()


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_no_page_cached_before_it_is_served(wagtail_root, tmp_path, settings):
    """The shared cache still holds pages made from the database as it was before the restore: the
    restore moves the content version on, so none of them counts."""
    redis_url = "redis://127.0.0.1:6379/10"
    redis.Redis.from_url(redis_url).flushdb()
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}}
    settings.PAGE_CACHE_SECONDS = 600
    call_command("load_demo", stdout=io.StringIO())
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CACHE_URL": redis_url,
    }
    subprocess.run([REPO / "scripts/backup", tmp_path / "backup"], check=True, env=environment)

    NewsArticlePageFactory(parent=NewsIndexPage.objects.get(), title="Published after the backup")
    client = Client()
    assert client.get("/news/")["X-Cache"] == "MISS"
    cached = client.get("/news/")
    assert cached["X-Cache"] == "HIT" and "Published after the backup" in cached.content.decode()

    connection.close()
    subprocess.run([REPO / "scripts/restore", tmp_path / "backup"], check=True, env=environment)

    restored = client.get("/news/")
    assert "Published after the backup" not in restored.content.decode()
    assert restored["X-Cache"] == "MISS"
