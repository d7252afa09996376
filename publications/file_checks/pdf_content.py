"""What a PDF's pages draw: text, pictures, and the fonts the text is set in.

Page content is compressed and an uploaded file is untrusted: a few KB of FlateDecode can inflate
to gigabytes. So before qpdf decodes a content stream, its decoded size is measured by inflating it
in 1 MB pieces that are counted and thrown away; a page whose content is over MAX_PAGE_CONTENT_BYTES
is not read, and reading stops once MAX_CONTENT_BYTES have been read in all. Streams with other
filters or several filters (rare for page content) are decoded to be measured; the memory limit of
the process that runs the checks is the backstop for those.
"""

import dataclasses
import zlib

import pikepdf

from .results import numbers

MAX_PAGES_EXAMINED = 500
MAX_PAGE_CONTENT_BYTES = 20 * 1024 * 1024
MAX_CONTENT_BYTES = 100 * 1024 * 1024
MAX_FORM_DEPTH = 8  # form XObjects drawn inside form XObjects
_PIECE = 1024 * 1024
# Operators that show text, set a font, draw an XObject, or make up an inline image.
_OPERATORS = "Tj TJ ' \" Tf Do BI ID EI"
_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


class TooLarge(Exception):  # noqa: N818
    def __init__(self, all_content):
        super().__init__("all content" if all_content else "one page")
        self.all_content = all_content  # True: the budget for the whole file is spent


@dataclasses.dataclass
class Drawn:
    """What one page, or one form XObject, draws."""

    has_text: bool = False
    has_images: bool = False
    fonts: dict = dataclasses.field(default_factory=dict)  # (object, generation) or id -> font dictionary

    def add(self, other):
        self.has_text |= other.has_text
        self.has_images |= other.has_images
        self.fonts.update(other.fonts)


@dataclasses.dataclass
class Pages:
    """What the pages examined draw, page by page where it matters."""

    total: int
    examined: int = 0
    image_only: list = dataclasses.field(default_factory=list)  # page numbers, from 1
    not_read: list = dataclasses.field(default_factory=list)  # too large or unreadable
    stopped_at: int | None = None  # the page where the content budget ran out
    fonts: dict = dataclasses.field(default_factory=dict)

    def limits_note(self):
        """A sentence on what was not examined, or ""."""
        notes = []
        if self.stopped_at is not None:
            notes.append(
                f"Pages from {self.stopped_at} on were not checked: the PDF has more content than can be checked."
            )
        elif self.examined < self.total:
            notes.append(f"Only the first {self.examined} of the {self.total} pages were checked.")
        if self.not_read:
            which = (
                "Page {} could not be read, so it was"
                if len(self.not_read) == 1
                else "Pages {} could not be read, so were"
            )
            notes.append(which.format(numbers(self.not_read)) + " not checked.")
        return " ".join(notes)


def examine_pages(pdf):
    """Pages: which of the first MAX_PAGES_EXAMINED pages have pictures but no text, and the fonts used."""
    reader = _Reader(pdf)
    pages = Pages(total=len(pdf.pages))
    for number, page in enumerate(pdf.pages, start=1):
        if number > MAX_PAGES_EXAMINED:
            break
        try:
            drawn = reader.page(page)
        except TooLarge as too_large:
            if too_large.all_content:
                pages.stopped_at = number
                break
            pages.not_read.append(number)
            continue
        except (pikepdf.PdfError, ValueError, TypeError, AttributeError, KeyError):
            pages.not_read.append(number)
            continue
        finally:
            pages.examined = number
        if drawn.has_images and not drawn.has_text:
            pages.image_only.append(number)
        pages.fonts.update(drawn.fonts)
    if pages.stopped_at is not None:
        pages.examined = pages.stopped_at - 1
    return pages


class _Reader:
    def __init__(self, pdf):
        self.pdf = pdf
        self.spent = 0  # decoded bytes of content read so far
        self.forms = {}  # (object, generation) -> Drawn, so a form drawn on every page is read once

    def page(self, page):
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        streams = [stream for stream in streams if isinstance(stream, pikepdf.Stream)]
        self._budget(sum(decoded_size(stream, MAX_PAGE_CONTENT_BYTES) for stream in streams))
        if not streams:
            return Drawn()
        return self._read(page, _dictionary(page.obj.get("/Resources")), depth=0)

    def _budget(self, size):
        if size > MAX_PAGE_CONTENT_BYTES:
            raise TooLarge(all_content=False)
        if self.spent + size > MAX_CONTENT_BYTES:
            raise TooLarge(all_content=True)
        self.spent += size

    def _read(self, page_or_form, resources, depth):
        drawn = Drawn()
        for instruction in pikepdf.parse_content_stream(page_or_form, _OPERATORS):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                drawn.has_images = True
                continue
            operator = str(instruction.operator)
            if operator in _TEXT_OPERATORS:
                drawn.has_text = True
            elif operator in ("ID", "EI"):
                drawn.has_images = True
            elif operator == "Tf" and instruction.operands:
                font = _named(resources, "/Font", instruction.operands[0])
                if isinstance(font, pikepdf.Dictionary):
                    drawn.fonts[_key(font)] = font
            elif operator == "Do" and instruction.operands:
                xobject = _named(resources, "/XObject", instruction.operands[0])
                if isinstance(xobject, pikepdf.Stream):
                    drawn.add(self._xobject(xobject, resources, depth))
        return drawn

    def _xobject(self, xobject, resources, depth):
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return Drawn(has_images=True)
        if subtype != "/Form" or depth >= MAX_FORM_DEPTH:
            return Drawn()
        key = _key(xobject)
        if key in self.forms:
            return self.forms[key]
        self.forms[key] = Drawn()  # a form that draws itself draws nothing more
        self._budget(decoded_size(xobject, MAX_PAGE_CONTENT_BYTES))
        own = _dictionary(xobject.get("/Resources"))
        drawn = self._read(xobject, own if own is not None else resources, depth + 1)
        self.forms[key] = drawn
        return drawn


def decoded_size(stream, limit):
    """The size of the stream once decoded, without keeping it; limit + 1 for anything over limit."""
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = list(filters)
        if len(filters) == 1:
            filters = filters[0]
    if filters is None:
        return len(stream.read_raw_bytes())
    if filters == "/FlateDecode":  # a PNG predictor in /DecodeParms only makes it smaller
        return _inflated_size(stream.read_raw_bytes(), limit)
    try:
        return len(stream.read_bytes())
    except pikepdf.PdfError:
        return 0  # qpdf can't decode it either, so it will read nothing from it


def _inflated_size(data, limit):
    inflater = zlib.decompressobj()
    size = 0
    try:
        while data:
            size += len(inflater.decompress(data, _PIECE))
            if size > limit:
                return limit + 1
            data = inflater.unconsumed_tail
    except zlib.error:
        pass  # damaged: qpdf reads what it can, which is no more than was inflated here
    return size


def name_text(value):
    """A PDF name as text ("/Figure"); None if it is not a name, or its bytes are not UTF-8."""
    if not isinstance(value, pikepdf.Name):
        return None
    try:
        return str(value)
    except UnicodeDecodeError:
        return None


def _dictionary(value):
    return value if isinstance(value, pikepdf.Dictionary) else None


def _named(resources, category, name):
    if resources is None or not isinstance(name, pikepdf.Name):
        return None
    group = resources.get(category)
    if not isinstance(group, pikepdf.Dictionary):
        return None
    return group.get(name)


def _key(obj):
    return obj.objgen if obj.is_indirect else id(obj)
