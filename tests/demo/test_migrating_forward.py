"""A site built before the restructure migrates forward with nothing lost.

The code as it was landed before (LANDED_BEFORE) is taken out of git into a folder of its own; its
`migrate`, `load_demo` and `load_bulk` build a database; today's `migrate` then runs on that database,
and every page, revision, person, file, link and listing date is still there, every page answers.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LANDED_BEFORE = "aa4f61a"  # the last commit landed before portal/ became the foundation it is now

SNAPSHOT = r"""
import json
from django.apps import apps
from django.contrib.auth.models import Group

def rows(label, *fields):
    return sorted(map(list, apps.get_model(label).objects.values_list(*fields)))

def through(label, field):
    model = apps.get_model(label)._meta.get_field(field).remote_field.through
    return sorted(map(list, model.objects.values_list(*[f.attname for f in model._meta.fields if not f.primary_key])))

print(json.dumps({
    "pages": rows("wagtailcore.Page", "path", "title", "slug", "live", "content_type__model", "latest_revision_id"),
    "revisions": rows("wagtailcore.Revision", "pk", "object_id", "content_type__model"),
    "people": rows("portfolios.Person", "slug", "name", "role", "organisation", "live", "photo_id"),
    "leads": rows("portfolios.PortfolioLead", "page_id", "person_id", "role", "started_on", "ended_on"),
    "documents": rows("publications.PolicyDocument", "title", "file", "collection_id", "page_count", "file_hash"),
    "attachments": rows("publications.PublicationAttachment", "page_id", "document_id", "sort_order"),
    "images": rows("wagtailimages.Image", "title", "file"),
    "listing dates": rows("news.ListingDate", "page_id", "date"),
    "articles filed": through("news.NewsArticlePage", "portfolios"),
    "videos filed": through("news.VideoPage", "portfolios"),
    "publications filed": through("publications.PublicationPage", "portfolios"),
    "quoted": through("news.NewsArticlePage", "quoted_people"),
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "statement id": str(apps.get_model("wagtailcore.Page").objects.get(slug="accessibility-statement").pk),
}, default=str))
"""

EVERY_PAGE_ANSWERS = r"""
from django.test import Client
from wagtail.models import Page
client = Client()
bad = [(page.url, client.get(page.url).status_code) for page in Page.objects.live().public().filter(depth__gt=1)]
bad = [(url, status) for url, status in bad if status != 200]
print("pages that do not answer:", bad)
assert not bad
"""


def run(code_dir, environment, *command):
    completed = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=code_dir, env=environment, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-4000:]
    return completed.stdout


@pytest.fixture
def landed_before(tmp_path):
    known = subprocess.run(["git", "cat-file", "-e", f"{LANDED_BEFORE}^{{commit}}"], cwd=REPO, capture_output=True)
    if known.returncode:
        pytest.skip(f"this checkout has no commit {LANDED_BEFORE} (a shallow clone?)")
    folder = tmp_path / "landed-before"
    folder.mkdir()
    archive = subprocess.run(["git", "archive", LANDED_BEFORE], cwd=REPO, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def test_a_site_built_by_the_code_landed_before_migrates_forward_with_nothing_lost(landed_before, tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    run(landed_before, environment, "migrate", "--no-input", "-v0")
    run(landed_before, environment, "load_demo")
    run(
        landed_before,
        environment,
        "load_bulk",
        "--news",
        "40",
        "--publications",
        "8",
        "--portfolios",
        "6",
        "--people",
        "12",
    )
    before = json.loads(run(landed_before, environment, "shell", "-c", SNAPSHOT).splitlines()[-1])

    run(REPO, environment, "migrate", "--no-input", "-v0")
    after = json.loads(run(REPO, environment, "shell", "-c", SNAPSHOT).splitlines()[-1])

    assert len(before["pages"]) > 80 and len(before["articles filed"]) > 40
    # The one change: the accessibility statement, a standard page before, is a page type of its own now.
    statement = next(page for page in before["pages"] if page[2] == "accessibility-statement")
    assert statement[4] == "standardpage"
    statement[4] = "accessibilitystatementpage"
    for revision in before["revisions"]:
        if revision[1] == before["statement id"]:
            revision[2] = "accessibilitystatementpage"
    # And Wagtail's stock "Editors" group, with more than the project's roles give, is gone (issue 17).
    assert "Editors" in before["groups"]
    before["groups"].remove("Editors")
    for name in before:
        assert after[name] == before[name], name
    run(REPO, environment, "shell", "-c", EVERY_PAGE_ANSWERS)
    assert "No problems found" in run(REPO, environment, "fixtree")
