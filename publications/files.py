"""What the site reads from an uploaded file."""

import contextlib
import logging
import re
import shutil
import tempfile

from pypdf import PdfReader

from publications.limited import LimitedRunFailed, run_limited

logger = logging.getLogger(__name__)

FORMAT_NAMES = {
    "pdf": "PDF",
    "pptx": "PowerPoint",
    "docx": "Word",
    "xlsx": "Excel",
    "odt": "OpenDocument text",
    "csv": "CSV",
    "rtf": "Rich Text",
    "txt": "Plain text",
    "zip": "ZIP archive",
}


def human_size(size_in_bytes):
    """ "0.86 MB" for sizes from 100 KB up, "85 KB" below: how the association writes them."""
    if size_in_bytes is None:
        return ""
    kilobytes = size_in_bytes / 1024
    if kilobytes < 100:
        return f"{max(round(kilobytes), 1)} KB"
    return f"{kilobytes / 1024:.2f} MB"


# What search reads from a file: enough for any real publication, bounded for a hostile one.
MAX_EXTRACTED_CHARACTERS = 1_000_000
MAX_PAGES_READ = 500  # PDF pages or PowerPoint slides
# PostgreSQL refuses a tsvector over 1 MB, and a tsvector's size grows with the distinct words
# (each costs its bytes and ~10 bytes of overhead), not the length. Real prose of a million
# characters has some 20,000 distinct words; a CSV of unique reference numbers has far more.
# Text past this estimate of distinct-word bytes is dropped, leaving room for the title and
# description and for PostgreSQL's parser finding more parts than \w+ (e.g. in hyphenated words).
MAX_DISTINCT_WORD_BYTES = 500_000
PLAIN_TEXT_EXTENSIONS = {"txt", "csv"}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def extract_text(fileobj, extension):
    """The words in a PDF, PowerPoint, plain-text or CSV file, for search.

    Returns "" for other formats and, with a logged warning, for a file that cannot be
    read (corrupt, encrypted) or whose reading would need more than
    DOCUMENT_READER_MEMORY_MB of memory or DOCUMENT_READER_SECONDS: an upload never fails
    because its text cannot be read. The file is read in a child process with those limits
    (publications/limited.py), so a crafted file cannot take the web worker's memory.
    At most MAX_PAGES_READ pages or slides are read and MAX_EXTRACTED_CHARACTERS kept.
    """
    from django.conf import settings  # here: this module is also used by the child process

    extension = extension.lower()
    if extension not in READERS:
        return ""
    try:
        with local_copy(fileobj, extension) as path:
            return run_limited(
                read_text,
                path,
                extension,
                memory_mb=settings.DOCUMENT_READER_MEMORY_MB,
                seconds=settings.DOCUMENT_READER_SECONDS,
            )
    except (LimitedRunFailed, OSError) as failure:
        name = getattr(fileobj, "name", "a file")
        logger.warning("Could not read the text of %s, so search will not find words in it: %s", name, failure)
        return ""


@contextlib.contextmanager
def local_copy(fileobj, extension):
    """The path of a temporary copy of `fileobj` (from any storage), for a child process to read."""
    try:
        with tempfile.NamedTemporaryFile(prefix="portal-file-", suffix=f".{extension}") as copy:
            fileobj.seek(0)
            shutil.copyfileobj(fileobj, copy, 1024 * 1024)
            copy.flush()
            yield copy.name
    finally:
        fileobj.seek(0)


def read_text(path, extension):
    """extract_text's work, in the child process: the tidied text of the file at `path`."""
    with open(path, "rb") as fileobj:
        text = READERS[extension](fileobj)
    return _within_index_budget(_tidy(text)[:MAX_EXTRACTED_CHARACTERS].rstrip())


def _pdf_text(fileobj):
    # PdfReader tries the empty password, so a PDF that only restricts copying or printing
    # is read; one that needs a password to open raises FileNotDecryptedError on its pages.
    reader = PdfReader(fileobj)
    texts, length = [], 0
    for page in reader.pages[:MAX_PAGES_READ]:
        text = page.extract_text() or ""
        texts.append(text)
        length += len(text)
        if length >= MAX_EXTRACTED_CHARACTERS:
            break
    return "\n\n".join(texts)


def _pptx_text(fileobj):
    from pptx import Presentation  # imported here: only uploads of slides need it

    texts, length = [], 0
    for number, slide in enumerate(Presentation(fileobj).slides):
        if number >= MAX_PAGES_READ or length >= MAX_EXTRACTED_CHARACTERS:
            break
        for text in _shape_texts(slide.shapes):
            texts.append(text)
            length += len(text)
    return "\n\n".join(texts)


def _shape_texts(shapes):
    for shape in shapes:
        if getattr(shape, "shapes", None) is not None:  # a group: its shapes in turn
            yield from _shape_texts(shape.shapes)
        if shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells)


def _plain_text(fileobj):
    data = fileobj.read(MAX_EXTRACTED_CHARACTERS * 4)  # UTF-8 takes at most four bytes a character
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


READERS = {"pdf": _pdf_text, "pptx": _pptx_text, **dict.fromkeys(PLAIN_TEXT_EXTENSIONS, _plain_text)}


def _within_index_budget(text):
    """`text`, cut where its distinct words would make a search index entry too large."""
    seen, size = set(), 0
    for word in re.finditer(r"\w+", text):
        token = word.group().lower()
        if token not in seen:
            seen.add(token)
            size += len(token.encode()) + 10
            if size > MAX_DISTINCT_WORD_BYTES:
                return text[: word.start()].rstrip()
    return text


def _tidy(text):
    """Text a database will store: no NUL or control characters, no lone surrogates, no runs of blank space."""
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    text = _CONTROL_CHARACTERS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
