"""What a check finds: one CheckResult per check, and a FileReport per file."""

import dataclasses
import enum
import re

# Bump when a check is added, removed or changed, so that stored reports can be told apart and redone.
CHECKS_VERSION = 1

CHECKED_FORMATS = {"pdf": "PDF", "pptx": "PowerPoint", "docx": "Word"}


class Outcome(enum.StrEnum):
    """How a file did overall. A StrEnum, so it is also the plain string stored in to_dict()."""

    PASSES = "passes"  # every check that applies passed (advisory ones may not have)
    FAILS = "fails"  # at least one check that counts failed
    COULD_NOT_CHECK = "could not be checked"  # a format we check, but this file is damaged, locked or too large
    NOT_CHECKED = "not checked"  # a format the checker does not look at (CSV, Excel, ZIP...)


class CannotCheck(Exception):  # noqa: N818 - it is an outcome, not an error of ours
    """Raised inside a checker when a file can't be checked; the message is the plain-English reason."""


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """One check of one file.

    code: a stable identifier, e.g. "pdf-tagged" (for code and styling, not for people).
    title: what the check looks for, as a statement that is true when it passes ("The PDF is tagged").
    passed: True, False, or None when the check does not apply (a PDF with no figures, a 3-page PDF
        and bookmarks).
    criterion: the WCAG 2.2 success criterion it stands for, number and name ("1.1.1 Non-text Content");
        two are joined with ", ". Checks that stand for no WCAG criterion name their source instead.
    how_to_fix: what to do in the authoring tool, in plain words. Given whether or not the check passed.
    detail: what was found in this file ("Slides 2 and 3 have no title."), or "".
    advisory: True for good practice that no WCAG 2.2 success criterion requires. An advisory check
        that fails is reported but does not make the file fail.
    """

    code: str
    title: str
    passed: bool | None
    criterion: str
    how_to_fix: str
    detail: str = ""
    advisory: bool = False

    @property
    def failed(self):
        return self.passed is False

    def to_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data):
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclasses.dataclass(frozen=True)
class FileReport:
    """The checks of one file and what they add up to.

    extension: the file's extension as given, lower case, without the dot ("pdf").
    outcome: an Outcome.
    reason: one short sentence saying why ("Fails 2 of the 6 checks that apply.", "The PDF is
        protected with a password, so it could not be opened.").
    checks: a list of CheckResult, empty unless the file was checked.
    page_count: pages in a PDF; slide_count: slides in a PowerPoint. None when not known.
    version: the CHECKS_VERSION that made the report.
    """

    extension: str
    outcome: Outcome
    reason: str
    checks: list[CheckResult] = dataclasses.field(default_factory=list)
    page_count: int | None = None
    slide_count: int | None = None
    version: int = CHECKS_VERSION

    @classmethod
    def from_checks(cls, extension, checks, **counts):
        """The report of a file that was checked: it fails if a check that counts failed."""
        applicable = [check for check in checks if check.passed is not None and not check.advisory]
        failures = [check for check in applicable if check.failed]
        advice = [check for check in checks if check.advisory and check.failed]
        that_apply = f"{_checks(len(applicable))} that {'applies' if len(applicable) == 1 else 'apply'}"
        if not applicable:
            outcome, reason = Outcome.PASSES, "None of the checks apply to this file."
        elif failures:
            outcome = Outcome.FAILS
            reason = f"Fails {len(failures)} of the {that_apply}."
        else:
            outcome = Outcome.PASSES
            reason = f"Passes {'the' if len(applicable) == 1 else 'all'} {that_apply}."
        if advice:
            points = "1 point" if len(advice) == 1 else f"{len(advice)} points"
            reason += f" It does not follow {points} of good practice."
        return cls(extension, outcome, reason, list(checks), **counts)

    @classmethod
    def could_not_check(cls, extension, reason, **counts):
        return cls(extension, Outcome.COULD_NOT_CHECK, reason, [], **counts)

    @classmethod
    def not_checked(cls, extension):
        formats = "PDF, PowerPoint (.pptx) and Word (.docx)"
        what = f"a .{extension} file" if extension else "a file with no extension"
        reason = f"This is {what}. Only {formats} files are checked for accessibility."
        newer = {"ppt": "pptx", "doc": "docx", "pps": "pptx", "pot": "pptx", "dot": "docx"}.get(extension)
        if newer:
            reason += f" Save it in the newer .{newer} format to have it checked."
        return cls(extension, Outcome.NOT_CHECKED, reason, [])

    @property
    def format_name(self):
        """ "PDF", "PowerPoint", "Word", or the extension in capitals for formats that are not checked."""
        return CHECKED_FORMATS.get(self.extension, self.extension.upper())

    @property
    def failures(self):
        """The checks that make the file fail (advisory ones never do)."""
        return [check for check in self.checks if check.failed and not check.advisory]

    def check(self, code):
        """The CheckResult with this code; KeyError if the report has none."""
        for check in self.checks:
            if check.code == code:
                return check
        raise KeyError(code)

    def to_dict(self):
        """Plain JSON types only: for a subprocess's answer, a JSONField, or the cache."""
        return {
            "extension": self.extension,
            "outcome": str(self.outcome),
            "reason": self.reason,
            "checks": [check.to_dict() for check in self.checks],
            "page_count": self.page_count,
            "slide_count": self.slide_count,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data):
        return cls(
            extension=data["extension"],
            outcome=Outcome(data["outcome"]),
            reason=data["reason"],
            checks=[CheckResult.from_dict(check) for check in data.get("checks", [])],
            page_count=data.get("page_count"),
            slide_count=data.get("slide_count"),
            version=data.get("version", 0),
        )


def _checks(count):
    return f"{count} check" if count == 1 else f"{count} checks"


# --- Helpers the checkers share ---------------------------------------------------------------

_FILE_NAME = re.compile(
    r"^[\w\-. ]*\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp|heic|docx?|pptx?|xlsx?|pdf|odt|odp|rtf|txt)$",
    re.IGNORECASE,
)


# What tools write when nobody has given a title: ghostscript's "Untitled", Office's "Document1"...
_PLACEHOLDER = re.compile(
    r"^(untitled( document| presentation)?|(powerpoint )?presentation\d*|document\d*|slide \d+|title)$",
    re.IGNORECASE,
)


def looks_like_file_name(text):
    """True for "chart.png" or "Microsoft Word - draft.docx": what tools put where a description should be."""
    return bool(_FILE_NAME.match(text.strip()))


def describe_text(text):
    """None when text is a usable title or description; otherwise why not ("empty", "a file name", "a placeholder")."""
    text = (text or "").strip()
    if not text:
        return "empty"
    if looks_like_file_name(text):
        return "a file name"
    if _PLACEHOLDER.match(text):
        return "a placeholder"
    return None


def every(count, noun):
    """ "The picture", "Both pictures", "All 3 pictures": the start of a sentence about all of them."""
    if count == 1:
        return f"The {noun}"
    return f"Both {noun}s" if count == 2 else f"All {count} {noun}s"


def numbers(items, limit=10):
    """ "2", "2 and 5", "1, 2 and 5", "1, 2, ... and 9 more": page or slide numbers for a sentence."""
    items = [str(item) for item in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted(text, limit=80):
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
