"""The accessibility checks of PDFs, against the corpus in tests/publications/corpus (made by real tools)."""

import tracemalloc
import zlib

import pikepdf

from publications.file_checks import Outcome, check_file, pdf_content
from tests.publications.corpus_checks import MB, check

# --- PDF -----------------------------------------------------------------------------------------


def test_a_tagged_pdf_with_title_and_language_passes_every_check_that_applies():
    report = check("pdf-tagged.pdf")

    assert report.outcome == Outcome.PASSES
    assert report.reason == "Passes all 6 checks that apply."
    assert report.page_count == 1
    assert [check.code for check in report.checks] == [
        "pdf-tagged",
        "pdf-title",
        "pdf-language",
        "pdf-text-layer",
        "pdf-bookmarks",
        "pdf-figure-alt-text",
        "pdf-screen-readers-allowed",
        "pdf-fonts-embedded",
    ]
    assert {check.code: check.passed for check in report.checks} == {
        "pdf-tagged": True,
        "pdf-title": True,
        "pdf-language": True,
        "pdf-text-layer": True,
        "pdf-bookmarks": None,  # 1 page
        "pdf-figure-alt-text": True,
        "pdf-screen-readers-allowed": True,
        "pdf-fonts-embedded": True,
    }
    assert report.check("pdf-language").detail == "The language is en-GB."


def test_an_untagged_pdf_fails_1_3_1_and_says_how_to_export_with_tags():
    report = check("pdf-untagged.pdf")
    tagged = report.check("pdf-tagged")

    assert report.outcome == Outcome.FAILS
    assert report.failures == [tagged]
    assert tagged.criterion == "1.3.1 Info and Relationships"
    assert "no tags" in tagged.detail
    assert "'Document structure tags for accessibility'" in tagged.how_to_fix
    assert "File > Export as PDF" in tagged.how_to_fix


def test_the_figures_of_an_untagged_pdf_cant_be_found_so_that_check_does_not_apply():
    figures = check("pdf-untagged.pdf").check("pdf-figure-alt-text")

    assert figures.passed is None
    assert "tag it first" in figures.detail


def test_a_pdf_without_title_or_language_fails_2_4_2_and_3_1_1():
    report = check("pdf-no-title-no-language.pdf")
    title, language = report.check("pdf-title"), report.check("pdf-language")

    assert (title.passed, language.passed) == (False, False)
    assert title.criterion == "2.4.2 Page Titled"
    assert title.detail == "The PDF has no title in its properties."
    assert "File > Info > Properties > Title" in title.how_to_fix
    assert language.criterion == "3.1.1 Language of Page"
    assert "Review > Language" in language.how_to_fix


def test_a_pdf_title_that_readers_are_not_told_to_show_fails_2_4_2():
    title = check("pdf-title-not-shown.pdf").check("pdf-title")

    assert title.passed is False
    assert "show the file name instead" in title.detail
    assert "Initial View" in title.how_to_fix and "Show: Document Title" in title.how_to_fix


def test_a_placeholder_title_such_as_untitled_is_no_title():
    title = check("pdf-fonts-not-embedded.pdf").check("pdf-title")  # ghostscript writes "Untitled"

    assert title.passed is False
    assert title.detail == "The PDF's title is a placeholder, “Untitled”, not a title."


def test_a_scanned_pdf_fails_the_text_layer_check_1_4_5_and_1_1_1():
    report = check("pdf-scanned.pdf")
    text = report.check("pdf-text-layer")

    assert text.passed is False
    assert text.criterion == "1.4.5 Images of Text, 1.1.1 Non-text Content"
    assert text.detail.startswith("Page 1 is a picture with no text, like a scan")
    assert "Recognize text" in text.how_to_fix
    assert report.check("pdf-fonts-embedded").passed is None  # a scan has no fonts


def test_a_pdf_saved_from_a_document_has_a_text_layer():
    assert check("pdf-untagged.pdf").check("pdf-text-layer").passed is True


def test_a_pdf_over_20_pages_needs_bookmarks_2_4_5():
    with_bookmarks = check("pdf-long-bookmarked.pdf")
    without = check("pdf-long-no-bookmarks.pdf")

    assert with_bookmarks.page_count == without.page_count == 24
    assert with_bookmarks.outcome == Outcome.PASSES
    assert with_bookmarks.check("pdf-bookmarks").passed is True
    bookmarks = without.check("pdf-bookmarks")
    assert without.failures == [bookmarks]
    assert bookmarks.criterion == "2.4.5 Multiple Ways"
    assert bookmarks.detail == "The PDF has 24 pages and no bookmarks to find your way around it."
    assert "'Create bookmarks using: Headings'" in bookmarks.how_to_fix


def test_bookmarks_do_not_apply_to_a_pdf_of_20_pages_or_fewer():
    bookmarks = check("pdf-tagged.pdf").check("pdf-bookmarks")

    assert bookmarks.passed is None
    assert bookmarks.detail == "The PDF has 1 page: bookmarks are needed over 20 pages."


def test_a_tagged_figure_without_alt_text_fails_1_1_1_and_says_on_which_page():
    figures = check("pdf-no-title-no-language.pdf").check("pdf-figure-alt-text")

    assert figures.passed is False
    assert figures.criterion == "1.1.1 Non-text Content"
    assert figures.detail == "The figure (on page 1) has no alternative text."
    assert "View Alt Text" in figures.how_to_fix


def test_a_tagged_figure_with_alt_text_passes_and_a_pdf_without_figures_is_not_applicable():
    assert check("pdf-tagged.pdf").check("pdf-figure-alt-text").passed is True
    no_figures = check("pdf-long-bookmarked.pdf").check("pdf-figure-alt-text")
    assert (no_figures.passed, no_figures.detail) == (None, "The PDF has no figures.")


def test_fonts_that_are_not_embedded_fail_an_advisory_pdf_ua_check():
    report = check("pdf-fonts-not-embedded.pdf")
    fonts = report.check("pdf-fonts-embedded")

    assert fonts.passed is False
    assert fonts.advisory is True
    assert fonts.criterion.startswith("PDF/UA-1 7.21.4.1")
    assert "not a WCAG success criterion" in fonts.criterion
    assert fonts.detail.startswith("1 font not embedded: Helvetica.")
    assert fonts not in report.failures
    assert report.reason.endswith("It does not follow 1 point of good practice.")


def test_fonts_embedded_by_libreoffice_pass():
    fonts = check("pdf-tagged.pdf").check("pdf-fonts-embedded")

    assert (fonts.passed, fonts.detail) == (True, "Both fonts used are embedded.")


def test_a_pdf_whose_permissions_shut_out_screen_readers_fails():
    report = check("pdf-blocks-screen-readers.pdf")  # encrypted with an owner password only: it opens
    allowed = report.check("pdf-screen-readers-allowed")

    assert report.failures == [allowed]
    assert allowed.criterion == "1.3.1 Info and Relationships"
    assert "No Security" in allowed.how_to_fix
    assert report.check("pdf-tagged").passed is True  # everything else could still be read


def test_a_pdf_with_a_password_to_open_could_not_be_checked():
    report = check("pdf-password.pdf")

    assert report.outcome == Outcome.COULD_NOT_CHECK
    assert report.reason.startswith("The PDF is protected with a password, so it could not be opened.")
    assert report.checks == []


def test_a_truncated_pdf_could_not_be_checked():
    report = check("pdf-truncated.pdf")

    assert (report.outcome, report.reason) == (Outcome.COULD_NOT_CHECK, "The PDF is damaged, so it could not be read.")


def test_a_word_document_named_pdf_is_not_a_pdf():
    report = check("word-accessible.docx", "pdf")

    assert report.outcome == Outcome.COULD_NOT_CHECK
    assert report.reason == "The file is not a PDF, although its name ends in .pdf."


def test_only_the_first_pages_are_examined_and_the_detail_says_so(monkeypatch):
    monkeypatch.setattr(pdf_content, "MAX_PAGES_EXAMINED", 5)

    text = check("pdf-long-bookmarked.pdf").check("pdf-text-layer")

    assert text.passed is True
    assert text.detail.endswith("Only the first 5 of the 24 pages were checked.")


def test_page_content_that_inflates_past_the_limit_is_measured_not_kept(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    compressor = zlib.compressobj(9)
    bomb = b"".join(compressor.compress(b" " * MB) for _ in range(64)) + compressor.flush()
    contents = pikepdf.Stream(pdf, b"")
    contents.write(bomb, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].Contents = pdf.make_indirect(contents)
    path = tmp_path / "bomb.pdf"
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    assert path.stat().st_size < MB  # 64 MB of content once inflated

    tracemalloc.start()
    try:
        report = check_file(path, "pdf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    text = report.check("pdf-text-layer")
    assert text.passed is None
    assert "Page 1 could not be read, so it was not checked." in text.detail
    assert peak < 8 * MB
