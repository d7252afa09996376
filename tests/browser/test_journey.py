"""A visitor follows a policy from the home page to the PDF of a publication, by visible link text."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PDF_FILE_NAME = "tf-fcn-explainer-for-apcc-final.pdf"


def test_a_visitor_follows_a_policy_from_the_home_page_to_a_publications_pdf(new_page, page_types, tmp_path):
    page = new_page()
    follow_the_journey(page, page_types)

    # On the publication page, the visitor clicks the PDF's link and gets the file itself.
    pdf_link = page.get_by_role("main").locator('a[href$=".pdf"]').first
    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert download.failure() is None, f"the download failed: {download.failure()}"
    assert download.suggested_filename == PDF_FILE_NAME
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:4] == b"%PDF", f"{download.url} is not a PDF file"


def test_the_journey_works_without_javascript(new_page, page_types):
    page = new_page(javascript=False)
    follow_the_journey(page, page_types)

    expect(page.get_by_role("main").locator('a[href$=".pdf"]').first).to_be_visible()


def follow_the_journey(page: Page, page_types) -> None:
    """Home → policy area → portfolio → its latest statement → (main navigation) publications → a publication.

    At each step the visitor clicks a link by its visible text and lands on a page whose main heading
    and links are there.
    """
    page.goto(page_types["home"].path)
    expect_page(page, page_types["home"])

    page.get_by_role("link", name="Developing Police Capabilities & Tackling Serious Organised Crime").first.click()
    expect_page(
        page, page_types["policy-area"], heading="Developing Police Capabilities & Tackling Serious Organised Crime"
    )

    page.get_by_role("main").get_by_role("link", name="Serious Organised Crime", exact=True).click()
    expect_page(page, page_types["portfolio"], heading="Serious Organised Crime")

    latest_news = page.get_by_role("region", name="Latest news")
    latest_news.get_by_role("link", name=re.compile(r"^Joint APCC leads have responded")).click()
    expect_page(page, page_types["statement"], heading="Joint APCC leads have responded")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resources and publications").click()
    expect_page(page, page_types["publications-index"], heading="Resources and publications")

    page.get_by_role("main").get_by_role("link", name="Forensics Capability Network explainer").click()
    expect_page(page, page_types["publication"], heading="Forensics Capability Network explainer")


def expect_page(page: Page, page_type, heading: str | None = None) -> None:
    """The visitor is on this page type: its URL, one main heading (with this text), and its links."""
    expect(page).to_have_url(re.compile(r"^https?://[^/]+" + re.escape(page_type.path) + "$"))
    main_heading = page.get_by_role("heading", level=1)
    expect(main_heading).to_be_visible()
    expect(main_heading).not_to_be_empty()
    if heading:
        expect(main_heading).to_contain_text(heading)
    navigation_links = page.get_by_role("navigation", name="Main").get_by_role("link")
    expect(navigation_links.first).to_be_visible()
    expect(navigation_links.last).to_be_visible()
