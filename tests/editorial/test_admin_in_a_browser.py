"""Editors cannot break an embargo by accident, shown in a real Chromium on a demo site (the site of
tests/editorial/test_screenshots.py): an ISO go-live time kept as typed, a past one refused, an
unsupported video host refused with the host list, no page left behind by an abandoned add form
and the same title accepted on a second try, the stock "Editors" group gone, the title's count."""

from __future__ import annotations

import re
import time

import pytest

from tests.editorial.test_screenshots import (  # noqa: F401 - the module's fixtures, shared
    ADMIN_PASSWORD,
    admin_page,
    editorial_site,
    open_status_dialog,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def news_editor_page(admin_page):  # noqa: F811
    """A second browser context, signed in as the demo site's news editor."""
    base_url = admin_page.url.split("/admin/")[0]
    context = admin_page.context.browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" when abandoning a form
    page.goto("/admin/login/")
    page.fill("input[name=username]", "news-editor")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def schedule(page, value):
    dialog = open_status_dialog(page, "schedule-publishing-dialog")
    go_live = dialog.locator('input[name="go_live_at"]')
    go_live.fill(value)
    dialog.locator("h2").click()  # leaves the field: the picker used to replace unreadable text with "now" here
    return dialog, go_live


def save_schedule(dialog):
    """With the mouse, as an editor would: Playwright refuses to click a button something covers."""
    dialog.get_by_role("button", name="Save schedule").click(timeout=5_000)


def open_pickers(page):
    return page.evaluate(
        """Array.from(document.querySelectorAll(".xdsoft_datetimepicker"))
            .filter((picker) => picker.style.display !== "none" && picker.getClientRects().length).length"""
    )


def picker_opened(page, editorial_site):  # noqa: F811
    """The statement's "Set schedule" dialog, with the go-live field clicked and its date picker open."""
    _base_url, ids = editorial_site
    page.goto(f"/admin/pages/{ids['statement']}/edit/")
    dialog = open_status_dialog(page, "schedule-publishing-dialog")
    go_live = dialog.locator('input[name="go_live_at"]')
    go_live.click()
    page.wait_for_function("document.querySelector('.xdsoft_datetimepicker[style*=block]') !== null")
    return dialog, go_live


def test_the_date_picker_closes_as_the_editor_types_so_save_schedule_can_be_clicked(
    admin_page,  # noqa: F811
    editorial_site,  # noqa: F811
):
    dialog, go_live = picker_opened(admin_page, editorial_site)
    assert open_pickers(admin_page) == 1  # the picker opens for those who pick a date with it
    go_live.press_sequentially("2031-01-06 10:30", delay=20)
    admin_page.wait_for_timeout(300)
    assert open_pickers(admin_page) == 0
    save_schedule(dialog)
    assert not dialog.is_visible()


def test_escape_closes_the_date_picker_first_then_the_dialog(admin_page, editorial_site):  # noqa: F811
    dialog, go_live = picker_opened(admin_page, editorial_site)
    go_live.press("Escape")
    admin_page.wait_for_timeout(300)
    assert open_pickers(admin_page) == 0 and dialog.is_visible()
    go_live.press("Escape")
    dialog.wait_for(state="hidden")


def test_an_iso_go_live_time_is_kept_exactly_and_shown_in_uk_time(admin_page, editorial_site):  # noqa: F811
    _base_url, ids = editorial_site
    admin_page.goto(f"/admin/pages/{ids['statement']}/edit/")
    dialog, go_live = schedule(admin_page, "2030-12-03 09:00")
    assert go_live.input_value() == "2030-12-03 09:00"
    save_schedule(dialog)
    admin_page.get_by_role("button", name="Save draft").click()
    admin_page.wait_for_load_state()
    status = admin_page.locator('[data-side-panel="status"]')
    if not status.is_visible():
        admin_page.locator('[data-side-panel-toggle="status"]').click()
    assert "Go-live: 3 December 2030, 09:00 GMT" in " ".join(status.inner_text().split())


def test_a_go_live_time_in_the_past_is_refused(admin_page, editorial_site):  # noqa: F811
    _base_url, ids = editorial_site
    admin_page.goto(f"/admin/pages/{ids['video']}/edit/")
    # The demo video is live; a past time is refused only for a page not live, so use a new page.
    admin_page.goto(f"/admin/pages/add/news/newsarticlepage/{ids['news_index']}/")
    admin_page.fill("#id_title", "A statement too late")
    dialog, go_live = schedule(admin_page, "01/01/2020 09:00")
    assert go_live.input_value() == "01/01/2020 09:00"
    save_schedule(dialog)
    admin_page.get_by_role("button", name="Save draft").click()
    admin_page.wait_for_load_state()
    assert "/add/" in admin_page.url
    assert "This go-live time has already passed" in admin_page.content()


def test_an_unsupported_video_host_is_refused_with_the_host_list(admin_page, editorial_site):  # noqa: F811
    _base_url, ids = editorial_site
    admin_page.goto(f"/admin/pages/{ids['video']}/edit/")
    admin_page.fill("#id_video_url", "https://www.dailymotion.com/video/x8abcde")
    admin_page.get_by_role("button", name="Save draft").click()
    admin_page.wait_for_load_state()
    error = admin_page.locator("#panel-child-content-video_url-section, [data-contentpath=video_url]").first
    assert "The site can only play videos from YouTube (youtube.com/watch?v=…, youtu.be/…) or Vimeo" in (
        error.inner_text()
    )


def pages_titled(page, title):
    """How many pages the admin's page search lists with this title (drafts too)."""
    page.goto(f"/admin/pages/search/?q={title.replace(' ', '+')}")
    return page.locator("main table a").filter(has_text=title).count()


def test_an_abandoned_add_form_leaves_no_page_and_the_same_title_is_accepted_again(
    news_editor_page,
    editorial_site,  # noqa: F811
):
    _base_url, ids = editorial_site
    page = news_editor_page
    title = "Response to the policing white paper"
    add = f"/admin/pages/add/news/newsarticlepage/{ids['news_index']}/"
    page.goto(add)
    page.locator("#id_title").press_sequentially(title)
    # The same slug both times (set here: Wagtail's title-to-slug sync did not run in headless Chromium).
    page.locator("#id_slug").evaluate("(input) => { input.value = 'response-to-the-policing-white-paper'; }")
    page.locator("#id_summary").fill("What we think of it.")
    time.sleep(2)  # four times Wagtail's autosave interval
    assert "Autosave is paused" not in page.content()
    page.goto("/admin/")
    assert pages_titled(page, title) == 0

    page.goto(add)
    page.locator("#id_title").press_sequentially(title)
    # The same slug both times (set here: Wagtail's title-to-slug sync did not run in headless Chromium).
    page.locator("#id_slug").evaluate("(input) => { input.value = 'response-to-the-policing-white-paper'; }")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    messages = page.locator(".messages").inner_text() if page.locator(".messages").count() else ""
    assert re.search(r"/admin/pages/\d+/edit/", page.url), messages
    assert "The slug" not in page.content()
    assert pages_titled(page, title) == 1


def test_the_title_shows_its_limit_and_a_running_count(news_editor_page, editorial_site):  # noqa: F811
    _base_url, ids = editorial_site
    page = news_editor_page
    page.goto(f"/admin/pages/add/news/newsarticlepage/{ids['news_index']}/")
    page.fill("#id_title", "x" * 300)
    assert page.locator("#id_title").input_value() == "x" * 300  # not cut
    assert page.locator("#id_title-count").inner_text() == "300 of 255 characters: 45 too many"


def test_the_stock_editors_group_is_gone(admin_page):  # noqa: F811
    admin_page.goto("/admin/groups/")
    names = admin_page.locator("main table").inner_text()
    assert "News editors" in names and "Moderators" in names
    assert not re.search(r"^\s*Editors\s*$", names, re.M)


def test_the_news_editor_sees_the_moderators_request_for_changes(
    news_editor_page,
    admin_page,  # noqa: F811
    editorial_site,  # noqa: F811
):
    _base_url, ids = editorial_site
    editor, moderator = news_editor_page, admin_page
    comment = "The quote from the PCC for Kent needs their approval first."
    editor.goto(f"/admin/pages/add/news/newsarticlepage/{ids['news_index']}/")
    editor.fill("#id_title", "Kent statement")
    editor.locator("#id_slug").evaluate("(input) => { input.value = 'kent-statement'; }")
    editor.fill("#id_summary", "What the PCC for Kent said.")
    editor.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with editor.expect_navigation():
        editor.get_by_role("button", name="Submit to News review").click()
    assert "created and submitted for moderation" in editor.locator(".messages").inner_text()
    page_id = re.search(r"/admin/pages/(\d+)/", editor.locator(".messages a", has_text="Edit").get_attribute("href"))[1]

    moderator.goto(f"/admin/pages/{page_id}/edit/")
    moderator.locator("footer [data-w-dropdown-target=toggle]").last.click()
    moderator.get_by_role("button", name="Request changes").click()
    request_changes = moderator.locator(".modal").filter(has=moderator.locator("textarea"))
    request_changes.locator("textarea").fill(comment)
    with moderator.expect_navigation():  # the request is recorded before the editor looks
        request_changes.get_by_role("button", name="Request changes").click()

    editor.goto(f"/admin/pages/{page_id}/edit/")
    said = f"requested changes on {_today_in_uk()}"
    assert said in editor.locator(".messages").inner_text()
    assert f"“{comment}”. Make them, then resubmit." in editor.locator(".messages").inner_text()
    editor.goto("/admin/")
    panel = editor.locator("section, .w-panel, .panel").filter(has_text="Changes requested of you").last
    assert "Kent statement" in panel.inner_text() and comment in panel.inner_text()


def _today_in_uk():
    from django.utils import timezone

    return f"{timezone.localdate():%-d %B %Y}"
