"""What the site reads from an uploaded file."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

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


def count_pdf_pages(fileobj):
    """The number of pages in a PDF, or None for a file that cannot be read as one."""
    try:
        fileobj.seek(0)
        return len(PdfReader(fileobj).pages)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("Could not count the pages of %s: %s", getattr(fileobj, "name", "a PDF"), error)
        return None
    finally:
        fileobj.seek(0)


def human_size(size_in_bytes):
    """ "0.86 MB" for sizes from 100 KB up, "85 KB" below: how the association writes them."""
    if size_in_bytes is None:
        return ""
    kilobytes = size_in_bytes / 1024
    if kilobytes < 100:
        return f"{max(round(kilobytes), 1)} KB"
    return f"{kilobytes / 1024:.2f} MB"
