"""check_file: the one way in."""

import contextlib
import logging
import os

from .pdf import check_pdf
from .powerpoint import check_pptx
from .results import CannotCheck, FileReport
from .sources import is_path, rewind, size
from .word import check_docx

logger = logging.getLogger(__name__)

# Uploads are at most 50 MB; this only stops a caller handing over something far larger by mistake.
MAX_FILE_BYTES = 100 * 1024 * 1024
CHECKERS = {"pdf": check_pdf, "pptx": check_pptx, "docx": check_docx}


def check_file(source, extension):
    """Check one file and return a FileReport. Never raises for anything about the file itself.

    source: a filesystem path (str or os.PathLike), or a binary file object open for reading that can
        seek (an open file, io.BytesIO, a Django File). A file object is left at its start.
    extension: the file's extension, with or without the dot, in any case ("pdf", ".PPTX"). It decides
        which checks run; a file whose content is of another kind "could not be checked".
    """
    extension = (extension or "").strip().lstrip(".").lower()
    checker = CHECKERS.get(extension)
    if checker is None:
        return FileReport.not_checked(extension)
    if is_path(source):
        source = os.fspath(source)
    try:
        if size(source) > MAX_FILE_BYTES:
            raise CannotCheck(f"The file is too large to check: it is over {MAX_FILE_BYTES // 1024 // 1024} MB.")
        return checker(source)
    except CannotCheck as cannot:
        return FileReport.could_not_check(extension, str(cannot))
    except FileNotFoundError:
        return FileReport.could_not_check(extension, "There is no file to check.")
    except MemoryError:
        return FileReport.could_not_check(extension, "The file is too large to check: checking it ran out of memory.")
    except RecursionError:
        return FileReport.could_not_check(extension, "The file is too complicated to check.")
    except Exception:  # noqa: BLE001 - a parser may raise anything on a malformed file; say so, don't crash
        logger.warning("Could not check a .%s file", extension, exc_info=True)
        return FileReport.could_not_check(extension, "The file could not be read: it may be damaged.")
    finally:
        if not is_path(source):
            with contextlib.suppress(OSError, ValueError):
                rewind(source)
