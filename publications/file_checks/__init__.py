"""Accessibility checks of uploaded documents: PDF, PowerPoint (.pptx) and Word (.docx).

The Public Sector Bodies Accessibility Regulations 2018 ask for documents that meet WCAG 2.2 AA.
No program can say a document does; these checks find the common ways it doesn't, check by check,
each naming the success criterion it stands for and saying how to put it right in the tool the
document was made in.

    from publications.file_checks import Outcome, check_file

    report = check_file("/path/to/guidance.pdf", "pdf")      # or a binary file object, e.g. an upload
    report.outcome          # Outcome.PASSES, FAILS, COULD_NOT_CHECK or NOT_CHECKED (a str: "passes"...)
    report.reason           # "Fails 2 of the 7 checks that apply."
    report.page_count       # PDFs; report.slide_count for PowerPoints ("14 slides")
    for check in report.checks:                             # CheckResult, in a fixed order per format
        check.code, check.title, check.passed               # passed: True, False, or None (does not apply)
        check.criterion, check.how_to_fix, check.detail, check.advisory
    report.failures         # the checks that made it fail
    FileReport.from_dict(report.to_dict())                   # plain JSON types, for a subprocess or a JSONField

check_file(source, extension) -> FileReport
    Never raises for anything about the file: damaged, truncated, encrypted, password-protected, the
    wrong kind of file for its extension, or too large are all Outcome.COULD_NOT_CHECK, with a reason
    to show. Formats other than pdf, pptx and docx are Outcome.NOT_CHECKED (csv, xlsx, odt, zip...).
    Its arguments and its result pickle, so it can run in a worker process with memory and time limits.

Outcomes
    passes: every check that applies passed. Advisory checks (good practice that no WCAG success
        criterion requires: embedded fonts in a PDF, PDF/UA 7.21.4.1) may have failed; the reason says so.
    fails: at least one check that is not advisory failed.
    could not be checked / not checked: as above; report.checks is then empty.

The checks (code: criterion)
    PDF, with pikepdf:
        pdf-tagged: 1.3.1 Info and Relationships (/MarkInfo /Marked true, and a structure tree with tags)
        pdf-title: 2.4.2 Page Titled (a title in /Info or XMP, and /ViewerPreferences /DisplayDocTitle true)
        pdf-language: 3.1.1 Language of Page (/Lang in the catalog, a language tag)
        pdf-text-layer: 1.4.5 Images of Text, 1.1.1 Non-text Content (no page is pictures without text;
            the first 500 pages are examined)
        pdf-bookmarks: 2.4.5 Multiple Ways (bookmarks in a PDF of more than 20 pages; else does not apply)
        pdf-figure-alt-text: 1.1.1 Non-text Content (/Alt or /ActualText on every /Figure; does not apply
            to an untagged PDF or one without figures)
        pdf-screen-readers-allowed: 1.3.1 Info and Relationships (encryption permissions don't shut out
            screen readers)
        pdf-fonts-embedded: PDF/UA-1 7.21.4.1, advisory (every font used has a FontFile, FontFile2 or
            FontFile3; Type 3 fonts are drawn by the PDF, so count as embedded)
    PowerPoint, with python-pptx:
        pptx-slide-titles: 2.4.6 Headings and Labels, 1.3.1 Info and Relationships
        pptx-picture-alt-text: 1.1.1 Non-text Content (descr, or marked as decorative)
        pptx-title: 2.4.2 Page Titled (Title in the file's properties)
    Word, with python-docx:
        docx-headings: 1.3.1 Info and Relationships, 2.4.6 Headings and Labels
        docx-picture-alt-text: 1.1.1 Non-text Content
        docx-title: 2.4.2 Page Titled
    Alternative text or a title that is only a file name ("chart.png") counts as none, and so does a
    title that tools put in when nobody gave one ("Untitled", "PowerPoint Presentation", "Document1").

Limits (untrusted uploads of up to 50 MB): a .pptx or .docx whose zip directory says any part
inflates to over 50 MB, or all parts to over 200 MB, is refused before anything is inflated; a PDF
page's content is measured before it is decoded (20 MB a page, 100 MB in all); at most 500 PDF pages
and 200,000 tags are examined, and a detail says when a limit cut a check short.
"""

from .checker import check_file
from .criteria import UNDERSTANDING
from .results import CHECKS_VERSION, CheckResult, FileReport, Outcome

__all__ = ["CHECKS_VERSION", "UNDERSTANDING", "CheckResult", "FileReport", "Outcome", "check_file"]
