"""A keyboard-only visitor: the skip link comes first, and Tab reaches the whole main navigation, visibly."""

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

SKIP_LINK_TEXT = "Skip to main content"
MAIN_NAVIGATION_LINKS = 'nav[aria-label="Main"] a'

# Several page types (see conftest.PAGE_TYPES), each on a template of its own; not all, to keep the suite fast.
PAGE_TYPE_NAMES = [
    "home",
    "policy-area",
    "portfolio",
    "statement",
    "publication",
    "person",
    "search-results",
    "not-found",
]


def test_keyboard_users_can_skip_to_the_content_and_tab_to_every_main_navigation_link(new_page, visit, page_type):
    page = new_page()  # a laptop screen: the whole main navigation is on it
    visit(page, page_type)

    # The first Tab lands on the skip link, which then shows on the screen.
    page.keyboard.press("Tab")
    focused = page.evaluate(DESCRIBE_FOCUSED_ELEMENT)
    assert focused["text"] == SKIP_LINK_TEXT, f"the first Tab focused {focused}, not the skip link"
    try:
        page.wait_for_function(FOCUSED_ELEMENT_IS_ON_SCREEN, timeout=2_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"the focused skip link is not visible on the screen: {page.evaluate(DESCRIBE_FOCUSED_ELEMENT)}")

    # Enter takes the focus to the main content.
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("() => document.activeElement?.id === 'main-content'", timeout=2_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"Enter on the skip link left the focus on {page.evaluate(DESCRIBE_FOCUSED_ELEMENT)}")

    # Tabbing on goes through the page (and round to its top) and reaches every main navigation link,
    # in at most one press per focusable element on the page, plus a few for the browser's own stops.
    bound = page.evaluate(START_FOCUS_TRAIL, MAIN_NAVIGATION_LINKS)
    assert bound["navigationLinks"] > 0, f"no main navigation links ({MAIN_NAVIGATION_LINKS}) on the page"
    for presses in range(1, bound["presses"] + 1):
        page.keyboard.press("Tab")
        if presses % 4 == 0 and page.evaluate("() => window.__focusTrail.unreached.size") == 0:
            break
    trail = page.evaluate(FINISH_FOCUS_TRAIL)
    assert not trail["unreached"], (
        f"{bound['presses']} presses of Tab did not reach these main navigation links: {trail['unreached']}\n"
        "focus went to:\n" + "\n".join(f"  {json.dumps(element)}" for element in trail["visited"])
    )

    # Wherever the focus went, the visitor could see it.
    assert not trail["withoutIndicator"], (
        "focused elements with no visible focus indicator (no outline, and focus changes none of box-shadow, "
        "background, colour, text decoration, border, ::before or ::after; or the element has no size):\n"
        + "\n".join(f"  {json.dumps(entry)}" for entry in trail["withoutIndicator"])
    )


DESCRIBE_FOCUSED_ELEMENT = """() => {
    const el = document.activeElement;
    if (!el) return {tag: null};
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute('href'),
        text: (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 80),
        box: {left: r.left, top: r.top, right: r.right, bottom: r.bottom},
        viewport: {width: innerWidth, height: innerHeight},
        visibility: s.visibility, opacity: s.opacity, clip: s.clip, clipPath: s.clipPath,
    };
}"""

# On screen: at least 8 x 8 px, wholly inside the viewport, not clipped away, hidden or transparent.
FOCUSED_ELEMENT_IS_ON_SCREEN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width >= 8 && r.height >= 8
        && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight
        && s.visibility === 'visible' && parseFloat(s.opacity) > 0
        && (s.clip === 'auto' || s.clip === '') && s.clipPath === 'none';
}"""

# From now on, records each element that gets the focus, with its computed style while focused
# (transitions finished); FINISH_FOCUS_TRAIL then blurs it and compares with its style unfocused.
START_FOCUS_TRAIL = """(navigationSelector) => {
    const focusable = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, '
        + 'summary, audio[controls], video[controls], [contenteditable], [tabindex]:not([tabindex="-1"])';
    const settle = (el) => el.getAnimations().forEach((a) => { try { a.finish(); } catch (e) {} });
    const look = (el) => {
        settle(el);
        const s = getComputedStyle(el);
        const look = {
            outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
            boxShadow: s.boxShadow, backgroundColor: s.backgroundColor, backgroundImage: s.backgroundImage,
            color: s.color, textDecoration: s.textDecorationLine + ' ' + s.textDecorationThickness + ' '
                + s.textDecorationColor + ' ' + s.textDecorationStyle,
            border: ['Top', 'Right', 'Bottom', 'Left'].map((side) => s[`border${side}Style`] + ' '
                + s[`border${side}Width`] + ' ' + s[`border${side}Color`]).join(', '),
        };
        for (const pseudo of ['::before', '::after']) {
            const p = getComputedStyle(el, pseudo);
            look[pseudo] = [p.content, p.backgroundColor, p.boxShadow, p.outlineStyle, p.borderBottomStyle,
                p.borderBottomColor, p.width, p.height, p.opacity].join(' | ');
        }
        return look;
    };
    const describe = (el) => ({
        tag: el.tagName.toLowerCase(), id: el.id || undefined, href: el.getAttribute('href') || undefined,
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '')
            .trim().replace(/\\s+/g, ' ').slice(0, 60),
    });
    const navigationLinks = [...document.querySelectorAll(navigationSelector)];
    const trail = {look, describe, unreached: new Set(navigationLinks), visited: []};
    window.__focusTrail = trail;
    document.addEventListener('focusin', (event) => {
        const el = event.target;
        if (el === document.body || el === document.documentElement || el.tagName === 'IFRAME') return;
        const rendered = [...el.getClientRects()].some((r) => r.width > 0 && r.height > 0);
        trail.visited.push({el, focused: look(el), rendered});
        trail.unreached.delete(el);
    });
    return {navigationLinks: navigationLinks.length, presses: document.querySelectorAll(focusable).length + 5};
}"""

FINISH_FOCUS_TRAIL = """() => {
    const trail = window.__focusTrail;
    document.activeElement?.blur();  // after the last focusin: blur fires focusout, not focusin
    const visible = (color) => {
        const parts = (color.match(/[\\d.]+%?/g) || []);
        if (!/^rgba?\\(/.test(color) || parts.length < 4) return color !== 'transparent';
        const alpha = parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
        return alpha > 0;
    };
    const withoutIndicator = [];
    for (const entry of trail.visited) {
        const focused = entry.focused;
        const unfocused = trail.look(entry.el);
        const outline = !['none', 'hidden'].includes(focused.outlineStyle)
            && (focused.outlineStyle === 'auto' || parseFloat(focused.outlineWidth) > 0)
            && visible(focused.outlineColor);
        const changed = Object.keys(focused)
            .filter((key) => !key.startsWith('outline') && focused[key] !== unfocused[key]);
        if (!entry.rendered || !(outline || changed.length)) {
            withoutIndicator.push({
                ...trail.describe(entry.el), rendered: entry.rendered,
                outline: `${focused.outlineStyle} ${focused.outlineWidth} ${focused.outlineColor}`,
                boxShadow: focused.boxShadow,
            });
        }
    }
    return {
        unreached: [...trail.unreached].map(trail.describe),
        visited: trail.visited.map((entry) => trail.describe(entry.el)),
        withoutIndicator,
    };
}"""
