"""The accessibility checks of uploaded documents, against real files.

The files in corpus/ were made by LibreOffice, ghostscript, pdftoppm and img2pdf, qpdf, python-pptx and
python-docx: scripts/make-accessibility-corpus says how. Every check meets a file that passes it and
a file that fails it. Files that would be large (zip bombs, a PDF whose content inflates to 64 MB)
are made here, small on disk.
"""

import io
import json
import pickle
import random
import re
import struct
import time
import tracemalloc
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publications.file_checks import UNDERSTANDING, CheckResult, FileReport, Outcome, check_file
from tests.publications.corpus_checks import CORPUS, MB, check

# --- PowerPoint ----------------------------------------------------------------------------------


def test_a_presentation_with_slide_titles_alt_text_and_a_title_passes():
    report = check("powerpoint-accessible.pptx")

    assert report.outcome == Outcome.PASSES
    assert report.slide_count == 3
    assert [(check.code, check.passed) for check in report.checks] == [
        ("pptx-slide-titles", True),
        ("pptx-picture-alt-text", True),
        ("pptx-title", True),
    ]
    # One of its two pictures is marked as decorative, as PowerPoint's Alt Text pane does it.
    assert report.check("pptx-picture-alt-text").detail == (
        "Both pictures have alternative text, or are marked as decorative."
    )


def test_slides_without_titles_fail_2_4_6_and_say_which_slides():
    titles = check("powerpoint-inaccessible.pptx").check("pptx-slide-titles")

    assert titles.passed is False
    assert titles.criterion == "2.4.6 Headings and Labels, 1.3.1 Info and Relationships"
    # Slide 2 has a text box that looks like a title; slide 3 has a title placeholder left empty.
    assert titles.detail == "Slides 2 and 3 have no title."
    assert "Home > Layout, choose a layout with a title" in titles.how_to_fix


def test_pictures_without_alt_text_or_with_a_file_name_for_it_fail_1_1_1():
    pictures = check("powerpoint-inaccessible.pptx").check("pptx-picture-alt-text")

    assert pictures.passed is False
    assert pictures.criterion == "1.1.1 Non-text Content"
    assert pictures.detail == (
        "None of the 2 pictures (on slides 2 and 3) has alternative text. One of them has only a file name instead."
    )
    assert "Right-click each picture > View Alt Text" in pictures.how_to_fix


def test_a_presentation_without_a_title_in_its_properties_fails_2_4_2():
    title = check("powerpoint-inaccessible.pptx").check("pptx-title")

    assert title.passed is False
    assert title.criterion == "2.4.2 Page Titled"
    assert "File > Info" in title.how_to_fix


def test_a_presentation_saved_by_libreoffice_keeps_titles_and_alt_text_but_loses_decorative_marks():
    report = check("powerpoint-libreoffice.pptx")

    assert report.check("pptx-slide-titles").passed is True
    assert report.check("pptx-title").passed is True
    assert report.check("pptx-picture-alt-text").detail == ("1 of the 2 pictures (on slide 2) has no alternative text.")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("powerpoint-truncated.pptx", "The file is damaged: it is not a complete PowerPoint file."),
        ("powerpoint-not-a-presentation.pptx", "The file is a zip archive, not a PowerPoint presentation."),
        (
            "powerpoint-actually-word.pptx",
            "The file is a Word document, not a PowerPoint presentation, although its name ends in .pptx.",
        ),
        ("pdf-tagged.pdf", "The file is not a PowerPoint presentation, although its name ends in .pptx."),
    ],
)
def test_a_file_that_is_not_a_whole_presentation_could_not_be_checked(name, reason):
    report = check(name, "pptx")

    assert (report.outcome, report.reason, report.checks) == (Outcome.COULD_NOT_CHECK, reason, [])


@pytest.mark.parametrize("name", ["powerpoint-password.pptx", "word-password.docx"])
def test_an_office_file_saved_with_a_password_could_not_be_checked(name):
    report = check(name)

    assert report.outcome == Outcome.COULD_NOT_CHECK
    assert report.reason.startswith("The file is protected with a password, so it could not be opened.")


# --- Word ----------------------------------------------------------------------------------------


def test_a_word_document_with_headings_alt_text_and_a_title_passes():
    report = check("word-accessible.docx")

    assert report.outcome == Outcome.PASSES
    assert [(check.code, check.passed) for check in report.checks] == [
        ("docx-headings", True),
        ("docx-picture-alt-text", True),
        ("docx-title", True),
    ]
    assert report.check("docx-headings").detail == "2 headings use heading styles."


def test_bold_text_instead_of_heading_styles_fails_1_3_1():
    headings = check("word-inaccessible.docx").check("docx-headings")

    assert headings.passed is False
    assert headings.criterion == "1.3.1 Info and Relationships, 2.4.6 Headings and Labels"
    assert "Home > Styles > Heading 1" in headings.how_to_fix


def test_a_word_picture_without_alt_text_fails_1_1_1():
    pictures = check("word-inaccessible.docx").check("docx-picture-alt-text")

    assert (pictures.passed, pictures.detail) == (False, "The picture has no alternative text.")
    assert "View Alt Text" in pictures.how_to_fix


def test_a_word_document_without_a_title_fails_2_4_2_and_says_where_to_set_it():
    title = check("word-inaccessible.docx").check("docx-title")

    assert (title.passed, title.detail) == (False, "The Word file has no title in its properties.")
    assert title.how_to_fix == "Give the document a title: File > Info, then fill in Title under Properties."


def test_a_file_name_as_the_title_is_no_title(tmp_path):
    document = docx.Document(CORPUS / "word-accessible.docx")
    document.core_properties.title = "SOC briefing v3 FINAL.docx"
    document.save(tmp_path / "briefing.docx")

    title = check_file(tmp_path / "briefing.docx", "docx").check("docx-title")

    assert title.passed is False
    assert title.detail == "The title in its properties is a file name, “SOC briefing v3 FINAL.docx”, not a title."


def test_a_word_97_2003_file_named_docx_could_not_be_checked_and_says_to_save_it_as_docx():
    report = check("word-97-2003.docx")

    assert report.outcome == Outcome.COULD_NOT_CHECK
    assert report.reason == (
        "The file is in the old Word 97-2003 (.doc) format, although its name ends in .docx. "
        "Save it as .docx to have it checked."
    )


def test_a_pdf_named_docx_is_not_a_word_document():
    assert check("pdf-tagged.pdf", "docx").reason == "The file is not a Word document, although its name ends in .docx."


# --- Zip bombs -----------------------------------------------------------------------------------

CONTENT_TYPES = {
    "pptx": ("ppt/slides/slide1.xml", "presentationml.presentation"),
    "docx": ("word/document.xml", "wordprocessingml.document"),
}


def package(extension, parts):
    """A zip with a [Content_Types].xml for extension and parts {name: bytes, or a count of MB of spaces}."""
    main_part, content_type = CONTENT_TYPES[extension]
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{main_part}" ContentType="application/vnd.openxmlformats-officedocument.'
        f'{content_type}.main+xml"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        for name, content in parts.items():
            if isinstance(content, int):
                with archive.open(name, "w", force_zip64=True) as part:
                    for _ in range(content):
                        part.write(b" " * MB)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


def declare_size(zip_bytes, name, size):
    """The zip with the central directory claiming that part name inflates to size bytes."""
    data = bytearray(zip_bytes)
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, entry + 24, size)
            return bytes(data)
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(f"no {name} in the zip")


@pytest.mark.parametrize("extension", ["pptx", "docx"])
def test_a_zip_bomb_is_refused_from_its_declared_size_without_inflating_it(extension):
    main_part = CONTENT_TYPES[extension][0]
    bomb = package(extension, {main_part: 60})  # 60 MB of XML part, a few tens of KB compressed
    assert len(bomb) < MB
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo(main_part).file_size == 60 * MB

    tracemalloc.start()
    started = time.perf_counter()
    try:
        report = check_file(io.BytesIO(bomb), extension)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert report.outcome == Outcome.COULD_NOT_CHECK
    assert report.reason == (
        f"The file is too large to check: one of its parts ({main_part}) is over 50 MB uncompressed."
    )
    assert time.perf_counter() - started < 2
    assert peak < 4 * MB


def test_parts_that_together_inflate_past_200_mb_are_refused():
    parts = {f"ppt/media/image{number}.png": b"small" for number in range(5)}
    archive = package("pptx", parts)
    for name in parts:
        archive = declare_size(archive, name, 45 * MB)

    report = check_file(io.BytesIO(archive), "pptx")

    assert report.reason == "The file is too large to check: it is over 200 MB uncompressed."


def test_a_package_of_more_than_10000_parts_is_refused():
    archive = package("docx", {f"word/part{number}.xml": b"" for number in range(10_001)})

    report = check_file(io.BytesIO(archive), "docx")

    assert report.reason == "The file is too large to check: it has more than 10,000 parts."


# --- What check_file takes and gives ---------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "txt", "zip", "xlsx", "odt", "rtf", ""])
def test_other_formats_are_not_checked_and_the_reason_says_which_are(extension):
    report = check_file("/nonexistent/file", extension)  # the file is not even opened

    assert report.outcome == Outcome.NOT_CHECKED
    assert "Only PDF, PowerPoint (.pptx) and Word (.docx) files are checked for accessibility." in report.reason
    assert report.checks == []


def test_an_old_powerpoint_file_is_not_checked_and_the_reason_says_to_save_it_as_pptx():
    report = check_file("/nonexistent/slides.ppt", "ppt")

    assert report.reason == (
        "This is a .ppt file. Only PDF, PowerPoint (.pptx) and Word (.docx) files are checked for accessibility. "
        "Save it in the newer .pptx format to have it checked."
    )


def test_a_missing_file_could_not_be_checked():
    report = check_file("/nonexistent/guidance.pdf", "pdf")

    assert (report.outcome, report.reason) == (Outcome.COULD_NOT_CHECK, "There is no file to check.")


def test_a_file_object_gives_the_same_report_as_its_path_and_is_left_at_its_start():
    path = CORPUS / "pdf-no-title-no-language.pdf"
    with open(path, "rb") as file:
        file.read(100)
        from_file = check_file(file, ".PDF")
        assert file.tell() == 0
    in_memory = io.BytesIO((CORPUS / "powerpoint-inaccessible.pptx").read_bytes())

    assert from_file == check_file(str(path), "pdf")
    assert check_file(in_memory, "pptx") == check("powerpoint-inaccessible.pptx")
    assert in_memory.tell() == 0


def test_an_upload_as_django_hands_it_over_can_be_checked():
    upload = SimpleUploadedFile("briefing.pptx", (CORPUS / "powerpoint-accessible.pptx").read_bytes())

    report = check_file(upload, "pptx")

    assert (report.outcome, report.slide_count) == (Outcome.PASSES, 3)


def test_files_damaged_anywhere_give_a_report_never_an_exception():
    chance = random.Random(16)
    for path in sorted(CORPUS.iterdir()):
        original = path.read_bytes()
        for _ in range(10):
            damaged = bytearray(original)
            for _ in range(chance.choice([1, 10, 100])):
                damaged[chance.randrange(len(damaged))] = chance.randrange(256)
            report = check_file(
                io.BytesIO(bytes(damaged[: chance.randrange(len(damaged) // 2, len(damaged))])), path.suffix
            )
            assert isinstance(report.outcome, Outcome)
            json.dumps(report.to_dict())


def test_a_report_survives_json_and_pickle_unchanged():
    for name in ("pdf-scanned.pdf", "powerpoint-accessible.pptx", "pdf-password.pdf"):
        report = check(name)
        assert FileReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
        assert pickle.loads(pickle.dumps(report)) == report
    assert check("pdf-tagged.pdf").to_dict()["outcome"] == "passes"


def test_an_advisory_check_that_fails_does_not_make_a_file_fail_but_a_required_one_does():
    advice = CheckResult("pdf-fonts-embedded", "Every font is embedded", False, "PDF/UA", "Embed them.", advisory=True)
    required = CheckResult("pdf-tagged", "The PDF is tagged", False, "1.3.1 Info and Relationships", "Tag it.")
    passing = CheckResult("pdf-language", "The PDF's language is set", True, "3.1.1 Language of Page", "Set it.")
    not_applicable = CheckResult("pdf-bookmarks", "Bookmarks", None, "2.4.5 Multiple Ways", "Add them.")

    advised = FileReport.from_checks("pdf", [passing, not_applicable, advice])
    failed = FileReport.from_checks("pdf", [passing, not_applicable, required])

    assert (advised.outcome, advised.reason) == (
        Outcome.PASSES,
        "Passes the 1 check that applies. It does not follow 1 point of good practice.",
    )
    assert (failed.outcome, failed.reason) == (Outcome.FAILS, "Fails 1 of the 2 checks that apply.")
    assert failed.failures == [required]


def every_corpus_report():
    return {path.name: check_file(path, path.suffix) for path in sorted(CORPUS.iterdir())}


def test_no_corpus_file_makes_check_file_raise_and_every_check_names_its_criterion_and_a_fix():
    for name, report in every_corpus_report().items():
        assert isinstance(report.outcome, Outcome), name
        for result in report.checks:
            number = result.criterion.split()[0]
            assert number in UNDERSTANDING or result.criterion.startswith("PDF/UA"), (name, result.criterion)
            assert re.match(r"^\d\.\d\.\d+ [A-Z][a-z]+", result.criterion) or result.advisory, result.criterion
            assert result.how_to_fix.endswith("."), (name, result.code)


def test_every_check_passes_on_one_corpus_file_and_fails_on_another():
    seen = {}
    for report in every_corpus_report().values():
        for result in report.checks:
            seen.setdefault(result.code, set()).add(result.passed)

    assert len(seen) == 14
    assert {code for code, results in seen.items() if not {True, False} <= results} == set()
