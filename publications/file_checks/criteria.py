"""The WCAG 2.2 success criteria the checks stand for, as CheckResult.criterion names them.

Each is "number name", e.g. "1.1.1 Non-text Content"; UNDERSTANDING links each number to W3C's
explanation of it, for an accessibility statement or a help page.
"""

NON_TEXT_CONTENT = "1.1.1 Non-text Content"
INFO_AND_RELATIONSHIPS = "1.3.1 Info and Relationships"
IMAGES_OF_TEXT = "1.4.5 Images of Text"
PAGE_TITLED = "2.4.2 Page Titled"
MULTIPLE_WAYS = "2.4.5 Multiple Ways"
HEADINGS_AND_LABELS = "2.4.6 Headings and Labels"
LANGUAGE_OF_PAGE = "3.1.1 Language of Page"

# Embedded fonts are required by PDF/UA (ISO 14289-1, 7.21.4.1), not by any WCAG success criterion:
# a screen reader reads the text whether or not its font is embedded. So that check is advisory.
PDF_UA_FONTS = "PDF/UA-1 7.21.4.1 (good practice; not a WCAG success criterion)"

_BASE = "https://www.w3.org/WAI/WCAG22/Understanding/"
UNDERSTANDING = {
    "1.1.1": _BASE + "non-text-content",
    "1.3.1": _BASE + "info-and-relationships",
    "1.4.5": _BASE + "images-of-text",
    "2.4.2": _BASE + "page-titled",
    "2.4.5": _BASE + "multiple-ways",
    "2.4.6": _BASE + "headings-and-labels",
    "3.1.1": _BASE + "language-of-page",
}


def both(first, second):
    return f"{first}, {second}"
