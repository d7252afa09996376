"""Every page type as the Nu Html Checker reads it (vnu.jar from npm's vnu-jar, run with Debian's Java;
scripts/browser-deps installs both): not one error, on the demo site."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portfolios.models import Person
from publications.models import PolicyDocument

REPO = Path(__file__).resolve().parents[2]
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# What no page type stands for: a search, its empty form, a filtered listing with a value nobody has, the
# sign-in, alerts and format-request forms, and the not-found page.
OTHER_PAGES = {
    "search": "/search/?q=forensic",
    "empty search": "/search/?q=",
    "misspelt search": "/search/?q=frod",
    "filtered news": "/news/?portfolio=nonsense&year=abc",
    "sign-in": "/login/",
    "alerts": "/alerts/",
    "not found": "/no-such-page/",
}


@pytest.fixture
def demo_pages(wagtail_root):
    """{name: URL}: one live public page of each page type in the demo, a person's page and the others."""
    call_command("load_demo", stdout=io.StringIO())
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page).__name__, page.url)
    pages["person"] = f"/people/{Person.objects.filter(live=True).order_by('pk').first().slug}/"
    pages["format request"] = f"/accessible-formats/{PolicyDocument.objects.order_by('pk').first().pk}/"
    return {**pages, **OTHER_PAGES}


def test_every_page_type_is_valid_html_to_the_nu_html_checker(client, demo_pages, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu Html Checker needs node_modules/vnu-jar and Java: run scripts/browser-deps", pytrace=False)
    folder = tmp_path / "html"
    folder.mkdir()
    files = {}
    for name, url in demo_pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), url
        path = folder / f"{name.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = url

    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *(str(path) for path in folder.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(checked.stderr)["messages"]
    errors = [f"{files.get(m.get('url'), m.get('url'))}: {m['message']}" for m in messages]
    assert len(files) >= 17 and not errors, "\n".join(errors)
