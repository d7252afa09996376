"""Every page type fits the narrowest phone screen, and is photographed for a person to look at.

Screenshots go to test-artifacts/screenshots/<page-type>-<width>.png (conftest.SCREENSHOT_DIR).
"""

import pytest

pytestmark = pytest.mark.browser

NARROWEST_SCREEN = (320, 640)  # WCAG 1.4.10 Reflow: 320 CSS px wide with no sideways scrolling

MEASURE_OVERFLOW = """() => {
    const width = window.innerWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map((c) => '.' + c).join('');
    const path = (el) => {
        const names = [];
        for (let node = el; node && node !== document.body && names.length < 4; node = node.parentElement) {
            names.unshift(name(node));
        }
        return names.join(' > ');
    };
    const offenders = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > width)
        .map((el) => ({
            element: path(el),
            right: Math.round(el.getBoundingClientRect().right),
            text: (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
        }));
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, offenders};
}"""


def test_page_fits_a_320px_wide_screen_without_scrolling_sideways(new_page, visit, page_type):
    page = new_page(*NARROWEST_SCREEN)
    visit(page, page_type)

    layout = page.evaluate(MEASURE_OVERFLOW)

    offenders = "\n".join(
        f"  {o['element']}  right edge at {o['right']}px  {o['text']!r}" for o in layout["offenders"][:25]
    )
    more = len(layout["offenders"]) - 25
    assert layout["scrollWidth"] <= layout["innerWidth"], (
        f"{page_type.name} ({page_type.path}) is {layout['scrollWidth']}px wide on a {layout['innerWidth']}px screen; "
        f"elements past its right edge:\n{offenders}" + (f"\n  ... and {more} more" if more > 0 else "")
    )


def test_screenshot_of_each_page(new_page, visit, page_type, viewport, screenshot_dir):
    page = new_page(viewport.width, viewport.height)
    visit(page, page_type)

    path = screenshot_dir / f"{page_type.name}-{viewport.width}.png"
    page.screenshot(path=path, full_page=True, animations="disabled")

    assert path.stat().st_size > 0
