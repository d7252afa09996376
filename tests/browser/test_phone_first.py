"""Phone first: the content starts near the top of a small screen, the menu and search sit behind buttons
that work from the keyboard and without JavaScript, and a laptop's navigation fits on one row."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import expect

from news.video_hosts import embed_url, host_name

pytestmark = pytest.mark.browser

SMALL_PHONE = (320, 640)
PHONE = (375, 812)
MAIN_NAVIGATION = 'nav[aria-label="Main"]'

TOP_OF = "(selector) => { const r = document.querySelector(selector).getBoundingClientRect(); return r.top + scrollY; }"


def test_on_a_320px_phone_the_accessibility_statement_heading_starts_within_the_first_320px(
    new_page, visit, page_types
):
    page = new_page(*SMALL_PHONE)
    visit(page, page_types["accessibility-statement"])

    top = page.evaluate(TOP_OF, "main h1")

    assert top < 320, f"the statement's heading starts {top:.0f} px down the page"
    assert not page.locator(MAIN_NAVIGATION).is_visible(), "the menu is closed until asked for"


def test_on_a_phone_the_menu_opens_and_closes_with_the_keyboard(new_page, visit, page_types):
    page = new_page(*PHONE)
    visit(page, page_types["home"])
    menu = page.locator("summary", has_text="Menu")
    navigation = page.locator(MAIN_NAVIGATION)

    menu.focus()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(navigation).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('nav')?.getAttribute('aria-label')") == "Main"
    page.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    page.keyboard.press("Space")
    expect(navigation).to_be_visible()


def test_on_a_phone_without_javascript_the_menu_and_search_still_open(new_page, visit, page_types):
    page = new_page(*PHONE, javascript=False)
    visit(page, page_types["news-index"])
    navigation = page.locator(MAIN_NAVIGATION)
    assert not navigation.is_visible()

    page.locator("summary", has_text="Menu").focus()
    page.keyboard.press("Enter")
    expect(navigation).to_be_visible()
    navigation.get_by_role("link", name="Resources and publications").click()
    assert page.url.endswith("/resources-and-publications/")

    page.locator("summary", has_text="Search").click()
    page.get_by_label("Search this site").first.fill("forensics")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=forensics")


def test_on_a_phone_the_search_button_puts_the_cursor_in_the_search_box(new_page, visit, page_types):
    page = new_page(*PHONE)
    visit(page, page_types["home"])

    page.locator("summary", has_text="Search").click()

    expect(page.locator("#site-search")).to_be_focused()


def test_on_a_320px_phone_the_breadcrumb_is_one_line_back_to_the_parent(new_page, visit, page_types):
    page = new_page(*SMALL_PHONE)
    visit(page, page_types["portfolio"])
    breadcrumb = page.locator('nav[aria-label="Breadcrumb"]')

    assert breadcrumb.get_by_role("link").filter(visible=True).all_inner_texts() == [
        "Police capabilities & organised crime"
    ]
    line_height = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.breadcrumbs__list')).lineHeight)"
    )
    assert breadcrumb.bounding_box()["height"] < 2 * line_height


def test_on_a_laptop_the_main_navigation_is_on_one_row_with_no_buttons(new_page, visit, page_types):
    page = new_page(1280, 800)
    visit(page, page_types["policy-area"])

    links = page.locator(f"{MAIN_NAVIGATION} a")
    tops = {round(links.nth(index).bounding_box()["y"]) for index in range(links.count())}

    assert links.count() >= 5 and len(tops) == 1, f"the navigation's links start at {sorted(tops)} px"
    assert not page.locator("summary", has_text="Menu").is_visible()
    assert page.get_by_label("Search this site").first.is_visible()


def video_page_with_a_player(new_page, visit, page_types, javascript=True):
    """The demo's video page (its videos have no address: the seed gives none) with the player that
    templates/components/video_player.html renders for a YouTube video, and static/js/video-player.js."""
    player = render_to_string(
        "components/video_player.html",
        {
            "video": SimpleNamespace(
                title="Fighting fraud",
                video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                embed_url=embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
                video_host=host_name("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            )
        },
    )
    page = new_page(*PHONE, javascript=javascript)
    # Nothing leaves the machine: the player's host is refused.
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    visit(page, page_types["video"])
    if javascript:
        page.evaluate("(html) => { document.querySelector('main .notice').outerHTML = html; }", player)
        page.add_script_tag(url="/static/js/video-player.js")
    else:
        no_recording = '<p class="notice">The recording is not available on this site.</p>'
        page.set_content(page.content().replace(no_recording, player))
    return page


def test_a_video_plays_from_a_real_button_pressed_with_space_or_enter(new_page, visit, page_types):
    for key in ("Space", "Enter"):
        page = video_page_with_a_player(new_page, visit, page_types)
        play = page.get_by_role("button", name="Play video")

        play.focus()
        page.keyboard.press(key)

        frame = page.locator("iframe.video-player__frame")
        expect(frame).to_have_count(1)
        assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        assert page.get_by_role("link", name="Watch on YouTube").count() == 0


def test_without_javascript_a_video_offers_watch_on_youtube_and_no_dead_button(new_page, visit, page_types):
    page = video_page_with_a_player(new_page, visit, page_types, javascript=False)

    assert not page.get_by_role("button", name="Play video").is_visible()
    watch = page.get_by_role("link", name="Watch on YouTube")
    assert watch.is_visible() and watch.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
