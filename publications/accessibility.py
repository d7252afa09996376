"""Accessibility checks of documents (publications.file_checks), run as text reading is: in a child
process with the same memory and time limits (publications/limited.py), so a crafted file costs
the site nothing but a "could not be checked"; and never a reason for an upload to fail."""

import logging

from django.conf import settings

from publications.file_checks import FileReport, check_file
from publications.files import local_copy
from publications.limited import LimitedRunFailed, run_limited

logger = logging.getLogger(__name__)

OUT_OF_LIMITS = (
    "It could not be checked: reading it took more time or memory than the site allows a file. "
    "Open it, save it again from the program it was made in, and upload it again."
)


def check_accessibility(fileobj, extension):
    """A FileReport for the file: each check's result, or why it could not be checked."""
    extension = extension.lower()
    try:
        with local_copy(fileobj, extension) as path:
            return run_limited(
                check_file,
                path,
                extension,
                memory_mb=settings.DOCUMENT_READER_MEMORY_MB,
                seconds=settings.DOCUMENT_READER_SECONDS,
            )
    except (LimitedRunFailed, OSError) as failure:
        logger.warning("Could not check the accessibility of %s: %s", getattr(fileobj, "name", "a file"), failure)
        return FileReport.could_not_check(extension, OUT_OF_LIMITS)
