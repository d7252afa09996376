"""Screenshots of the admin for docs/editor-guide.md, taken by a real Chromium.

Like tests/browser (whose helpers it reuses): a throwaway demo site is built in a temporary folder on
SQLite (migrate, load_demo, setup_editorial, a preview link and some download counts) and served by
`manage.py runserver`; Playwright signs in as the demo admin and saves each screen as a PNG. The
pictures are written to test-artifacts/editor-guide/, or, with UPDATE_EDITOR_GUIDE_SCREENSHOTS=1,
over docs/images/ (the ones the guide shows), so that an ordinary test run changes no tracked file.

The site runs with the settings this pytest run uses (DJANGO_SETTINGS_MODULE, which pytest-django
sets), so it has the editorial app and its URLs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO_ROOT,
    TIMEOUT_MS,
    _tail,
    serving,
)

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "screenshot-admin-password-1"
SETUP_DATA = """
import datetime, json
from django.utils import timezone
from editorial.models import DocumentDownloadCount, PreviewLink
from news.models import NewsArticlePage
from publications.models import PolicyDocument, PublicationPage
statement = NewsArticlePage.objects.filter(news_type="statement", quoted_people__isnull=False).order_by("pk").first()
PreviewLink.objects.get_or_create(page=statement, defaults={"expires_at": timezone.now() + datetime.timedelta(days=7)})
today = timezone.localdate()
for rank, document in enumerate(PolicyDocument.objects.order_by("pk")[:6]):
    for back in range(0, 28, 3):
        DocumentDownloadCount.objects.update_or_create(
            document=document, day=today - datetime.timedelta(days=back), defaults={"count": (6 - rank) * 3 + back % 5}
        )
publication = PublicationPage.objects.order_by("pk").first()
from django.contrib.auth.models import Group, User
from news.models import NewsIndexPage, VideoPage
editor, _ = User.objects.get_or_create(username="news-editor")
editor.set_password(PASSWORD)
editor.save()
editor.groups.set([Group.objects.get(name="News editors")])
ids = {"statement": statement.pk, "publication": publication.pk, "news_index": NewsIndexPage.objects.get().pk}
ids["video"] = VideoPage.objects.order_by("pk").first().pk
print(json.dumps(ids))
"""


def output_dir():
    if os.environ.get("UPDATE_EDITOR_GUIDE_SCREENSHOTS") == "1":
        folder = REPO_ROOT / "docs" / "images"
    else:
        folder = REPO_ROOT / "test-artifacts" / "editor-guide"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def editorial_site(tmp_path_factory):
    """(base URL, ids of the demo content the screenshots open)."""
    folder = tmp_path_factory.mktemp("editorial-screenshots")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.test"),
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CACHE_URL", None)
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]
    ids = {}
    for command in (
        ["migrate", "--no-input"],
        ["load_demo", "--admin-password", ADMIN_PASSWORD],
        ["setup_editorial"],
        ["shell", "-c", SETUP_DATA.replace("PASSWORD", repr(ADMIN_PASSWORD))],
    ):
        done = subprocess.run(
            manage + command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        if done.returncode != 0:
            pytest.fail(f"manage.py {command[0]} failed:\n{_tail(done.stdout + done.stderr)}", pytrace=False)
        if command[0] == "shell":
            ids = json.loads(done.stdout.strip().splitlines()[-1])

    with serving(manage, env, folder) as base_url:
        yield base_url, ids


@pytest.fixture(scope="module")
def admin_page(editorial_site):
    """A Chromium page signed in to the admin as the demo admin; Playwright is stopped after the module."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/browser-deps", pytrace=False)
    from playwright.sync_api import sync_playwright

    base_url, _ids = editorial_site
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 860}, reduced_motion="reduce"
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", ADMIN_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        yield page
        context.close()
        browser.close()
    finally:
        playwright.stop()


def shoot(page, name):
    path = output_dir() / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000, f"{path} looks empty"


def test_screenshot_of_a_statement_with_a_quote_in_the_editor(admin_page, editorial_site):
    _base_url, ids = editorial_site
    admin_page.goto(f"/admin/pages/{ids['statement']}/edit/")
    role = admin_page.get_by_text(re.compile("role when they said it", re.IGNORECASE)).first
    role.scroll_into_view_if_needed()
    admin_page.mouse.wheel(0, 250)
    shoot(admin_page, "editor-statement")


def open_status_dialog(page, dialog_id):
    """Opens the editor's Status side panel, then one of its dialogs; returns the dialog."""
    toggle = page.locator('[data-side-panel-toggle="status"]')
    if toggle.get_attribute("aria-expanded") != "true":  # the admin remembers an open panel
        toggle.click()
    page.click(f'[data-a11y-dialog-show="{dialog_id}"]')
    dialog = page.locator(f"#{dialog_id}")
    dialog.wait_for(state="visible")
    return dialog


def test_screenshot_of_scheduling_a_statement(admin_page, editorial_site):
    _base_url, ids = editorial_site
    admin_page.goto(f"/admin/pages/{ids['statement']}/edit/")
    dialog = open_status_dialog(admin_page, "schedule-publishing-dialog")
    go_live = dialog.locator('input[name="go_live_at"]')
    go_live.fill("2026-12-09 00:01")
    admin_page.wait_for_timeout(300)  # typing closes the date picker, which would hide "Save schedule"
    assert dialog.locator('input[name="expire_at"]').is_visible()
    shoot(admin_page, "editor-schedule")


def test_screenshot_of_making_a_publication_members_only(admin_page, editorial_site):
    _base_url, ids = editorial_site
    admin_page.goto(f"/admin/pages/{ids['publication']}/edit/")
    dialog = open_status_dialog(admin_page, "set-privacy")
    dialog.locator('input[name="restriction_type"][value="groups"]').check()  # the form arrives by fetch
    dialog.get_by_label("Members", exact=True).check()
    shoot(admin_page, "editor-privacy")


def test_screenshot_of_the_draft_preview_links(admin_page):
    admin_page.goto("/admin/previewlink/")
    assert admin_page.locator("table input[readonly]").count() >= 1
    shoot(admin_page, "editor-preview-links")


def test_screenshot_of_the_download_report(admin_page):
    admin_page.goto("/admin/reports/most-downloaded-files/")
    assert admin_page.locator("figure svg rect").count() >= 1
    shoot(admin_page, "editor-download-report")


def test_screenshot_of_the_members_sign_in_page_with_an_error(admin_page):
    context = admin_page.context.browser.new_context(base_url=admin_page.url.split("/admin/")[0])  # signed out
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", "a-member")
    page.click("form.sign-in-form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    shoot(page, "members-sign-in")
    context.close()


def test_screenshot_of_a_files_accessibility_panel(admin_page):
    admin_page.goto("/admin/documents/")
    admin_page.get_by_role("link", name=re.compile("explainer", re.IGNORECASE)).first.click()
    findings = admin_page.locator("section.accessibility-findings table")
    findings.scroll_into_view_if_needed()
    assert findings.locator("tbody tr").count() >= 3
    shoot(admin_page, "editor-file-accessibility")


def test_screenshot_of_the_document_accessibility_report(admin_page):
    admin_page.goto("/admin/reports/document-accessibility/")
    assert admin_page.locator("table tbody tr").count() >= 3
    shoot(admin_page, "editor-accessibility-report")
