"""The documented backup (pg_dump + media) brings a wiped site back whole."""

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page, Revision

from editorial.models import DocumentDownloadCount
from portfolios.models import Person
from publications.models import PolicyDocument

REPO = Path(__file__).resolve().parent.parent

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
def test_a_site_backed_up_wiped_and_restored_has_every_page_revision_person_file_and_download_count(tmp_path, settings):
    call_command("load_demo", stdout=io.StringIO())
    for document in PolicyDocument.objects.all():
        assert Client().get(document.url).status_code == 200
    before = snapshot()
    assert len(before["documents"]) == 3 and len(before["people"]) == 9 and len(before["downloads"]) == 3
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
