"""The checks of a Word document (.docx), read with python-docx."""

import re

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from . import criteria
from .office import (
    READ_ERRORS,
    WORD,
    alt_text_problem,
    inspect_package,
    outside_fallback,
    pictures_passed,
    pictures_sentence,
    title_check,
)
from .results import CannotCheck, CheckResult, FileReport

_HEADING_STYLE = re.compile(r"^(heading [1-9]|title)$", re.IGNORECASE)
_PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_MAX_STYLE_CHAIN = 20

FIX_HEADINGS = (
    "Use Word's heading styles for headings: select the heading, then Home > Styles > Heading 1 "
    "(Heading 2 for a heading within it, and so on). Bold or bigger text looks like a heading but is not one "
    "to a screen reader."
)
FIX_ALT_TEXT = (
    "Right-click each picture > View Alt Text, and describe what the picture shows or means. "
    "If it is only decoration, tick 'Mark as decorative'."
)
FIX_TITLE = "Give the document a title: File > Info, then fill in Title under Properties."


def check_docx(source):
    inspect_package(source, WORD)
    try:
        document = docx.Document(source)
        title = document.core_properties.title
    except (*READ_ERRORS, PackageNotFoundError) as error:
        raise CannotCheck("The file is damaged: it could not be read as a Word document.") from error
    checks = [
        _headings(document),
        _picture_alt_text(document),
        title_check("docx-title", WORD, title, FIX_TITLE),
    ]
    return FileReport.from_checks("docx", checks)


def _headings(document):
    is_heading = _HeadingStyles(document)
    paragraphs = [paragraph for paragraph in document.element.body.iter(qn("w:p")) if _text(paragraph)]
    headings = sum(1 for paragraph in paragraphs if is_heading(paragraph))
    if not paragraphs:
        passed, detail = None, "The document has no text."
    elif not headings:
        passed, detail = False, "No text in the document uses a heading style."
    else:
        passed, detail = (
            True,
            "1 heading uses a heading style." if headings == 1 else f"{headings} headings use heading styles.",
        )
    return CheckResult(
        "docx-headings",
        "Headings use heading styles",
        passed,
        criteria.both(criteria.INFO_AND_RELATIONSHIPS, criteria.HEADINGS_AND_LABELS),
        FIX_HEADINGS,
        detail,
    )


class _HeadingStyles:
    """Whether a paragraph is a heading: a Heading or Title style (or one based on it), or an outline level."""

    def __init__(self, document):
        self.styles = {}
        self.default = None
        for style in document.styles.element.iter(qn("w:style")):
            if style.get(qn("w:type")) == "paragraph":
                self.styles[style.get(qn("w:styleId"))] = style
                if style.get(qn("w:default")) in ("1", "true"):
                    self.default = style.get(qn("w:styleId"))
        self.known = {}

    def __call__(self, paragraph):
        properties = paragraph.find(qn("w:pPr"))
        if properties is not None:
            if _outline_level(properties):
                return True
            style = properties.find(qn("w:pStyle"))
            style_id = style.get(qn("w:val")) if style is not None else self.default
        else:
            style_id = self.default
        if style_id not in self.known:
            self.known[style_id] = self._style_is_heading(style_id)
        return self.known[style_id]

    def _style_is_heading(self, style_id):
        for _ in range(_MAX_STYLE_CHAIN):
            style = self.styles.get(style_id)
            if style is None:
                return False
            name = style.find(qn("w:name"))
            if name is not None and _HEADING_STYLE.match(name.get(qn("w:val"), "")):
                return True
            properties = style.find(qn("w:pPr"))
            if properties is not None and _outline_level(properties):
                return True
            based_on = style.find(qn("w:basedOn"))
            if based_on is None:
                return False
            style_id = based_on.get(qn("w:val"))
        return False


def _outline_level(properties):
    """True for outline levels 1 to 9 (0 to 8 in the file), which Word's navigation pane lists as headings."""
    level = properties.find(qn("w:outlineLvl"))
    return level is not None and level.get(qn("w:val"), "9") in set("012345678")


def _text(paragraph):
    return "".join(text.text or "" for text in paragraph.iter(qn("w:t"))).strip()


def _picture_alt_text(document):
    total, problems = 0, []
    for part in document.part.package.iter_parts():
        if not str(part.partname).startswith("/word/") or str(part.partname).startswith("/word/glossary/"):
            continue
        element = getattr(part, "element", None)  # XML parts only
        if element is None:
            continue
        for drawing in (*element.iter(qn("wp:inline")), *element.iter(qn("wp:anchor"))):
            properties = drawing.find(qn("wp:docPr"))
            data = drawing.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
            if properties is None or data is None or data.get("uri") != _PICTURE or not outside_fallback(drawing):
                continue
            total += 1
            if problem := alt_text_problem(properties):
                problems.append(problem)
    if not total:
        passed, detail = None, "The document has no pictures."
    elif problems:
        passed, detail = False, pictures_sentence(problems, total, "")
    else:
        passed, detail = True, pictures_passed(total)
    return CheckResult(
        "docx-picture-alt-text",
        "Every picture has alternative text",
        passed,
        criteria.NON_TEXT_CONTENT,
        FIX_ALT_TEXT,
        detail,
    )
