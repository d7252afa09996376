"""What Word and PowerPoint files share: a zip package, sized up before anything in it is inflated.

A .pptx or .docx is a zip archive of XML parts and media. Its central directory says how large each
part is once inflated, and Python's zipfile never inflates more than that (a part that holds more
fails its CRC check), so the sizes are checked against the limits before python-pptx or python-docx
reads a byte. Their XML parser does not expand entities, so an XML part can't grow as it is parsed.
"""

import contextlib
import dataclasses
import zipfile
import zlib

from lxml import etree

from . import criteria
from .results import CannotCheck, CheckResult, describe_text, every, quoted
from .sources import head, is_path, rewind

MAX_PART_BYTES = 50 * 1024 * 1024  # once inflated
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # once inflated
MAX_PARTS = 10_000
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # Office 97-2003 files, and encrypted Office files
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream's name in the OLE directory
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


# What zipfile, and the libraries reading through it, raise on a damaged or unusual zip.
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    NotImplementedError,  # a compression method or zip feature zipfile does not read
    RuntimeError,  # a zip member encrypted with a zip password
    etree.XMLSyntaxError,
)


@dataclasses.dataclass(frozen=True)
class Kind:
    extension: str
    name: str  # "PowerPoint"
    a_name: str  # "a PowerPoint presentation"
    old_format: str


POWERPOINT = Kind("pptx", "PowerPoint", "a PowerPoint presentation", "PowerPoint 97-2003 (.ppt)")
WORD = Kind("docx", "Word", "a Word document", "Word 97-2003 (.doc)")
_FAMILIES = {  # what the main part's content type says, for naming the wrong kind of file
    "presentationml": "a PowerPoint presentation",
    "ms-powerpoint": "a PowerPoint presentation",
    "wordprocessingml": "a Word document",
    "ms-word": "a Word document",
    "spreadsheetml": "an Excel spreadsheet",
    "ms-excel": "an Excel spreadsheet",
}


def inspect_package(source, kind):
    """Raise CannotCheck unless source is a zip package of this kind within the size limits."""
    signature = head(source, 8)
    if signature == _OLE_SIGNATURE and _holds_encrypted_package(source):
        raise CannotCheck(
            "The file is protected with a password, so it could not be opened. "
            "People using screen readers can't open it either: publish it without a password."
        )
    if signature == _OLE_SIGNATURE:
        raise CannotCheck(
            f"The file is in the old {kind.old_format} format, although its name ends in .{kind.extension}. "
            f"Save it as .{kind.extension} to have it checked."
        )
    if not signature.startswith(b"PK"):
        raise CannotCheck(f"The file is not {kind.a_name}, although its name ends in .{kind.extension}.")
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            _within_limits(members)
            what = _main_part_kind(archive)
    except READ_ERRORS as error:
        raise CannotCheck(f"The file is damaged: it is not a complete {kind.name} file.") from error
    finally:
        rewind(source)
    if what is None:
        raise CannotCheck(f"The file is a zip archive, not {kind.a_name}.")
    if what != kind.a_name:
        raise CannotCheck(f"The file is {what}, not {kind.a_name}, although its name ends in .{kind.extension}.")


def _holds_encrypted_package(source):
    """True for an Office file saved with a password: an OLE file with an EncryptedPackage stream."""
    name, piece = _ENCRYPTED_PACKAGE, 1024 * 1024
    with open(source, "rb") if is_path(source) else contextlib.nullcontext(source) as file:
        file.seek(0)
        tail = b""
        while chunk := file.read(piece):
            if name in tail + chunk:
                return True
            tail = chunk[-len(name) :]
    return False


def _within_limits(members):
    if len(members) > MAX_PARTS:
        raise CannotCheck(f"The file is too large to check: it has more than {MAX_PARTS:,} parts.")
    total = 0
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            raise CannotCheck(
                f"The file is too large to check: one of its parts ({member.filename[:80]}) is over "
                f"{MAX_PART_BYTES // 1024 // 1024} MB uncompressed."
            )
        total += member.file_size
    if total > MAX_TOTAL_BYTES:
        raise CannotCheck(
            f"The file is too large to check: it is over {MAX_TOTAL_BYTES // 1024 // 1024} MB uncompressed."
        )


def _main_part_kind(archive):
    """ "a Word document", "a PowerPoint presentation"..., from [Content_Types].xml; None if it has none."""
    try:
        member = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return None
    if member.file_size > MAX_CONTENT_TYPES_BYTES:
        raise CannotCheck("The file is too large to check: its list of content types is too long.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        types = etree.fromstring(archive.read(member), parser)
    except etree.XMLSyntaxError:
        return None
    for override in types.iter(f"{_CONTENT_TYPES}Override"):
        content_type = override.get("ContentType", "")
        if content_type.endswith(".main+xml"):
            for family, name in _FAMILIES.items():
                if family in content_type:
                    return name
    return None


def alt_text_problem(properties):
    """None if a picture's properties (p:cNvPr, wp:docPr) describe it, or mark it as decorative."""
    for mark in properties.iter(_DECORATIVE):
        if mark.get("val") in ("1", "true"):
            return None
    return describe_text(properties.get("descr"))


def title_check(code, kind, title, how_to_fix):
    """The check that the file has a title in its properties, which is what is shown for it."""
    problem = describe_text(title)
    if problem == "empty":
        detail = f"The {kind.name} file has no title in its properties."
    elif problem:
        detail = f"The title in its properties is {problem}, {quoted(title)}, not a title."
    else:
        detail = f"The title is {quoted(title)}."
    return CheckResult(
        code,
        f"The {kind.name} file has a title",
        problem is None,
        criteria.PAGE_TITLED,
        how_to_fix,
        detail,
    )


def outside_fallback(element):
    """False inside mc:Fallback, the copy kept for older readers of something already counted."""
    return not any(ancestor.tag == _MC_FALLBACK for ancestor in element.iterancestors())


def pictures_sentence(problems, total, where):
    """ "2 of the 5 pictures (on slides 2 and 3) have no alternative text.", and a word on file names."""
    where = f" ({where})" if where else ""
    file_names = problems.count("a file name")
    if total == 1:
        if file_names:
            return f"The picture{where} has only a file name as its alternative text."
        return f"The picture{where} has no alternative text."
    if len(problems) == total:
        sentence = f"None of the {total} pictures{where} has alternative text."
    else:
        verb = "has" if len(problems) == 1 else "have"
        sentence = f"{len(problems)} of the {total} pictures{where} {verb} no alternative text."
    if file_names:
        sentence += f" {'One' if file_names == 1 else file_names} of them {'has' if file_names == 1 else 'have'}"
        sentence += " only a file name instead."
    return sentence


def pictures_passed(total):
    verb = "has" if total == 1 else "have"
    return (
        f"{every(total, 'picture')} {verb} alternative text, or {'is' if total == 1 else 'are'} marked as decorative."
    )
