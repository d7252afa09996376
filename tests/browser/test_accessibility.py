"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violations on any page type, on a phone or a laptop."""

import pytest

pytestmark = pytest.mark.browser


def test_page_has_no_wcag_a_or_aa_violations(new_page, visit, run_axe, page_type, viewport):
    page = new_page(viewport.width, viewport.height)
    visit(page, page_type)

    report = run_axe(page)

    assert not report.violations, f"{page_type.name} ({page_type.path}) at {viewport.width}x{viewport.height}: {report}"
