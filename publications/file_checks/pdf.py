"""The checks of a PDF, read with pikepdf (qpdf)."""

import re

import pikepdf
from lxml import etree

from . import criteria
from .pdf_content import decoded_size, examine_pages, name_text
from .results import CannotCheck, CheckResult, FileReport, describe_text, every, numbers, quoted
from .sources import head

BOOKMARKS_OVER_PAGES = 20
MAX_STRUCTURE_ELEMENTS = 200_000
MAX_METADATA_BYTES = 1024 * 1024
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

FIX_TAGS = (
    "Make the PDF again from the original document, with tags. In Word: File > Save As, choose PDF, then Options, "
    "and tick 'Document structure tags for accessibility'. In LibreOffice: File > Export as PDF, and tick "
    "'Universal Accessibility (PDF/UA)'. If you only have the PDF, Acrobat Pro can add tags: "
    "All tools > Prepare for accessibility > Automatically tag PDF."
)
FIX_TITLE = (
    "Give the document a title before you save it as PDF: in Word, File > Info > Properties > Title. "
    "In Acrobat: File > Properties > Description, fill in Title, then on the Initial View tab "
    "choose Show: Document Title."
)
FIX_LANGUAGE = (
    "Set the document's language before you save it as PDF: in Word, Review > Language > Set Proofing Language. "
    "In Acrobat: File > Properties > Advanced > Reading Options > Language."
)
FIX_TEXT = (
    "Publish a PDF saved from the original document (in Word: File > Save As, choose PDF), not a scan or a "
    "picture of it. If a scan is all there is, make its text readable in Acrobat with Scan & OCR > "
    "Recognize text, then check the text it finds."
)
FIX_BOOKMARKS = (
    "Use heading styles in the original document, then save it as PDF with bookmarks. In Word: File > Save As, "
    "choose PDF, then Options, and tick 'Create bookmarks using: Headings'. In LibreOffice: File > Export as PDF, "
    "and tick 'Export outlines'."
)
FIX_FIGURES = (
    "Add alternative text to each picture in the original document (in Word, right-click the picture > "
    "View Alt Text) and save it as a tagged PDF again; mark pictures that are only decoration as decorative. "
    "In Acrobat Pro: All tools > Prepare for accessibility > Add alternate text."
)
FIX_PERMISSIONS = (
    "Save the PDF without security settings: in Acrobat, File > Properties > Security, and set Security Method "
    "to No Security. If it must keep them, tick 'Enable text access for screen reader devices'."
)
FIX_FONTS = (
    "Save the PDF with its fonts embedded. In Word: File > Save As, choose PDF, then Options, and tick "
    "'PDF/A compliant'. In Acrobat Pro: Print Production > Preflight, and run 'Embed missing fonts'."
)


def check_pdf(source):
    if b"%PDF-" not in head(source, 1024):
        raise CannotCheck("The file is not a PDF, although its name ends in .pdf.")
    try:
        pdf = pikepdf.open(source)
    except pikepdf.PasswordError as error:
        raise CannotCheck(
            "The PDF is protected with a password, so it could not be opened. "
            "People using screen readers can't open it either: publish it without a password."
        ) from error
    except pikepdf.PdfError as error:
        raise CannotCheck("The PDF is damaged, so it could not be read.") from error
    with pdf:
        page_count = len(pdf.pages)
        if not page_count:
            raise CannotCheck("The PDF has no pages.")
        root = pdf.Root
        pages = examine_pages(pdf)
        checks = [
            _tagged(root),
            _title(pdf),
            _language(root),
            _text_layer(pages),
            _bookmarks(root, page_count),
            _figures(pdf),
            _screen_readers_allowed(pdf),
            _fonts_embedded(pages),
        ]
    return FileReport.from_checks("pdf", checks, page_count=page_count)


def _tagged(root):
    marked = isinstance(mark := root.get("/MarkInfo"), pikepdf.Dictionary) and mark.get("/Marked") is True
    tree = root.get("/StructTreeRoot")
    has_tags = isinstance(tree, pikepdf.Dictionary) and _has_kids(tree)
    if marked and has_tags:
        detail = ""
    elif has_tags:
        detail = "The PDF has tags but does not say it is tagged (/MarkInfo), so some PDF readers ignore them."
    elif marked:
        detail = "The PDF says it is tagged, but it has no tags."
    else:
        detail = (
            "The PDF has no tags, so screen readers can't tell its headings, lists, tables and pictures "
            "from the rest of the text."
        )
    return CheckResult(
        "pdf-tagged", "The PDF is tagged", marked and has_tags, criteria.INFO_AND_RELATIONSHIPS, FIX_TAGS, detail
    )


def _title(pdf):
    info_title = _info_title(pdf)
    title = info_title if describe_text(info_title) is None else (_xmp_title(pdf) or info_title)
    problem = describe_text(title)
    preferences = pdf.Root.get("/ViewerPreferences")
    shown = isinstance(preferences, pikepdf.Dictionary) and preferences.get("/DisplayDocTitle") is True
    if problem == "empty":
        detail = "The PDF has no title in its properties."
    elif problem:
        detail = f"The PDF's title is {problem}, {quoted(title)}, not a title."
    elif not shown:
        detail = (
            f"The PDF has a title, {quoted(title)}, but PDF readers are not told to show it, "
            "so they show the file name instead."
        )
    else:
        detail = f"The title is {quoted(title)}."
    return CheckResult(
        "pdf-title",
        "The PDF has a title, shown when it opens",
        not problem and shown,
        criteria.PAGE_TITLED,
        FIX_TITLE,
        detail,
    )


def _info_title(pdf):
    info = pdf.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary) and isinstance(title := info.get("/Title"), pikepdf.String):
        return str(title).strip()
    return ""


def _xmp_title(pdf):
    """dc:title from the XMP metadata, which PDF/UA asks for and some tools write instead of /Info."""
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream) or decoded_size(metadata, MAX_METADATA_BYTES) > MAX_METADATA_BYTES:
        return ""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        tree = etree.fromstring(metadata.read_bytes(), parser)
    except (pikepdf.PdfError, etree.XMLSyntaxError, ValueError):
        return ""
    if tree is None:
        return ""
    title = tree.find(".//" + _DC_TITLE)
    return " ".join("".join(title.itertext()).split()) if title is not None else ""


def _language(root):
    language = str(value).strip() if isinstance(value := root.get("/Lang"), pikepdf.String) else ""
    if not language:
        passed, detail = False, "The PDF does not say what language it is in, so screen readers may mispronounce it."
    elif not _LANGUAGE_TAG.match(language):
        passed, detail = False, f"The PDF's language, {quoted(language)}, is not a language code such as en-GB."
    else:
        passed, detail = True, f"The language is {language}."
    return CheckResult(
        "pdf-language", "The PDF's language is set", passed, criteria.LANGUAGE_OF_PAGE, FIX_LANGUAGE, detail
    )


def _text_layer(pages):
    notes = pages.limits_note()
    if pages.image_only:
        if len(pages.image_only) == 1:
            which = f"Page {pages.image_only[0]} is a picture with no text, like a scan"
        else:
            which = f"Pages {numbers(pages.image_only)} are pictures with no text, like scans"
        detail = which + ": screen readers find nothing to read, and the text can't be enlarged or searched."
        passed = False
    elif pages.examined == len(pages.not_read):
        passed, detail = None, "No page could be read, so this could not be checked."
    else:
        passed, detail = True, "No page is only pictures."
    return CheckResult(
        "pdf-text-layer",
        "Every page has real text, not only pictures of text",
        passed,
        criteria.both(criteria.IMAGES_OF_TEXT, criteria.NON_TEXT_CONTENT),
        FIX_TEXT,
        " ".join(part for part in (detail, notes) if part),
    )


def _bookmarks(root, page_count):
    outlines = root.get("/Outlines")
    has_bookmarks = isinstance(outlines, pikepdf.Dictionary) and isinstance(outlines.get("/First"), pikepdf.Dictionary)
    pages = "1 page" if page_count == 1 else f"{page_count} pages"
    if page_count <= BOOKMARKS_OVER_PAGES:
        passed, detail = None, f"The PDF has {pages}: bookmarks are needed over {BOOKMARKS_OVER_PAGES} pages."
    elif has_bookmarks:
        passed, detail = True, f"The PDF has {pages} and bookmarks."
    else:
        passed, detail = False, f"The PDF has {pages} and no bookmarks to find your way around it."
    return CheckResult(
        "pdf-bookmarks",
        f"A PDF of more than {BOOKMARKS_OVER_PAGES} pages has bookmarks",
        passed,
        criteria.MULTIPLE_WAYS,
        FIX_BOOKMARKS,
        detail,
    )


def _figures(pdf):
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, pikepdf.Dictionary) or not _has_kids(tree):
        passed, detail = None, "The PDF has no tags, so its pictures can't be found: tag it first."
    else:
        figures, complete = _find_figures(tree)
        page_numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        missing = [figure for figure in figures if _figure_text_problem(figure)]
        note = "" if complete else f" Only the first {MAX_STRUCTURE_ELEMENTS:,} tags were checked."
        if not figures:
            passed, detail = None, "The PDF has no figures." + note
        elif missing:
            on_pages = sorted({page_numbers.get(_page_key(figure)) for figure in missing} - {None})
            where = f" (on {'page' if len(on_pages) == 1 else 'pages'} {numbers(on_pages)})" if on_pages else ""
            detail = f"{len(missing)} of the {len(figures)} figures{where} have no alternative text." + note
            if len(missing) == 1 == len(figures):
                detail = f"The figure{where} has no alternative text." + note
            passed = False
        else:
            verb = "has" if len(figures) == 1 else "have"
            passed, detail = True, f"{every(len(figures), 'figure')} {verb} alternative text." + note
    return CheckResult(
        "pdf-figure-alt-text",
        "Every figure has alternative text",
        passed,
        criteria.NON_TEXT_CONTENT,
        FIX_FIGURES,
        detail,
    )


def _find_figures(tree):
    """The /Figure structure elements (after the role map), and whether every element was looked at."""
    role_map = tree.get("/RoleMap")
    role_map = role_map if isinstance(role_map, pikepdf.Dictionary) else {}
    figures, seen, visited = [], set(), 0
    stack = [tree.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue  # a marked-content id, or a reference to marked content or an object
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        visited += 1
        if visited > MAX_STRUCTURE_ELEMENTS:
            return figures, False
        if _standard_role(node.get("/S"), role_map) == "/Figure":
            figures.append(node)
        if (kids := node.get("/K")) is not None:
            stack.append(kids)
    return figures, True


def _standard_role(role, role_map):
    role = name_text(role)
    for _ in range(10):
        if role is None or (mapped := name_text(role_map.get(role))) in (None, role):
            break
        role = mapped
    return role


def _figure_text_problem(figure):
    for key in ("/Alt", "/ActualText"):
        if isinstance(text := figure.get(key), pikepdf.String) and describe_text(str(text)) is None:
            return None
    return "missing"


def _page_key(figure):
    page = figure.get("/Pg")
    return page.objgen if isinstance(page, pikepdf.Dictionary) else None


def _screen_readers_allowed(pdf):
    blocked = pdf.is_encrypted and not pdf.allow.accessibility
    detail = "The PDF's security settings stop screen readers reading its text." if blocked else "Nothing stops them."
    return CheckResult(
        "pdf-screen-readers-allowed",
        "Screen readers are allowed to read the PDF",
        not blocked,
        criteria.INFO_AND_RELATIONSHIPS,
        FIX_PERMISSIONS,
        detail,
    )


def _fonts_embedded(pages):
    fonts = list(pages.fonts.values())
    missing = sorted({_font_name(font) for font in fonts if not _embedded(font)})
    notes = pages.limits_note()
    if not fonts:
        passed, detail = None, "The PDF uses no fonts."
    elif missing:
        passed = False
        detail = (
            f"{_count(len(missing), 'font')} not embedded: {', '.join(missing[:10])}"
            f"{' and more' if len(missing) > 10 else ''}. Where they are not installed, PDF readers use "
            "other fonts, and text can look wrong or overlap."
        )
    else:
        passed, detail = True, f"{every(len(fonts), 'font')} used {'is' if len(fonts) == 1 else 'are'} embedded."
    return CheckResult(
        "pdf-fonts-embedded",
        "Every font is embedded",
        passed,
        criteria.PDF_UA_FONTS,
        FIX_FONTS,
        " ".join(part for part in (detail, notes) if part),
        advisory=True,
    )


def _embedded(font):
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # its glyphs are drawn by the PDF itself
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return False
        font = descendants[0]
        if not isinstance(font, pikepdf.Dictionary):
            return False
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        isinstance(descriptor.get(key), pikepdf.Stream) for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _font_name(font):
    name = name_text(font.get("/BaseFont"))
    return _SUBSET_PREFIX.sub("", name[1:]) if name else "a font with no name"


def _has_kids(tree):
    kids = tree.get("/K")
    return kids is not None and not (isinstance(kids, pikepdf.Array) and not len(kids))


def _count(count, noun):
    return f"1 {noun}" if count == 1 else f"{count} {noun}s"
