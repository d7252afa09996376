"""The checks of a PowerPoint presentation (.pptx), read with python-pptx."""

import pptx
from pptx.exc import PackageNotFoundError

from . import criteria
from .office import (
    POWERPOINT,
    READ_ERRORS,
    alt_text_problem,
    inspect_package,
    outside_fallback,
    pictures_passed,
    pictures_sentence,
    title_check,
)
from .results import CannotCheck, CheckResult, FileReport, every, numbers

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

FIX_SLIDE_TITLES = (
    "Give every slide a title: Home > Layout, choose a layout with a title, and type the title in its box. "
    "To keep a title off the slide, drag it off the edge of the slide rather than deleting it. "
    "View > Outline shows which slides have no title."
)
FIX_ALT_TEXT = (
    "Right-click each picture > View Alt Text, and describe what the picture shows or means. "
    "If it is only decoration, tick 'Mark as decorative'."
)
FIX_TITLE = (
    "Give the presentation a title: File > Info, then fill in Title under Properties "
    "(on a Mac: File > Properties > Summary > Title)."
)


def check_pptx(source):
    inspect_package(source, POWERPOINT)
    try:
        presentation = pptx.Presentation(source)
        slides = list(presentation.slides)
        title = presentation.core_properties.title
    except (*READ_ERRORS, PackageNotFoundError) as error:
        raise CannotCheck("The file is damaged: it could not be read as a PowerPoint presentation.") from error
    checks = [
        _slide_titles(slides),
        _picture_alt_text(slides),
        title_check("pptx-title", POWERPOINT, title, FIX_TITLE),
    ]
    return FileReport.from_checks("pptx", checks, slide_count=len(slides))


def _slide_titles(slides):
    untitled = [number for number, slide in enumerate(slides, start=1) if not _slide_title(slide)]
    if not slides:
        passed, detail = None, "The presentation has no slides."
    elif untitled:
        has = "Slide {} has" if len(untitled) == 1 else "Slides {} have"
        passed, detail = False, has.format(numbers(untitled)) + " no title."
    else:
        passed, detail = True, f"{every(len(slides), 'slide')} {'has a title' if len(slides) == 1 else 'have titles'}."
    return CheckResult(
        "pptx-slide-titles",
        "Every slide has a title",
        passed,
        criteria.both(criteria.HEADINGS_AND_LABELS, criteria.INFO_AND_RELATIONSHIPS),
        FIX_SLIDE_TITLES,
        detail,
    )


def _slide_title(slide):
    """The text in the slide's title placeholder: what screen readers and the outline call the slide."""
    shape = slide.shapes.title
    return shape.text_frame.text.strip() if shape is not None and shape.has_text_frame else ""


def _picture_alt_text(slides):
    total, problems, on_slides = 0, [], []
    for number, slide in enumerate(slides, start=1):
        for picture in slide.element.iter(f"{_P}pic"):
            properties = picture.find(f"{_P}nvPicPr/{_P}cNvPr")
            if properties is None or not outside_fallback(picture):
                continue
            total += 1
            if problem := alt_text_problem(properties):
                problems.append(problem)
                on_slides.append(number)
    if not total:
        passed, detail = None, "The presentation has no pictures."
    elif problems:
        slides_named = sorted(set(on_slides))
        where = f"on slide{'s' if len(slides_named) > 1 else ''} {numbers(slides_named)}"
        passed, detail = False, pictures_sentence(problems, total, where)
    else:
        passed, detail = True, pictures_passed(total)
    return CheckResult(
        "pptx-picture-alt-text",
        "Every picture has alternative text",
        passed,
        criteria.NON_TEXT_CONTENT,
        FIX_ALT_TEXT,
        detail,
    )
