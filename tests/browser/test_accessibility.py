"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violations on any page type, on a phone or a laptop."""

import pytest

pytestmark = pytest.mark.browser


def test_page_has_no_wcag_a_or_aa_violations(new_page, visit, run_axe, page_type, viewport):
    page = new_page(viewport.width, viewport.height)
    visit(page, page_type)

    report = run_axe(page)

    assert not report.violations, f"{page_type.name} ({page_type.path}) at {viewport.width}x{viewport.height}: {report}"


def test_a_phone_with_the_menu_and_search_open_has_no_wcag_a_or_aa_violations(new_page, visit, run_axe, page_types):
    page = new_page(375, 812)
    visit(page, page_types["policy-area"])
    page.get_by_text("Search", exact=True).first.click()
    page.locator("summary", has_text="Menu").click()  # closes Search: the two are one group

    report = run_axe(page)

    assert page.locator('nav[aria-label="Main"]').is_visible()
    assert not report.violations, f"policy area at 375 px with the menu open: {report}"
